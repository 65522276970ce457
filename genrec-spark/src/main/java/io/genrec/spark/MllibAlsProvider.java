package io.genrec.spark;

import io.genrec.model.ConfiguredProvider;
import io.genrec.model.FittedRecommender;

import java.io.IOException;
import java.nio.file.Path;

/** Registers {@code als-mllib}: Spark MLlib's ALS, fitted on the running Spark session. */
public final class MllibAlsProvider extends ConfiguredProvider<MllibAlsConfig> {
    public MllibAlsProvider() {
        super(MllibAls.NAME, "Implicit ALS fitted by Spark MLlib on the cluster ('genrec spark eval'); users need training data",
                MllibAlsConfig::defaults, MllibAls::new);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException { return MllibAls.load(dir); }
}
