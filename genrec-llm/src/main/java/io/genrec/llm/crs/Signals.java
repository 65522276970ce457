package io.genrec.llm.crs;

import io.genrec.llm.embed.ItemEncoder;
import io.genrec.model.FittedRecommender;
import io.genrec.model.UserContext;

import java.util.List;
import java.util.Locale;

/**
 * The per-movie evidence the offline recommenders combine: a popularity prior, collaborative scores from a model
 * fitted on MovieLens (history = the liked mentions that link), dense similarity between the conversation and the
 * movie's metadata text, and attribute matches (genres, years, people) from the tracked state. Built once per
 * catalogue; each method fills a caller-owned buffer.
 */
public final class Signals {
    private final CrsCatalog catalog;
    private final float[] popularity;
    private final FittedRecommender collaborative;
    private final ItemEncoder encoder;
    private final float[][] movieVectors;
    private final int[] linked;
    private final DialogueStats stats;

    /**
     * @param popularity per-movie prior (any scale; log-damped here)
     * @param collaborative a model over the MovieLens data the catalogue was linked to, or null
     * @param encoder sentence encoder for the dense path, or null (dense scores are then zero)
     */
    public Signals(CrsCatalog catalog, float[] popularity, FittedRecommender collaborative, ItemEncoder encoder) {
        this(catalog, popularity, collaborative, encoder,
                encoder == null ? null : encoder.embed(catalog.movies().stream().map(CrsMovie::text).toList()));
    }

    /** With catalogue vectors already embedded by {@code encoder} (e.g. shared with {@code genrec search}'s cache). */
    public Signals(CrsCatalog catalog, float[] popularity, FittedRecommender collaborative, ItemEncoder encoder, float[][] movieVectors) {
        if (encoder != null && (movieVectors == null || movieVectors.length != catalog.size()))
            throw new IllegalArgumentException("need one vector per catalogue movie (" + catalog.size() + ")");
        this.catalog = catalog;
        this.popularity = new float[catalog.size()];
        for (int i = 0; i < popularity.length; i++) this.popularity[i] = (float) Math.log1p(popularity[i]);
        this.collaborative = collaborative;
        this.encoder = encoder;
        this.movieVectors = movieVectors;
        this.linked = catalog.movies().stream().mapToInt(CrsMovie::mlItem).toArray();
        this.stats = null;
    }

    private Signals(Signals o, DialogueStats stats) {
        this.catalog = o.catalog; this.popularity = o.popularity; this.collaborative = o.collaborative; this.encoder = o.encoder;
        this.movieVectors = o.movieVectors; this.linked = o.linked; this.stats = stats;
    }

    /** These signals plus statistics of tuning dialogues (co-mention, recommendation and year priors). */
    public Signals withStats(DialogueStats stats) { return new Signals(this, stats); }

    public DialogueStats stats() { return stats; }

    /** Co-mention with {@code context} in the tuning dialogues (0 without statistics). */
    public void coMention(java.util.Collection<Integer> context, String leaveOut, float[] out) {
        if (stats == null) java.util.Arrays.fill(out, 0f); else stats.coMention(context, leaveOut, out);
    }

    /** Conditional co-mention (share of the context movies' dialogues naming the movie; 0 without statistics). */
    public void coMentionConditional(java.util.Collection<Integer> context, String leaveOut, float[] out) {
        if (stats == null) java.util.Arrays.fill(out, 0f); else stats.coMentionConditional(context, leaveOut, out);
    }

    /** What the tuning recommenders named for the same requested genres/people (0 without statistics). */
    public void attributeTargets(DialogueState state, String leaveOut, float[] out) {
        if (stats == null) java.util.Arrays.fill(out, 0f); else stats.attributeTargets(state, leaveOut, out);
    }

    /** What the tuning recommenders named when the context's annotation linked the same entities (0 without statistics). */
    public void entityTargets(List<String> entities, String leaveOut, float[] out) {
        if (stats == null) java.util.Arrays.fill(out, 0f); else stats.entityTargets(entities, leaveOut, out);
    }

