package io.genrec.models.baseline;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.genrec.model.Interruption;

import java.util.Map;

/**
 * Inverts a dense symmetric positive-definite matrix with PyTorch's LAPACK-backed {@code linalg.inv} through DJL
 * (O(n³), multi-threaded BLAS), in float32 or float64. Native memory lives only inside this call's NDManager.
 */
final class DenseInverse {
    static final String ENGINE = "PyTorch";
    /** Largest slice of the inverse copied back to the heap at once (a transient byte[] of this size). */
    static final long COPY_BLOCK_BYTES = 32L << 20;

    private DenseInverse() { }

    /** The inverse of the row-major {@code n × n} matrix {@code a}, as float32 throughout; {@code a} is kept. */
    static float[] invert(float[] a, int n) { return invertInPlace(a.clone(), n, false); }

    /** The inverse computed in float64 and rounded to float; {@code a} is kept. */
    static float[] invertInDouble(float[] a, int n) { return invertInPlace(a.clone(), n, true); }

    /**
     * Replaces {@code a} by its inverse (float32, or float64 rounded to float), without a second {@code n × n} array
     * on the Java heap: the result is copied back from native memory into {@code a} in row blocks of at most
     * {@link #COPY_BLOCK_BYTES}. EASE's Gram matrix of a 20,000-item catalogue is 1.6 GB, so a second heap copy decides
     * whether the fit fits in the heap at all; and DJL's whole-array read-back allocates its byte[] inside JNI, where a
     * failed allocation crashed the JVM (SIGSEGV in SetByteArrayRegion) instead of throwing OutOfMemoryError.
     */
    static float[] invertInPlace(float[] a, int n, boolean inDouble) {
        return invertInPlace(a, n, inDouble, COPY_BLOCK_BYTES);
    }

    static float[] invertInPlace(float[] a, int n, boolean inDouble, long copyBlockBytes) {
        try (Interruption.NativeSection section = Interruption.enterNative();
             NDManager manager = Engine.getEngine(ENGINE).newBaseManager()) {
            NDArray m;
            if (inDouble) {
                double[] d = new double[a.length];
                for (int k = 0; k < a.length; k++) d[k] = a[k];
                m = manager.create(d, new Shape(n, n));
            } else {
                m = manager.create(a, new Shape(n, n));
            }
            NDArray inv = m.inverse();
            m.close();
            if (inDouble) inv = inv.toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            int rowsPerBlock = (int) Math.max(1, Math.min(n, copyBlockBytes / (4L * n)));
            for (int r0 = 0; r0 < n; r0 += rowsPerBlock) {
                int r1 = Math.min(n, r0 + rowsPerBlock);
                try (NDArray block = inv.get(new NDIndex(r0 + ":" + r1))) {
                    block.toByteBuffer().asFloatBuffer().get(a, r0 * n, (r1 - r0) * n);
                }
            }
            return a;
        }
    }

    /** Library versions for provenance. */
    static Map<String, String> libraries() {
        return Map.of("djl", Engine.getDjlVersion(), "pytorch", Engine.getEngine(ENGINE).getVersion());
    }
}
