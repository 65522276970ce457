package io.genrec.models.visual;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;
import io.genrec.models.training.TrainingConfig;

/**
 * Hyperparameters of VBPR (He &amp; McAuley, "VBPR: Visual Bayesian Personalized Ranking from Implicit Feedback", AAAI
 * 2016) and where its image features come from. Defaults: 32 ID factors and 16 visual factors (the paper uses 10-40
 * of each), Adam lr 0.01 instead of the paper's SGD, L2 1e-5 as gradient weight decay, batch 256, up to 30 epochs with
 * validation NDCG@10 every epoch and patience 5.
 *
 * <p>The features are read through the {@link io.genrec.image.ImageEncoder} port: {@code images} is a folder of
 * {@code <item id>.jpg|.jpeg|.png} (item {@code image} fields are taken relative to it; empty = only absolute or
 * working-directory-relative {@code image} fields count) and {@code image_encoder} an encoder spec such as
 * {@code histogram} or {@code onnx-clip:DIR} ({@link io.genrec.image.ImageEncoders#open}).
 *
 * @param factors       latent (ID) factors of users and items
 * @param visualFactors width of the projected visual factors {@code E f_i} (0 = only the visual bias term)
 * @param images        folder of item pictures
 * @param imageEncoder  image encoder spec
 */
public record VbprConfig(@Param(min = 1) int factors,
                         @Param(min = 0) int visualFactors,
                         @Param(doc = "folder of item pictures <item id>.jpg|.jpeg|.png (item image= fields are relative to it)") String images,
                         @Param(doc = "image encoder spec: histogram[:BINS], onnx-clip:DIR, contrastive:DIR") String imageEncoder,
                         TrainingConfig training) {
    public VbprConfig {
        ConfigBinder.check(VbprConfig.class, factors, visualFactors, images, imageEncoder, training);
        if (imageEncoder == null || imageEncoder.isBlank()) throw new IllegalArgumentException("image_encoder must not be blank");
    }

    /** A config whose features are passed in directly (Java use; {@code images} and {@code image_encoder} are only recorded). */
    public VbprConfig(int factors, int visualFactors, TrainingConfig training) {
        this(factors, visualFactors, "", "given", training);
    }

    public static VbprConfig defaults() {
        return new VbprConfig(32, 16, "", "histogram", new TrainingConfig(30, 256, 0.01, 1e-5, 5, 1, 10, 0));
    }
}
