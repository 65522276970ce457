package io.genrec.models.visual;

import ai.djl.ndarray.NDArray;
import io.genrec.config.ConfigBinder;
import io.genrec.data.Dataset;
import io.genrec.image.ImageEncoder;
import io.genrec.image.ImageEncoders;
import io.genrec.image.ItemImages;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.models.NeuralProvenance;
import io.genrec.models.training.Batch;
import io.genrec.models.training.Initializers;
import io.genrec.models.training.NeuralArchive;
import io.genrec.models.training.NeuralFitted;
import io.genrec.models.training.NeuralTrainer;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TorchScalar;
import io.genrec.models.training.TrainableNetwork;
import io.genrec.models.training.TrainingResult;
import io.genrec.provenance.Provenance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * VBPR ({@code vbpr}; He &amp; McAuley, AAAI 2016): matrix factorisation plus a visual term over fixed item image
 * features, {@code x(u,i) = b_i + g_u . g_i + t_u . (E f_i) + b' . f_i}, trained with the BPR pairwise loss on (user,
 * seen item, uniformly drawn item) triples in the shared {@link NeuralTrainer}. The features {@code f_i} come from any
 * {@link ImageEncoder} through {@link ItemImages#features} (a zero row = no picture), so a user's own CLIP embeddings
 * work as well as the in-process ones; {@link VbprConfig} names the pictures folder and the encoder. Because {@code E}
 * is shared, an item never seen in training still gets a meaningful score from its picture: the point of the model for
 * new catalogue items. The features are saved with the weights, so a loaded model needs neither pictures nor encoder.
 *
 * <p>Users unknown at fit time (history-only requests) are folded in as the mean of their history's item vectors.
 */
public final class Vbpr implements Recommender {
    private final VbprConfig config;
    private final ImageEncoder encoder;

    /** Features from the pictures in {@code images}, encoded by {@code image_encoder}. */
    public Vbpr(VbprConfig config) { this(config, null); }

    /** @param encoder the image encoder to use instead of opening {@code image_encoder} (tests, embedding in Java) */
    public Vbpr(VbprConfig config, ImageEncoder encoder) {
        this.config = config;
        this.encoder = encoder;
    }

    @Override public String name() { return "vbpr"; }
    @Override public Set<Capability> capabilities() { return NeuralFitted.CAPABILITIES; }
    @Override public VbprConfig config() { return config; }

    /**
     * Where the features came from, saved with the model: the pictures folder, the encoder's model id and width, and
     * how many items had a picture (the rest have zero rows).
     */
    public record FeatureSource(String images, String encoder, int dimension, int itemsWithPictures, int items) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("images", images);
            m.put("encoder", encoder);
            m.put("dimension", dimension);
            m.put("itemsWithPictures", itemsWithPictures);
            m.put("items", items);
            return m;
        }

        static FeatureSource fromMap(Object o, Path modelJson) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("dimension") instanceof Number d) || !(m.get("itemsWithPictures") instanceof Number w)
                    || !(m.get("items") instanceof Number n))
                throw new io.genrec.data.DataFormatException(modelJson, 0, "extra.imageFeatures", "missing or malformed feature source of a VBPR model");
            return new FeatureSource(String.valueOf(m.get("images")), String.valueOf(m.get("encoder")), d.intValue(), w.intValue(), n.intValue());
        }
    }

    @Override
    public FittedRecommender fit(TrainContext ctx) {
        Dataset d = ctx.train();
        Path folder = config.images().isBlank() ? null : Path.of(config.images());
        Path[] pictures = ItemImages.resolve(d.catalog(), folder);
        int have = ItemImages.count(pictures);
        String where = folder == null ? "the items' image fields (images= is empty)" : folder.toString();
        if (have == 0 && d.numItems() > 0)
            throw new IllegalArgumentException("vbpr: none of the " + d.numItems() + " items has a picture in " + where
                    + "; VBPR without pictures is plain BPR-MF. Set images=DIR (pictures named <item id>.jpg|.jpeg|.png)");
        if (have < d.numItems())
            System.err.printf(Locale.ROOT, "genrec: warning: vbpr: %d of %d items have no picture in %s; they get a zero feature row (ID factors only)%n",
                    d.numItems() - have, d.numItems(), where);
        ImageEncoder enc = encoder != null ? encoder : ImageEncoders.open(config.imageEncoder());
        float[][] features = ItemImages.features(pictures, enc, ctx.listener());
        return fit(ctx, features, config, new FeatureSource(folder == null ? "" : folder.toString(), enc.modelId(), enc.dimension(), have, d.numItems()));
    }

    /** Fits VBPR on {@code ctx.train()} with one given feature row per item ({@code features.length == numItems}). */
    public static Fitted fit(TrainContext ctx, float[][] features, VbprConfig config) {
        int have = 0;
        for (float[] row : features) for (float x : row) if (x != 0) { have++; break; }
        return fit(ctx, features, config, new FeatureSource("", "given", features.length == 0 ? 0 : features[0].length, have, features.length));
    }

    private static Fitted fit(TrainContext ctx, float[][] features, VbprConfig config, FeatureSource source) {
        Dataset d = ctx.train();
        if (features.length != d.numItems())
            throw new IllegalArgumentException(features.length + " feature rows for " + d.numItems() + " items");
        int f = features.length == 0 ? 1 : features[0].length;
        float[] feat = new float[d.numItems() * f];
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != f) throw new IllegalArgumentException("feature row " + i + " has " + features[i].length + " values, row 0 " + f);
            System.arraycopy(features[i], 0, feat, i * f, f);
        }
        long t0 = System.nanoTime();
        Network net = new Network(d, feat, f, config);
        TrainingResult r = new NeuralTrainer(config.training()).train(net, ctx,
                w -> new Fitted(null, config, withFeatures(w, feat, d.numItems(), f), source));
        Provenance p = NeuralProvenance.capture("vbpr", config, ctx, r, (System.nanoTime() - t0) / 1e9);
        return new Fitted(p, config, withFeatures(r.weights(), feat, d.numItems(), f), source);
    }

    /** The weights plus the fixed item features, so a saved model scores without the pictures. */
    private static ParameterSet withFeatures(ParameterSet w, float[] feat, int items, int f) {
        ParameterSet out = w.copy();
        out.add("features", feat, items, f);
        return out;
    }

    /** The BPR network over (user, positive) rows; negatives are drawn per batch from the batch's seeded source. */
    static final class Network implements TrainableNetwork {
        private final int[] users, items;
        private final int numUsers, numItems, f;
        private final float[] feat;
        private final VbprConfig c;

        Network(Dataset d, float[] feat, int f, VbprConfig c) {
            int[] ptr = d.userPointers(), idx = d.itemIndices();
            this.users = new int[idx.length];
            this.items = idx.clone();
            for (int u = 0; u < d.numUsers(); u++) for (int k = ptr[u]; k < ptr[u + 1]; k++) users[k] = u;
            this.numUsers = d.numUsers();
            this.numItems = d.numItems();
            this.feat = feat;
            this.f = f;
            this.c = c;
        }

        @Override
        public ParameterSet initialParameters(Random rng) {
            int k = c.factors(), kv = Math.max(1, c.visualFactors());
            return new ParameterSet()
                    .add("item_bias", new float[numItems], numItems)
                    .add("user_latent", Initializers.normal(rng, numUsers * k, 0.1), numUsers, k)
                    .add("item_latent", Initializers.normal(rng, numItems * k, 0.1), numItems, k)
                    .add("user_visual", Initializers.normal(rng, numUsers * kv, 0.1), numUsers, kv)
                    .add("visual_proj", Initializers.normal(rng, Math.max(1, f) * kv, 0.1), Math.max(1, f), kv)
                    .add("visual_bias", new float[Math.max(1, f)], Math.max(1, f), 1);
        }

        @Override
        public int numRows() { return users.length; }

        @Override
        public NDArray loss(Batch b) {
            int n = b.size();
            long[] u = new long[n], pos = new long[n], neg = new long[n];
            float[] fp = new float[n * Math.max(1, f)], fn = new float[n * Math.max(1, f)];
            for (int r = 0; r < n; r++) {
                int row = b.rows()[r];
                u[r] = users[row];
                pos[r] = items[row];
                neg[r] = b.rng().nextInt(numItems);
                if (f > 0) {
                    System.arraycopy(feat, (int) pos[r] * f, fp, r * f, f);
                    System.arraycopy(feat, (int) neg[r] * f, fn, r * f, f);
                }
            }
            NDArray uIdx = b.indices(u), pIdx = b.indices(pos), nIdx = b.indices(neg);
            NDArray diff = score(b, uIdx, pIdx, b.create(fp, n, Math.max(1, f)))
                    .sub(score(b, uIdx, nIdx, b.create(fn, n, Math.max(1, f))));
            // -log sigmoid(d) = softplus(-d), written stably as log(1 + exp(-|d|)) + max(-d, 0)
            NDArray neg1 = diff.neg();
            return neg1.abs().neg().exp().add(TorchScalar.of(neg1, 1)).log().add(neg1.maximum(TorchScalar.of(neg1, 0))).mean();
        }

        private NDArray score(Batch b, NDArray u, NDArray i, NDArray fi) {
            NDArray s = b.param("item_bias").take(i)
                    .add(b.param("user_latent").get(u).mul(b.param("item_latent").get(i)).sum(new int[]{1}));
            if (c.visualFactors() > 0)
                s = s.add(b.param("user_visual").get(u).mul(fi.matMul(b.param("visual_proj"))).sum(new int[]{1}));
            return s.add(fi.matMul(b.param("visual_bias")).squeeze(1));
        }
    }

    /** The fitted model, scored on the host. */
    public static final class Fitted extends NeuralFitted {
        private final float[] itemBias, userLatent, itemLatent, userVisual;
        private final float[] itemVisual; // E f_i per item, precomputed
        private final float[] visualBiasScore; // b' . f_i per item
        private final int k, kv, numUsers;
        private final boolean visual;
        private final VbprConfig config;
        private final FeatureSource source;

        Fitted(Provenance provenance, VbprConfig c, ParameterSet w, FeatureSource source) {
            super("vbpr", w.shape("features")[0], provenance, ConfigBinder.toParams(c), w);
            int numItems = w.shape("features")[0], f = w.shape("features")[1];
            float[] feat = w.get("features"), proj = w.get("visual_proj"), visBias = w.get("visual_bias");
            k = c.factors();
            kv = Math.max(1, c.visualFactors());
            w.requireShape("item_latent", numItems, k);
            w.requireShape("visual_proj", f, kv);
            itemBias = w.get("item_bias");
            userLatent = w.get("user_latent");
            itemLatent = w.get("item_latent");
            userVisual = w.get("user_visual");
            visual = c.visualFactors() > 0;
            numUsers = w.shape("user_latent")[0];
            this.config = c;
            this.source = source;
            itemVisual = new float[numItems * kv];
            visualBiasScore = new float[numItems];
            for (int i = 0; i < numItems; i++) {
                for (int a = 0; a < f; a++) {
                    float x = feat[i * f + a];
                    if (x == 0) continue;
                    visualBiasScore[i] += x * visBias[a];
                    for (int j = 0; j < kv; j++) itemVisual[i * kv + j] += x * proj[a * kv + j];
                }
            }
        }

        /** Restores a model saved by {@link #save}. */
        static Fitted restore(NeuralArchive.Loaded l, VbprConfig c) {
            return new Fitted(l.header().provenance(), c, l.weights(), FeatureSource.fromMap(l.header().extra().get("imageFeatures"), Path.of(l.params().source())));
        }

        /** Where the image features came from. */
        public FeatureSource featureSource() { return source; }

        @Override
        protected void score(UserContext user, float[] out) {
            float[] gu = new float[k], tu = new float[kv];
            if (user.user() >= 0 && user.user() < numUsers) {
                System.arraycopy(userLatent, user.user() * k, gu, 0, k);
                System.arraycopy(userVisual, user.user() * kv, tu, 0, kv);
            } else if (user.history().length > 0) {
                for (int i : user.history()) {
                    for (int j = 0; j < k; j++) gu[j] += itemLatent[i * k + j] / user.history().length;
                    for (int j = 0; j < kv; j++) tu[j] += itemVisual[i * kv + j] / user.history().length;
                }
            }
            for (int i = 0; i < out.length; i++) {
                float s = itemBias[i] + visualBiasScore[i];
                for (int j = 0; j < k; j++) s += gu[j] * itemLatent[i * k + j];
                if (visual) for (int j = 0; j < kv; j++) s += tu[j] * itemVisual[i * kv + j];
                out[i] = s;
            }
        }

        @Override
        public void save(Path dir) throws IOException {
            NeuralArchive.save(dir, name(), provenance(), ConfigBinder.toParams(config), weights, Map.of("imageFeatures", source.toMap()));
        }
    }
}
