package io.genrec.models.baseline;

import io.genrec.model.ConfiguredProvider;
import io.genrec.model.FittedRecommender;

import java.io.IOException;
import java.nio.file.Path;

/** Registers {@code ease}; parameters from {@link EaseConfig}. */
public final class EaseProvider extends ConfiguredProvider<EaseConfig> {
    public EaseProvider() {
        super(EaseRecommender.NAME, "EASE (Steck 2019): closed-form item-item autoencoder, dense n×n weights", EaseConfig::defaults, EaseRecommender::new);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException { return EaseRecommender.load(dir); }
}
