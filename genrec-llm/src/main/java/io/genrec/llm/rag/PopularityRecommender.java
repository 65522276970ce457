package io.genrec.llm.rag;

import io.genrec.data.Dataset;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Interaction counts as scores: the candidate generator of the {@code llm} recommender and the {@code rag} base when
 * no {@code mostpop} provider is on the class path. Not registered as a provider itself (the baselines own that name).
 */
final class PopularityRecommender implements Recommender {
    static final String NAME = "popularity";

    /** No hyperparameters. */
    record Config() { }

    @Override
    public String name() { return NAME; }

    @Override
    public Set<Capability> capabilities() { return CAPABILITIES; }

    static final Set<Capability> CAPABILITIES = java.util.Collections.unmodifiableSet(EnumSet.of(Capability.FOLD_IN));

    @Override
    public Record config() { return new Config(); }

    @Override
    public FittedRecommender fit(TrainContext context) {
        long t0 = System.nanoTime();
        Dataset train = context.train();
        int[] pop = train.itemPopularity();
        float[] scores = new float[pop.length];
        for (int i = 0; i < pop.length; i++) scores[i] = pop[i];
        Provenance p = Provenance.capture(NAME, config(), train.name(), train.contentHash(), context.split(), context.seed(), Map.of(),
                Map.of("fit", (System.nanoTime() - t0) / 1e9));
        return new Fitted(scores, p);
    }

    private record Fitted(float[] scores, Provenance provenance) implements FittedRecommender {
        @Override
        public String name() { return NAME; }

        @Override
        public int numItems() { return scores.length; }

        @Override
        public void scoreAll(UserContext user, float[] out) {
            checkBuffer(out);
            System.arraycopy(scores, 0, out, 0, scores.length);
        }

        @Override
        public Set<Capability> capabilities() { return CAPABILITIES; }
    }
}
