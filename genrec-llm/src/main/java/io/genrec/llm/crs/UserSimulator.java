package io.genrec.llm.crs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule-based simulated seeker in the spirit of iEvaLM (Wang et al., EMNLP 2023): it holds a hidden target movie
 * (a fresh target of a test sample), starts from that sample's real conversation, and each turn either accepts (the
 * target is among the recommender's {@link #SHOWN} suggestions) or rejects them and reveals one more fact from the
 * target's metadata: its genres, then a star, the director, and finally the first sentence of the plot. Never the
 * title. Success = acceptance within {@link #MAX_TURNS} turns.
 */
public final class UserSimulator {
    public static final int MAX_TURNS = 5;
    public static final int SHOWN = 10;

    private final CrsCatalog catalog;
    private final StateTracker tracker;

    public UserSimulator(CrsCatalog catalog, StateTracker tracker) { this.catalog = catalog; this.tracker = tracker; }

    /** The outcome of one simulated conversation: turns used (1-based) or 0 when the target never came up. */
    public int simulate(CrsRecommender rec, List<Utterance> opening, int target) {
        List<Utterance> ctx = new ArrayList<>(opening);
        List<String> hints = hints(catalog.get(target));
        for (int turn = 1; turn <= MAX_TURNS; turn++) {
            DialogueState st = tracker.track(ctx);
            float[] s = new float[catalog.size()];
            rec.score(new CrsRecommender.Turn(ctx, st, CrsBenchmark.queryText(ctx)), s);
            FusionRecommender.mask(st.mentioned(), s);
            List<Integer> top = ChatEngine.top(s, SHOWN);
            if (top.contains(target)) return turn;
            List<String> names = top.stream().map(i -> catalog.get(i).name()).toList();
            ctx.add(Utterance.recommender("How about " + String.join(", ", names) + "?"));
            ctx.add(Utterance.user("No, none of those. " + (turn - 1 < hints.size() ? hints.get(turn - 1) : "Something else, please.")));
        }
        return 0;
    }

    static List<String> hints(CrsMovie m) {
        List<String> h = new ArrayList<>();
        if (!m.genres().isEmpty()) h.add("I'd like a " + String.join(" ", m.genres()).replace('-', ' ') + " movie.");
        if (!m.stars().isEmpty()) h.add("Maybe something with " + m.stars().getFirst() + ".");
        if (!m.directors().isEmpty()) h.add("I like films by " + m.directors().getFirst() + ".");
        if (!m.plot().isEmpty()) h.add("I'm in the mood for a story like this: " + m.plot().split("(?<=[.!?])\\s")[0]);
        if (m.year() > 0) h.add("Ideally from the " + (m.year() / 10 * 10) + "s.");
        return h;
    }

    /** Success rate within {@link #MAX_TURNS} turns and mean turns over successes, for each recommender. */
    public Map<String, double[]> run(List<CrsRecommender> recs, List<CrsSample> samples, int max) {
        List<CrsSample> pool = samples.stream().filter(s -> s.freshTargets().length > 0).toList();
        int step = Math.max(1, pool.size() / Math.max(1, max));
        List<CrsSample> chosen = new ArrayList<>();
        for (int i = 0; i < pool.size() && chosen.size() < max; i += step) chosen.add(pool.get(i));
        Map<String, double[]> out = new LinkedHashMap<>();
        for (CrsRecommender r : recs) {
            int[] turns = chosen.parallelStream().mapToInt(s -> simulate(r, s.context(), s.freshTargets()[0])).toArray();
            int ok = 0; long sum = 0;
            for (int t : turns) if (t > 0) { ok++; sum += t; }
            out.put(r.name(), new double[] {(double) ok / chosen.size(), ok == 0 ? Double.NaN : (double) sum / ok, chosen.size()});
        }
        return out;
    }
}
