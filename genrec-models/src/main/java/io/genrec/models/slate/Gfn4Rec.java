package io.genrec.models.slate;

import io.genrec.config.ConfigBinder;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.Recommender;
import io.genrec.model.SlateGenerator;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.models.NeuralProvenance;
import io.genrec.models.training.NeuralFitted;
import io.genrec.models.training.NeuralTrainer;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainingResult;
import io.genrec.provenance.Provenance;

import java.util.Set;

/**
 * GFN4Rec ({@code gfn4rec}): a GFlowNet slate generator (Liu et al., KDD 2023; defaults and deviations in
 * {@link Gfn4RecConfig}). Fitting runs the shared {@link NeuralTrainer} twice: first the user response model
 * ({@link ResponseModel}, {@code response_epochs}, no validation), then, with it frozen as the reward, the forward
 * policy under trajectory balance ({@link Gfn4RecNetwork}, the config's {@code training} settings with validation and
 * early stopping). Both are saved ({@code resp.*}, {@code pol.*}). The fitted model generates slates greedily
 * ({@link SlateGenerator}); for the ranking interface its scores are the first step's logits with the generated slate
 * of unseen items (history excluded) placed on top in slate order, as for List-CVAE.
 */
public final class Gfn4Rec implements Recommender {
    private final Gfn4RecConfig config;

    public Gfn4Rec(Gfn4RecConfig config) { this.config = config; }

    @Override public String name() { return "gfn4rec"; }
    @Override public Set<Capability> capabilities() { return ListCvae.Fitted.CAPABILITIES; }
    @Override public Gfn4RecConfig config() { return config; }

    @Override
    public FittedRecommender fit(TrainContext ctx) {
        long t0 = System.nanoTime();
        int numItems = ctx.train().numItems();
        TrainingSlates slates = new TrainingSlates(ctx.train(), config.slateSize());
        TrainContext responseCtx = new TrainContext(ctx.train(), null, ctx.seed(), ctx.threads(),
                (stage, done, total, detail) -> ctx.listener().progress(stage, done, total, "response model: " + detail),
                ctx.split());
        TrainingResult resp = new NeuralTrainer(config.training().withEpochs(config.responseEpochs()))
                .train(new ResponseModel.Network(slates, config, numItems), responseCtx, w -> { throw new IllegalStateException("no validation"); });
        ResponseModel response = new ResponseModel(resp.weights());
        TrainingResult pol = new NeuralTrainer(config.training()).train(new Gfn4RecNetwork(ctx.train(), config, response), ctx,
                w -> new Fitted(null, config, merged(resp.weights(), w)));
        Provenance p = NeuralProvenance.capture(name(), config, ctx, pol, (System.nanoTime() - t0) / 1e9);
        return new Fitted(p, config, merged(resp.weights(), pol.weights()));
    }

    private static ParameterSet merged(ParameterSet response, ParameterSet policy) {
        ParameterSet all = new ParameterSet();
        for (String n : response.names()) all.add(n, response.get(n), response.shape(n));
        for (String n : policy.names()) all.add(n, policy.get(n), policy.shape(n));
        return all;
    }

    /** A trained GFN4Rec: the forward policy plus the response model that gave its rewards. */
    public static final class Fitted extends NeuralFitted implements SlateGenerator {
        private final GfnPolicy policy;
        private final ResponseModel response;

        Fitted(Provenance p, Gfn4RecConfig config, ParameterSet w) {
            super("gfn4rec", w.shape("pol.emb")[0], p, ConfigBinder.toParams(config), w);
            policy = new GfnPolicy(w, config.slateSize());
            response = new ResponseModel(w);
        }

        @Override
        public Set<Capability> capabilities() { return ListCvae.Fitted.CAPABILITIES; }

        @Override
        public int[] generateSlate(UserContext user, int k, ItemFilter filter) {
            if (k < 0) throw new IllegalArgumentException("k must be >= 0, got " + k);
            checkHistory(user);
            return policy.decode(policy.state(distinct(user.history())), k, filter, new float[numItems()]);
        }

        /** R(u, O) of the response model: the mean predicted click probability of {@code slate} for this history. */
        public double reward(UserContext user, int[] slate) {
            checkHistory(user);
            for (int item : slate)
                if (item < 0 || item >= numItems()) throw new IllegalArgumentException("slate item " + item + " out of range [0," + numItems() + ")");
            return response.reward(response.userVector(distinct(user.history())), slate, slate.length);
        }

        /** log Z(u), the policy's learned log-flow for this history. */
        public double logZ(UserContext user) {
            checkHistory(user);
            return policy.logZ(policy.state(distinct(user.history())));
        }

        @Override
        protected void score(UserContext user, float[] out) {
            int[] slate = policy.decode(policy.state(distinct(user.history())), policy.slateSize(), ItemFilter.excluding(user.history()), out);
            float top = Float.NEGATIVE_INFINITY;
            for (float s : out) if (s > top) top = s;
            for (int p = 0; p < slate.length; p++) out[slate[p]] = top + (slate.length - p);
        }
    }
}
