package io.genrec.models.sequential;

import io.genrec.models.training.AdamOptimizer;
import io.genrec.models.training.ParameterSet;

import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The generator of IRGAN's item recommendation game (Wang et al., "IRGAN: A Minimax Game for Unifying Generative and
 * Discriminative Information Retrieval Models", SIGIR 2017, Sec. 2 and 3.3), conditioned on the most recent item of a
 * sequence: {@code p_G(j | x) = softmax_j((s_x . t_j + b_j) / temperature)} over all items, with source and target
 * item tables {@code s, t [numItems, dim]} and biases {@code b}. A first-order (item-to-item) generator is light
 * enough to score every item in plain Java for every sampled position.
 *
 * <p>Training ({@link #step}) maximises IRGAN's generator objective {@code E_{j ~ p_G}[log(1 + exp(f(j)))]}, where
 * {@code f} is the discriminator's logit of item {@code j} at the position, by policy gradient (REINFORCE, the
 * paper's Eq. 5). As in IRGAN, samples come from a mixture that puts weight {@code mix} on the true next item
 * ({@code p_n = (1 - mix) p_G + mix * delta_target}) and are reweighted by {@code p_G / p_n} (importance sampling),
 * so the generator also sees the items the discriminator scores highest. Deviations: the reward is centred by its
 * mean over the step's samples (a baseline for variance reduction, which leaves the gradient's expectation
 * unchanged); the update is Adam instead of plain SGD; the condition is the previous item instead of a user.
 *
 * <p>Sampling for the discriminator ({@link #prepare}, {@link #drawExcluding}) draws from {@code p_G} restricted to the items that are
 * not in the user's sequence (IRGAN samples from the unrestricted {@code p_G}; excluding the user's items keeps
 * positives out of the negatives). Everything is primitive arrays; randomness only from the given sources, so a seed
 * fixes the draws. Not thread safe: one instance serves one fit.
 */
final class IrganGenerator {
    private static final String SRC = "g.src", TGT = "g.tgt", BIAS = "g.bias";
    /** IRGAN's generator initialisation range: uniform in [-0.05, 0.05]. */
    private static final double INIT = 0.05;

    private final int numItems, dim;
    private final float invTemperature;
    private final double mix;
    private final ParameterSet params = new ParameterSet();
    private final AdamOptimizer adam;
    private final float[] src, tgt, bias;
    private float[] tgtT;

    IrganGenerator(int numItems, int dim, double temperature, double mix, double lr, Random rng) {
        if (numItems < 1) throw new IllegalArgumentException("numItems must be >= 1, got " + numItems);
        this.numItems = numItems;
        this.dim = dim;
        this.invTemperature = (float) (1 / temperature);
        this.mix = mix;
        params.add(SRC, uniform(rng, numItems * dim), numItems, dim);
        params.add(TGT, uniform(rng, numItems * dim), numItems, dim);
        params.add(BIAS, new float[numItems], numItems);
        src = params.get(SRC);
        tgt = params.get(TGT);
        bias = params.get(BIAS);
        tgtT = RowOps.transpose(tgt, numItems, dim);
        adam = new AdamOptimizer(lr, 0);
    }

    private static float[] uniform(Random rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) ((rng.nextDouble() * 2 - 1) * INIT);
        return a;
    }

    int numItems() { return numItems; }

    /** The generator's logits {@code s_context . t_j + b_j} (before the temperature) for every item into {@code out}. */
    void logits(int context, float[] out) {
        float[] s = new float[dim];
        System.arraycopy(src, context * dim, s, 0, dim);
        RowOps.dotAllTransposed(s, tgtT, bias, out);
    }

    /** {@code p_G(. | context)} over all items into {@code out}. */
    void probabilities(int context, float[] out) {
        logits(context, out);
        softmaxInPlace(out);
    }

    private void softmaxInPlace(float[] z) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : z) if (v > max) max = v;
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) StrictMath.exp((z[i] - max) * invTemperature);
            sum += z[i];
        }
        float inv = (float) (1 / sum);
        for (int i = 0; i < z.length; i++) z[i] *= inv;
    }

    /**
     * Prepares draws from {@code p_G(. | context)}: {@code cum[j]} = unnormalised cumulative weight of items
     * {@code 0..j} ({@code numItems} entries). One preparation serves every position with this context.
     */
    void prepare(int context, float[] scratch, double[] cum) {
        logits(context, scratch);
        float max = Float.NEGATIVE_INFINITY;
        for (float v : scratch) if (v > max) max = v;
        double c = 0;
        for (int i = 0; i < numItems; i++) {
            c += StrictMath.exp((scratch[i] - max) * (double) invTemperature);
            cum[i] = c;
        }
    }

    /**
     * One item from the prepared {@code p_G} ({@link #prepare}) restricted to items not in {@code sortedSeen}
     * (ascending); when {@code sortedSeen} covers every item, from the unrestricted {@code p_G} (as the uniform sampler
     * does). Exact: rejection (a binary search per try) for up to {@link #TRIES} tries, then a scan over the allowed
     * items, for contexts whose mass sits mostly on the user's own items.
     */
    int drawExcluding(double[] cum, int[] sortedSeen, SplittableRandom rng) {
        double total = cum[numItems - 1];
        if (sortedSeen.length >= numItems) return search(cum, rng.nextDouble() * total);
        for (int t = 0; t < TRIES; t++) {
            int j = search(cum, rng.nextDouble() * total);
            if (java.util.Arrays.binarySearch(sortedSeen, j) < 0) return j;
        }
        double allowed = 0;
        for (int i = 0, s = 0; i < numItems; i++) {
            while (s < sortedSeen.length && sortedSeen[s] < i) s++;
            if (s < sortedSeen.length && sortedSeen[s] == i) continue;
            allowed += weight(cum, i);
        }
        double u = rng.nextDouble() * allowed, c = 0;
        int last = -1;
        for (int i = 0, s = 0; i < numItems; i++) {
            while (s < sortedSeen.length && sortedSeen[s] < i) s++;
            if (s < sortedSeen.length && sortedSeen[s] == i) continue;
            c += weight(cum, i);
            last = i;
            if (u < c) return i;
        }
        return last; // u beyond the rounded total: the last allowed item
    }

    /** Rejection tries before the exact scan. */
    static final int TRIES = 32;

    private static double weight(double[] cum, int i) { return i == 0 ? cum[0] : cum[i] - cum[i - 1]; }

    /** The first index whose cumulative weight exceeds {@code u}. */
    private int search(double[] cum, double u) {
        int lo = 0, hi = numItems - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] > u) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /** Inverse-CDF draw from probabilities {@code p}. */
    private static int draw(float[] p, SplittableRandom rng) {
        double u = rng.nextDouble(), c = 0;
        for (int i = 0; i < p.length; i++) {
            c += p[i];
            if (u < c) return i;
        }
        return p.length - 1; // u beyond the float-rounded total
    }

    /**
     * One policy-gradient step on the positions {@code chosen} of {@code view}: one importance-sampled item per
     * position, reward {@code log(1 + exp(f))} from the discriminator, loss
     * {@code -mean_k w_k (r_k - mean r) log p_G(j_k | x_k)}. Returns the mean (unweighted) reward of the samples.
     */
    double step(NegativeSampler.DiscriminatorView view, int[] chosen, SplittableRandom rng) {
        int n = chosen.length;
        if (n == 0) return Double.NaN;
        int[] drawn = new int[n];
        float[] weight = new float[n], reward = new float[n], p = new float[numItems];
        double rewardSum = 0;
        for (int k = 0; k < n; k++) {
            int pos = chosen[k], target = view.targets()[pos];
            probabilities(view.contexts()[pos], p);
            int j = rng.nextDouble() < mix ? target : draw(p, rng);
            double proposal = (1 - mix) * p[j] + (j == target ? mix : 0);
            drawn[k] = j;
            weight[k] = (float) (p[j] / proposal);
            reward[k] = softplus(view.logit(pos, j));
            rewardSum += reward[k];
        }
        float baseline = (float) (rewardSum / n);
        float[] gSrc = new float[numItems * dim], gTgtT = new float[dim * numItems], gBias = new float[numItems];
        float[] s = new float[dim];
        for (int k = 0; k < n; k++) {
            float coef = -weight[k] * (reward[k] - baseline) * invTemperature / n;
            if (coef == 0f) continue;
            int x = view.contexts()[chosen[k]];
            probabilities(x, p);
            // dLoss/dz_i = coef * (1[i = j] - p_i)
            for (int i = 0; i < numItems; i++) p[i] *= -coef;
            p[drawn[k]] += coef;
            System.arraycopy(src, x * dim, s, 0, dim);
            for (int c = 0; c < dim; c++) {
                int o = c * numItems;
                float sc = s[c], acc = 0;
                for (int i = 0; i < numItems; i++) {
                    acc += p[i] * tgtT[o + i];
                    gTgtT[o + i] += sc * p[i];
                }
                gSrc[x * dim + c] += acc;
            }
            for (int i = 0; i < numItems; i++) gBias[i] += p[i];
        }
        adam.step(params, Map.of(SRC, gSrc, TGT, RowOps.transpose(gTgtT, dim, numItems), BIAS, gBias));
        tgtT = RowOps.transpose(tgt, numItems, dim);
        return baseline;
    }

    static float softplus(float f) { return (float) (Math.max(f, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(f)))); }
}
