package io.genrec.models.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba 2015) on the host copy of the weights, with PyTorch's defaults (beta1 0.9, beta2 0.999,
 * eps 1e-8) and optional L2 weight decay added to the gradient. Runs in plain Java loops (the JIT vectorises them);
 * on these model sizes that costs a few milliseconds per step and keeps the moments out of native memory.
 */
public final class AdamOptimizer {
    private static final double BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8;
    private final double lr;
    private final double weightDecay;
    private final Map<String, float[]> m = new LinkedHashMap<>();
    private final Map<String, float[]> v = new LinkedHashMap<>();
    private long t;

    public AdamOptimizer(double lr, double weightDecay) {
        this.lr = lr;
        this.weightDecay = weightDecay;
    }

    /** One update of every parameter in {@code params} by its gradient in {@code grads} (same names). */
    public void step(ParameterSet params, Map<String, float[]> grads) {
        t++;
        float b1 = (float) BETA1, b2 = (float) BETA2;
        float c1 = (float) (1 - BETA1), c2 = (float) (1 - BETA2);
        float stepSize = (float) (lr * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t)));
        float eps = (float) (EPS * Math.sqrt(1 - Math.pow(BETA2, t)));
        float wd = (float) weightDecay;
        for (String name : params.names()) {
            float[] w = params.get(name);
            float[] g = grads.get(name);
            if (g == null) continue;
            float[] mm = m.computeIfAbsent(name, k -> new float[w.length]);
            float[] vv = v.computeIfAbsent(name, k -> new float[w.length]);
            for (int i = 0; i < w.length; i++) {
                float gi = g[i] + wd * w[i];
                mm[i] = b1 * mm[i] + c1 * gi;
                vv[i] = b2 * vv[i] + c2 * gi * gi;
                w[i] -= stepSize * mm[i] / ((float) Math.sqrt(vv[i]) + eps);
            }
        }
    }
}
