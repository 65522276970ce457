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
    private final io.genrec.llm.llm.LlmClient llm;
    private final java.util.function.Consumer<String> onFallback;

    public UserSimulator(CrsCatalog catalog, StateTracker tracker) { this(catalog, tracker, null, w -> { }); }

    private UserSimulator(CrsCatalog catalog, StateTracker tracker, io.genrec.llm.llm.LlmClient llm, java.util.function.Consumer<String> onFallback) {
        this.catalog = catalog; this.tracker = tracker; this.llm = llm; this.onFallback = onFallback;
    }

    /**
     * The LLM-played seeker: after a miss the LLM words the rejection from the same one hint the rule seeker would give
     * (so it knows no more than the rule seeker). A reply that names the target's title, or an endpoint failure, is
     * replaced by the rule message and reported through {@code onFallback}.
     */
    public UserSimulator withLlm(io.genrec.llm.llm.LlmClient llm, java.util.function.Consumer<String> onFallback) {
        return new UserSimulator(catalog, tracker, llm, onFallback);
    }

    static final String SEEKER = """
            You play a person looking for a movie to watch who secretly wants one particular movie. The recommender just             suggested some movies, none of them yours. Reply in one or two casual sentences: turn the suggestions down and             say what you want using only the hint given. Never name any movie title.""";

    /** The seeker's message after a miss: the rule text, or the LLM's wording of the same hint. */
    String reject(CrsMovie target, List<String> shown, String hint) {
        String rule = "No, none of those. " + hint;
        if (llm == null) return rule;
        String out;
        try {
            out = llm.complete(List.of(io.genrec.llm.llm.ChatTurn.system(SEEKER), io.genrec.llm.llm.ChatTurn.user(
                    io.genrec.util.Json.MAPPER.writeValueAsString(Map.of("suggested", shown, "hint", hint)))), new io.genrec.llm.llm.LlmOptions(0.7, 80));
        } catch (Exception e) {
            onFallback.accept("simulated seeker: endpoint failed, rule message used: " + e.getMessage());
            return rule;
        }
        String title = target.name().replaceAll("\\s*\\((19|20)\\d\\d\\)\\s*$", "").strip();
        if (out == null || out.isBlank() || java.util.regex.Pattern.compile("(?i)(?<![\\p{L}\\p{N}])" + java.util.regex.Pattern.quote(title) + "(?![\\p{L}\\p{N}])").matcher(out).find()) {
            onFallback.accept("simulated seeker: the LLM's reply " + (out == null || out.isBlank() ? "was empty" : "named the hidden target") + ", rule message used");
            return rule;
        }
        return out.strip();
    }

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
            ctx.add(Utterance.user(reject(catalog.get(target), names, turn - 1 < hints.size() ? hints.get(turn - 1) : "Something else, please.")));
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
