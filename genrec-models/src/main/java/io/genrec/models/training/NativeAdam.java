package io.genrec.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Adam on native weights with native moments: one fused PyTorch call per parameter (DJL's {@code adamUpdate}: grad +
 * wd * w, moment updates, {@code w -= lrc * m / (sqrt(v) + eps)}). The bias corrections are folded into {@code lrc}
 * and {@code eps} exactly as {@link AdamOptimizer} (and PyTorch's Adam) apply them, so the update is the same rule as
 * before, computed where the weights live. The moments are created in the root manager on first use.
 */
final class NativeAdam {
    private static final double BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8;
    private final double weightDecay;
    private final Map<String, PtNDArray[]> moments = new HashMap<>();
    private long t;

    NativeAdam(double weightDecay) {
        this.weightDecay = weightDecay;
    }

    /** Number of native moment arrays held (two per updated parameter). */
    int arrays() { return 2 * moments.size(); }

    /**
     * One update of {@code names} by their accumulated gradients with step size {@code lr} (the loop's schedule gives
     * it per update); gradient handles are owned by {@code bm}.
     */
    void step(NativeWeights w, Set<String> names, NDManager root, NDManager bm, double lr) {
        t++;
        float lrc = (float) (lr * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t)));
        float eps = (float) (EPS * Math.sqrt(1 - Math.pow(BETA2, t)));
        for (String name : names) {
            PtNDArray weight = w.get(name);
            NDArray grad = weight.getGradient();
            grad.attach(bm);
            PtNDArray[] mv = moments.computeIfAbsent(name, k -> new PtNDArray[] {
                    (PtNDArray) root.zeros(weight.getShape()), (PtNDArray) root.zeros(weight.getShape())});
            JniUtils.adamUpdate(weight, (PtNDArray) grad, mv[0], mv[1], (float) lr, lrc, (float) weightDecay,
                    1f, -1f, (float) BETA1, (float) BETA2, eps, false);
        }
    }
}
