package io.genrec.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The weights of one fit as native PyTorch leaf tensors that live for the whole fit, in the trainer's root manager.
 * Why: uploading every weight and reading every gradient back each mini-batch cost two full copies of the model per
 * step plus the Java garbage of those copies (a 14 MB Mult-VAE made ~1.9 GB of heap churn). Now only the batch input
 * crosses to native memory per step; the host {@link ParameterSet} is refreshed by {@link #download} when Java code
 * needs the weights (validation, phase hooks, the result).
 */
final class NativeWeights {
    private final Map<String, PtNDArray> weights = new LinkedHashMap<>();

    /** Uploads {@code host}; parameters in {@code trainable} get gradients on. */
    NativeWeights(NDManager root, ParameterSet host, Set<String> trainable) {
        for (String name : host.names()) {
            PtNDArray w = (PtNDArray) OwnedArrays.floats(root, host.get(name), shapeOf(host, name));
            if (trainable.contains(name)) w.setRequiresGradient(true);
            weights.put(name, w);
        }
    }

    static long[] shapeOf(ParameterSet p, String name) {
        int[] s = p.shape(name);
        long[] shape = new long[s.length];
        for (int i = 0; i < s.length; i++) shape[i] = s[i];
        return shape;
    }

    int size() { return weights.size(); }

    PtNDArray get(String name) { return weights.get(name); }

    /**
     * The arrays one batch sees, owned by the batch manager {@code bm}: for the phase's parameters a second handle on
     * the leaf tensor itself (a no-op {@code to()} returns the same tensor; closing the handle leaves the leaf), so
     * gradients accumulate in the leaf; for the others a detached alias (a constant). Neither copies memory. Owning
     * them in {@code bm} puts every array an operation derives from them in {@code bm} too, not in the root.
     */
    Map<String, NDArray> forBatch(NDManager bm, TrainingPhase phase) { return views(bm, phase.parameters()); }

    /** Detached aliases of every weight, owned by {@code bm} (constants for scoring; no copy). */
    Map<String, NDArray> constants(NDManager bm) { return views(bm, Set.of()); }

    /** A leaf handle for each weight in {@code trainable}, a detached alias for the others, all owned by {@code bm}. */
    private Map<String, NDArray> views(NDManager bm, Set<String> trainable) {
        Map<String, NDArray> live = new LinkedHashMap<>();
        for (var e : weights.entrySet()) {
            PtNDArray w = e.getValue();
            NDArray view = trainable.contains(e.getKey()) ? JniUtils.to(w, w.getDataType(), w.getDevice()) : w.stopGradient();
            view.attach(bm);
            live.put(e.getKey(), view);
        }
        return live;
    }

    /** Copies the native weights into {@code host} (same names and sizes). */
    void download(ParameterSet host) {
        // outside a gradient collector: toByteBuffer reads the tensor's memory, no autograd involved
        for (var e : weights.entrySet()) {
            FloatBuffer src = OwnedArrays.floatsOf(e.getValue());
            src.get(host.get(e.getKey()));
        }
    }

    /** Clears the accumulated gradient of every weight (the next backward pass adds to it). */
    void zeroGradients() {
        for (PtNDArray w : weights.values()) JniUtils.zeroGrad(w);
    }
}
