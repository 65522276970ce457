package io.genrec.model;

import io.genrec.provenance.Provenance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * A trained model. {@link #scoreAll} writes one score per item into a buffer the caller owns (higher is better;
 * {@code -infinity} means "never recommend"), so full-ranking evaluation allocates nothing per user.
 * Implementations must be safe for concurrent {@code scoreAll} calls from several threads.
 */
public interface FittedRecommender {
    String name();

    int numItems();

    /** Scores every item for {@code user}; {@code out.length} must equal {@link #numItems()}. */
    void scoreAll(UserContext user, float[] out);

    /**
     * Scores {@code users[i]} into {@code out[i]} for {@code i < count}, with the same values {@link #scoreAll} gives.
     * A model whose cost is reading its weights (a dense decoder over the catalogue) overrides this to read them once
     * per batch instead of once per user; the default scores one user after the other.
     */
    default void scoreBatch(UserContext[] users, float[][] out, int count) {
        for (int i = 0; i < count; i++) scoreAll(users[i], out[i]);
    }

    /** How many users {@link #scoreBatch} should get at once to pay off; 1 means batching gains nothing. */
    default int preferredBatch() { return 1; }

    /** The best {@code k} items that pass {@code filter} (callers usually exclude the history). */
    default TopK recommend(UserContext user, int k, ItemFilter filter) {
        float[] scores = new float[numItems()];
        scoreAll(user, scores);
        return TopK.select(scores, k, filter);
    }

    Provenance provenance();

    Set<Capability> capabilities();

    /**
     * Writes the model to {@code dir} (created if needed) so that the provider's {@code load} restores equal scores.
     * Implementations write through {@link io.genrec.util.SafeWrites} (as {@link ModelArchive} does): an existing
     * directory is replaced only if it is an earlier GenRec model. {@link DataBinding#save} adds the data the model
     * is tied to.
     */
    default void save(Path dir) throws IOException {
        throw new UnsupportedCapabilityException(name(), Capability.PERSISTENCE);
    }

    /** Throws naming the capability when this model lacks it. */
    default void require(Capability capability) {
        if (!capabilities().contains(capability)) throw new UnsupportedCapabilityException(name(), capability);
    }

    /** Checks a score buffer's size, naming both. */
    default void checkBuffer(float[] out) {
        if (out.length != numItems())
            throw new IllegalArgumentException("score buffer has " + out.length + " entries, model has " + numItems() + " items");
    }
}
