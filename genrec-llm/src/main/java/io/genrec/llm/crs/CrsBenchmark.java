package io.genrec.llm.crs;

import io.genrec.llm.explain.TextMetrics;
import io.genrec.llm.explain.Words;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The recommendation-turn protocol of CRSLab / UniCRS / iEvaLM: at every sample, rank all candidate movies given the
 * context before the turn; each (sample, target) pair is one hit-or-miss, Recall@k is the share of hits. The
 * {@code standard} protocol keeps targets the context already mentioned; {@code fresh} drops them (and samples left
 * without targets) and never ranks a mentioned movie. Ties are broken by catalogue order (the lower index first).
 * Features are computed once per sample so the hybrid's weights can be searched cheaply on the tuning samples.
 */
public final class CrsBenchmark {
    public enum Protocol { standard, fresh }

    public static final int[] KS = {1, 10, 50};

    /**
     * Precomputed evidence for one sample: every feature array indexed like {@link FusionRecommender.Weights#NAMES}
     * (null = all 0) and, for tuning samples, the dialogue-count features recomputed without the sample's own dialogue
     * ({@code leaveOut}: popularity, co-mention, recommendation prior; null elsewhere).
     */
    record Prepared(CrsSample sample, DialogueState state, float[][] features, float[][] leaveOut, Set<Integer> mentioned, int[] targets) {
        float[][] features(boolean loo) {
            if (!loo || leaveOut == null) return features;
            float[][] f = features.clone();
            for (int k : LEAVE_OUT) f[k] = leaveOut[k]; // null there means "all 0 without this dialogue", not "use the full counts"
            return f;
        }
    }

    /** The features counted from tuning dialogues: popularity, co-mention, recommendation prior, conditional co-mention, attribute and entity targets, fresh prior, co-mention of content neighbours. */
    static final int[] LEAVE_OUT = {0, 6, 7, 11, 12, 13, 14, 17};

    /**
     * A hybrid variant for the ablation: which weights the tuner may move (the rest stay 0) and whether tuning uses
     * leave-one-dialogue-out counts.
     */
    public record Variant(String name, Set<String> weights, boolean leaveOut) {
        static Variant of(String name, boolean loo, String... w) { return new Variant(name, new java.util.LinkedHashSet<>(List.of(w)), loo); }
    }

    private static final String[] BASE = {"popularity", "collaborative", "dense", "attributes", "repeatRecommended", "repeatLiked"};

    private static String[] plus(String... more) {
        List<String> l = new ArrayList<>(List.of(BASE)); l.addAll(List.of(more)); return l.toArray(new String[0]);
    }

    /** The ablation's variants, in order; {@link #DEFAULT_VARIANT} is the {@code hybrid}. */
    public static final List<Variant> VARIANTS = List.of(
            Variant.of("six weights (as first shipped)", false, BASE),
            Variant.of("six weights, leave-one-dialogue-out tuning", true, BASE),
            Variant.of("+ co-mention", true, plus("coMention")),
            Variant.of("+ recommendation prior", true, plus("recPrior")),
            Variant.of("+ year prior", true, plus("yearPrior")),
            Variant.of("+ collaborative from all mentions", true, plus("collaborativeMentioned")),
            Variant.of("+ dense on seeker words", true, plus("denseSeeker")),
            Variant.of("+ conditional co-mention", true, plus("coMentionConditional")),
            Variant.of("+ targets named for the same genre/person", true, plus("attributeTargets")),
            Variant.of("+ targets named for the same annotated entities", true, plus("entityTargets")),
            Variant.of("+ both co-mentions", true, plus("coMention", "coMentionConditional")),
            Variant.of("all thirteen weights", true, plus("coMention", "recPrior", "yearPrior", "collaborativeMentioned", "denseSeeker",
                    "coMentionConditional", "attributeTargets")),
            Variant.of("all fourteen weights (with annotated entities)", true, plus("coMention", "recPrior", "yearPrior", "collaborativeMentioned",
                    "denseSeeker", "coMentionConditional", "attributeTargets", "entityTargets")),
            Variant.of("+ content of the mentioned movies", true, plus("contentMentioned")),
            Variant.of("+ content of the latest named movies", true, plus("contentRecent")),
            Variant.of("all thirteen weights + content of the mentioned movies", true, plus("coMention", "recPrior", "yearPrior",
                    "collaborativeMentioned", "denseSeeker", "coMentionConditional", "attributeTargets", "contentMentioned")),
            Variant.of("all thirteen weights + both content features", true, plus("coMention", "recPrior", "yearPrior",
                    "collaborativeMentioned", "denseSeeker", "coMentionConditional", "attributeTargets", "contentMentioned", "contentRecent")),
            Variant.of("all thirteen weights + content features + co-mention of content neighbours", true, plus("coMention", "recPrior",
                    "yearPrior", "collaborativeMentioned", "denseSeeker", "coMentionConditional", "attributeTargets", "contentMentioned", "contentRecent",
                    "coMentionNeighbours")),
            Variant.of("all thirteen weights + content features + fresh prior", true, plus("coMention", "recPrior", "yearPrior",
                    "collaborativeMentioned", "denseSeeker", "coMentionConditional", "attributeTargets", "contentMentioned", "contentRecent", "freshPrior")));

