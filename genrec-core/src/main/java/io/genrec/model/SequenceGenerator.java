package io.genrec.model;

import java.util.Arrays;
import java.util.List;

/**
 * Implemented by fitted next-item models that can continue a user's sequence auto-regressively, feeding each chosen
 * item back as input (e.g. SASRec, GRU4Rec, BERT4Rec), so a caller can ask for the next {@code n} items of a session
 * rather than one ranking. Callers test {@code model instanceof SequenceGenerator} after checking
 * {@link Capability#SEQUENTIAL}. Implementations must be thread safe and deterministic for a given model and request.
 */
public interface SequenceGenerator {
    /** A generated continuation and its total log-probability under the model's next-item distribution. */
    record Continuation(int[] items, double logProb) {
        @Override
        public String toString() { return Arrays.toString(items) + " logp=" + logProb; }
    }

    /**
     * The {@code beamWidth} best continuations of {@code user}'s history by {@code length} items, best first; each
     * item passes {@code filter} and appears at most once in a continuation. {@code beamWidth = 1} is greedy decoding.
     */
    List<Continuation> generate(UserContext user, int length, int beamWidth, ItemFilter filter);
}
