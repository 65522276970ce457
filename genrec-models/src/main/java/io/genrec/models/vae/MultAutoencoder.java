package io.genrec.models.vae;

import io.genrec.config.ConfigBinder;
import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.models.training.CsrRows;
import io.genrec.models.training.NeuralArchive;
import io.genrec.models.training.NeuralFitted;
import io.genrec.models.training.NeuralTrainer;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainingResult;
import io.genrec.models.NeuralProvenance;
import io.genrec.provenance.Provenance;

/**
 * Mult-VAE ({@code multvae}) and Mult-DAE ({@code multdae}) of Liang et al. (WWW 2018), trained by the shared
 * {@link NeuralTrainer}. Deviation: the DAE's L2 penalty also covers biases.
 */
public final class MultAutoencoder implements Recommender {
    private final MultVaeConfig config;
    private final boolean variational;

    public MultAutoencoder(MultVaeConfig config, boolean variational) {
        this.config = config;
        this.variational = variational;
    }

    @Override public String name() { return variational ? "multvae" : "multdae"; }
    @Override public java.util.Set<io.genrec.model.Capability> capabilities() { return NeuralFitted.CAPABILITIES; }
    @Override public MultVaeConfig config() { return config; }

    @Override
    public FittedRecommender fit(TrainContext ctx) {
        long t0 = System.nanoTime();
        Dataset train = ctx.train();
        MultAutoencoderNetwork net = new MultAutoencoderNetwork(CsrRows.users(train), config, variational);
        TrainingResult r = new NeuralTrainer(config.training()).train(net, ctx,
                w -> new Fitted(name(), train.numItems(), null, config, variational, w));
        Provenance p = NeuralProvenance.capture(name(), config, ctx, r, (System.nanoTime() - t0) / 1e9);
        return new Fitted(name(), train.numItems(), p, config, variational, r.weights());
    }

    /** A trained Mult-VAE/DAE. */
    /** A saved model restored with its stored config. */
    static FittedRecommender fitted(NeuralArchive.Loaded l, MultVaeConfig c, boolean variational) {
        return new Fitted(l.header().model(), l.weights().shape("out.b")[0], l.header().provenance(), c, variational, l.weights());
    }

    static final class Fitted extends NeuralFitted {
        private final MultAutoencoderScorer scorer;

        Fitted(String name, int numItems, Provenance p, MultVaeConfig config, boolean variational, ParameterSet w) {
            super(name, numItems, p, ConfigBinder.toParams(config), w);
            int h = config.hiddenDims().size();
            w.requireShape("out.w", h == 0 ? config.latentDim() : config.hiddenDims().get(0), numItems);
            scorer = new MultAutoencoderScorer(w, h, variational);
        }

        @Override
        protected void score(UserContext user, float[] out) { scorer.score(distinct(user.history()), out); }

        @Override
        protected void score(UserContext[] users, float[][] out, int count) {
            scorer.score(distinctHistories(users, count), out, count);
        }

        @Override
        public int preferredBatch() { return 32; }
    }
}
