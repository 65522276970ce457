package io.genrec.models.baseline;

import io.genrec.data.DataFormatException;
import io.genrec.model.Recommender;
import io.genrec.model.ModelArchive;
import io.genrec.model.TrainContext;
import io.genrec.provenance.Provenance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Provenance and archive steps the baselines share: capture after a fit, and read back checking the model name. */
final class BaselineArchive {
    private BaselineArchive() { }

    /** Provenance of a fit of {@code model} on {@code context}'s training data, with the given timings in seconds. */
    static Provenance provenance(Recommender model, TrainContext context, Map<String, String> libraries,
                                 Map<String, Double> timings) {
        return Provenance.capture(model.name(), model.config(), context.train().name(), context.train().contentHash(),
                context.split(), context.seed(), libraries, timings);
    }

    /** Seconds since {@code startNanos}. */
    static double secondsSince(long startNanos) { return (System.nanoTime() - startNanos) / 1e9; }

    /** Reads a saved model and checks that it was written by {@code model}; a mismatch names the file and both names. */
    static ModelArchive.Loaded read(Path dir, String model) throws IOException {
        ModelArchive.Loaded loaded = ModelArchive.read(dir);
        if (!model.equals(loaded.header().model()))
            throw new DataFormatException(dir.resolve("model.json"), 0, "model",
                    "saved model is '" + loaded.header().model() + "', expected '" + model + "'");
        return loaded;
    }
}
