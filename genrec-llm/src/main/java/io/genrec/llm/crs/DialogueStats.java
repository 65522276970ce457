package io.genrec.llm.crs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the tuning dialogues say about movies, for the hybrid: how often two movies are named in one dialogue
 * (co-mention), how often the recommender named a movie (recommendation prior) and how often recommended movies come
 * from each release year (year prior). Built from the tuning samples only (grouped by dialogue id; a dialogue's movies
 * are every movie its samples name in context or as targets). For a tuning sample, every statistic can leave out the
 * sample's own dialogue, so the tuned weights are not fitted to counts that contain the answer.
 */
public final class DialogueStats {
    private final int size;
    private final Map<String, int[]> dialogueMovies = new HashMap<>();
    private final Map<String, Map<Integer, Integer>> dialogueTargets = new HashMap<>();
    private final int[] dialogues;          // dialogues naming each movie
    private final int[] recommended;        // tuning (sample, target) pairs per movie
    private final int[] fresh;              // tuning (sample, target) pairs per movie where the context had not named it yet
    private final Map<String, Map<Integer, Integer>> dialogueFresh = new HashMap<>();
    private final Map<Integer, Map<Integer, Integer>> pairs = new HashMap<>();
    private final float[] yearPrior;
    // requested attribute (genre or person, as the tracker reads the context) -> target counts, overall and per dialogue
    private final Map<String, Map<Integer, Integer>> attributeTargets = new HashMap<>();
    private final Map<String, Integer> attributeSamples = new HashMap<>();
    private final Map<String, List<Map.Entry<List<String>, int[]>>> dialogueAttributes = new HashMap<>();
    // dialogue id -> every tuning dialogue of its leave-out group (itself only unless groups were given)
    private final Map<String, List<String>> groupMembers = new HashMap<>();
    private final Map<String, String> groupOf = new HashMap<>();

    /** Without attribute statistics (no tracker). */
    public DialogueStats(int catalogSize, List<CrsSample> tune, CrsCatalog catalog) { this(catalogSize, tune, catalog, null); }

    /** {@code tracker} (or null) reads each tuning context's requested genres and people for the attribute statistics. */
    public DialogueStats(int catalogSize, List<CrsSample> tune, CrsCatalog catalog, StateTracker tracker) {
        this.size = catalogSize;
        if (tracker != null) for (CrsSample s : tune) {
            List<String> attrs = attributes(tracker.track(s.context()));
            for (String e : s.contextEntities()) attrs.add("entity:" + e);
            if (attrs.isEmpty()) continue;
            dialogueAttributes.computeIfAbsent(s.dialogId(), k -> new ArrayList<>()).add(Map.entry(attrs, s.targets()));
            for (String a : attrs) {
                attributeSamples.merge(a, 1, Integer::sum);
                for (int t : s.targets()) attributeTargets.computeIfAbsent(a, k -> new HashMap<>()).merge(t, 1, Integer::sum);
            }
        }
        Map<String, Set<Integer>> byDialogue = new LinkedHashMap<>();
        for (CrsSample s : tune) {
            Set<Integer> d = byDialogue.computeIfAbsent(s.dialogId(), k -> new LinkedHashSet<>());
            for (int m : s.contextMovies()) d.add(m);
            for (int t : s.targets()) { d.add(t); dialogueTargets.computeIfAbsent(s.dialogId(), k -> new HashMap<>()).merge(t, 1, Integer::sum); }
        }
        dialogues = new int[size];
        recommended = new int[size];
        fresh = new int[size];
        for (CrsSample s : tune) for (int t : s.freshTargets()) {
            fresh[t]++;
            dialogueFresh.computeIfAbsent(s.dialogId(), k -> new HashMap<>()).merge(t, 1, Integer::sum);
        }
        byDialogue.forEach((id, set) -> {
            int[] ms = set.stream().mapToInt(Integer::intValue).toArray();
            dialogueMovies.put(id, ms);
            for (int a : ms) {
                dialogues[a]++;
                for (int b : ms) if (a != b) pairs.computeIfAbsent(a, k -> new HashMap<>()).merge(b, 1, Integer::sum);
            }
        });
        dialogueTargets.values().forEach(m -> m.forEach((t, c) -> recommended[t] += c));
        // recommended pairs per release year over catalogue movies of that year: ReDial's recommenders favour recent films
        Map<Integer, int[]> perYear = new HashMap<>();
        for (int i = 0; i < size; i++) perYear.computeIfAbsent(catalog.get(i).year(), k -> new int[2])[0]++;
        for (int i = 0; i < size; i++) perYear.get(catalog.get(i).year())[1] += recommended[i];
        yearPrior = new float[size];
        for (int i = 0; i < size; i++) {
            int[] y = perYear.get(catalog.get(i).year());
            yearPrior[i] = catalog.get(i).year() <= 0 ? 0f : (float) Math.log1p((double) y[1] / y[0]);
        }
    }

