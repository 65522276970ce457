package io.genrec.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Host arrays uploaded as tensors whose memory PyTorch owns. DJL's {@code manager.create(array)} wraps a Java direct
 * buffer ({@code from_blob}); autograd can read such an input again in the backward pass, and a garbage collection in
 * between may free the buffer under it. Observed: SASRec fits whose Java side allocated more (the IRGAN generator)
 * got NaN weights after a finite loss at a different step in each run, and same-seed fits differed; with the
 * no-op garbage collector ({@code -XX:+UseEpsilonGC}) the same fit ran clean. A copy into PyTorch memory
 * ({@code duplicate}) removes the dependence; the values are the same, so results do not change otherwise.
 */
public final class OwnedArrays {
    private OwnedArrays() { }

    /** A float tensor of {@code shape} in {@code m}, owned by PyTorch. */
    public static NDArray floats(NDManager m, float[] data, long... shape) {
        try (NDArray wrapped = m.create(data, new Shape(shape))) {
            return wrapped.duplicate();
        }
    }

    /** An int64 tensor of {@code shape} in {@code m} (the index type of the PyTorch engine), owned by PyTorch. */
    public static NDArray longs(NDManager m, long[] data, long... shape) {
        try (NDArray wrapped = m.create(data, new Shape(shape))) {
            return wrapped.duplicate();
        }
    }
}
