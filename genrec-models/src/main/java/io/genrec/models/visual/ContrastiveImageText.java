package io.genrec.models.visual;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.genrec.data.DataFormatException;
import io.genrec.image.ImageEncoder;
import io.genrec.image.ImageFiles;
import io.genrec.image.Preprocessing;
import io.genrec.model.ProgressListener;
import io.genrec.model.ModelArchive;
import io.genrec.model.TrainContext;
import io.genrec.models.NeuralProvenance;
import io.genrec.models.training.Batch;
import io.genrec.models.training.Initializers;
import io.genrec.models.training.NeuralTrainer;
import io.genrec.models.training.OwnedArrays;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainableNetwork;
import io.genrec.models.training.TrainingConfig;
import io.genrec.models.training.TrainingResult;
import io.genrec.provenance.Provenance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small CLIP trained in process: a compact CNN image tower (three 3x3 convolutions of widths {@code c, 2c, 4c}
 * with ReLU, 2x2 max-pooling after the first two, global average pooling, a linear map to {@code dim}) aligned to a
 * <em>frozen</em> text encoder (the in-process MiniLM; only a linear projection of its embeddings is learned) with
 * the symmetric {@link InfoNce} loss and a learnable temperature, on the shared {@link NeuralTrainer}. Locking the
 * text side is what lets a few thousand photos suffice: the text geometry comes pretrained, the image tower only has
 * to find it.
 *
 * <p>Training rows are images; row {@code k} pairs image {@code k} with text {@code textOf[k]} of a table of frozen
 * text embeddings (several photos may share a text, e.g. one description per product class).
 */
public final class ContrastiveImageText {
    /** @param channels first convolution's width; @param dim joint space width; @param imageSize side of the input square */
    public record Config(int channels, int dim, int imageSize, double initialTemperature, TrainingConfig training) {
        public Config {
            if (channels < 1 || dim < 1 || imageSize < 4) throw new IllegalArgumentException("channels, dim >= 1 and image_size >= 4 needed");
            if (!(initialTemperature > 0)) throw new IllegalArgumentException("temperature must be > 0");
        }

        public Preprocessing preprocessing() {
            return new Preprocessing(imageSize, imageSize, Preprocessing.CLIP_MEAN, Preprocessing.CLIP_STD);
        }
    }

    private ContrastiveImageText() { }

    /**
     * Trains on {@code pixels} ({@code n} preprocessed images end to end, {@link Config#preprocessing()}) paired with
     * rows {@code textOf} of the frozen {@code textEmbeddings}. {@code ctx} supplies seed, threads and progress.
     */
    public static Fitted fit(float[] pixels, int[] textOf, float[][] textEmbeddings, Config config, TrainContext ctx) {
        return fit(pixels, textOf, textEmbeddings, config, ctx, "unnamed");
    }

