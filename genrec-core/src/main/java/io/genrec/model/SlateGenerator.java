package io.genrec.model;

/**
 * Implemented by fitted models that generate a whole slate (an ordered list of distinct items chosen jointly)
 * rather than ranking items one by one, e.g. List-CVAE. Callers test {@code model instanceof SlateGenerator} after
 * checking {@link Capability#LIST_GENERATION}. Implementations must be thread safe and deterministic for a given
 * model and request.
 */
public interface SlateGenerator {
    /**
     * Up to {@code k} distinct items that pass {@code filter}, in slate order (fewer only when fewer items pass the
     * filter).
     */
    int[] generateSlate(UserContext user, int k, ItemFilter filter);
}
