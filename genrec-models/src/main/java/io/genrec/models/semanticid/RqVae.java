package io.genrec.models.semanticid;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import io.genrec.models.training.AdamOptimizer;
import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.OwnedArrays;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TorchScalar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * RQ-VAE, TIGER's tokenizer (Rajput et al., NeurIPS 2023; residual quantisation after Zeghidour et al. 2021): an MLP
 * encoder (ReLU) maps an item embedding to a latent z; level l picks the code of codebook l nearest to the residual
 * r_l (r_0 = z, r_{l+1} = r_l - e_l); a mirrored decoder reconstructs the embedding from the sum of the chosen codes.
 * Training (per item, summed over dimensions, averaged over the batch): reconstruction squared error
 * + sum over levels of ||sg(r_l) - e_l||^2 (codebook) + beta ||r_l - sg(e_l)||^2 (commitment); the decoder sees
 * z + sg(z_q - z) (straight-through estimator), so the reconstruction gradient reaches the encoder. Each codebook is
 * initialised by k-means ({@link KMeans}) on the first training batch's residuals at its level, as TIGER does.
 * The next level's residual subtracts sg(e_l), so a codebook is moved only by its own codebook term.
 *
 * <p>Deviations from the paper: Adam (lr 1e-3) instead of Adagrad (lr 0.4), and far fewer epochs than its 20k (a CPU
 * budget; the caller chooses). The loop is a small one of its own, not {@link io.genrec.models.training.NeuralTrainer}:
 * that loop trains on the users of an interaction data set and validates by ranking NDCG, while a tokenizer trains
 * on item embeddings with no ranking to validate. It uses the same pieces (PyTorch autograd through DJL, host
 * {@link AdamOptimizer}, {@link OwnedArrays} uploads) and is deterministic per seed with one PyTorch thread.
 *
 * <p>Parameters ({@link #writeTo}): {@code enc.<i>.w/b}, {@code dec.<i>.w/b} ({@code [in, out]}) and
 * {@code codebooks [levels, k, latent]}.
 */
public final class RqVae implements ItemTokenizer {
    public static final String NAME = "rqvae";

    /**
     * @param hidden           encoder widths after the input (the decoder mirrors them), TIGER: 512, 256, 128
     * @param latent           width of z and the codes, TIGER: 32
     * @param levels           codebooks, TIGER: 3
     * @param codes            codes per codebook, TIGER: 256
     * @param beta             commitment weight, TIGER: 0.25
     * @param epochs           passes over the items
     * @param batchSize        items per step (the first batch also seeds the codebooks, so at least {@code codes} helps)
     * @param learningRate     Adam step size
     * @param kmeansIterations Lloyd steps of each codebook's initialisation
     */
    public record Config(int[] hidden, int latent, int levels, int codes, double beta, int epochs, int batchSize,
                         double learningRate, int kmeansIterations) {
        public Config {
            hidden = hidden.clone();
            for (int h : hidden) if (h < 1) throw new IllegalArgumentException("hidden widths must be >= 1, got " + Arrays.toString(hidden));
            if (latent < 1 || levels < 1 || codes < 2 || epochs < 1 || batchSize < 1 || kmeansIterations < 0)
                throw new IllegalArgumentException("rqvae needs latent >= 1, levels >= 1, codes >= 2, epochs >= 1, batch >= 1, kmeans iterations >= 0");
            if (!(beta >= 0) || !(learningRate > 0)) throw new IllegalArgumentException("rqvae needs beta >= 0 and lr > 0");
        }

        /** TIGER's sizes with {@code levels} codebooks of {@code codes}, 100 epochs of batches of 1024, Adam lr 1e-3. */
        public static Config tiger(int levels, int codes) {
            return new Config(new int[] {512, 256, 128}, 32, levels, codes, 0.25, 100, 1024, 1e-3, 20);
        }

        public Config withEpochs(int e) { return new Config(hidden, latent, levels, codes, beta, e, batchSize, learningRate, kmeansIterations); }

        /** This config with {@code key=value} overrides (keys: epochs, batch_size, lr, beta, latent, hidden=512/256/128, kmeans_iterations). */
        public Config with(Map<String, String> kv) {
            Config c = this;
            for (var e : kv.entrySet()) {
                String v = e.getValue();
                c = switch (e.getKey()) {
                    case "epochs" -> new Config(c.hidden, c.latent, c.levels, c.codes, c.beta, Integer.parseInt(v), c.batchSize, c.learningRate, c.kmeansIterations);
                    case "batch_size" -> new Config(c.hidden, c.latent, c.levels, c.codes, c.beta, c.epochs, Integer.parseInt(v), c.learningRate, c.kmeansIterations);
                    case "lr" -> new Config(c.hidden, c.latent, c.levels, c.codes, c.beta, c.epochs, c.batchSize, Double.parseDouble(v), c.kmeansIterations);
                    case "beta" -> new Config(c.hidden, c.latent, c.levels, c.codes, Double.parseDouble(v), c.epochs, c.batchSize, c.learningRate, c.kmeansIterations);
                    case "latent" -> new Config(c.hidden, Integer.parseInt(v), c.levels, c.codes, c.beta, c.epochs, c.batchSize, c.learningRate, c.kmeansIterations);
                    case "hidden" -> new Config(Arrays.stream(v.split("/")).mapToInt(Integer::parseInt).toArray(), c.latent, c.levels, c.codes, c.beta, c.epochs, c.batchSize, c.learningRate, c.kmeansIterations);
                    case "kmeans_iterations" -> new Config(c.hidden, c.latent, c.levels, c.codes, c.beta, c.epochs, c.batchSize, c.learningRate, Integer.parseInt(v));
                    default -> throw new IllegalArgumentException("unknown rqvae key '" + e.getKey() + "' (known: epochs, batch_size, lr, beta, latent, hidden, kmeans_iterations)");
                };
            }
            return c;
        }

        @Override public String toString() {
            return String.format(java.util.Locale.ROOT, "hidden=%s latent=%d levels=%d codes=%d beta=%s epochs=%d batch_size=%d lr=%s kmeans_iterations=%d",
                    Arrays.toString(hidden), latent, levels, codes, beta, epochs, batchSize, learningRate, kmeansIterations);
        }
    }

    /** Mean per-epoch training losses of a fit (reconstruction and quantisation terms), for reports. */
    public record EpochLoss(int epoch, double reconstruction, double quantisation) { }

    private final DenseLayer[] enc, dec;
    private final float[][] codebooks;
    private final int k, latent;
    private final List<EpochLoss> history;

    private RqVae(DenseLayer[] enc, DenseLayer[] dec, float[][] codebooks, int k, List<EpochLoss> history) {
        this.enc = enc;
        this.dec = dec;
        this.codebooks = codebooks;
        this.k = k;
        this.latent = enc[enc.length - 1].out();
        this.history = List.copyOf(history);
    }

    /** Fits TIGER's architecture ({@link Config#tiger}) with {@code levels} codebooks of {@code codes}. */
    public static RqVae fit(float[][] embeddings, int levels, int codes, long seed) {
        return fit(embeddings, Config.tiger(levels, codes), seed);
    }

    /** Fits an RQ-VAE on {@code embeddings} (rows of equal width). Deterministic per seed with one PyTorch thread. */
    public static RqVae fit(float[][] embeddings, Config config, long seed) {
        if (embeddings.length == 0) throw new IllegalArgumentException("no embeddings to fit a tokenizer on");
        int n = embeddings.length, dim = embeddings[0].length;
        for (int i = 0; i < n; i++)
            if (embeddings[i].length != dim) throw new IllegalArgumentException("embedding " + i + " has width " + embeddings[i].length + ", expected " + dim);
        Random init = new Random(seed);
        ParameterSet p = new ParameterSet();
        int[] widths = widths(dim, config);
        int layers = widths.length - 1;
        for (int i = 0; i < layers; i++) DenseLayer.pytorchDefault(p, "enc." + i, widths[i], widths[i + 1], init);
        for (int i = 0; i < layers; i++) DenseLayer.pytorchDefault(p, "dec." + i, widths[layers - i], widths[layers - i - 1], init);
        SplittableRandom shuffle = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        shuffleInPlace(order, shuffle);
        // k-means initialisation of every codebook on the first batch's residuals under the initial encoder
        int first = Math.min(n, config.batchSize());
        float[][] residual = new float[first][];
        DenseLayer[] enc0 = layers(p, "enc.", layers);
        for (int j = 0; j < first; j++) residual[j] = forward(enc0, embeddings[order[j]]);
        float[] books = new float[config.levels() * config.codes() * config.latent()];
        for (int l = 0; l < config.levels(); l++) {
            float[] c = KMeans.fit(residual, config.codes(), config.kmeansIterations(), init);
            System.arraycopy(c, 0, books, l * c.length, c.length);
            for (float[] r : residual) ItemTokenizer.subtract(r, c, ItemTokenizer.nearest(c, config.codes(), r));
        }
        p.add("codebooks", books, config.levels(), config.codes(), config.latent());

        Engine.getInstance();
        AdamOptimizer adam = new AdamOptimizer(config.learningRate(), 0);
        List<EpochLoss> history = new ArrayList<>();
        float[] flat = new float[first * dim];
        try (NDManager root = NDManager.newBaseManager()) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                if (epoch > 1) shuffleInPlace(order, shuffle);
                double rec = 0, quant = 0;
                int batches = 0;
                for (int from = 0; from < n; from += config.batchSize()) {
                    int bs = Math.min(config.batchSize(), n - from);
                    if (flat.length != bs * dim) flat = new float[bs * dim];
                    for (int j = 0; j < bs; j++) System.arraycopy(embeddings[order[from + j]], 0, flat, j * dim, dim);
                    try (NDManager bm = root.newSubManager()) {
                        Map<String, NDArray> w = new LinkedHashMap<>();
                        for (String name : p.names()) {
                            int[] s = p.shape(name);
                            long[] shape = new long[s.length];
                            for (int i = 0; i < s.length; i++) shape[i] = s[i];
                            NDArray a = OwnedArrays.floats(bm, p.get(name), shape);
                            a.setRequiresGradient(true);
                            w.put(name, a);
                        }
                        NDArray x = OwnedArrays.floats(bm, flat, bs, dim);
                        Map<String, float[]> grads = new LinkedHashMap<>();
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray[] terms = loss(w, x, config, layers, bs);
                            NDArray total = terms[0].add(terms[1]);
                            gc.backward(total);
                            rec += terms[0].getFloat();
                            quant += terms[1].getFloat();
                        }
                        for (var e : w.entrySet()) grads.put(e.getKey(), e.getValue().getGradient().toFloatArray());
                        adam.step(p, grads);
                    }
                    batches++;
                }
                if (!Double.isFinite(rec + quant)) throw new IllegalStateException("rqvae loss became non-finite at epoch " + epoch + " (lower lr?)");
                history.add(new EpochLoss(epoch, rec / batches, quant / batches));
            }
        }
        return fromParameters(p, "", history);
    }

    /** Reconstruction and quantisation (codebook + beta commitment) losses of one batch, each a scalar. */
    private static NDArray[] loss(Map<String, NDArray> w, NDArray x, Config config, int layers, int bs) {
        NDArray z = x;
        for (int i = 0; i < layers; i++) {
            z = z.matMul(w.get("enc." + i + ".w")).add(w.get("enc." + i + ".b"));
            if (i < layers - 1) z = Activation.relu(z);
        }
        NDArray books = w.get("codebooks");
        NDArray r = z, zq = null, quant = null;
        for (int l = 0; l < config.levels(); l++) {
            NDArray c = books.get(l);
            NDArray rs = r.stopGradient(), cs = c.stopGradient();
            NDArray d = rs.square().sum(new int[] {1}, true).sub(rs.matMul(cs.transpose()).mul(TorchScalar.of(rs, 2)))
                    .add(cs.square().sum(new int[] {1}).reshape(1, config.codes()));
            NDArray idx = d.argMin(1);
            NDArray e = c.get(new NDIndex("{}", idx));
            NDArray book = rs.sub(e).square().sum().div(TorchScalar.of(e, bs));
            NDArray commit = r.sub(e.stopGradient()).square().sum().div(TorchScalar.of(e, bs)).mul(TorchScalar.of(e, config.beta()));
            NDArray term = book.add(commit);
            quant = quant == null ? term : quant.add(term);
            zq = zq == null ? e : zq.add(e);
            r = r.sub(e.stopGradient());
        }
        NDArray h = z.add(zq.sub(z).stopGradient());
        for (int i = 0; i < layers; i++) {
            h = h.matMul(w.get("dec." + i + ".w")).add(w.get("dec." + i + ".b"));
            if (i < layers - 1) h = Activation.relu(h);
        }
        NDArray rec = x.sub(h).square().sum().div(TorchScalar.of(h, bs));
        return new NDArray[] {rec, quant};
    }

    private static int[] widths(int dim, Config config) {
        int[] w = new int[config.hidden().length + 2];
        w[0] = dim;
        System.arraycopy(config.hidden(), 0, w, 1, config.hidden().length);
        w[w.length - 1] = config.latent();
        return w;
    }

    private static DenseLayer[] layers(ParameterSet p, String prefix, int count) {
        DenseLayer[] out = new DenseLayer[count];
        for (int i = 0; i < count; i++) out[i] = DenseLayer.of(p, prefix + i);
        return out;
    }

    /** The MLP output for {@code x}: ReLU after every layer but the last. */
    private static float[] forward(DenseLayer[] net, float[] x) {
        float[] h = x;
        for (int i = 0; i < net.length; i++) {
            float[] y = new float[net[i].out()];
            net[i].forward(h, y);
            if (i < net.length - 1) for (int j = 0; j < y.length; j++) if (y[j] < 0) y[j] = 0;
            h = y;
        }
        return h;
    }

    private static void shuffleInPlace(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
    }

    @Override public String name() { return NAME; }
    @Override public int levels() { return codebooks.length; }
    @Override public int codebookSize() { return k; }
    @Override public int inputDimension() { return enc[0].in(); }

    /** Per-epoch mean training losses of the fit (empty for a restored tokenizer). */
    public List<EpochLoss> history() { return history; }

    /** The latent z of an embedding (encoder output). */
    public float[] latent(float[] embedding) {
        if (embedding.length != inputDimension()) throw new IllegalArgumentException("embedding has width " + embedding.length + ", tokenizer " + inputDimension());
        return forward(enc, embedding);
    }

    @Override
    public int[] encode(float[] embedding) {
        float[] r = latent(embedding);
        int[] codes = new int[codebooks.length];
        for (int l = 0; l < codes.length; l++) {
            codes[l] = ItemTokenizer.nearest(codebooks[l], k, r);
            ItemTokenizer.subtract(r, codebooks[l], codes[l]);
        }
        return codes;
    }

    /** The decoder's reconstruction of {@code embedding} through its quantised latent (the sum of its codes). */
    public float[] reconstruct(float[] embedding) {
        int[] codes = encode(embedding);
        float[] zq = new float[latent];
        for (int l = 0; l < codes.length; l++)
            for (int j = 0; j < latent; j++) zq[j] += codebooks[l][codes[l] * latent + j];
        return forward(dec, zq);
    }

    @Override
    public void writeTo(ParameterSet p, String prefix) {
        for (int i = 0; i < enc.length; i++) writeLayer(p, prefix + "enc." + i, enc[i]);
        for (int i = 0; i < dec.length; i++) writeLayer(p, prefix + "dec." + i, dec[i]);
        float[] flat = new float[codebooks.length * k * latent];
        for (int l = 0; l < codebooks.length; l++) System.arraycopy(codebooks[l], 0, flat, l * k * latent, k * latent);
        p.add(prefix + "codebooks", flat, codebooks.length, k, latent);
    }

    private static void writeLayer(ParameterSet p, String name, DenseLayer layer) {
        p.add(name + ".w", layer.w().clone(), layer.in(), layer.out());
        p.add(name + ".b", layer.b().clone(), layer.out());
    }

    /** Reads a tokenizer written by {@link #writeTo}. */
    static RqVae readFrom(ParameterSet p, String prefix) {
        return fromParameters(p, prefix, List.of());
    }

    private static RqVae fromParameters(ParameterSet p, String prefix, List<EpochLoss> history) {
        int layers = 0;
        while (p.names().contains(prefix + "enc." + layers + ".w")) layers++;
        if (layers == 0) throw new IllegalArgumentException("no rqvae encoder under '" + prefix + "enc.0'");
        DenseLayer[] enc = layers(p, prefix + "enc.", layers), dec = layers(p, prefix + "dec.", layers);
        int[] s = p.shape(prefix + "codebooks");
        if (s.length != 3 || s[2] != enc[layers - 1].out())
            throw new IllegalArgumentException("rqvae codebooks " + Arrays.toString(s) + " do not match the latent width " + enc[layers - 1].out());
        float[] flat = p.get(prefix + "codebooks");
        float[][] books = new float[s[0]][];
        for (int l = 0; l < s[0]; l++) books[l] = Arrays.copyOfRange(flat, l * s[1] * s[2], (l + 1) * s[1] * s[2]);
        return new RqVae(enc, dec, books, s[1], history);
    }
}