    /**
     * As {@link #fit(float[], int[], float[][], Config, TrainContext)}, recording {@code textEncoder} (the frozen text
     * model that made {@code textEmbeddings}) in the provenance of the saved model. The provenance's data hash is the
     * SHA-256 of the training input itself (pixels, pairing, text rows), as the pairs may come from anywhere.
     */
    public static Fitted fit(float[] pixels, int[] textOf, float[][] textEmbeddings, Config config, TrainContext ctx, String textEncoder) {
        long t0 = System.nanoTime();
        TrainingResult r = new NeuralTrainer(config.training()).train(new Network(pixels, textOf, textEmbeddings, config), ctx, null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("fit", seconds);
        timings.put("epochs", (double) r.epochs().size());
        timings.put("secondsPerEpoch", r.secondsPerEpoch());
        Provenance p = Provenance.capture(MODEL, config, ctx.train().name() + " (text encoder " + textEncoder + ")",
                inputHash(pixels, textOf, textEmbeddings), ctx.split(), ctx.seed(), NeuralProvenance.LIBRARIES, timings);
        return new Fitted(r.weights(), config, textEmbeddings[0].length, textEncoder, p, r, seconds);
    }

    /** The archive's model name. */
    public static final String MODEL = "contrastive-image-text";

    /** Restores a model written by {@link Fitted#save}; its image tower then encodes exactly as the saved one did. */
    @SuppressWarnings("unchecked")
    public static Fitted load(Path dir) throws IOException {
        ModelArchive.Loaded l = ModelArchive.read(dir);
        Path header = dir.resolve("model.json");
        if (!MODEL.equals(l.header().model()))
            throw new DataFormatException(header, 0, "model", "holds a '" + l.header().model() + "' model, not a " + MODEL + " (genrec multimodal --save DIR)");
        Map<String, Object> extra = l.header().extra();
        if (!(extra.get("parameterNames") instanceof List<?> names) || !(extra.get("config") instanceof Map<?, ?> cfg)
                || !(extra.get("textDim") instanceof Number textDim))
            throw new DataFormatException(header, 0, "extra", "missing 'parameterNames', 'config' or 'textDim' of a " + MODEL + " model");
        Config config;
        try {
            config = JSON.convertValue(cfg, Config.class);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(header, 0, "extra.config", "not a " + MODEL + " config: " + e.getMessage(), e);
        }
        ParameterSet w = ParameterSet.readFrom(l, (List<String>) names);
        return new Fitted(w, config, textDim.intValue(), String.valueOf(extra.get("textEncoder")), l.header().provenance(), null, 0);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static String inputHash(float[] pixels, int[] textOf, float[][] texts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(1 << 16);
            for (float x : pixels) { if (b.remaining() < 4) flush(md, b); b.putFloat(x); }
            for (int t : textOf) { if (b.remaining() < 4) flush(md, b); b.putInt(t); }
            for (float[] row : texts) for (float x : row) { if (b.remaining() < 4) flush(md, b); b.putFloat(x); }
            flush(md, b);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void flush(MessageDigest md, ByteBuffer b) {
        md.update(b.array(), 0, b.position());
        b.clear();
    }

    static final class Network implements TrainableNetwork {
        private final float[] pixels;
        private final int[] textOf;
        private final float[] texts;
        private final int textDim, per;
        private final Config c;

        Network(float[] pixels, int[] textOf, float[][] textEmbeddings, Config c) {
            this.per = c.preprocessing().size();
            if (pixels.length != textOf.length * per)
                throw new IllegalArgumentException(pixels.length + " pixel values for " + textOf.length + " images of " + per);
            this.pixels = pixels;
            this.textOf = textOf;
            this.textDim = textEmbeddings[0].length;
            this.texts = new float[textEmbeddings.length * textDim];
            for (int t = 0; t < textEmbeddings.length; t++) System.arraycopy(textEmbeddings[t], 0, texts, t * textDim, textDim);
            for (int t : textOf) if (t < 0 || t >= textEmbeddings.length) throw new IllegalArgumentException("text index " + t + " out of range");
            this.c = c;
        }

        @Override
        public ParameterSet initialParameters(Random rng) { return initial(rng, c, textDim); }

        @Override
        public int numRows() { return textOf.length; }

        @Override
        public NDArray loss(Batch b) {
            int n = b.size(), s = c.imageSize();
            float[] x = new float[n * per], t = new float[n * textDim];
            for (int r = 0; r < n; r++) {
                int row = b.rows()[r];
                System.arraycopy(pixels, row * per, x, r * per, per);
                System.arraycopy(texts, textOf[row] * textDim, t, r * textDim, textDim);
            }
            NDArray img = imageTower(b.params(), b.create(x, n, 3, s, s));
            NDArray txt = InfoNce.normalizeRows(b.create(t, n, textDim).matMul(b.param("text_proj")));
            return InfoNce.loss(img, txt, b.param("log_scale"));
        }
    }

    static ParameterSet initial(Random rng, Config c, int textDim) {
        int c1 = c.channels(), c2 = 2 * c1, c3 = 4 * c1;
        return new ParameterSet()
                .add("conv1", Initializers.normal(rng, c1 * 3 * 9, Math.sqrt(2.0 / (3 * 9))), c1, 3, 3, 3)
                .add("bias1", new float[c1], c1)
                .add("conv2", Initializers.normal(rng, c2 * c1 * 9, Math.sqrt(2.0 / (c1 * 9))), c2, c1, 3, 3)
                .add("bias2", new float[c2], c2)
                .add("conv3", Initializers.normal(rng, c3 * c2 * 9, Math.sqrt(2.0 / (c2 * 9))), c3, c2, 3, 3)
                .add("bias3", new float[c3], c3)
                .add("image_proj", Initializers.xavierNormal(rng, c3, c.dim()), c3, c.dim())
                .add("text_proj", Initializers.xavierNormal(rng, textDim, c.dim()), textDim, c.dim())
                .add("log_scale", new float[]{(float) Math.log(1 / c.initialTemperature())}, 1);
    }

    /** Normalised image embeddings of {@code x [N, 3, S, S]}. */
    static NDArray imageTower(Map<String, NDArray> p, NDArray x) {
        Shape two = new Shape(2, 2), zero = new Shape(0, 0);
        NDArray h = conv3x3(x, p.get("conv1"), p.get("bias1"));
        h = Pool.maxPool2d(h.maximum(zeroLike(h)), two, two, zero, false);
        h = conv3x3(h, p.get("conv2"), p.get("bias2"));
        h = Pool.maxPool2d(h.maximum(zeroLike(h)), two, two, zero, false);
        h = conv3x3(h, p.get("conv3"), p.get("bias3"));
        h = Pool.globalAvgPool2d(h.maximum(zeroLike(h)));
        return InfoNce.normalizeRows(h.reshape(h.getShape().get(0), -1).matMul(p.get("image_proj")));
    }

    /**
     * A 3x3 convolution, stride 1, zero padding 1, as a matrix product over the nine shifted copies of the padded
     * input (im2col), with the weight layout of PyTorch's {@code conv2d} ({@code [out, in, 3, 3]}), which it
     * computes. Why not the engine's {@code conv2d}: with DJL 0.36's libtorch on CPU its backward pass sometimes wrote
     * NaN into whole output channels of the first layer's weight gradient (about 1 in 1,000 identical backward passes
     * from the same weights and batch, one thread; the forward pass and loss were identical every time), which ended
     * fits with "loss became NaN" at a different step in each run. The same loop over 20,000 passes gave 0 such
     * differences with this formulation (whose backward is only slicing, concatenation and matrix products) and 9
     * with the engine's max-pooling kept, so the pooling is not involved; {@code ContrastiveImageTextTest} repeats the
     * check.
     */
    static NDArray conv3x3(NDArray x, NDArray w, NDArray bias) {
        Shape s = x.getShape();
        long n = s.get(0), c = s.get(1), h = s.get(2), wd = s.get(3), out = w.getShape().get(0);
        NDManager m = x.getManager();
        NDArray rows = m.zeros(new Shape(n, c, 1, wd), x.getDataType());
        NDArray padded = rows.concat(x, 2).concat(rows, 2);
        NDArray cols = m.zeros(new Shape(n, c, h + 2, 1), x.getDataType());
        padded = cols.concat(padded, 3).concat(cols, 3);
        NDList taps = new NDList(9);
        for (int ky = 0; ky < 3; ky++)
            for (int kx = 0; kx < 3; kx++)
                taps.add(padded.get(new NDIndex(":, :, {}:{}, {}:{}", ky, ky + h, kx, kx + wd)));
        NDArray patches = NDArrays.stack(taps, 2).reshape(n, c * 9, h * wd);
        return w.reshape(out, c * 9).matMul(patches).add(bias.reshape(out, 1)).reshape(n, out, h, wd);
    }

    private static NDArray zeroLike(NDArray h) { return io.genrec.models.training.TorchScalar.of(h, 0); }

    /** The trained towers; the image tower is an {@link ImageEncoder} (pictures read and preprocessed as in training). */
    public static final class Fitted implements ImageEncoder {
        private final ParameterSet weights;
        private final Config config;
        private final int textDim;
        private final String textEncoder;
        private final Provenance provenance;
        private final TrainingResult training;
        private final double seconds;

        Fitted(ParameterSet weights, Config config, int textDim, String textEncoder, Provenance provenance, TrainingResult training, double seconds) {
            this.weights = weights;
            this.config = config;
            this.textDim = textDim;
            this.textEncoder = textEncoder;
            this.provenance = provenance;
            this.training = training;
            this.seconds = seconds;
        }

        /**
         * Writes weights, config, the text encoder's name and provenance to {@code dir} (atomically; an existing
         * directory is replaced only if it is an earlier GenRec model).
         */
        public void save(Path dir) throws IOException {
            ModelArchive a = new ModelArchive();
            weights.writeTo(a);
            a.putExtra("parameterNames", weights.names());
            a.putExtra("config", Provenance.recordToMap(config));
            a.putExtra("textDim", textDim);
            a.putExtra("textEncoder", textEncoder);
            a.write(dir, MODEL, provenance);
        }

        public Provenance provenance() { return provenance; }

        /** The frozen text model the text projection expects embeddings of. */
        public String textEncoder() { return textEncoder; }

        public Config config() { return config; }

        /** The training run; null for a loaded model. */
        public TrainingResult training() { return training; }

        public double trainingSeconds() { return seconds; }

        public double temperature() { return 1 / Math.exp(Math.min(weights.get("log_scale")[0], InfoNce.MAX_LOG_SCALE)); }

        @Override
        public String modelId() {
            int h = 1;
            for (String name : weights.names()) h = 31 * h + java.util.Arrays.hashCode(weights.get(name));
            return "contrastive-cnn-" + Integer.toHexString(h);
        }

        @Override
        public int dimension() { return config.dim(); }

        @Override
        public float[][] encode(List<Path> images, ProgressListener listener) {
            Preprocessing p = config.preprocessing();
            float[][] out = new float[images.size()][];
            for (int from = 0; from < out.length; from += 64) {
                int n = Math.min(64, out.length - from);
                float[] x = new float[n * p.size()];
                for (int i = 0; i < n; i++) System.arraycopy(ImageFiles.tensor(images.get(from + i), p), 0, x, i * p.size(), p.size());
                float[][] rows = encodePixels(x, n);
                System.arraycopy(rows, 0, out, from, n);
                listener.progress("encode images", from + n, out.length, "");
            }
            return out;
        }

        /** Normalised embeddings of {@code n} preprocessed images laid end to end. */
        public float[][] encodePixels(float[] x, int n) {
            int s = config.imageSize();
            try (NDManager m = NDManager.newBaseManager()) {
                Map<String, NDArray> p = upload(m);
                float[] flat = imageTower(p, OwnedArrays.floats(m, x, n, 3, s, s)).toFloatArray();
                return rows(flat, n, config.dim());
            }
        }

        /** Frozen text embeddings mapped into the joint space, normalised. */
        public float[][] projectText(float[][] textEmbeddings) {
            float[] t = new float[textEmbeddings.length * textDim];
            for (int i = 0; i < textEmbeddings.length; i++) System.arraycopy(textEmbeddings[i], 0, t, i * textDim, textDim);
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray proj = OwnedArrays.floats(m, weights.get("text_proj"), textDim, config.dim());
                float[] flat = InfoNce.normalizeRows(OwnedArrays.floats(m, t, textEmbeddings.length, textDim).matMul(proj)).toFloatArray();
                return rows(flat, textEmbeddings.length, config.dim());
            }
        }

        private Map<String, NDArray> upload(NDManager m) {
            Map<String, NDArray> p = new java.util.HashMap<>();
            for (String name : weights.names()) {
                int[] sh = weights.shape(name);
                long[] shape = new long[sh.length];
                for (int i = 0; i < sh.length; i++) shape[i] = sh[i];
                p.put(name, OwnedArrays.floats(m, weights.get(name), shape));
            }
            return p;
        }

        private static float[][] rows(float[] flat, int n, int d) {
            float[][] out = new float[n][d];
            for (int i = 0; i < n; i++) System.arraycopy(flat, i * d, out[i], 0, d);
            return out;
        }
    }
}
