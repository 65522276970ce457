package io.genrec.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;

import java.nio.FloatBuffer;
import java.util.Set;

/**
 * The model under training as validation sees it when its network {@link TrainableNetwork#scoresNatively scores
 * natively}: everything but the scores comes from the Java model; the scores are computed by libtorch on the fit's
 * native weights, a batch of users per call, in a sub-manager closed before returning. Used from one thread only
 * (libtorch's own threads do the parallel work), and only while the trainer's root manager is open.
 */
final class NativeScoredModel implements FittedRecommender {
    /**
     * Users per native call. 1,024 made validation ~0.1 s faster on ML-1M, but its 11.5 MB score rows outlived young
     * collections and the old generation grew (1,020 MB peak RSS for a 20-epoch Mult-VAE fit against 800 MB).
     */
    static final int BATCH = 256;
    private final FittedRecommender java;
    private final TrainableNetwork network;
    private final NativeWeights weights;
    private final NDManager root;

    NativeScoredModel(FittedRecommender java, TrainableNetwork network, NativeWeights weights, NDManager root) {
        this.java = java;
        this.network = network;
        this.weights = weights;
        this.root = root;
    }

    @Override public String name() { return java.name(); }
    @Override public int numItems() { return java.numItems(); }
    @Override public Provenance provenance() { return java.provenance(); }
    @Override public Set<Capability> capabilities() { return java.capabilities(); }
    @Override public int preferredBatch() { return BATCH; }

    @Override
    public void scoreAll(UserContext user, float[] out) {
        scoreBatch(new UserContext[] {user}, new float[][] {out}, 1);
    }

    @Override
    public void scoreBatch(UserContext[] users, float[][] out, int count) {
        int n = numItems();
        for (int i = 0; i < count; i++) {
            checkBuffer(out[i]);
            NeuralFitted.checkHistory(users[i], n);
        }
        try (NDManager m = root.newSubManager()) {
            NDArray s = network.validationScores(m, weights.constants(m), NeuralFitted.distinctHistories(users, count));
            long[] shape = s.getShape().getShape();
            if (shape.length != 2 || shape[0] != count || shape[1] != n)
                throw new IllegalStateException(network.getClass().getSimpleName() + " returned scores of shape " + s.getShape() + ", expected (" + count + ", " + n + ")");
            FloatBuffer src = OwnedArrays.floatsOf(s);
            for (int i = 0; i < count; i++) src.get(out[i]);
        }
    }
}