    /** How often the tuning recommenders named each movie (0 without statistics). */
    public void recommendationPrior(String leaveOut, float[] out) {
        if (stats == null) java.util.Arrays.fill(out, 0f); else stats.recommendationPrior(leaveOut, out);
    }

    /** How often the tuning recommenders named each movie as a fresh suggestion (0 without statistics). */
    public void freshPrior(String leaveOut, float[] out) {
        if (stats == null) java.util.Arrays.fill(out, 0f); else stats.freshPrior(leaveOut, out);
    }

    /** The tuning recommenders' release-year preference (0 without statistics). */
    public void yearPrior(float[] out) {
        if (stats == null) java.util.Arrays.fill(out, 0f); else stats.yearPrior(out);
    }

    /** The seeker's own utterances, most recent last, at most 1,500 characters (the recommender's words left out). */
    public static String seekerText(List<Utterance> context) {
        StringBuilder b = new StringBuilder();
        for (Utterance u : context) if (u.seeker()) b.append(u.text()).append(' ');
        String s = b.toString().strip();
        return s.length() > 1500 ? s.substring(s.length() - 1500) : s;
    }

    public CrsCatalog catalog() { return catalog; }

    public boolean hasCollaborative() { return collaborative != null; }

    public boolean hasDense() { return encoder != null; }

    public void popularity(float[] out) { System.arraycopy(popularity, 0, out, 0, out.length); }

    /**
     * Collaborative scores, standardised over linked movies; unlinked movies and turns with no linked liked movie
     * get 0 (returns false then, so callers can report that the signal was absent).
     */
    public boolean collaborative(DialogueState state, float[] out) {
        return collaborative(state.liked(), out);
    }

    /**
     * Collaborative scores from every movie the conversation named except the disliked ones: in ReDial the seeker's
     * sentiment is often unstated, and a movie the recommender suggested still says what the conversation is about.
     */
    public boolean collaborativeMentioned(DialogueState state, float[] out) {
        List<Integer> h = new java.util.ArrayList<>(state.mentioned());
        h.removeAll(state.disliked());
        return collaborative(h, out);
    }

    private boolean collaborative(java.util.Collection<Integer> movies, float[] out) {
        java.util.Arrays.fill(out, 0f);
        if (collaborative == null) return false;
        int[] history = movies.stream().mapToInt(i -> linked[i]).filter(j -> j >= 0).distinct().toArray();
        if (history.length == 0) return false;
        float[] ml = new float[collaborative.numItems()];
        collaborative.scoreAll(UserContext.ofHistory(history), ml);
        double sum = 0, sq = 0; int n = 0;
        for (int i = 0; i < out.length; i++) {
            if (linked[i] < 0) continue;
            float v = ml[linked[i]];
            if (!Float.isFinite(v)) continue;
            sum += v; sq += (double) v * v; n++;
        }
        double mean = n == 0 ? 0 : sum / n, sd = n == 0 ? 1 : Math.sqrt(Math.max(1e-12, sq / n - mean * mean));
        for (int i = 0; i < out.length; i++)
            if (linked[i] >= 0 && Float.isFinite(ml[linked[i]])) out[i] = (float) ((ml[linked[i]] - mean) / sd);
        return true;
    }

