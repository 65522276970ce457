package io.genrec.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs a network's training graph (the DJL/PyTorch {@link TrainableNetwork#loss}) forward once on given weights and
 * rows, or its native validation scores, for the tests that check a Java scorer against the graph it was trained
 * with.
 */
public final class GraphLoss {
    private GraphLoss() { }

    /** The training loss of {@code rows} as one batch at optimizer step {@code step}. */
    public static double of(TrainableNetwork net, ParameterSet w, int[] rows, long step, long seed) {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> live = uploaded(m, w);
            Batch b = new Batch(rows, m, live, new SplittableRandom(seed), 0, step, TrainingPhase.all(w));
            return net.loss(b).toFloatArray()[0];
        }
    }

    /** Every weight of {@code w} as a tensor in {@code m}. */
    private static Map<String, NDArray> uploaded(NDManager m, ParameterSet w) {
        Map<String, NDArray> live = new LinkedHashMap<>();
        for (String name : w.names()) live.put(name, OwnedArrays.floats(m, w.get(name), NativeWeights.shapeOf(w, name)));
        return live;
    }

    /** The network's native validation scores of {@code histories} on weights {@code w}, one row per history. */
    public static float[][] validationScores(TrainableNetwork net, ParameterSet w, int[][] histories, int numItems) {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] all = net.validationScores(m, uploaded(m, w), histories).toFloatArray();
            float[][] rows = new float[histories.length][];
            for (int u = 0; u < rows.length; u++) rows[u] = java.util.Arrays.copyOfRange(all, u * numItems, (u + 1) * numItems);
            return rows;
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
