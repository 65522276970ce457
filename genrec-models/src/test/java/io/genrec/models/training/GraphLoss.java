package io.genrec.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs a network's training graph (the DJL/PyTorch {@link TrainableNetwork#loss}) forward once on given weights and
 * rows, for the tests that check a Java scorer against the graph it was trained with.
 */
public final class GraphLoss {
    private GraphLoss() { }

    /** The training loss of {@code rows} as one batch at optimizer step {@code step}. */
    public static double of(TrainableNetwork net, ParameterSet w, int[] rows, long step, long seed) {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> live = new LinkedHashMap<>();
            for (String name : w.names()) {
                int[] s = w.shape(name);
                long[] shape = new long[s.length];
                for (int i = 0; i < s.length; i++) shape[i] = s[i];
                live.put(name, OwnedArrays.floats(m, w.get(name), shape));
            }
            Batch b = new Batch(rows, m, live, new SplittableRandom(seed), 0, step, TrainingPhase.all(w));
            return net.loss(b).toFloatArray()[0];
        }
    }

    /** Adds seeded noise to every weight so biases are not trivially 0 and layers not near-identical. */
    public static ParameterSet perturbed(ParameterSet w, long seed) {
        java.util.Random r = new java.util.Random(seed);
        for (String name : w.names()) {
            float[] v = w.get(name);
            for (int i = 0; i < v.length; i++) v[i] += (float) (0.3 * r.nextGaussian());
        }
        return w;
    }

    /** {@code -Σ_{i ∈ items} log softmax(logits)_i}: the multinomial NLL of one multi-hot row. */
    public static double multinomialNll(float[] logits, int[] items) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) max = Math.max(max, l);
        double sum = 0;
        for (float l : logits) sum += Math.exp(l - max);
        double lse = max + Math.log(sum), nll = 0;
        for (int i : items) nll -= logits[i] - lse;
        return nll;
    }
}
