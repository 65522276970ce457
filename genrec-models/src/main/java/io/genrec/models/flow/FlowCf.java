package io.genrec.models.flow;

import io.genrec.config.ConfigBinder;
import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.models.NeuralProvenance;
import io.genrec.models.diffusion.TimeEmbedding;
import io.genrec.models.training.CsrRows;
import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.NeuralFitted;
import io.genrec.models.training.NeuralTrainer;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainingResult;
import io.genrec.provenance.Provenance;

import java.util.Arrays;

/**
 * FlowCF ({@code flowcf}): Liu et al., "Flow Matching for Collaborative Filtering", KDD 2025 — a velocity field that
 * transports a draw from the behaviour-guided prior Bernoulli(item popularity) to the user's interaction vector along
 * the discrete linear path ({@link FlowPath}), trained by the shared {@link NeuralTrainer}. Inference places the
 * user's history on the path at t = (N-s)/N and takes s Euler steps x ← x + (1/N)(x̂_1 - x)/(1 - t) to t = 1; the
 * last step lands on the network's x̂_1, which is the score vector. Deviations: the Euler iterates stay continuous
 * (no re-binarisation between steps), the velocity network is DiffRec's MLP denoiser, and validation is by NDCG@k.
 */
public final class FlowCf implements Recommender {
    private final FlowCfConfig config;

    public FlowCf(FlowCfConfig config) { this.config = config; }

    @Override public String name() { return "flowcf"; }
    @Override public java.util.Set<io.genrec.model.Capability> capabilities() { return NeuralFitted.CAPABILITIES; }
    @Override public FlowCfConfig config() { return config; }

    @Override
    public FittedRecommender fit(TrainContext ctx) {
        long t0 = System.nanoTime();
        Dataset train = ctx.train();
        FlowCfNetwork net = new FlowCfNetwork(CsrRows.users(train), config, popularityPrior(train));
        TrainingResult r = new NeuralTrainer(config.training()).train(net, ctx, w -> new Fitted(train.numItems(), null, config, w));
        Provenance p = NeuralProvenance.capture(name(), config, ctx, r, (System.nanoTime() - t0) / 1e9);
        return new Fitted(train.numItems(), p, config, r.weights());
    }

    /** The behaviour-guided prior: per item, the fraction of training users who interacted with it. */
    static float[] popularityPrior(Dataset train) {
        float[] p = new float[train.numItems()];
        for (int u = 0; u < train.numUsers(); u++) for (int item : distinctItems(train.itemsOf(u))) p[item] += 1f;
        for (int j = 0; j < p.length; j++) p[j] /= Math.max(1, train.numUsers());
        return p;
    }

    private static int[] distinctItems(int[] items) { return Arrays.stream(items).distinct().toArray(); }

    /** A trained FlowCF: the Euler sampler on host arrays (thread safe; buffers are per call). */
    static final class Fitted extends NeuralFitted {
        private final int width, grid, samplingSteps;
        private final DenseLayer first;     // item part of in0, bias zero (the step part is in stepBias)
        private final float[][] stepBias;   // per grid step i: time part of in0 plus its bias
        private final DenseLayer[] middle;  // in1.., out0..out(last-1), each followed by tanh
        private final DenseLayer last;      // x̂_1 = z W + b

        Fitted(int numItems, Provenance p, FlowCfConfig config, ParameterSet w) {
            super("flowcf", numItems, p, ConfigBinder.toParams(config), w);
            int layers = config.dims().size();
            w.requireShape("out" + (layers - 1) + ".b", numItems);
            width = numItems;
            grid = config.steps();
            samplingSteps = config.samplingSteps();
            DenseLayer in0 = DenseLayer.of(w, "in0"), emb = DenseLayer.of(w, "emb");
            int h = in0.out();
            first = new DenseLayer(width, h, Arrays.copyOf(in0.w(), width * h), new float[h]);
            DenseLayer time = new DenseLayer(emb.out(), h, Arrays.copyOfRange(in0.w(), width * h, in0.w().length), in0.b());
            stepBias = new float[grid][h];
            float[] proj = new float[emb.out()];
            for (int i = grid - samplingSteps; i < grid; i++) {
                emb.forward(TimeEmbedding.sinusoidal(i, emb.in()), proj);
                time.forward(proj, stepBias[i]);
            }
            middle = new DenseLayer[2 * layers - 2];
            for (int i = 1; i < layers; i++) middle[i - 1] = DenseLayer.of(w, "in" + i);
            for (int i = 0; i < layers - 1; i++) middle[layers - 1 + i] = DenseLayer.of(w, "out" + i);
            last = DenseLayer.of(w, "out" + (layers - 1));
        }

        @Override
        protected void score(UserContext user, float[] out) {
            int[] items = distinct(user.history());
            float[] x = new float[width], x1Hat = new float[width], v = new float[width];
            for (int item : items) x[item] = 1f;
            for (int i = grid - samplingSteps; i < grid; i++) {
                // the start is multi-hot: its first layer costs one row per item instead of width x hidden
                predict(i == grid - samplingSteps ? items : null, x, i, x1Hat);
                double t = i / (double) grid;
                FlowPath.velocity(x1Hat, x, t, v);
                FlowPath.eulerStep(x, v, 1.0 / grid);
            }
            System.arraycopy(x, 0, out, 0, width);
        }

        /** x̂_1 for the point {@code x} at grid step i (from {@code sparse} items when x is their multi-hot vector). */
        private void predict(int[] sparse, float[] x, int i, float[] x1Hat) {
            float[] h = new float[first.out()];
            if (sparse != null) first.forwardSparse(sparse, 1f, h);
            else first.forward(x, h);
            for (int j = 0; j < h.length; j++) h[j] += stepBias[i][j];
            DenseLayer.tanh(h);
            for (DenseLayer layer : middle) {
                float[] next = new float[layer.out()];
                layer.forward(h, next);
                DenseLayer.tanh(next);
                h = next;
            }
            last.forward(h, x1Hat);
        }
    }
}