    /**
     * Chosen on the tuning split: the best tuning Recall@10 of the variants tried with content features (fresh
     * protocol, EASE collaborative model), and, like "all thirteen", it needs no entity annotation, so a chat turn gets
     * the same features (docs/results/crs-redial.md, ablation).
     */
    public static final Variant DEFAULT_VARIANT = VARIANTS.stream().filter(v -> v.name().equals("all thirteen weights + both content features")).findFirst().orElseThrow();

    private final Signals signals;
    private final StateTracker tracker;
    private final float[] popularity;
    private final Map<String, FusionRecommender.Weights> weights = new LinkedHashMap<>();
    private Variant variant = DEFAULT_VARIANT;

    public CrsBenchmark(Signals signals, StateTracker tracker) {
        this.signals = signals;
        this.tracker = tracker;
        this.popularity = new float[signals.catalog().size()];
        signals.popularity(popularity);
    }

    /** Which hybrid variant {@link #run} tunes (default {@link #DEFAULT_VARIANT}). */
    public CrsBenchmark variant(Variant v) { this.variant = v; return this; }

    /** The dense path's query: the last three utterances, most recent last, at most 1,500 characters. */
    public static String queryText(List<Utterance> context) {
        StringBuilder b = new StringBuilder();
        for (int k = Math.max(0, context.size() - 3); k < context.size(); k++) b.append(context.get(k).text()).append(' ');
        String s = b.toString().strip();
        return s.length() > 1500 ? s.substring(s.length() - 1500) : s;
    }

    List<Prepared> prepare(List<CrsSample> samples, Protocol protocol) { return prepare(samples, protocol, false); }

    List<Prepared> prepare(List<CrsSample> samples, Protocol protocol, boolean tuning) {
        List<String> queries = samples.stream().map(s -> queryText(s.context())).toList();
        List<String> seeker = samples.stream().map(s -> Signals.seekerText(s.context())).toList();
        float[][] q = signals.hasDense() ? signals.encoder().embed(queries) : null;
        float[][] qs = signals.hasDense() ? signals.encoder().embed(seeker) : null;
        int n = signals.catalog().size();
        float[] rec = new float[n], year = new float[n], freshPrior = new float[n];
        signals.recommendationPrior(null, rec);
        signals.freshPrior(null, freshPrior);
        signals.yearPrior(year);
        List<Prepared> out = new ArrayList<>(IntStream.range(0, samples.size()).parallel().mapToObj(i -> {
            CrsSample s = samples.get(i);
            DialogueState st = tracker.track(s.context());
            Set<Integer> mentioned = new HashSet<>(st.mentioned());
            for (int m : s.contextMovies()) mentioned.add(m);
            float[][] f = new float[FusionRecommender.Weights.NAMES.length][];
            f[0] = popularity;
            f[1] = nonZero(n, a -> signals.collaborative(st, a));
            f[2] = q == null ? null : nonZero(n, a -> signals.dense(q[i], a));
            f[3] = nonZero(n, a -> signals.attributes(st, a));
            f[6] = nonZero(n, a -> signals.coMention(mentioned, null, a));
            f[7] = rec;
            f[8] = year;
            f[9] = nonZero(n, a -> signals.collaborativeMentioned(st, a));
            f[10] = qs == null ? null : nonZero(n, a -> signals.dense(qs[i], a));
            f[11] = nonZero(n, a -> signals.coMentionConditional(mentioned, null, a));
            f[12] = nonZero(n, a -> signals.attributeTargets(st, null, a));
            f[13] = nonZero(n, a -> signals.entityTargets(s.contextEntities(), null, a));
            f[14] = freshPrior;
            f[15] = nonZero(n, a -> signals.contentMentioned(mentioned, st.disliked(), a));
            f[16] = nonZero(n, a -> signals.contentMentioned(st.recent(), st.disliked(), a));
            f[17] = nonZero(n, a -> signals.coMentionNeighbours(mentioned, st.disliked(), null, a));
            float[][] loo = null;
            if (tuning && signals.stats() != null) {
                loo = new float[f.length][];
                float[] pop = popularity.clone();
                // the prior counts each tuning dialogue once per movie: take the left-out dialogues' mentions out again
                signals.stats().leftOutMovieCounts(s.dialogId()).forEach((m, c) ->
                        pop[m] = (float) Math.log1p(Math.max(0, Math.expm1(popularity[m]) - c)));
                loo[0] = pop;
                loo[6] = nonZero(n, a -> signals.coMention(mentioned, s.dialogId(), a));
                loo[11] = nonZero(n, a -> signals.coMentionConditional(mentioned, s.dialogId(), a));
                loo[17] = nonZero(n, a -> signals.coMentionNeighbours(mentioned, st.disliked(), s.dialogId(), a));
                loo[12] = nonZero(n, a -> signals.attributeTargets(st, s.dialogId(), a));
                loo[13] = nonZero(n, a -> signals.entityTargets(s.contextEntities(), s.dialogId(), a));
                loo[7] = new float[n];
                signals.recommendationPrior(s.dialogId(), loo[7]);
                loo[14] = new float[n];
                signals.freshPrior(s.dialogId(), loo[14]);
            }
            int[] targets = protocol == Protocol.fresh ? s.freshTargets() : s.targets();
            return new Prepared(s, st, f, loo, mentioned, targets);
        }).toList());
        out.removeIf(p -> p.targets().length == 0);
        return out;
    }

