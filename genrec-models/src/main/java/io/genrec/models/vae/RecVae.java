package io.genrec.models.vae;

import io.genrec.config.ConfigBinder;
import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.models.NeuralProvenance;
import io.genrec.models.training.CsrRows;
import io.genrec.models.training.NeuralFitted;
import io.genrec.models.training.NeuralTrainer;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainingResult;
import io.genrec.provenance.Provenance;

/**
 * RecVAE ({@code recvae}) of Shenbin et al. (WSDM 2020), trained by the shared {@link NeuralTrainer} with alternating
 * encoder and decoder phases. Deviations from the authors' code: GenRec's seeded initialisation and shuffling
 * (PyTorch's initialiser distributions kept), exact L2 normalisation of the input (authors add 1e-10 to the norm),
 * only the {@code gamma} KL weighting (the code's constant-beta and non-alternating options are not offered).
 */
public final class RecVae implements Recommender {
    private final RecVaeConfig config;

    public RecVae(RecVaeConfig config) { this.config = config; }

    @Override public String name() { return "recvae"; }
    @Override public java.util.Set<io.genrec.model.Capability> capabilities() { return NeuralFitted.CAPABILITIES; }
    @Override public RecVaeConfig config() { return config; }

    @Override
    public FittedRecommender fit(TrainContext ctx) {
        long t0 = System.nanoTime();
        Dataset train = ctx.train();
        RecVaeNetwork net = new RecVaeNetwork(CsrRows.users(train), config);
        TrainingResult r = new NeuralTrainer(config.training()).train(net, ctx,
                w -> new Fitted(train.numItems(), null, config, w));
        Provenance p = NeuralProvenance.capture(name(), config, ctx, r, (System.nanoTime() - t0) / 1e9);
        return new Fitted(train.numItems(), p, config, r.weights());
    }

    /** A trained RecVAE. */
    static final class Fitted extends NeuralFitted {
        private final RecVaeScorer scorer;

        Fitted(int numItems, Provenance p, RecVaeConfig config, ParameterSet w) {
            super("recvae", numItems, p, ConfigBinder.toParams(config), w);
            w.requireShape("enc0.w", numItems, config.hiddenDim());
            w.requireShape("out.w", config.latentDim(), numItems);
            scorer = new RecVaeScorer(w, config.hiddenLayers());
        }

        @Override
        protected void score(UserContext user, float[] out) { scorer.score(distinct(user.history()), out); }

        @Override
        protected void score(UserContext[] users, float[][] out, int count) {
            scorer.score(distinctHistories(users, count), out, count);
        }

        @Override
        public int preferredBatch() { return 32; }

        ParameterSet weights() { return weights; }
    }
}
