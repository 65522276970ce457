package io.genrec.models.sequential;

import io.genrec.config.ConfigBinder;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.models.NeuralProvenance;
import io.genrec.models.training.NeuralTrainer;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainingResult;
import io.genrec.provenance.Provenance;

/**
 * GRU4Rec ({@code gru4rec}): recurrent next-item model of Hidasi et al. (ICLR 2016) with a full softmax
 * cross-entropy, trained by the shared {@link NeuralTrainer} and scored by a Java forward pass
 * ({@link Gru4RecScorer}). Defaults and deviations: {@link Gru4RecConfig}.
 */
public final class Gru4Rec implements Recommender {
    private final Gru4RecConfig config;

    public Gru4Rec(Gru4RecConfig config) { this.config = config; }

    @Override public String name() { return "gru4rec"; }
    @Override public java.util.Set<io.genrec.model.Capability> capabilities() { return SequentialFitted.CAPABILITIES; }
    @Override public Gru4RecConfig config() { return config; }

    @Override
    public FittedRecommender fit(TrainContext ctx) {
        long t0 = System.nanoTime();
        int numItems = ctx.train().numItems();
        Gru4RecNetwork net = new Gru4RecNetwork(new SequenceBatches(ctx.train(), config.maxLen()), config);
        TrainingResult r = new NeuralTrainer(config.training()).train(net, ctx, w -> new Fitted(null, config, numItems, w));
        Provenance p = NeuralProvenance.capture(name(), config, ctx, r, (System.nanoTime() - t0) / 1e9);
        return new Fitted(p, config, numItems, r.weights());
    }

    /** A trained GRU4Rec. */
    public static final class Fitted extends SequentialFitted {
        private final Gru4RecScorer scorer;

        Fitted(Provenance p, Gru4RecConfig config, int numItems, ParameterSet w) {
            super("gru4rec", numItems, p, ConfigBinder.toParams(config), w);
            scorer = new Gru4RecScorer(w, config, numItems);
        }

        @Override
        protected void nextItemLogits(int[] history, float[] out) { scorer.score(history, out); }
    }
}
