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

    /** Precomputed evidence for one sample. */
    record Prepared(CrsSample sample, DialogueState state, float[] collaborative, float[] dense, float[] attributes,
                    Set<Integer> mentioned, int[] targets) { }

    private final Signals signals;
    private final StateTracker tracker;
    private final float[] popularity;
    private final Map<String, FusionRecommender.Weights> weights = new LinkedHashMap<>();

    public CrsBenchmark(Signals signals, StateTracker tracker) {
        this.signals = signals;
        this.tracker = tracker;
        this.popularity = new float[signals.catalog().size()];
        signals.popularity(popularity);
    }

    /** The dense path's query: the last three utterances, most recent last, at most 1,500 characters. */
    public static String queryText(List<Utterance> context) {
        StringBuilder b = new StringBuilder();
        for (int k = Math.max(0, context.size() - 3); k < context.size(); k++) b.append(context.get(k).text()).append(' ');
        String s = b.toString().strip();
        return s.length() > 1500 ? s.substring(s.length() - 1500) : s;
    }

    List<Prepared> prepare(List<CrsSample> samples, Protocol protocol) {
        List<String> queries = samples.stream().map(s -> queryText(s.context())).toList();
        float[][] q = signals.hasDense() ? signals.encoder().embed(queries) : null;
        int n = signals.catalog().size();
        List<Prepared> out = new ArrayList<>(IntStream.range(0, samples.size()).parallel().mapToObj(i -> {
            CrsSample s = samples.get(i);
            DialogueState st = tracker.track(s.context());
            float[] col = new float[n], den = new float[n], att = new float[n];
            signals.collaborative(st, col);
            if (q != null) signals.dense(q[i], den);
            signals.attributes(st, att);
            Set<Integer> mentioned = new HashSet<>(st.mentioned());
            for (int m : s.contextMovies()) mentioned.add(m);
            int[] targets = protocol == Protocol.fresh ? s.freshTargets() : s.targets();
            return new Prepared(s, st, col, den, att, mentioned, targets);
        }).toList());
        out.removeIf(p -> p.targets().length == 0);
        return out;
    }

    /** Recall@1/10/50 (and the number of (sample, target) pairs) of {@code w} over prepared samples. */
    Map<String, Double> recall(List<Prepared> prepared, FusionRecommender.Weights w, Protocol protocol) {
        long[][] hits = prepared.parallelStream().map(p -> {
            float[] out = new float[popularity.length];
            FusionRecommender.combine(w, popularity, p.collaborative(), p.dense(), p.attributes(), p.state(), out);
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
     * two passes over a fixed grid per weight. Returns the best weights and the tuning log lines.
     */
    FusionRecommender.Weights tune(List<Prepared> tune, Protocol protocol, List<String> log) {
        float[] grid = {0, 0.05f, 0.1f, 0.25f, 0.5f, 1, 2, 4, 8};
        FusionRecommender.Weights best = new FusionRecommender.Weights(1, 1, 1, 0.5f, protocol == Protocol.standard ? 1 : 0, 0);
        double[] bestScore = objective(recall(tune, best, protocol));
        for (int pass = 0; pass < 2; pass++)
            for (int k = 0; k < FusionRecommender.Weights.NAMES.length; k++) {
                if (protocol == Protocol.fresh && k >= 4) continue; // mentioned movies are masked: the bonus cannot matter
                for (float v : grid) {
                    FusionRecommender.Weights cand = best.with(k, v);
                    double[] sc = objective(recall(tune, cand, protocol));
                    if (sc[0] > bestScore[0] + 1e-12 || (sc[0] > bestScore[0] - 1e-12 && sc[1] > bestScore[1] + 1e-12)) { best = cand; bestScore = sc; }
                }
                log.add(String.format("pass %d %s -> %s R@10=%.4f R@50=%.4f", pass + 1, FusionRecommender.Weights.NAMES[k], best, bestScore[0], bestScore[1]));
            }
        return best;
    }

    /** The recommenders of the last {@link #run}, with their (tuned) weights, for the simulator. */
    public List<CrsRecommender> recommenders() {
        return weights.entrySet().stream().map(e -> (CrsRecommender) new FusionRecommender(e.getKey(), signals, e.getValue())).toList();
    }

    private static double[] objective(Map<String, Double> m) { return new double[] {m.get("recall@10"), m.get("recall@50")}; }

    /** One model's result row. */
    public record Row(String model, Map<String, Double> metrics, String note) { }

    /**
     * Runs the benchmark: tunes the hybrid on {@code data.tune()}, then scores each named model on {@code data.test()}.
     * Response-quality metrics compare a template answer naming the model's top movie with the human response.
     */
    public List<Row> run(CrsDataset data, List<String> models, Protocol protocol, List<String> log) {
        weights.clear();
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
            case "hybrid" -> {
                List<Prepared> tune = prepare(data.tune(), protocol);
                FusionRecommender.Weights w = tune(tune, protocol, log);
                log.add("hybrid weights tuned on " + tune.size() + " tuning samples: " + w);
                weights.put(m, w);
            }
            default -> throw new IllegalArgumentException("unknown conversational model '" + m + "'; known: popularity, collaborative, dense, hybrid, agent (needs --llm-url)");
        }
        List<Prepared> test = prepare(data.test(), protocol);
        List<Row> rows = new ArrayList<>();
        for (var e : weights.entrySet()) {
            Map<String, Double> metrics = recall(test, e.getValue(), protocol);
            metrics.putAll(responseQuality(test, e.getValue(), protocol));
            rows.add(new Row(e.getKey(), metrics, e.getKey().equals("hybrid") ? "weights " + e.getValue() : ""));
        }
        return rows;
    }

    Map<String, Double> responseQuality(List<Prepared> test, FusionRecommender.Weights w, Protocol protocol) {
        List<String> generated = test.parallelStream().map(p -> {
            float[] out = new float[popularity.length];
            FusionRecommender.combine(w, popularity, p.collaborative(), p.dense(), p.attributes(), p.state(), out);
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
