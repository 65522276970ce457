package io.genrec.server.online;

import java.util.List;

/**
 * The durable record of experiments, the impressions they served and the feedback credited to them; a restart
 * rebuilds all reports and the attribution window from it. Every write is durable when the method returns.
 * Implementations are safe for concurrent use.
 */
public interface ExperimentLog extends AutoCloseable {
    /** Stores or replaces (same id) an experiment's configuration. */
    void saveExperiment(ExperimentConfig config);

    /** All experiments, in creation order. */
    List<ExperimentConfig> experiments();

    void appendImpression(Impression impression);

    /** The experiment's impressions, oldest first. */
    List<Impression> impressions(String experiment);

    /** Impressions of every experiment served at or after {@code sinceMillis}, oldest first. */
    List<Impression> impressionsSince(long sinceMillis);

    /** Stores the attribution unless one with the same impression id and event key exists; true when stored. */
    boolean appendAttribution(Attribution attribution);

    /** The experiment's attributions, oldest first. */
    List<Attribution> attributions(String experiment);

    @Override
    void close();
}