    /**
     * Leave-out groups: {@code groupOf} maps a tuning dialogue id to a group key (e.g. its recommender's worker id);
     * from then on, leaving out dialogue {@code d} leaves out every tuning dialogue of {@code d}'s group. Dialogues not
     * in the map stay their own group. Returns this.
     */
    public DialogueStats groups(Map<String, String> groupOf) {
        groupMembers.clear();
        this.groupOf.clear();
        Map<String, List<String>> byKey = new HashMap<>();
        for (String id : dialogueMovies.keySet()) {
            String key = groupOf.containsKey(id) ? "g:" + groupOf.get(id) : "d:" + id;
            this.groupOf.put(id, key);
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
        }
        for (String id : dialogueMovies.keySet()) groupMembers.put(id, byKey.get(this.groupOf.get(id)));
        return this;
    }

    /** The leave-out group key of tuning dialogue {@code id} (the id itself without groups). */
    public String group(String id) { return groupOf.getOrDefault(id, "d:" + id); }

    /** The tuning dialogues left out with {@code leaveOut} (none for null, itself without groups). */
    List<String> leftOut(String leaveOut) {
        if (leaveOut == null) return List.of();
        return groupMembers.getOrDefault(leaveOut, List.of(leaveOut));
    }

    /** Per movie, how many left-out dialogues ({@link #leftOut}) name it. */
    public Map<Integer, Integer> leftOutMovieCounts(String leaveOut) {
        Map<Integer, Integer> c = new HashMap<>();
        for (String d : leftOut(leaveOut)) for (int m : movies(d)) c.merge(m, 1, Integer::sum);
        return c;
    }

    /** The movies of tuning dialogue {@code id} (empty for a dialogue not in the tuning set, e.g. any test sample). */
    public int[] movies(String id) { return id == null ? new int[0] : dialogueMovies.getOrDefault(id, new int[0]); }

    /**
     * Co-mention score of every movie with the context's movies: sum over context movies i of
     * {@code c(i,j) / sqrt(n_i n_j)} (cosine over dialogues), counts without dialogue {@code leaveOut} (null: none).
     */
    public void coMention(Collection<Integer> context, String leaveOut, float[] out) { coMention(context, leaveOut, true, out); }

    static List<String> attributes(DialogueState st) {
        List<String> a = new ArrayList<>();
        for (String g : st.genres()) a.add("genre:" + g);
        for (String p : st.people()) a.add("person:" + p);
        return a;
    }

    /**
     * Conditional co-mention: sum over context movies i of {@code c(i,j) / n_i}, the share of dialogues naming i that
     * also name j (favours movies that are named often, unlike the cosine of {@link #coMention}).
     */
    public void coMentionConditional(Collection<Integer> context, String leaveOut, float[] out) {
        coMention(context, leaveOut, false, out);
    }

