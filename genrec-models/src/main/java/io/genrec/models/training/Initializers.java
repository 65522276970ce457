package io.genrec.models.training;

import java.util.Random;

/**
 * Seeded weight initialisers on host arrays (so the same seed gives the same network on every engine and thread
 * count). Xavier/Glorot: Glorot &amp; Bengio 2010.
 */
public final class Initializers {
    private Initializers() { }

    /** Xavier-normal: N(0, 2/(fanIn+fanOut)), as the DiffRec code initialises its layers. */
    public static float[] xavierNormal(Random rng, int fanIn, int fanOut) {
        return normal(rng, fanIn * fanOut, Math.sqrt(2.0 / (fanIn + fanOut)));
    }

    /** Xavier-uniform: U(-a, a) with a = sqrt(6/(fanIn+fanOut)), the TensorFlow default used by Mult-VAE. */
    public static float[] xavierUniform(Random rng, int fanIn, int fanOut) {
        return uniform(rng, fanIn * fanOut, Math.sqrt(6.0 / (fanIn + fanOut)));
    }

    /** U(-bound, bound). */
    public static float[] uniform(Random rng, int n, double bound) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) w[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        return w;
    }

    public static float[] normal(Random rng, int n, double std) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) w[i] = (float) (rng.nextGaussian() * std);
        return w;
    }
}
