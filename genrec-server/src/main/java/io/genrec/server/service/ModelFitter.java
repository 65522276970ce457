package io.genrec.server.service;

import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;

import java.util.Map;

/**
 * Fits a named model on the served data (the command line fits through its model cache, tests fit tiny models
 * directly). Called from the start-up thread and the retrain thread, never from request threads.
 */
@FunctionalInterface
public interface ModelFitter {
    /**
     * @param initial true for the fit at start-up (a cached model of the same data may be reused); false for a
     *                retrain on newly stored events
     */
    Fitted fit(String model, Dataset data, boolean initial) throws Exception;

    /**
     * A fitted model and its validation metrics (empty when it was fitted on all data with nothing held out, so no
     * honest validation number exists).
     */
    record Fitted(FittedRecommender model, Map<String, Double> validation) {
        public Fitted {
            validation = validation == null ? Map.of() : Map.copyOf(validation);
        }
    }
}
