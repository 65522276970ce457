package io.genrec.models.flow;

/**
 * FlowCF's probability path and sampler on plain arrays. The discrete path (the paper's choice, keeping x_t binary):
 * x_t = m ⊙ x_1 + (1 - m) ⊙ x_0 with m_j ~ Bernoulli(t), whose expectation is the linear interpolation
 * t x_1 + (1-t) x_0; x_0 is drawn from the behaviour-guided prior Bernoulli(item popularity). The conditional velocity
 * is (x_1 - x_t) / (1 - t); the network predicts x_1, so its velocity is (x̂_1 - x_t) / (1 - t).
 */
public final class FlowPath {
    private FlowPath() { }

    /** x_t from the prior draw {@code x0}, the target {@code x1} and uniforms {@code u} (m_j = u_j &lt; t), into {@code out}. */
    public static void discretePoint(float[] x0, float[] x1, double[] u, double t, float[] out) {
        for (int j = 0; j < out.length; j++) out[j] = u[j] < t ? x1[j] : x0[j];
    }

    /** The velocity (x̂_1 - x_t) / (1 - t) for t in [0, 1), into {@code out}. */
    public static void velocity(float[] x1Hat, float[] xt, double t, float[] out) {
        if (!(t >= 0 && t < 1)) throw new IllegalArgumentException("t must be in [0, 1), got " + t);
        float inv = (float) (1 / (1 - t));
        for (int j = 0; j < out.length; j++) out[j] = (x1Hat[j] - xt[j]) * inv;
    }

    /** One Euler step x ← x + dt · v in place. */
    public static void eulerStep(float[] x, float[] v, double dt) {
        float d = (float) dt;
        for (int j = 0; j < x.length; j++) x[j] += d * v[j];
    }
}
