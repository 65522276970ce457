package io.genrec.models.diffusion;

import java.util.SplittableRandom;

/**
 * DiffRec's timestep sampling: uniform until every step has {@value #HISTORY} recorded losses, then importance
 * sampling with p_t proportional to sqrt(E[L_t^2]) over the last {@value #HISTORY} losses, mixed with 0.1% uniform
 * (as the authors' code). The returned weight 1/(T p_t) makes the loss estimate unbiased. Not thread safe (one per fit).
 */
final class TimestepSampler {
    static final int HISTORY = 10;
    private static final double UNIFORM = 0.001;
    private final int steps;
    private final boolean importance;
    private final double[][] history;
    private final int[] count;

    TimestepSampler(int steps, boolean importance) {
        this.steps = steps;
        this.importance = importance;
        history = new double[steps][HISTORY];
        count = new int[steps];
    }

    /** Fills {@code t} with sampled steps and {@code invWeight} with T*p_t (1 for uniform). */
    void sample(SplittableRandom rng, int[] t, float[] invWeight) {
        double[] p = importance ? probabilities() : null;
        for (int i = 0; i < t.length; i++) {
            if (p == null) {
                t[i] = rng.nextInt(steps);
                invWeight[i] = 1f;
            } else {
                double u = rng.nextDouble(), acc = 0;
                int k = 0;
                while (k < steps - 1 && (acc += p[k]) <= u) k++;
                t[i] = k;
                invWeight[i] = (float) (p[k] * steps);
            }
        }
    }

    /** Importance probabilities, or null while some step's history is not yet full. */
    private double[] probabilities() {
        for (int c : count) if (c < HISTORY) return null;
        double[] p = new double[steps];
        double sum = 0;
        for (int s = 0; s < steps; s++) {
            double sq = 0;
            for (double l : history[s]) sq += l * l;
            p[s] = Math.sqrt(sq / HISTORY);
            sum += p[s];
        }
        for (int s = 0; s < steps; s++) p[s] = p[s] / sum * (1 - UNIFORM) + UNIFORM / steps;
        return p;
    }

    /** Records the (weighted, un-normalised) loss of one example at step {@code t}. */
    void record(int t, double loss) {
        if (count[t] == HISTORY) {
            System.arraycopy(history[t], 1, history[t], 0, HISTORY - 1);
            history[t][HISTORY - 1] = loss;
        } else {
            history[t][count[t]++] = loss;
        }
    }
}
