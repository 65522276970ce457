package io.genrec.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Host arrays uploaded as tensors whose memory PyTorch owns. DJL's {@code manager.create(array)} wraps a Java direct
 * buffer ({@code from_blob}) that autograd may read again in the backward pass. Observed: SASRec fits whose Java side
 * allocated more (the IRGAN generator) got NaN weights after a finite loss at a different step in each run, and the
 * same fit ran clean with the no-op garbage collector ({@code -XX:+UseEpsilonGC}), which points at a collection
 * freeing such a buffer. A copy into PyTorch memory ({@code duplicate}) takes Java buffers out of the graph; the values
 * are the same. It made those short fits pass but did not remove every sporadic NaN (docs/results/irgan-negatives.md).
 */
public final class OwnedArrays {
    /**
     * One direct buffer per thread, grown to the largest upload: {@code m.create(float[])} allocates a fresh direct
     * buffer per call that only a garbage collection frees, so a fit's batches piled up native memory between
     * collections. The copy into PyTorch memory ends the buffer's use, so it can be reused at once.
     */
    private static final ThreadLocal<ByteBuffer[]> SCRATCH = ThreadLocal.withInitial(() -> new ByteBuffer[1]);

    private OwnedArrays() { }

    /** A float tensor of {@code shape} in {@code m}, owned by PyTorch. */
    public static NDArray floats(NDManager m, float[] data, long... shape) {
        Shape s = new Shape(shape);
        if (data.length != s.size()) throw new IllegalArgumentException(data.length + " floats for shape " + s + " of " + s.size());
        return floats(m, s, f -> f.put(data));
    }

    /**
     * A float tensor of {@code shape} in {@code m}, owned by PyTorch, whose values {@code fill} writes straight into
     * this thread's scratch buffer (positioned at 0, {@code shape.size()} floats): no host array in between.
     */
    public static NDArray floats(NDManager m, Shape shape, java.util.function.Consumer<FloatBuffer> fill) {
        ByteBuffer buf = scratch(4L * shape.size());
        fill.accept(buf.asFloatBuffer());
        try (NDArray wrapped = m.create(buf, shape, DataType.FLOAT32)) {
            return wrapped.duplicate();
        }
    }

    /** An int64 tensor of {@code shape} in {@code m} (the index type of the PyTorch engine), owned by PyTorch. */
    public static NDArray longs(NDManager m, long[] data, long... shape) {
        ByteBuffer buf = scratch(8L * data.length);
        buf.asLongBuffer().put(data);
        try (NDArray wrapped = m.create(buf, new Shape(shape), DataType.INT64)) {
            return wrapped.duplicate();
        }
    }

    /**
     * The values of a contiguous float tensor, read in place (valid while the tensor lives). Why: DJL's
     * {@code toByteBuffer()} and {@code toFloatArray()} first copy the tensor into a new heap {@code byte[]}; for
     * per-epoch reads of megabytes (validation scores, weight downloads) that garbage went straight to the old
     * generation and the heap grew to 2 GB over a 20-epoch Mult-VAE fit.
     */
    public static FloatBuffer floatsOf(NDArray a) {
        return a.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** This thread's scratch buffer, positioned at 0 with {@code bytes} remaining. */
    private static ByteBuffer scratch(long bytes) {
        ByteBuffer[] holder = SCRATCH.get();
        ByteBuffer b = holder[0];
        if (b == null || b.capacity() < bytes)
            holder[0] = b = ByteBuffer.allocateDirect(Math.toIntExact(Math.max(bytes, b == null ? 0 : b.capacity() * 3L / 2))).order(ByteOrder.nativeOrder());
        b.clear().limit((int) bytes);
        return b;
    }
}