    /** Fills a fresh array with {@code fill}; returns null when the result is all 0 (saves memory over thousands of samples). */
    private static float[] nonZero(int n, java.util.function.Consumer<float[]> fill) {
        float[] a = new float[n];
        fill.accept(a);
        for (float v : a) if (v != 0) return a;
        return null;
    }

    /** Recall@1/10/50 (and the number of (sample, target) pairs) of {@code w} over prepared samples. */
    Map<String, Double> recall(List<Prepared> prepared, FusionRecommender.Weights w, Protocol protocol) { return recall(prepared, w, protocol, false); }

    Map<String, Double> recall(List<Prepared> prepared, FusionRecommender.Weights w, Protocol protocol, boolean loo) {
        return recall(prepared, (p, out) -> FusionRecommender.combine(w, p.features(loo), p.state(), out), protocol);
    }

    /** Scores one prepared sample's candidates into {@code out}. */
    interface Scorer { void score(Prepared p, float[] out); }

    static Scorer learned(ListwiseRanker r, boolean loo) {
        return (p, out) -> LearnedRecommender.score(r, p.features(loo), p.state(), p.mentioned(), out);
    }

    Map<String, Double> recall(List<Prepared> prepared, Scorer scorer, Protocol protocol) {
        long[][] hits = prepared.parallelStream().map(p -> {
            float[] out = new float[popularity.length];
            scorer.score(p, out);
            if (protocol == Protocol.fresh) FusionRecommender.mask(p.mentioned(), out);
            long[] h = new long[KS.length + 1];
            for (int t : p.targets()) {
                int rank = rank(out, t);
                for (int k = 0; k < KS.length; k++) if (rank < KS[k]) h[k]++;
                h[KS.length]++;
            }
            return h;
        }).toList().toArray(new long[0][]);
        long[] sum = new long[KS.length + 1];
        for (long[] h : hits) for (int k = 0; k < sum.length; k++) sum[k] += h[k];
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < KS.length; k++) m.put("recall@" + KS[k], sum[KS.length] == 0 ? 0 : (double) sum[k] / sum[KS.length]);
        m.put("targets", (double) sum[KS.length]);
        m.put("samples", (double) prepared.size());
        return m;
    }

    /** 0-based rank of {@code t}: items scoring higher, plus equal-scoring items earlier in the catalogue. */
    static int rank(float[] s, int t) {
        float v = s[t];
        if (v == Float.NEGATIVE_INFINITY) return Integer.MAX_VALUE;
        int r = 0;
        for (int i = 0; i < s.length; i++) if (s[i] > v || (s[i] == v && i < t)) r++;
        return r;
    }

    /**
     * Coordinate ascent over the hybrid's weights on the tuning samples, maximising Recall@10 (ties: Recall@50);
     * passes over a fixed grid per weight until a pass changes nothing (at most four). Returns the best weights and the tuning log lines.
     */
    static final int MAX_PASSES = 4;

    FusionRecommender.Weights tune(List<Prepared> tune, Protocol protocol, List<String> log) { return tune(tune, protocol, variant, log); }

    FusionRecommender.Weights tune(List<Prepared> tune, Protocol protocol, Variant v, List<String> log) {
        float[] grid = {0, 0.05f, 0.1f, 0.25f, 0.5f, 1, 2, 4, 8, 16};
        FusionRecommender.Weights best = new FusionRecommender.Weights(1, 1, 1, 0.5f, protocol == Protocol.standard ? 1 : 0, 0);
        for (int k = 0; k < FusionRecommender.Weights.NAMES.length; k++)
            if (!v.weights().contains(FusionRecommender.Weights.NAMES[k])) best = best.with(k, 0);
        boolean loo = v.leaveOut();
        double[] bestScore = objective(recall(tune, best, protocol, loo));
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            FusionRecommender.Weights before = best;
            for (int k = 0; k < FusionRecommender.Weights.NAMES.length; k++) {
                if (!v.weights().contains(FusionRecommender.Weights.NAMES[k])) continue;
                if (protocol == Protocol.fresh && (k == 4 || k == 5)) continue; // mentioned movies are masked: the bonus cannot matter
                for (float x : grid) {
                    FusionRecommender.Weights cand = best.with(k, x);
                    double[] sc = objective(recall(tune, cand, protocol, loo));
                    if (sc[0] > bestScore[0] + 1e-12 || (sc[0] > bestScore[0] - 1e-12 && sc[1] > bestScore[1] + 1e-12)) { best = cand; bestScore = sc; }
                }
                log.add(String.format("pass %d %s -> %s R@10=%.4f R@50=%.4f", pass + 1, FusionRecommender.Weights.NAMES[k], best, bestScore[0], bestScore[1]));
            }
            if (best.equals(before)) break;
        }
        warnings.addAll(gridEdgeWarnings(best, grid, v.name()));
        return best;
    }

    /** One warning per weight tuned to the grid's largest value: the search stopped at its edge, not at an optimum. */
    static List<String> gridEdgeWarnings(FusionRecommender.Weights w, float[] grid, String variant) {
        List<String> out = new ArrayList<>();
        float[] a = w.array();
        for (int k = 0; k < a.length; k++)
            if (a[k] == grid[grid.length - 1])
                out.add("hybrid (" + variant + "): weight " + FusionRecommender.Weights.NAMES[k] + " was tuned to the largest value of its grid ("
                        + grid[grid.length - 1] + "), so a larger one might do better (the signal's scale may be too small for the grid)");
        return out;
    }

    /** One ablation row: the variant, its tuned weights, Recall on the tuning samples (as tuned) and on the test samples. */
    public record AblationRow(Variant variant, FusionRecommender.Weights weights, Map<String, Double> tune, Map<String, Double> test) { }

    /**
     * Tunes every variant on the tuning samples and scores it on both splits, preparing each split once. The tuning
     * Recall is measured as the tuner saw it (leave-one-dialogue-out counts where the variant uses them).
     */
    public List<AblationRow> ablation(CrsDataset data, List<Variant> variants, Protocol protocol, List<String> log) {
        List<Prepared> tune = prepare(data.tune(), protocol, true);
        List<Prepared> test = prepare(data.test(), protocol, false);
        List<AblationRow> rows = new ArrayList<>();
        for (Variant v : variants) {
            FusionRecommender.Weights w = tune(tune, protocol, v, new ArrayList<>());
            rows.add(new AblationRow(v, w, recall(tune, w, protocol, v.leaveOut()), recall(test, w, protocol)));
            log.add(v.name() + ": " + w);
        }
        return rows;
    }

    /** The recommenders of the last {@link #run}, with their (tuned) weights, for the simulator. */
    public List<CrsRecommender> recommenders() {
        List<CrsRecommender> out = new ArrayList<>();
        for (String m : order) {
            if (m.equals("learned")) out.add(new LearnedRecommender(m, signals, learnedRanker));
            else if (weights.containsKey(m)) out.add(new FusionRecommender(m, signals, weights.get(m)));
        }
        return out;
    }

    private static double[] objective(Map<String, Double> m) { return new double[] {m.get("recall@10"), m.get("recall@50")}; }

    /** One model's result row. */
    /** One model's result row; {@code fallback} says what answered in the model's place (null: the model itself). */
    public record Row(String model, Map<String, Double> metrics, String note, String fallback) {
        public Row(String model, Map<String, Double> metrics, String note) { this(model, metrics, note, null); }
    }

    private java.util.function.Function<CrsRecommender, CrsAgent> agentFactory;
    private int agentSamples = 50;
    private boolean agentFallback;

    /**
     * Enables the {@code agent} model: {@code factory} builds the LLM agent around the tuned hybrid (its fallback) and
     * it answers {@code samples} evenly spaced test samples; {@code factory == null} means no endpoint is configured,
     * and then {@code allowFallback} decides between an error and a row scored by the hybrid, marked as such.
     */
    public CrsBenchmark agent(java.util.function.Function<CrsRecommender, CrsAgent> factory, int samples, boolean allowFallback) {
        this.agentFactory = factory; this.agentSamples = samples; this.agentFallback = allowFallback;
        return this;
    }

    /**
     * Runs the benchmark: tunes the hybrid on {@code data.tune()}, then scores each named model on {@code data.test()}.
     * Response-quality metrics compare a template answer naming the model's top movie with the human response.
     */
    public List<Row> run(CrsDataset data, List<String> models, Protocol protocol, List<String> log) {
        weights.clear();
        order.clear();
        order.addAll(models);
        tunedHybrid = null;
        learnedRanker = null;
        for (String m : models) switch (m) {
            case "popularity" -> weights.put(m, FusionRecommender.Weights.POPULARITY);
            case "collaborative" -> {
                if (!signals.hasCollaborative()) throw new IllegalArgumentException("model 'collaborative' needs a MovieLens model; none was fitted");
                weights.put(m, FusionRecommender.Weights.COLLABORATIVE);
            }
            case "dense" -> {
                if (!signals.hasDense()) throw new IllegalArgumentException("model 'dense' needs a sentence encoder");
                weights.put(m, FusionRecommender.Weights.DENSE);
            }
            case "hybrid" -> weights.put(m, tuned(data, protocol, log));
            case "learned" -> learned(data, protocol, log);
            case "agent" -> {
                if (agentFactory == null && !agentFallback)
                    throw new IllegalArgumentException("model 'agent' needs an LLM endpoint (--llm-base-url or " + io.genrec.llm.llm.LlmConfig.ENV_BASE_URL
                            + "/" + io.genrec.llm.llm.LlmConfig.ENV_API_KEY + "); add --allow-fallback to score the offline hybrid in its place, marked as a fallback");
                tuned(data, protocol, log);
            }
            default -> throw new IllegalArgumentException("unknown conversational model '" + m + "'; known: popularity, collaborative, dense, hybrid, learned, agent (needs --llm-base-url)");
        }
        List<Prepared> test = prepare(data.test(), protocol, false);
        List<Row> rows = new ArrayList<>();
        for (String m : models) {
            if (m.equals("agent")) { rows.add(agentRow(test, protocol, log)); continue; }
            if (m.equals("learned")) {
                Scorer sc = learned(learnedRanker, false);
                Map<String, Double> metrics = recall(test, sc, protocol);
                metrics.putAll(responseQuality(test, sc, protocol));
                metrics.put("cvRecall@10", learnedCv);
                metrics.put("l2", learnedL2);
                rows.add(new Row(m, metrics, String.format("listwise ranker, L2 %s chosen by %d-fold grouped CV on the tuning dialogues (CV R@10 %.4f; grid, L2 then CV R@10: %s)",
                        learnedL2, FOLDS, learnedCv, learnedGrid)));
                continue;
            }
            FusionRecommender.Weights w = weights.get(m);
            Map<String, Double> metrics = recall(test, w, protocol);
            metrics.putAll(responseQuality(test, w, protocol));
            rows.add(new Row(m, metrics, m.equals("hybrid") ? "weights " + w : ""));
        }
        return rows;
    }

    private FusionRecommender.Weights tunedHybrid;
    private final List<String> order = new ArrayList<>();
    private ListwiseRanker learnedRanker;
    private double learnedCv, learnedL2;
    private String learnedGrid = "";
    private final List<String> warnings = new ArrayList<>();

    /** Warnings of the last {@link #run} (e.g. a hyperparameter chosen at its grid's edge); callers show them always. */
    public List<String> warnings() { return List.copyOf(warnings); }

    /** Folds of the grouped cross-validation, the L2 grid it searches, and the fixed optimiser settings. */
    static final int FOLDS = 5;
    static final double[] L2_GRID = {0, 1e-3, 1e-2, 1e-1, 0.3, 1, 3, 10, 30, 100};
    static final ListwiseRanker.Options RANKER = new ListwiseRanker.Options(0, 20, 0.01, 16, 42);
    /** Training candidates per turn: the top {@code PER_SIGNAL} of every signal, the targets, and {@code RANDOM} random movies. */
    static final int PER_SIGNAL = 40, RANDOM = 60;

    /**
     * Fits the {@code learned} ranker on the tuning samples (leave-one-dialogue-out counts, as the linear tuner sees
     * them): L2 strength by {@link #FOLDS}-fold cross-validation grouped by dialogue (Recall@10 of the full ranking of
     * the held-out dialogues' turns), then one fit on every tuning sample with the chosen strength.
     */
    private void learned(CrsDataset data, Protocol protocol, List<String> log) {
        if (learnedRanker != null) return;
        List<Prepared> tune = prepare(data.tune(), protocol, true);
        double[] cv = crossValidate(tune, protocol, L2_GRID, RANKER, log);
        int best = bestIndex(cv);
        learnedL2 = L2_GRID[best];
        learnedCv = cv[best];
        StringBuilder grid = new StringBuilder();
        for (int k = 0; k < cv.length; k++) grid.append(k == 0 ? "" : ", ").append(L2_GRID[k]).append(String.format(" %.4f", cv[k]));
        learnedGrid = grid.toString();
        String edge = edgeWarning(L2_GRID, best, "learned ranker's L2 strength");
        if (edge != null) warnings.add(edge);
        learnedRanker = fit(trainingSet(tune, protocol, RANKER.seed()), RANKER.withL2(learnedL2));
        log.add(String.format("learned: L2 %s (CV R@10 %.4f), fitted on %d tuning samples; weights on standardised features: %s",
                learnedL2, learnedCv, tune.size(), describe(learnedRanker)));
    }

    /** The first index of the largest value (ties keep the earlier, smaller strength). */
    static int bestIndex(double[] cv) {
        int best = 0;
        for (int k = 1; k < cv.length; k++) if (cv[k] > cv[best] + 1e-12) best = k;
        return best;
    }

    /**
     * A warning when the choice is the largest value of an increasing grid: the best strength may lie beyond it. (The
     * smallest, 0, is no edge: no regularisation is the end of the range, not of the grid.)
     */
    static String edgeWarning(double[] grid, int best, String what) {
        if (grid.length < 2 || best != grid.length - 1) return null;
        return "the " + what + " was chosen at the largest value of its grid (" + grid[best]
                + "): cross-validation still improved there, so a stronger value might do better; widen the grid";
    }

    private static String describe(ListwiseRanker r) {
        double[] w = r.weights();
        StringBuilder b = new StringBuilder();
        for (int d = 0; d < w.length; d++) b.append(d == 0 ? "" : ", ").append(RankFeatures.NAMES[d]).append(' ').append(String.format("%.3f", w[d]));
        return b.toString();
    }

    /** Grouped K-fold CV: mean over folds of held-out Recall@10 (pair-weighted within a fold), one value per L2 strength. */
    double[] crossValidate(List<Prepared> tune, Protocol protocol, double[] l2, ListwiseRanker.Options o, List<String> log) {
        // folds by leave-out group (the recommender worker when known), so no held-out group's habits are in training
        java.util.function.Function<String, String> group = id -> signals.stats() == null ? id : signals.stats().group(id);
        List<String> ids = new ArrayList<>(new java.util.TreeSet<>(tune.stream().map(p -> group.apply(p.sample().dialogId())).toList()));
        java.util.Collections.shuffle(ids, new java.util.Random(o.seed()));
        Map<String, Integer> groupFold = new java.util.HashMap<>();
        for (int i = 0; i < ids.size(); i++) groupFold.put(ids.get(i), i % FOLDS);
        Map<String, Integer> fold = new java.util.HashMap<>();
        for (Prepared p : tune) fold.put(p.sample().dialogId(), groupFold.get(group.apply(p.sample().dialogId())));
        double[] sum = new double[l2.length];
        long[] hits = new long[l2.length];
        long pairs = 0;
        for (int k = 0; k < FOLDS; k++) {
            int kk = k;
            List<Prepared> train = tune.stream().filter(p -> fold.get(p.sample().dialogId()) != kk).toList();
            List<Prepared> held = tune.stream().filter(p -> fold.get(p.sample().dialogId()) == kk).toList();
            Training t = trainingSet(train, protocol, o.seed());
            for (int j = 0; j < l2.length; j++) {
                Map<String, Double> m = recall(held, learned(fit(t, o.withL2(l2[j])), true), protocol);
                hits[j] += Math.round(m.get("recall@10") * m.get("targets"));
                if (j == 0) pairs += Math.round(m.get("targets"));
            }
        }
        for (int j = 0; j < l2.length; j++) {
            sum[j] = pairs == 0 ? 0 : (double) hits[j] / pairs;
            log.add(String.format("learned: %d-fold grouped CV, L2 %s: R@10 %.4f", FOLDS, l2[j], sum[j]));
        }
        return sum;
    }

    /** Training rows: features (leave-one-dialogue-out), group offsets, and which rows are targets. */
    record Training(float[] x, int[] groupStart, boolean[] positive) { }

    static ListwiseRanker fit(Training t, ListwiseRanker.Options o) { return ListwiseRanker.fit(t.x(), RankFeatures.DIM, t.groupStart(), t.positive(), o); }

    /**
     * Per tuning sample, the candidates the softmax contrasts: the top {@link #PER_SIGNAL} movies of every signal (the
     * hard negatives), the targets, and {@link #RANDOM} random movies (so the tail is seen too; seeded per sample).
     * Movies the protocol would never rank (disliked; mentioned under {@code fresh}) are left out.
     */
    Training trainingSet(List<Prepared> tune, Protocol protocol, long seed) {
        int n = popularity.length;
        List<float[]> xs = new ArrayList<>(java.util.Collections.nCopies(tune.size(), (float[]) null));
        List<boolean[]> ps = new ArrayList<>(java.util.Collections.nCopies(tune.size(), (boolean[]) null));
        IntStream.range(0, tune.size()).parallel().forEach(s -> {
            Prepared p = tune.get(s);
            float[][] f = p.features(true);
            boolean[] blocked = new boolean[n];
            for (int i : p.state().disliked()) blocked[i] = true;
            if (protocol == Protocol.fresh) for (int i : p.mentioned()) blocked[i] = true;
            java.util.LinkedHashSet<Integer> cand = new java.util.LinkedHashSet<>();
            for (int t : p.targets()) if (!blocked[t]) cand.add(t);
            for (int k : FusionRecommender.FEATURES) if (f[k] != null && LearnedRecommender.SIGNALS.array()[k] != 0) top(f[k], blocked, PER_SIGNAL, cand);
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed * 1_000_003L + p.sample().dialogId().hashCode() * 31L + p.sample().turn());
            for (int r = 0; r < RANDOM; r++) { int i = rnd.nextInt(n); if (!blocked[i]) cand.add(i); }
            RankFeatures rf = new RankFeatures(f, p.state(), p.mentioned(), n);
            float[] x = new float[cand.size() * RankFeatures.DIM];
            boolean[] pos = new boolean[cand.size()];
            Set<Integer> targets = new HashSet<>();
            for (int t : p.targets()) targets.add(t);
            int r = 0;
            for (int i : cand) { rf.row(i, x, r * RankFeatures.DIM); pos[r] = targets.contains(i); r++; }
            xs.set(s, x); ps.set(s, pos);
        });
        int rows = 0;
        for (boolean[] p : ps) rows += p.length;
        float[] x = new float[rows * RankFeatures.DIM];
        boolean[] pos = new boolean[rows];
        int[] start = new int[tune.size() + 1];
        for (int s = 0, r = 0; s < tune.size(); s++) {
            start[s] = r;
            System.arraycopy(xs.get(s), 0, x, r * RankFeatures.DIM, xs.get(s).length);
            System.arraycopy(ps.get(s), 0, pos, r, ps.get(s).length);
            r += ps.get(s).length;
            start[s + 1] = r;
        }
        return new Training(x, start, pos);
    }

    /** Adds the {@code k} highest-scoring unblocked movies of {@code a} (ties by catalogue order) to {@code into}. */
    private static void top(float[] a, boolean[] blocked, int k, Set<Integer> into) {
        int[] best = new int[k];
        int size = 0;
        for (int i = 0; i < a.length; i++) {
            if (blocked[i]) continue;
            if (size < k) { int j = size++; while (j > 0 && a[best[j - 1]] < a[i]) { best[j] = best[j - 1]; j--; } best[j] = i; continue; }
            if (a[i] <= a[best[k - 1]]) continue;
            int j = k - 1;
            while (j > 0 && a[best[j - 1]] < a[i]) { best[j] = best[j - 1]; j--; }
            best[j] = i;
        }
        for (int j = 0; j < size; j++) into.add(best[j]);
    }

    /** The hybrid's weights, tuned once per run on the tuning samples. */
    private FusionRecommender.Weights tuned(CrsDataset data, Protocol protocol, List<String> log) {
        if (tunedHybrid != null) return tunedHybrid;
        List<Prepared> tune = prepare(data.tune(), protocol, true);
        tunedHybrid = tune(tune, protocol, log);
        log.add("hybrid (" + variant.name() + ") weights tuned on " + tune.size() + " tuning samples: " + tunedHybrid);
        return tunedHybrid;
    }

    /**
     * The agent row: without an endpoint (and with fallback allowed) the hybrid's scores over all test samples, marked;
     * with one, the agent's own ranked list (at most 50 items; anything it does not name is a miss) on
     * {@link #agentSamples} evenly spaced test samples, counting the turns where the agent fell back to the hybrid.
     */
    private Row agentRow(List<Prepared> test, Protocol protocol, List<String> log) {
        if (agentFactory == null) {
            Map<String, Double> metrics = recall(test, tunedHybrid, protocol);
            metrics.putAll(responseQuality(test, tunedHybrid, protocol));
            return new Row("agent", metrics, "no LLM endpoint: every turn answered by the offline hybrid (weights " + tunedHybrid + ")",
                    "hybrid (no LLM endpoint configured)");
        }
        CrsAgent agent = agentFactory.apply(new FusionRecommender("hybrid", signals, tunedHybrid));
        List<Prepared> chosen = new ArrayList<>();
        int step = Math.max(1, test.size() / Math.max(1, agentSamples));
        for (int i = 0; i < test.size() && chosen.size() < agentSamples; i += step) chosen.add(test.get(i));
        long[] hits = new long[KS.length];
        long targets = 0;
        int fellBack = 0;
        List<String> generated = new ArrayList<>(), refs = new ArrayList<>();
        for (Prepared p : chosen) {
            ChatReply r = agent.answer("eval-" + p.sample().dialogId() + "-" + p.sample().turn(), p.sample().context(), 50);
            if (r.fallback()) fellBack++;
            List<Integer> ranked = new ArrayList<>();
            for (ChatReply.Item it : r.items()) {
                int i = signals.catalog().indexOfId(it.item());
                if (i >= 0 && !(protocol == Protocol.fresh && p.mentioned().contains(i))) ranked.add(i);
            }
            for (int t : p.targets()) {
                int rank = ranked.indexOf(t);
                for (int k = 0; k < KS.length; k++) if (rank >= 0 && rank < KS[k]) hits[k]++;
                targets++;
            }
            generated.add(r.reply());
            refs.add(p.sample().response());
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < KS.length; k++) m.put("recall@" + KS[k], targets == 0 ? 0 : (double) hits[k] / targets);
        m.put("targets", (double) targets);
        m.put("samples", (double) chosen.size());
        m.put("fallbacks", (double) fellBack);
        m.putAll(responseMetrics(generated, refs));
        log.add("agent: " + chosen.size() + " test samples, " + fellBack + " answered by the hybrid fallback");
        return new Row("agent", m, "LLM agent on " + chosen.size() + " of " + test.size() + " test samples",
                fellBack == 0 ? null : "hybrid on " + fellBack + " of " + chosen.size() + " turns");
    }

    Map<String, Double> responseQuality(List<Prepared> test, FusionRecommender.Weights w, Protocol protocol) {
        return responseQuality(test, (p, out) -> FusionRecommender.combine(w, p.features(), p.state(), out), protocol);
    }

    Map<String, Double> responseQuality(List<Prepared> test, Scorer scorer, Protocol protocol) {
        List<String> generated = test.parallelStream().map(p -> {
            float[] out = new float[popularity.length];
            scorer.score(p, out);
            if (protocol == Protocol.fresh) FusionRecommender.mask(p.mentioned(), out);
            int best = 0;
            for (int i = 1; i < out.length; i++) if (out[i] > out[best]) best = i;
            return Responses.recommend(signals.catalog(), List.of(best), p.state());
        }).toList();
        List<String> refs = test.stream().map(p -> p.sample().response()).toList();
        return responseMetrics(generated, refs);
    }

    /** Corpus BLEU-2 and BLEU-4, mean ROUGE-L F1, and Distinct-2/3 (distinct n-grams over all n-grams generated). */
    public static Map<String, Double> responseMetrics(List<String> generated, List<String> references) {
        List<List<String>> cand = generated.stream().map(Words::tokens).toList();
        List<List<List<String>>> refs = references.stream().map(r -> List.of(Words.tokens(r))).toList();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("bleu-2", bleu(cand, refs, 2));
        m.put("bleu-4", bleu(cand, refs, 4));
        double rl = 0;
        for (int i = 0; i < generated.size(); i++) rl += TextMetrics.rougeL(generated.get(i), references.get(i)).f1();
        m.put("rouge-l", generated.isEmpty() ? 0 : rl / generated.size());
        m.put("distinct-2", distinct(cand, 2));
        m.put("distinct-3", distinct(cand, 3));
        return m;
    }

    /** Corpus BLEU-n with uniform weights over 1..n and the brevity penalty (Papineni et al. 2002), unsmoothed. */
    static double bleu(List<List<String>> cand, List<List<List<String>>> refs, int n) {
        long[] match = new long[n], total = new long[n];
        long c = 0, r = 0;
        for (int s = 0; s < cand.size(); s++) {
            for (int g = 1; g <= n; g++) {
                long[] mt = TextMetrics.clippedMatches(cand.get(s), refs.get(s), g);
                match[g - 1] += mt[0]; total[g - 1] += mt[1];
            }
            c += cand.get(s).size();
            r += refs.get(s).getFirst().size();
        }
        if (c == 0) return 0;
        double log = 0;
        for (int g = 0; g < n; g++) { if (match[g] == 0) return 0; log += Math.log((double) match[g] / total[g]); }
        return (c > r ? 1 : Math.exp(1 - (double) r / c)) * Math.exp(log / n);
    }

    static double distinct(List<List<String>> cand, int n) {
        Set<List<String>> seen = new HashSet<>();
        long total = 0;
        for (List<String> t : cand) for (int i = 0; i + n <= t.size(); i++) { seen.add(t.subList(i, i + n)); total++; }
        return total == 0 ? 0 : (double) seen.size() / total;
    }
}
