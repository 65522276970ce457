package io.genrec.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands for engine arithmetic, allocated by PyTorch. Every network uses {@code x.mul(TorchScalar.of(x, c))}
 * instead of DJL's number overloads ({@code x.mul(c)}, {@code add}, {@code sub}, {@code div}, {@code pow} with a
 * {@link Number}). Why: in DJL 0.36's PyTorch engine those overloads wrap the number in a 0-dimensional array over a
 * Java direct buffer ({@code torch::from_blob}) and close that array as soon as the op returns, yet autograd keeps the
 * operand for the backward pass (the gradient of {@code x * c} is {@code c}). If a garbage collection runs between the
 * forward and the backward pass, the buffer's cleaner frees the memory and the backward pass multiplies by whatever
 * now lives there: wrong gradients, sometimes NaN, only when the collector happens to run mid-step. That made two
 * same-seed fits in one JVM differ now and then and long runs die with NaN losses ({@code TorchScalarTest} reproduces
 * it). A PyTorch-allocated scalar is owned by the tensors that use it, so its lifetime no longer depends on Java's.
 */
public final class TorchScalar {
    private TorchScalar() { }

    /** A 0-dimensional array holding {@code value}, in {@code like}'s manager and data type. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }
}
