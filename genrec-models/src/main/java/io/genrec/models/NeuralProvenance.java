package io.genrec.models;

import io.genrec.model.TrainContext;
import io.genrec.models.training.TrainingResult;
import io.genrec.provenance.Provenance;

import java.util.LinkedHashMap;
import java.util.Map;

/** Provenance of a neural model trained by the shared loop: data, seed, DJL/PyTorch versions and loop timings. */
public final class NeuralProvenance {
    /** The native stack the neural models run on (pinned in the parent pom). */
    public static final Map<String, String> LIBRARIES = Map.of("djl", "0.36.0", "pytorch", "2.7.1");

    private NeuralProvenance() { }

    public static Provenance capture(String model, Record config, TrainContext ctx, TrainingResult r, double fitSeconds) {
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("fit", fitSeconds);
        timings.put("epochs", (double) r.epochs().size());
        timings.put("keptEpoch", (double) r.keptEpoch());
        timings.put("secondsPerEpoch", r.secondsPerEpoch());
        timings.put("validationSeconds", r.validationSeconds());
        timings.put("examplesPerSecond", r.examplesPerSecond());
        String split = ctx.split() + (ctx.validation() == null ? "" : "; early stopping on " + ctx.validation().name());
        return Provenance.capture(model, config, ctx.train().name(), ctx.train().contentHash(), split, ctx.seed(), LIBRARIES, timings);
    }
}
