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
 * BERT4Rec ({@code bert4rec}): bidirectional transformer trained on the Cloze task (Sun et al., CIKM 2019), trained
 * by the shared {@link NeuralTrainer} and scored by a Java forward pass that predicts a mask token appended to the
 * history ({@link Bert4RecScorer}). Defaults and deviations: {@link Bert4RecConfig}.
 */
public final class Bert4Rec implements Recommender {
    private final Bert4RecConfig config;

    public Bert4Rec(Bert4RecConfig config) { this.config = config; }

    @Override public String name() { return "bert4rec"; }
    @Override public java.util.Set<io.genrec.model.Capability> capabilities() { return SequentialFitted.CAPABILITIES; }
    @Override public Bert4RecConfig config() { return config; }

    @Override
    public FittedRecommender fit(TrainContext ctx) {
        long t0 = System.nanoTime();
        int numItems = ctx.train().numItems();
        Bert4RecNetwork net = new Bert4RecNetwork(new SequenceBatches(ctx.train(), config.maxLen()), config);
        TrainingResult r = new NeuralTrainer(config.training()).train(net, ctx, w -> new Fitted(null, config, numItems, w));
        Provenance p = NeuralProvenance.capture(name(), config, ctx, r, (System.nanoTime() - t0) / 1e9);
        return new Fitted(p, config, numItems, r.weights());
    }

    /** A trained BERT4Rec. */
    public static final class Fitted extends SequentialFitted {
        private final Bert4RecScorer scorer;

        Fitted(Provenance p, Bert4RecConfig config, int numItems, ParameterSet w) {
            super("bert4rec", numItems, p, ConfigBinder.toParams(config), w);
            scorer = new Bert4RecScorer(w, config, numItems);
        }

        @Override
        protected void nextItemLogits(int[] history, float[] out) { scorer.score(history, out); }
    }
}
