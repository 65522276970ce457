package io.genrec.models.baseline;

import io.genrec.model.ConfiguredProvider;
import io.genrec.model.FittedRecommender;

import java.io.IOException;
import java.nio.file.Path;

/** Registers {@code biasedmf}; parameters from {@link BiasedMfConfig}. */
public final class BiasedMfProvider extends ConfiguredProvider<BiasedMfConfig> {
    public BiasedMfProvider() {
        super(BiasedMfRecommender.NAME, "Biased matrix factorisation (Koren et al. 2009) by SGD on explicit ratings; predicts ratings (rmse, mae)",
                BiasedMfConfig::defaults, BiasedMfRecommender::new);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException { return BiasedMfRecommender.load(dir); }
}
