package io.genrec.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands model parameters whose value lists alternatives ({@code regularization=1,10,100}) into every combination,
 * in a fixed order, for a validation-set search. At most {@link #MAX_COMBINATIONS} combinations.
 */
final class ParameterGrid {
    static final int MAX_COMBINATIONS = 64;

    private ParameterGrid() { }

    static List<Map<String, String>> expand(String model, Map<String, String> params) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (var e : params.entrySet()) {
            String[] alternatives = e.getValue().split(",");
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String a : alternatives) {
                    if (a.isBlank()) throw new IllegalArgumentException("model '" + model + "': parameter '" + e.getKey() + "' has an empty alternative in '" + e.getValue() + "'");
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), a.trim());
                    next.add(m);
                }
            }
            out = next;
            if (out.size() > MAX_COMBINATIONS)
                throw new IllegalArgumentException("model '" + model + "': the parameter grid has more than " + MAX_COMBINATIONS + " combinations");
        }
        return out;
    }
}
