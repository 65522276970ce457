package io.genrec.models.sequential;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.genrec.models.training.ParameterSet;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Runs a training network in inference mode on single windows, for the masking and consistency tests. */
final class NetworkProbe {
    private NetworkProbe() { }

    /** Adds noise to every weight so biases and norm parameters are not trivially 0/1. */
    static ParameterSet perturbed(ParameterSet w) {
        Random r = new Random(9);
        for (String name : w.names()) {
            float[] v = w.get(name);
            for (int i = 0; i < v.length; i++) v[i] += (float) (0.1 * r.nextGaussian());
        }
        return w;
    }

    /** The network's dropout-free hidden states of one window, {@code [maxLen][hiddenSize]}. */
    static float[][] hidden(NextItemNetwork net, ParameterSet w, int[] window, int hiddenSize) {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> live = new LinkedHashMap<>();
            for (String name : w.names()) {
                int[] s = w.shape(name);
                long[] shape = new long[s.length];
                for (int i = 0; i < s.length; i++) shape[i] = s[i];
                live.put(name, m.create(w.get(name), new Shape(shape)));
            }
            float[] flat = net.hidden(m, live, window, 1, x -> x).toFloatArray();
            float[][] out = new float[window.length][];
            for (int t = 0; t < window.length; t++) out[t] = Arrays.copyOfRange(flat, t * hiddenSize, (t + 1) * hiddenSize);
            return out;
        }
    }

    /**
     * Asserts that changing the items after position {@code t} of {@code window} leaves the hidden states at
     * positions {@code 0..t} unchanged, while changing the item at {@code t} does change the state at {@code t}.
     */
    static void assertNoFutureLeak(NextItemNetwork net, ParameterSet w, int[] window, int t, int numItems, int hiddenSize) {
        int[] future = window.clone();
        for (int k = t + 1; k < future.length; k++) future[k] = (future[k] * 7 + 2) % numItems;
        int[] present = window.clone();
        present[t] = (present[t] + 1) % numItems;
        float[][] a = hidden(net, w, window, hiddenSize), b = hidden(net, w, future, hiddenSize), c = hidden(net, w, present, hiddenSize);
        for (int s = 0; s <= t; s++) assertArrayEquals(a[s], b[s], 1e-6f, "position " + s + " changed when only items after " + t + " changed");
        assertFalse(Arrays.equals(a[t + 1], b[t + 1]), "changing the item at a position must change its output");
        assertFalse(Arrays.equals(a[t], c[t]), "changing the item at t must change the output at t");
    }
}
