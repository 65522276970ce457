package io.genrec.models.semanticid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.genrec.config.ConfigBinder;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemTextEmbedder;
import io.genrec.model.ItemTextEmbedders;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.models.NeuralProvenance;
import io.genrec.models.training.NeuralFitted;
import io.genrec.models.training.NeuralTrainer;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainingResult;
import io.genrec.provenance.Provenance;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * TIGER ({@code tiger}): generative retrieval with semantic IDs (Rajput et al., NeurIPS 2023). At fit time every
 * catalogue item's text is embedded by the in-process encoder (MiniLM from genrec-llm, through its disk cache), a
 * tokenizer ({@link ItemTokenizers}; RQ-KMeans by default) turns the embeddings into codes, {@link SemanticIds} adds
 * the disambiguation token, and the encoder–decoder ({@link TigerNetwork}) is trained with the shared loop to
 * generate the next item's ID token by token.
 *
 * <p>Scoring is generation: a constrained beam search ({@link ConstrainedBeamSearch} over the {@link IdTrie} of all
 * IDs) returns at most {@code beam} real items; each gets its ID's log-probability as score and every other item
 * gets {@code -infinity} ("not ranked": {@code recommend} never returns it and a ranking metric counts a target there
 * as a miss). So a top-k list is shorter than k only when fewer than k generated items remain after filtering.
 * Items added after training ({@link Fitted#withItems}) get codes from the stored tokenizer and become generable.
 */
public final class Tiger implements Recommender {
    public static final String NAME = "tiger";
    static final Set<Capability> CAPABILITIES = java.util.Collections.unmodifiableSet(
            EnumSet.of(Capability.PERSISTENCE, Capability.FOLD_IN, Capability.SEQUENTIAL));

    private final TigerConfig config;
    private final ItemTextEmbedder embedder;

    public Tiger(TigerConfig config) { this(config, null); }

    /** @param embedder embeds the catalogue text; null means the one {@link ItemTextEmbedders#find()} finds at fit time */
    public Tiger(TigerConfig config, ItemTextEmbedder embedder) {
        this.config = config;
        this.embedder = embedder;
    }

    @Override public String name() { return NAME; }
    @Override public Set<Capability> capabilities() { return CAPABILITIES; }
    @Override public TigerConfig config() { return config; }

    @Override
    public FittedRecommender fit(TrainContext ctx) {
        long t0 = System.nanoTime();
        ItemTextEmbedder e = embedder != null ? embedder : ItemTextEmbedders.find();
        float[][] emb = e.embed(ctx.train().catalog(), config.itemText(), ctx.listener());
        int texted = 0;
        for (float[] row : emb) for (float x : row) if (x != 0f) { texted++; break; }
        if (texted < emb.length) // visible, not silent: these items all get the codes of the zero vector
            System.err.printf(Locale.ROOT, "tiger: %d of %d items have no text; they share the zero embedding's codes (told apart only by the last token)%n",
                    emb.length - texted, emb.length);
        ItemTokenizer tok = ItemTokenizers.fit(config.tokenizer(), emb, config.levels(), config.codes(), ctx.seed());
        int[][] raw = new int[emb.length][];
        for (int i = 0; i < raw.length; i++) raw[i] = tok.encode(emb[i]);
        SemanticIds sids = SemanticIds.of(raw, config.codes());
        TigerNetwork net = new TigerNetwork(config, ids(sids), ctx.train());
        TigerEpochProbe probe = TigerEpochProbe.fromProperty(ctx); // a diagnostic, off unless -Dgenrec.tiger.probe=N
        TrainingResult r = new NeuralTrainer(config.training()).train(net, ctx, w -> {
            Fitted f = new Fitted(null, config, w, tok, raw);
            if (probe != null) probe.run(f, config.beam());
            return f;
        });
        Provenance p = NeuralProvenance.capture(name(), config, ctx, r, (System.nanoTime() - t0) / 1e9);
        return new Fitted(p, config, r.weights(), tok, raw);
    }

    static int[][] ids(SemanticIds s) {
        int[][] out = new int[s.numItems()][];
        for (int i = 0; i < out.length; i++) out[i] = s.id(i);
        return out;
    }

    /**
     * A trained TIGER. Its archive holds the network weights, the tokenizer's codebooks ({@code tok.*}) and every
     * item's tokenizer codes ({@code sid.codes [items, levels]}, from which the IDs are rebuilt in item order).
     */
    public static final class Fitted extends NeuralFitted {
        private static final String TOK = "tok.", CODES = "sid.codes";
        private final TigerConfig config;
        private final ParameterSet network;
        private final List<String> networkNames;
        private final ItemTokenizer tokenizer;
        private final int[][] codes;
        private final SemanticIds ids;
        private final IdTrie trie;
        private final TigerNetwork net;

        Fitted(Provenance p, TigerConfig config, ParameterSet network, ItemTokenizer tokenizer, int[][] codes) {
            super(NAME, codes.length, p, ConfigBinder.toParams(config), archived(network, tokenizer, codes));
            this.config = config;
            this.network = network;
            this.networkNames = network.names();
            this.tokenizer = tokenizer;
            this.codes = codes;
            this.ids = SemanticIds.of(codes, config.codes());
            this.trie = ids.trie();
            this.net = new TigerNetwork(config, Tiger.ids(ids), null);
        }

        private static ParameterSet archived(ParameterSet network, ItemTokenizer tok, int[][] codes) {
            ParameterSet all = network.copy();
            tok.writeTo(all, TOK);
            int levels = tok.levels();
            float[] flat = new float[codes.length * levels];
            for (int i = 0; i < codes.length; i++) for (int l = 0; l < levels; l++) flat[i * levels + l] = codes[i][l];
            all.add(CODES, flat, codes.length, levels);
            return all;
        }

        /** Rebuilds a model from its archive's weights (see the class comment for the layout). */
        static Fitted restore(Provenance p, TigerConfig config, ParameterSet all) {
            ParameterSet network = new ParameterSet();
            for (String n : all.names()) if (!n.startsWith(TOK) && !n.equals(CODES)) network.add(n, all.get(n), all.shape(n));
            ItemTokenizer tok = ItemTokenizer.readFrom(config.tokenizer(), all, TOK);
            int[] s = all.shape(CODES);
            float[] flat = all.get(CODES);
            int[][] codes = new int[s[0]][s[1]];
            for (int i = 0; i < s[0]; i++) for (int l = 0; l < s[1]; l++) codes[i][l] = Math.round(flat[i * s[1] + l]);
            return new Fitted(p, config, network, tok, codes);
        }

        @Override public Set<Capability> capabilities() { return Tiger.CAPABILITIES; } // not NeuralFitted's inherited field

        /** The network weights as native arrays, uploaded once per model (see {@link #weightsIn}). */
        private record Uploaded(NDManager manager, Map<String, NDArray> weights) { }

        private static final Cleaner CLEANER = Cleaner.create();
        private volatile Uploaded uploaded;

        /**
         * The weights for one generation call whose arrays live in {@code m}: detached aliases (no copy) of arrays
         * uploaded once per model, so a call no longer copies every weight to native memory (it did, per user).
         * The aliases are owned by {@code m}, so every array an operation derives from them is freed with {@code m};
         * the uploaded arrays are only read (safe from several threads) and their manager is closed when this model
         * becomes unreachable.
         */
        private Map<String, NDArray> weightsIn(NDManager m) {
            Uploaded u = uploaded;
            if (u == null) {
                synchronized (this) {
                    if ((u = uploaded) == null) {
                        NDManager root = NDManager.newBaseManager();
                        u = new Uploaded(root, TigerNetwork.upload(root, network, networkNames));
                        CLEANER.register(this, root::close);
                        uploaded = u;
                    }
                }
            }
            Map<String, NDArray> w = new HashMap<>();
            for (var e : u.weights().entrySet()) {
                NDArray alias = e.getValue().stopGradient();
                alias.attach(m);
                w.put(e.getKey(), alias);
            }
            return w;
        }

        /** The semantic IDs of the catalogue (cold-start items included). */
        public SemanticIds semanticIds() { return ids; }

        /**
         * This model with items appended (indices {@code numItems()..}): each embedding (same encoder and the same
         * {@code item_text} template as at fit time, {@link TigerConfig#itemText}) is encoded by the stored tokenizer, so the new items get IDs and can be generated without retraining.
         */
        public Fitted withItems(float[][] embeddings) {
            int[][] all = Arrays.copyOf(codes, codes.length + embeddings.length);
            for (int i = 0; i < embeddings.length; i++) all[codes.length + i] = tokenizer.encode(embeddings[i]);
            return new Fitted(provenance(), config, network, tokenizer, all);
        }

        /** The same model decoding with beam width {@code beam} (for beam-width ablations; the weights are shared). */
        public Fitted withBeam(int beam) {
            TigerConfig c = new TigerConfig(config.dim(), config.layers(), config.heads(), config.ff(), config.dropout(), config.maxLen(),
                    config.tokenizer(), config.levels(), config.codes(), beam, config.userBuckets(), config.itemText(), config.training());
            return new Fitted(provenance(), c, network, tokenizer, codes);
        }

        @Override
        protected void score(UserContext user, float[] out) {
            Arrays.fill(out, Float.NEGATIVE_INFINITY);
            for (ConstrainedBeamSearch.Hit h : generate(user.user(), user.history(), config.beam())) out[h.item()] = (float) h.logProb();
        }

        /** The constrained beam search's items for a user and history, best first (at most {@code beam}). */
        public List<ConstrainedBeamSearch.Hit> generate(int user, int[] history, int beam) {
            UnaryOperator<NDArray> none = x -> x;
            try (NDManager m = NDManager.newBaseManager()) {
                var w = weightsIn(m);
                int len = net.realEncoderTokens(history.length);
                int[] tokens = new int[len];
                net.encoderTokens(user, history, 0, history.length, tokens, 0, len);
                NDArray[] enc = net.encode(m, w, tokens, 1, len, none);
                ConstrainedBeamSearch.StepScorer scorer = (prefixes, level) -> {
                    int beams = prefixes.length, dl = level + 1;
                    int[] dec = new int[beams * dl];
                    for (int b = 0; b < beams; b++) {
                        dec[b * dl] = net.bos();
                        for (int l = 0; l < level; l++) dec[b * dl + l + 1] = l * config.codes() + prefixes[b][l];
                    }
                    try (NDManager step = m.newSubManager()) {
                        NDArray h = net.decode(step, w, enc[0].repeat(0, beams), enc[1].repeat(0, beams), dec, beams, dl, none);
                        NDArray last = h.get(":, " + level + ", :");
                        float[] lp = net.levelLogits(w, last, level).logSoftmax(-1).toFloatArray();
                        float[][] rows = new float[beams][];
                        for (int b = 0; b < beams; b++) rows[b] = Arrays.copyOfRange(lp, b * config.codes(), (b + 1) * config.codes());
                        return rows;
                    }
                };
                return new ArrayList<>(ConstrainedBeamSearch.search(trie, scorer, beam));
            }
        }
    }
}
