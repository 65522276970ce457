package io.genrec.models.baseline;

import io.genrec.model.ConfiguredProvider;
import io.genrec.model.FittedRecommender;

import java.io.IOException;
import java.nio.file.Path;

/** Registers {@code als}; parameters from {@link AlsConfig}. */
public final class AlsProvider extends ConfiguredProvider<AlsConfig> {
    public AlsProvider() {
        super(AlsRecommender.NAME, "Implicit ALS (Hu et al. 2008) with conjugate gradient; fold-in scoring", AlsConfig::defaults, AlsRecommender::new);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException { return AlsRecommender.load(dir); }
}
