package io.genrec.models.visual;

import ai.djl.ndarray.NDArray;
import io.genrec.models.training.TorchScalar;

/**
 * CLIP's symmetric InfoNCE loss (Radford et al., 2021): with L2-normalised image rows {@code I} and text rows {@code T}
 * of one batch (row {@code k} of each is a matching pair), logits {@code exp(s) * I T^T}, the loss is the mean of the
 * cross-entropy of each image against all texts and of each text against all images, target the diagonal. {@code s}
 * is the learnable log inverse temperature, capped at {@code log 100} as in CLIP so the logits cannot blow up.
 */
public final class InfoNce {
    /** CLIP's cap on the logit scale, {@code log(100)}. */
    public static final double MAX_LOG_SCALE = Math.log(100);

    private InfoNce() { }

    /** Rows divided by their L2 norms. */
    public static NDArray normalizeRows(NDArray x) {
        return x.div(x.square().sum(new int[]{1}, true).add(TorchScalar.of(x, 1e-12)).sqrt());
    }

    /** The loss for normalised {@code images [B, D]}, {@code texts [B, D]} and the scalar {@code logScale}. */
    public static NDArray loss(NDArray images, NDArray texts, NDArray logScale) {
        NDArray scale = logScale.minimum(TorchScalar.of(logScale, MAX_LOG_SCALE)).exp();
        NDArray logits = images.matMul(texts.transpose()).mul(scale);
        NDArray imageToText = logits.logSoftmax(1).diagonal().mean().neg();
        NDArray textToImage = logits.logSoftmax(0).diagonal().mean().neg();
        return imageToText.add(textToImage).mul(TorchScalar.of(logits, 0.5));
    }
}