    /**
     * Content similarity to the conversation's movies: the cosine between each movie's metadata vector and the mean of
     * the vectors of {@code mentioned} minus {@code disliked} (0 everywhere when none is left or there is no encoder).
     * The dense path embeds the conversation's words, which name a liked movie but do not describe it; this compares
     * the plots, genres and people of the movies themselves.
     */
    public void contentMentioned(java.util.Collection<Integer> mentioned, java.util.Collection<Integer> disliked, float[] out) {
        java.util.Arrays.fill(out, 0f);
        if (encoder == null) return;
        float[] mean = null;
        for (int m : mentioned) {
            if (disliked.contains(m)) continue;
            float[] v = movieVectors[m];
            if (mean == null) mean = new float[v.length];
            for (int d = 0; d < v.length; d++) mean[d] += v[d];
        }
        if (mean == null) return;
        double norm = 0;
        for (float x : mean) norm += (double) x * x;
        if (norm == 0) return;
        float inv = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < mean.length; d++) mean[d] *= inv;
        dense(mean, out);
    }

    /** Content neighbours per movie: how many, and the lazily filled cache (rows are computed on first use). */
    static final int NEIGHBOURS = 10;
    private final java.util.concurrent.ConcurrentHashMap<Integer, int[]> neighbours = new java.util.concurrent.ConcurrentHashMap<>();

    /** The {@link #NEIGHBOURS} movies whose metadata vectors are closest to movie {@code m}'s (itself excluded). */
    int[] contentNeighbours(int m) {
        return neighbours.computeIfAbsent(m, x -> {
            float[] s = new float[catalog.size()];
            dense(movieVectors[x], s);
            return io.genrec.model.TopK.select(s, NEIGHBOURS, io.genrec.model.ItemFilter.excluding(x)).items();
        });
    }

    /**
     * Co-mention in the tuning dialogues with the content neighbours of {@code mentioned} minus {@code disliked} (the
     * named movies themselves left out of the neighbour set); 0 without statistics or encoder.
     */
    public void coMentionNeighbours(java.util.Collection<Integer> mentioned, java.util.Collection<Integer> disliked, String leaveOut, float[] out) {
        if (stats == null || encoder == null) { java.util.Arrays.fill(out, 0f); return; }
        java.util.Set<Integer> near = new java.util.LinkedHashSet<>();
        for (int m : mentioned) if (!disliked.contains(m)) for (int j : contentNeighbours(m)) near.add(j);
        near.removeAll(mentioned);
        stats.coMention(near, leaveOut, out);
    }

    /** Cosine between the query text and each movie's text (0 everywhere for a blank query or no encoder). */
    public void dense(String query, float[] out) {
        java.util.Arrays.fill(out, 0f);
        if (encoder == null || query.isBlank()) return;
        dense(encoder.embed(query), out);
    }

    /** Cosine scores for an already embedded query. */
    public void dense(float[] q, float[] out) {
        for (int i = 0; i < out.length; i++) {
            float[] v = movieVectors[i];
            float s = 0;
            for (int d = 0; d < q.length; d++) s += q[d] * v[d];
            out[i] = s;
        }
    }

    public ItemEncoder encoder() { return encoder; }

    /**
     * Attribute fit in [-1, 1]: the share of requested genres a movie has, minus one if it has an avoided genre,
     * with years outside the requested range and people not involved lowering it.
     */
    public void attributes(DialogueState s, float[] out) {
        java.util.Arrays.fill(out, 0f);
        if (s.genres().isEmpty() && s.avoidGenres().isEmpty() && s.yearFrom() == 0 && s.yearTo() == 0 && s.people().isEmpty()) return;
        for (int i = 0; i < out.length; i++) {
            CrsMovie m = catalog.get(i);
            float v = 0;
            if (!s.genres().isEmpty()) {
                int hit = 0;
                for (String g : s.genres()) if (hasGenre(m, g)) hit++;
                v += (float) hit / s.genres().size();
            }
            for (String g : s.avoidGenres()) if (hasGenre(m, g)) { v -= 1; break; }
            if (m.year() > 0 && ((s.yearFrom() > 0 && m.year() < s.yearFrom()) || (s.yearTo() > 0 && m.year() > s.yearTo()))) v -= 0.5f;
            if (!s.people().isEmpty()) {
                boolean any = false;
                for (String p : s.people()) any |= involves(m, p);
                v += any ? 1 : -0.5f;
            }
            out[i] = v;
        }
    }

    static boolean hasGenre(CrsMovie m, String genre) {
        for (String g : m.genres()) {
            String x = g.toLowerCase(Locale.ROOT);
            if (x.equals(genre) || (genre.equals("family") && x.equals("children")) || (genre.equals("sci-fi") && x.equals("science fiction"))) return true;
        }
        return false;
    }

    static boolean involves(CrsMovie m, String person) {
        for (List<String> l : List.of(m.directors(), m.stars(), m.writers()))
            for (String p : l) if (p.toLowerCase(Locale.ROOT).equals(person)) return true;
        return false;
    }
}
