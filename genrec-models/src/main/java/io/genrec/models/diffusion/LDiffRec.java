package io.genrec.models.diffusion;

import io.genrec.config.ConfigBinder;
import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.models.NeuralProvenance;
import io.genrec.models.training.CsrRows;
import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.NeuralFitted;
import io.genrec.models.training.NeuralTrainer;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainingResult;
import io.genrec.provenance.Provenance;

import java.util.Arrays;

/**
 * L-DiffRec ({@code ldiffrec}): Wang et al., "Diffusion Recommender Model", SIGIR 2023, Sec. 4.1 — items are
 * clustered, each cluster's interactions are compressed by a VAE encoder, diffusion runs in the concatenated latent
 * space, and a decoder maps the denoised latent back to item scores. Cheaper than DiffRec at inference (the reverse
 * process runs on latent_dim values instead of one per item). See {@link LDiffRecConfig} for deviations.
 */
public final class LDiffRec implements Recommender {
    private final LDiffRecConfig config;

    public LDiffRec(LDiffRecConfig config) { this.config = config; }

    @Override public String name() { return "ldiffrec"; }
    @Override public java.util.Set<io.genrec.model.Capability> capabilities() { return NeuralFitted.CAPABILITIES; }
    @Override public LDiffRecConfig config() { return config; }

    @Override
    public FittedRecommender fit(TrainContext ctx) {
        long t0 = System.nanoTime();
        Dataset train = ctx.train();
        int[] assignment = config.clusters() == 1 ? new int[train.numItems()] : ItemClustering.cluster(train, config.clusters(), 10, ctx.seed());
        LDiffRecNetwork net = new LDiffRecNetwork(CsrRows.users(train), config, assignment);
        TrainingResult r = new NeuralTrainer(config.training()).train(net, ctx,
                w -> new Fitted(null, config, withClusters(w, assignment), ctx.seed()));
        Provenance p = NeuralProvenance.capture(name(), config, ctx, r, (System.nanoTime() - t0) / 1e9);
        return new Fitted(p, config, withClusters(r.weights(), assignment), ctx.seed());
    }

    /** The weights plus the item-to-cluster assignment (stored as floats, exact for these small integers). */
    static ParameterSet withClusters(ParameterSet w, int[] assignment) {
        float[] a = new float[assignment.length];
        for (int i = 0; i < a.length; i++) a[i] = assignment[i];
        ParameterSet out = w.copy();
        out.add("clusters", a, a.length);
        return out;
    }

    /** Items of each cluster, ascending. */
    static int[][] clusterItems(int[] assignment, int clusters) {
        int[] sizes = new int[clusters];
        for (int a : assignment) sizes[a]++;
        int[][] items = new int[clusters][];
        for (int c = 0; c < clusters; c++) items[c] = new int[sizes[c]];
        int[] fill = new int[clusters];
        for (int i = 0; i < assignment.length; i++) items[assignment[i]][fill[assignment[i]]++] = i;
        return items;
    }

    /** A trained L-DiffRec: encode (means, no sampling) → reverse process in latent space → decode. */
    static final class Fitted extends NeuralFitted {
        private final int[] cluster;
        private final int[] local;
        private final DenseLayer[] encoders;
        private final int[] latent;
        private final DenseLayer decoder;
        private final DiffRecScorer reverse;
        private final long seed;

        Fitted(Provenance p, LDiffRecConfig config, ParameterSet w, long seed) {
            super("ldiffrec", w.shape("dec.b")[0], p, ConfigBinder.toParams(config), w);
            this.seed = seed;
            float[] a = w.get("clusters");
            cluster = new int[a.length];
            for (int i = 0; i < a.length; i++) cluster[i] = (int) a[i];
            int[][] items = clusterItems(cluster, config.clusters());
            local = new int[a.length];
            for (int[] c : items) for (int j = 0; j < c.length; j++) local[c[j]] = j;
            encoders = new DenseLayer[config.clusters()];
            latent = new int[config.clusters()];
            for (int c = 0; c < encoders.length; c++) {
                encoders[c] = DenseLayer.of(w, "enc" + c);
                latent[c] = encoders[c].out() / 2;
            }
            decoder = DenseLayer.of(w, "dec");
            reverse = new DiffRecScorer(w, "mlp.", config.mlpDims().size(), config.diffusion().samplingSteps(), config.diffusion().effectiveReverseSteps(), config.gaussian());
        }

        @Override
        protected void score(UserContext user, float[] out) {
            int[] history = distinct(user.history());
            float[] z = new float[decoder.in()];
            int offset = 0;
            for (int c = 0; c < encoders.length; c++) {
                int k = 0;
                int[] idx = new int[history.length];
                for (int item : history) if (cluster[item] == c) idx[k++] = local[item];
                float[] h = new float[encoders[c].out()];
                encoders[c].forwardSparse(Arrays.copyOf(idx, k), 1f, h);
                for (int j = 0; j < latent[c]; j++) z[offset + j] = (float) Math.tanh(h[j]);
                offset += latent[c];
            }
            float[] denoised = new float[z.length];
            reverse.reverse(z, seed * 31 + Arrays.hashCode(user.history()), denoised);
            decoder.forward(denoised, out);
        }
    }
}
