package io.genrec.models.diffusion;

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

import java.util.Arrays;

/**
 * DiffRec ({@code diffrec}): Wang et al., "Diffusion Recommender Model", SIGIR 2023 — Gaussian diffusion over the
 * user's interaction vector with small noise, an MLP denoiser predicting x_0, and the reverse process at inference.
 * Trained by the shared {@link NeuralTrainer}. Deviations: x0 prediction only (the paper's best; no eps mode), no
 * sampling noise at inference (the paper's setting), validation by NDCG@k instead of Recall@20. Scoring runs the
 * authors' reverse process in the denoiser's hidden space ({@link DiffRecScorer}), the same function up to rounding.
 */
public final class DiffRec implements Recommender {
    private final DiffRecConfig config;

    public DiffRec(DiffRecConfig config) { this.config = config; }

    @Override public String name() { return "diffrec"; }
    @Override public java.util.Set<io.genrec.model.Capability> capabilities() { return NeuralFitted.CAPABILITIES; }
    @Override public DiffRecConfig config() { return config; }

    @Override
    public FittedRecommender fit(TrainContext ctx) {
        long t0 = System.nanoTime();
        Dataset train = ctx.train();
        GaussianDiffusion diffusion = diffusion(config);
        DiffRecNetwork net = new DiffRecNetwork(CsrRows.users(train), config, diffusion);
        TrainingResult r = new NeuralTrainer(config.training()).train(net, ctx,
                w -> new Fitted(train.numItems(), null, config, w, ctx.seed()));
        Provenance p = NeuralProvenance.capture(name(), config, ctx, r, (System.nanoTime() - t0) / 1e9);
        return new Fitted(train.numItems(), p, config, r.weights(), ctx.seed());
    }

    static GaussianDiffusion diffusion(DiffRecConfig c) {
        return new GaussianDiffusion(c.noiseSchedule(), c.diffusion().noiseScale(), c.diffusion().noiseMin(), c.diffusion().noiseMax(), c.diffusion().steps());
    }

    /** A trained DiffRec. */
    static final class Fitted extends NeuralFitted {
        private final DiffRecScorer scorer;
        private final long seed;

        Fitted(int numItems, Provenance p, DiffRecConfig config, ParameterSet w, long seed) {
            super("diffrec", numItems, p, ConfigBinder.toParams(config), w);
            w.requireShape("out" + (config.dims().size() - 1) + ".b", numItems);
            this.seed = seed;
            scorer = new DiffRecScorer(w, "", config.dims().size(), config.diffusion().samplingSteps(), config.diffusion().effectiveReverseSteps(), diffusion(config));
        }

        @Override
        protected void score(UserContext user, float[] out) {
            scorer.score(distinct(user.history()), noiseSeed(user), out);
        }

        @Override
        protected void score(UserContext[] users, float[][] out, int count) {
            if (!scorer.batches()) {
                super.score(users, out, count);
                return;
            }
            scorer.score(distinctHistories(users, count), out, count);
        }

        @Override
        public int preferredBatch() { return scorer.batches() ? 32 : 1; }

        /** Forward-noising (sampling_steps > 0) is seeded by the model seed and the history, so scores repeat. */
        private long noiseSeed(UserContext user) { return seed * 31 + Arrays.hashCode(user.history()); }
    }
}