    /** Both co-mention scores: {@code c(i,j) / sqrt(n_i n_j)} when {@code cosine}, else {@code c(i,j) / n_i}. */
    private void coMention(Collection<Integer> context, String leaveOut, boolean cosine, float[] out) {
        java.util.Arrays.fill(out, 0f);
        // the left-out dialogues' movie sets, walked once: their dialogue counts per movie come from the same sets
        List<Set<Integer>> own = new ArrayList<>();
        Map<Integer, Integer> ownN = new HashMap<>();
        for (String d : leftOut(leaveOut)) {
            Set<Integer> set = new java.util.HashSet<>();
            for (int m : movies(d)) if (set.add(m)) ownN.merge(m, 1, Integer::sum);
            own.add(set);
        }
        for (int i : context) {
            Map<Integer, Integer> row = pairs.get(i);
            if (row == null) continue;
            int ni = dialogues[i] - ownN.getOrDefault(i, 0);
            if (ni <= 0) continue;
            Map<Integer, Integer> ownRow = new HashMap<>();
            for (Set<Integer> d : own) if (d.contains(i)) for (int j : d) if (j != i) ownRow.merge(j, 1, Integer::sum);
            for (var e : row.entrySet()) {
                int j = e.getKey();
                int c = e.getValue() - ownRow.getOrDefault(j, 0);
                if (c <= 0) continue;
                if (!cosine) {
                    out[j] += (float) c / ni;
                    continue;
                }
                int nj = dialogues[j] - ownN.getOrDefault(j, 0);
                if (nj > 0) out[j] += (float) (c / Math.sqrt((double) ni * nj));
            }
        }
    }

    /**
     * Which movies the tuning recommenders named when the seeker asked for the same genre or person: sum over the
     * state's requested attributes a of {@code P(target = j | a)}, counts without dialogue {@code leaveOut}.
     */
    public void attributeTargets(DialogueState state, String leaveOut, float[] out) { attributeTargets(attributes(state), leaveOut, out); }

    /** As {@link #attributeTargets(DialogueState, String, float[])} for the data set's own entity annotation of the context. */
    public void entityTargets(List<String> entities, String leaveOut, float[] out) {
        attributeTargets(entities.stream().map(e -> "entity:" + e).toList(), leaveOut, out);
    }

    private void attributeTargets(List<String> attrs, String leaveOut, float[] out) {
        java.util.Arrays.fill(out, 0f);
        if (attrs.isEmpty()) return;
        Map<String, Integer> ownSamples = new HashMap<>();
        Map<String, Map<Integer, Integer>> ownTargets = new HashMap<>();
        for (String d : leftOut(leaveOut)) for (var e : dialogueAttributes.getOrDefault(d, List.of()))
            for (String a : e.getKey()) {
                ownSamples.merge(a, 1, Integer::sum);
                for (int t : e.getValue()) ownTargets.computeIfAbsent(a, k -> new HashMap<>()).merge(t, 1, Integer::sum);
            }
        for (String a : attrs) {
            int n = attributeSamples.getOrDefault(a, 0) - ownSamples.getOrDefault(a, 0);
            if (n <= 0) continue;
            Map<Integer, Integer> own = ownTargets.getOrDefault(a, Map.of());
            for (var e : attributeTargets.getOrDefault(a, Map.of()).entrySet()) {
                int c = e.getValue() - own.getOrDefault(e.getKey(), 0);
                if (c > 0) out[e.getKey()] += (float) c / n;
            }
        }
    }

    /** log(1 + times the tuning recommenders named the movie), without dialogue {@code leaveOut}. */
    public void recommendationPrior(String leaveOut, float[] out) {
        Map<Integer, Integer> own = sum(dialogueTargets, leaveOut);
        for (int i = 0; i < size; i++) out[i] = (float) Math.log1p(recommended[i] - own.getOrDefault(i, 0));
    }

    /**
     * log(1 + times the tuning recommenders named the movie before the context had named it), without dialogue
     * {@code leaveOut}: a movie named mostly as a repeat ("have you seen X?") is a weaker fresh suggestion than its
     * overall count says.
     */
    public void freshPrior(String leaveOut, float[] out) {
        Map<Integer, Integer> own = sum(dialogueFresh, leaveOut);
        for (int i = 0; i < size; i++) out[i] = (float) Math.log1p(fresh[i] - own.getOrDefault(i, 0));
    }

    private Map<Integer, Integer> sum(Map<String, Map<Integer, Integer>> perDialogue, String leaveOut) {
        Map<Integer, Integer> own = new HashMap<>();
        for (String d : leftOut(leaveOut)) perDialogue.getOrDefault(d, Map.of()).forEach((k, v) -> own.merge(k, v, Integer::sum));
        return own;
    }

    /** log(1 + recommended pairs per catalogue movie of the movie's release year); 0 for unknown years. */
    public void yearPrior(float[] out) { System.arraycopy(yearPrior, 0, out, 0, size); }

    /** Dialogue ids, for tests. */
    List<String> dialogueIds() { return new ArrayList<>(dialogueMovies.keySet()); }
}
