package io.genrec.models.baseline;

import io.genrec.data.Dataset;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ModelArchive;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Non-personalised baseline: every item scores its popularity, the number of distinct training users who interacted
 * with it. It ignores the request, so it serves any user including unseen ones (declared as fold-in).
 */
public final class MostPopularRecommender implements Recommender {
    public static final String NAME = "mostpop";
    private final MostPopularConfig config;

    public MostPopularRecommender(MostPopularConfig config) { this.config = config; }

    @Override public Set<Capability> capabilities() { return Fitted.CAPABILITIES; }
    @Override public String name() { return NAME; }
    @Override public MostPopularConfig config() { return config; }

    @Override
    public FittedRecommender fit(TrainContext context) {
        long start = System.nanoTime();
        Dataset train = context.train();
        BinaryMatrix x = BinaryMatrix.of(train);
        float[] popularity = new float[train.numItems()];
        for (int j = 0; j < popularity.length; j++) popularity[j] = x.itemDegree(j);
        context.listener().progress("mostpop", 1, 1, "counted " + popularity.length + " items");
        Provenance p = BaselineArchive.provenance(this, context, Map.of(), Map.of("fit", BaselineArchive.secondsSince(start)));
        return new Fitted(popularity, p);
    }

    static FittedRecommender load(Path dir) throws IOException {
        ModelArchive.Loaded a = BaselineArchive.read(dir, NAME);
        return new Fitted(a.floats("popularity"), a.header().provenance());
    }

    private record Fitted(float[] popularity, Provenance provenance) implements FittedRecommender {
        @Override public String name() { return NAME; }
        @Override public int numItems() { return popularity.length; }

        @Override
        public void scoreAll(UserContext user, float[] out) {
            checkBuffer(out);
            HistoryItems.distinct(user.history(), popularity.length);
            System.arraycopy(popularity, 0, out, 0, out.length);
        }

        @Override
        public Set<Capability> capabilities() { return CAPABILITIES; }

        static final Set<Capability> CAPABILITIES = java.util.Collections.unmodifiableSet(EnumSet.of(Capability.FOLD_IN, Capability.PERSISTENCE));

        @Override
        public void save(Path dir) throws IOException {
            new ModelArchive().putFloats("popularity", popularity).write(dir, NAME, provenance);
        }
    }
}
