package io.genrec.models.diffusion;

/** Sinusoidal timestep embedding (Vaswani et al. 2017; as DiffRec's code): [cos(t f_k), sin(t f_k)], f_k = 10000^(-k/half). */
public final class TimeEmbedding {
    private TimeEmbedding() { }

    public static float[] sinusoidal(int t, int dim) {
        int half = dim / 2;
        float[] e = new float[dim];
        for (int k = 0; k < half; k++) {
            float freq = (float) Math.exp(-Math.log(10000) * k / half);
            float arg = t * freq;
            e[k] = (float) Math.cos(arg);
            e[half + k] = (float) Math.sin(arg);
        }
        return e;
    }
}
