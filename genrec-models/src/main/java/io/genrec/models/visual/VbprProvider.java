package io.genrec.models.visual;

import io.genrec.models.training.NeuralProvider;

/** {@code vbpr}: VBPR (He &amp; McAuley 2016), with image features from the pictures folder through an image encoder. */
public final class VbprProvider extends NeuralProvider<VbprConfig> {
    public VbprProvider() {
        super("vbpr", "VBPR: matrix factorisation plus a visual term over item picture features (He & McAuley 2016); images=DIR image_encoder=SPEC",
                VbprConfig::defaults, Vbpr::new, Vbpr.Fitted::restore);
    }
}
