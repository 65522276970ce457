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

import java.util.EnumSet;
import java.util.Set;

/**
 * List-CVAE ({@code listcvae}): slate generation with a conditional VAE (Jiang et al., ICLR 2019), trained by the
 * shared {@link NeuralTrainer} on slates synthesised from the training CSR ({@link TrainingSlates}), architecture in
 * {@link ListCvaeNetwork}, defaults and deviations in {@link ListCvaeConfig}. The fitted model generates slates
 * ({@link SlateGenerator}); for the standard ranking interface its scores are the first position's logits with the
 * generated slate of unseen items (history excluded) placed on top in slate order.
 */
public final class ListCvae implements Recommender {
    private final ListCvaeConfig config;

    public ListCvae(ListCvaeConfig config) { this.config = config; }

    @Override public String name() { return "listcvae"; }
    @Override public Set<Capability> capabilities() { return Fitted.CAPABILITIES; }
    @Override public ListCvaeConfig config() { return config; }

    @Override
    public FittedRecommender fit(TrainContext ctx) {
        long t0 = System.nanoTime();
        int numItems = ctx.train().numItems();
        ListCvaeNetwork net = new ListCvaeNetwork(new TrainingSlates(ctx.train(), config.slateSize()), config, numItems);
        TrainingResult r = new NeuralTrainer(config.training()).train(net, ctx, w -> new Fitted(null, config, numItems, w));
        Provenance p = NeuralProvenance.capture(name(), config, ctx, r, (System.nanoTime() - t0) / 1e9);
        return new Fitted(p, config, numItems, r.weights());
    }

    /** A trained List-CVAE. */
    public static final class Fitted extends NeuralFitted implements SlateGenerator {
        private final SlateDecoder decoder;

        Fitted(Provenance p, ListCvaeConfig config, int numItems, ParameterSet w) {
            super("listcvae", numItems, p, ConfigBinder.toParams(config), w);
            decoder = new SlateDecoder(w, config, numItems);
        }

        static final Set<Capability> CAPABILITIES;
        static {
            EnumSet<Capability> c = EnumSet.copyOf(NeuralFitted.CAPABILITIES);
            c.add(Capability.LIST_GENERATION);
            CAPABILITIES = java.util.Collections.unmodifiableSet(c);
        }

        @Override
        public Set<Capability> capabilities() { return CAPABILITIES; }

        @Override
        public int[] generateSlate(UserContext user, int k, ItemFilter filter) {
            if (k < 0) throw new IllegalArgumentException("k must be >= 0, got " + k);
            checkHistory(user);
            float[] x = decoder.positionVectors(distinct(user.history()));
            return decoder.decode(x, k, filter, new float[numItems()]);
        }

        @Override
        protected void score(UserContext user, float[] out) {
            float[] x = decoder.positionVectors(distinct(user.history()));
            int[] slate = decoder.decode(x, decoder.slateSize(), ItemFilter.excluding(user.history()), out);
            float top = Float.NEGATIVE_INFINITY;
            for (float s : out) if (s > top) top = s;
            for (int p = 0; p < slate.length; p++) out[slate[p]] = top + (slate.length - p);
        }
    }
}
