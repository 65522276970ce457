package io.genrec.models.sequential;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.genrec.models.training.LayerNorm;
import io.genrec.models.training.OwnedArrays;
import io.genrec.models.training.TorchScalar;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Differentiable building blocks of the self-attention sequence models (SASRec, BERT4Rec) over named weights:
 * linear layers ({@code <name>.w [in,out]}, {@code <name>.b}), layer normalisation ({@code <name>.g/b}) and masked
 * multi-head attention ({@code <prefix>q/k/v/o}).
 */
final class AttentionOps {
    private AttentionOps() { }

    /**
     * The {@code [rows, 1, len, len]} 0/1 matrix of which key each query may attend to: real (non-padding) keys only,
     * and with {@code causal} only keys at or before the query.
     */
    static NDArray allowed(NDManager m, int[] inputs, int rows, int len, int pad, boolean causal) {
        float[] allowed = new float[rows * len * len];
        for (int r = 0; r < rows; r++)
            for (int q = 0; q < len; q++)
                for (int k = 0; k < (causal ? q + 1 : len); k++)
                    if (inputs[r * len + k] != pad) allowed[(r * len + q) * len + k] = 1f;
        return OwnedArrays.floats(m, allowed, rows, 1, len, len);
    }

    /**
     * Multi-head scaled dot-product attention with queries from {@code qIn} and keys/values from {@code kvIn}
     * (both {@code [rows, len, d]}), dropout on the attention weights, and the output projection {@code <prefix>o}.
     */
    static NDArray attention(Map<String, NDArray> w, String prefix, NDArray qIn, NDArray kvIn, NDArray allowed,
                             int heads, UnaryOperator<NDArray> dropout) {
        long rows = qIn.getShape().get(0), len = qIn.getShape().get(1), d = qIn.getShape().get(2), dh = d / heads;
        NDArray q = split(linear(w, prefix + "q", qIn), rows, len, heads, dh);
        NDArray k = split(linear(w, prefix + "k", kvIn), rows, len, heads, dh);
        NDArray v = split(linear(w, prefix + "v", kvIn), rows, len, heads, dh);
        NDArray att = maskedSoftmax(scaled(q.matMul(k.transpose(0, 1, 3, 2)), 1 / Math.sqrt(dh)), allowed);
        NDArray ctx = dropout.apply(att).matMul(v).transpose(0, 2, 1, 3).reshape(rows, len, d);
        return linear(w, prefix + "o", ctx);
    }

    /**
     * Softmax over the last axis restricted to the entries where {@code allowed} is 1 (0 elsewhere; a row with no
     * allowed entry, a padding query, gets all zeros). A 0/1 multiplier instead of a large negative additive mask:
     * the shift is the maximum over allowed entries and disallowed entries are zeroed before {@code exp}, so every
     * intermediate stays finite.
     */
    static NDArray maskedSoftmax(NDArray scores, NDArray allowed) {
        NDArray shift = scores.add(scaled(allowed.sub(TorchScalar.of(allowed, 1)), 1e4)).max(new int[] {-1}, true).stopGradient();
        NDArray e = scores.sub(shift).mul(allowed).exp().mul(allowed);
        NDArray sum = e.sum(new int[] {-1}, true);
        return e.div(sum.add(TorchScalar.of(sum, 1e-30)));
    }

    /** {@code x * c} with an engine-owned scalar ({@link TorchScalar} says why). */
    static NDArray scaled(NDArray x, double c) { return x.mul(TorchScalar.of(x, c)); }

    private static NDArray split(NDArray x, long rows, long len, int heads, long dh) {
        return x.reshape(rows, len, heads, dh).transpose(0, 2, 1, 3);
    }

    static NDArray linear(Map<String, NDArray> w, String name, NDArray x) {
        return x.matMul(w.get(name + ".w")).add(w.get(name + ".b"));
    }

    /** Layer normalisation over the last axis (biased variance, eps inside the square root, as PyTorch's). */
    static NDArray layerNorm(Map<String, NDArray> w, String name, NDArray x, float eps) {
        return LayerNorm.apply(x, w.get(name + ".g"), w.get(name + ".b"), eps);
    }
}
