package io.genrec.server.online;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An {@link ExperimentLog} that lives and dies with the process (tests, throw-away servers). */
public final class InMemoryExperimentLog implements ExperimentLog {
    private final Map<String, ExperimentConfig> experiments = new LinkedHashMap<>();
    private final List<Impression> impressions = new ArrayList<>();
    private final List<Attribution> attributions = new ArrayList<>();
    private final Set<String> attributionKeys = new HashSet<>();

    @Override
    public synchronized void saveExperiment(ExperimentConfig config) {
        experiments.put(config.id(), config);
    }

    @Override
    public synchronized List<ExperimentConfig> experiments() {
        return List.copyOf(experiments.values());
    }

    @Override
    public synchronized void appendImpression(Impression impression) {
        impressions.add(impression);
    }

    @Override
    public synchronized List<Impression> impressions(String experiment) {
        return impressions.stream().filter(i -> i.experiment().equals(experiment)).toList();
    }

    @Override
    public synchronized List<Impression> impressionsSince(long sinceMillis) {
        return impressions.stream().filter(i -> i.timestamp() >= sinceMillis).toList();
    }

    @Override
    public synchronized boolean appendAttribution(Attribution a) {
        if (!attributionKeys.add(a.impressionId() + "\u0000" + a.eventKey())) return false;
        attributions.add(a);
        return true;
    }

    @Override
    public synchronized List<Attribution> attributions(String experiment) {
        return attributions.stream().filter(a -> a.experiment().equals(experiment)).toList();
    }

    @Override
    public void close() { }
}
