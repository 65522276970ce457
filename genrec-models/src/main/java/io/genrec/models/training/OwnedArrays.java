package io.genrec.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Host arrays uploaded as tensors whose memory PyTorch owns. DJL's {@code manager.create(array)} wraps a Java direct
 * buffer ({@code from_blob}) that autograd may read again in the backward pass. Observed: SASRec fits whose Java side
 * allocated more (the IRGAN generator) got NaN weights after a finite loss at a different step in each run, and the
 * same fit ran clean with the no-op garbage collector ({@code -XX:+UseEpsilonGC}), which points at a collection
 * freeing such a buffer. A copy into PyTorch memory ({@code duplicate}) takes Java buffers out of the graph; the values
 * are the same. It made those short fits pass but did not remove every sporadic NaN (docs/results/irgan-negatives.md).
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
