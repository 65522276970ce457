package io.genrec.experiment;

import io.genrec.data.Dataset;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Tells, per model, whether the training data's interaction values (ratings kept with {@code --implicit none}, play
 * counts) were used or ignored, so a model that counts every interaction as 1 never does so silently.
 */
final class WeightsCheck {
    private final long nonBinary;
    private final int interactions;
    private final float maxValue;
    private final List<String> ignoredBy = new ArrayList<>(), usedBy = new ArrayList<>();

    WeightsCheck(Dataset train) {
        long n = 0;
        float max = train.numInteractions() == 0 ? 1f : Float.NEGATIVE_INFINITY;
        for (float v : train.values()) {
            if (v != 1f) n++;
            max = Math.max(max, v);
        }
        nonBinary = n;
        interactions = train.numInteractions();
        maxValue = max;
    }

    /** Records whether {@code model} used the values; warns through {@code log} when it ignored non-binary values. */
    void record(String model, FittedRecommender fitted, Consumer<String> log) {
        if (nonBinary == 0) return;
        var caps = fitted.capabilities();
        if (caps.contains(Capability.INTERACTION_VALUES) || caps.contains(Capability.RATING_PREDICTION)) {
            usedBy.add(model);
            return;
        }
        ignoredBy.add(model);
        log.accept(String.format(Locale.ROOT, "warning: %s ignores the interaction values: %d of %d training interactions have a"
                + " value other than 1 (largest %s; ratings or play counts?), and %s counts each as 1. Binarise with"
                + " --implicit T to make that explicit", model, nonBinary, interactions, format(maxValue), model));
    }

    ExperimentReport.Weights report() { return new ExperimentReport.Weights(nonBinary, interactions, maxValue, ignoredBy, usedBy); }

    static String format(float v) { return Float.toString(v).replaceFirst("\\.0$", ""); }
}
