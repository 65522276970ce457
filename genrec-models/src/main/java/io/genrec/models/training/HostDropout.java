package io.genrec.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Inverted dropout whose masks are drawn on the host: each element is kept with probability {@code 1-p} and scaled
 * by {@code 1/(1-p)}, as {@code Dropout.dropout(x, p, true)}. Why not PyTorch's dropout: on this project's AMD CPUs
 * PyTorch 2.7 draws the Bernoulli mask one element at a time from its mt19937 generator in a serial kernel (its
 * vectorised MKL path runs only on Intel CPUs), about 10 ns per element, and in TIGER's training that was a quarter
 * of the native time (docs/results/tiger.md, "Training speed"). Here a {@link SplittableRandom} supplies two 32-bit
 * draws per {@code nextLong}, the mask is written straight into the thread's reused upload buffer
 * ({@link OwnedArrays#floats(NDManager, Shape, java.util.function.Consumer)}) and copied once into PyTorch memory (the copy is owned by the tensor, so autograd may keep it for the backward pass; see {@link OwnedArrays}).
 * The drop probability is {@code round(p * 2^32) / 2^32}.
 *
 * <p>The masks depend only on {@code seed} and the order of the calls, so a fit is reproducible for a seed. They are
 * not the masks PyTorch's generator would draw for the same seed.
 */
public final class HostDropout {
    private HostDropout() { }

    /** {@code x -> dropout(x)} with masks from a generator seeded with {@code seed}; the identity when {@code p == 0}. */
    public static UnaryOperator<NDArray> of(NDManager m, double p, long seed) {
        if (p == 0) return x -> x;
        if (!(p > 0 && p < 1)) throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        SplittableRandom rng = new SplittableRandom(seed);
        return x -> x.mul(mask(m, x.getShape(), p, rng));
    }

    /** A {@code shape} float array of {@code 0} (probability {@code p}) and {@code 1/(1-p)}, owned by PyTorch. */
    public static NDArray mask(NDManager m, Shape shape, double p, SplittableRandom rng) {
        int n = Math.toIntExact(shape.size());
        float scale = (float) (1 / (1 - p));
        long threshold = Math.round(p * 4294967296.0);
        return OwnedArrays.floats(m, shape, f -> {
            int i = 0;
            for (; i + 1 < n; i += 2) {
                long r = rng.nextLong();
                // (u - threshold) >>> 63 is 1 exactly when the 32-bit draw u is below the threshold: the element is dropped
                f.put(i, scale * (1 - (((r & 0xFFFFFFFFL) - threshold) >>> 63)));
                f.put(i + 1, scale * (1 - (((r >>> 32) - threshold) >>> 63)));
            }
            if (i < n) f.put(i, scale * (1 - (((rng.nextLong() & 0xFFFFFFFFL) - threshold) >>> 63)));
        });
    }
}
