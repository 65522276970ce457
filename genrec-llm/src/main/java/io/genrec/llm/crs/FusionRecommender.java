package io.genrec.llm.crs;

import java.util.Set;

/**
 * The offline conversational recommenders as weighted sums of {@link Signals}: {@code popularity} (prior only),
 * {@code collaborative} (MovieLens model from the liked mentions, popularity breaking ties and standing in when no
 * liked movie links), {@code dense} (conversation text against movie metadata text) and {@code hybrid} (all of them
 * plus attribute fit and a bonus for movies the conversation already named, weights tuned on the tuning dialogues).
 * Disliked movies are never recommended.
 */
public final class FusionRecommender implements CrsRecommender {
    /**
     * Fusion weights; {@code repeatRecommended}/{@code repeatLiked} reward re-naming movies already in the context,
     * the others weigh one feature each (see {@link #FEATURES}): co-mention with the context's movies in the tuning
     * dialogues, the tuning recommenders' own choices, their release-year preference, collaborative scores from every
     * movie the context names (not only the liked ones), dense similarity of the seeker's own words, and what the tuning
     * recommenders named for the same requested genres/people (tracker) or annotated entities (data set; benchmark only,
     * a chat turn has no annotation), how often the tuning recommenders named a movie as a fresh suggestion, and how
     * close a movie's metadata text is to that of the movies the conversation named (all of them, or those of the latest
     * utterance naming any), and co-mention with the content neighbours of the named movies (co-mention counts from
     * 1,000 dialogues are sparse: a named movie that no tuning dialogue names still has neighbours that some do).
     */
    public record Weights(float popularity, float collaborative, float dense, float attributes, float repeatRecommended, float repeatLiked,
                          float coMention, float recPrior, float yearPrior, float collaborativeMentioned, float denseSeeker,
                          float coMentionConditional, float attributeTargets, float entityTargets, float freshPrior, float contentMentioned, float contentRecent, float coMentionNeighbours) {
        public static final Weights POPULARITY = new Weights(1, 0, 0, 0, 0, 0);
        public static final Weights COLLABORATIVE = new Weights(0.05f, 1, 0, 0, 0, 0);
        public static final Weights DENSE = new Weights(0, 0, 1, 0, 0, 0);

        /** The original six weights; the dialogue-statistics weights are 0. */
        public Weights(float popularity, float collaborative, float dense, float attributes, float repeatRecommended, float repeatLiked) {
            this(popularity, collaborative, dense, attributes, repeatRecommended, repeatLiked, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        public Weights with(int k, float v) {
            float[] a = array(); a[k] = v;
            return of(a);
        }

        public static Weights of(float[] a) { return new Weights(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15], a[16], a[17]); }

        public float[] array() {
            return new float[] {popularity, collaborative, dense, attributes, repeatRecommended, repeatLiked, coMention, recPrior, yearPrior,
                    collaborativeMentioned, denseSeeker, coMentionConditional, attributeTargets, entityTargets, freshPrior, contentMentioned, contentRecent, coMentionNeighbours};
        }

        public static final String[] NAMES = {"popularity", "collaborative", "dense", "attributes", "repeatRecommended", "repeatLiked",
                "coMention", "recPrior", "yearPrior", "collaborativeMentioned", "denseSeeker",
                "coMentionConditional", "attributeTargets", "entityTargets", "freshPrior", "contentMentioned", "contentRecent", "coMentionNeighbours"};

        public static int index(String name) {
            for (int k = 0; k < NAMES.length; k++) if (NAMES[k].equals(name)) return k;
            throw new IllegalArgumentException("unknown fusion weight '" + name + "'; known: " + String.join(", ", NAMES));
        }

        @Override public String toString() {
            StringBuilder b = new StringBuilder();
            float[] a = array();
            for (int k = 0; k < a.length; k++) if (a[k] != 0) b.append(b.isEmpty() ? "" : ", ").append(NAMES[k]).append(' ').append(a[k]);
            return b.isEmpty() ? "all 0" : b.toString();
        }
    }

    /** Which weight indices weigh a feature array (the others are the repeat bonuses). */
    public static final int[] FEATURES = {0, 1, 2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17};

    private final String name;
    private final Signals signals;
    private final Weights weights;

    public FusionRecommender(String name, Signals signals, Weights weights) { this.name = name; this.signals = signals; this.weights = weights; }

    @Override public String name() { return name; }

    public Weights weights() { return weights; }

    public Signals signals() { return signals; }

    @Override
    public void score(Turn turn, float[] out) {
        combine(weights, features(signals, weights, turn, null), turn.state(), out);
    }

    /**
     * The feature arrays {@code weights} needs for {@code turn} (indexed like {@link Weights#NAMES}; null where the
     * weight is 0); {@code leaveOut} names a tuning dialogue whose counts the dialogue statistics should skip.
     */
    static float[][] features(Signals signals, Weights weights, Turn turn, String leaveOut) {
        int n = signals.catalog().size();
        float[] w = weights.array();
        float[][] f = new float[w.length][];
        for (int k : FEATURES) if (w[k] != 0) f[k] = new float[n];
        if (f[0] != null) signals.popularity(f[0]);
        if (f[1] != null) signals.collaborative(turn.state(), f[1]);
        if (f[2] != null) signals.dense(turn.queryText(), f[2]);
        if (f[3] != null) signals.attributes(turn.state(), f[3]);
        if (f[6] != null) signals.coMention(turn.state().mentioned(), leaveOut, f[6]);
        if (f[7] != null) signals.recommendationPrior(leaveOut, f[7]);
        if (f[8] != null) signals.yearPrior(f[8]);
        if (f[9] != null) signals.collaborativeMentioned(turn.state(), f[9]);
        if (f[10] != null) signals.dense(Signals.seekerText(turn.context()), f[10]);
        if (f[11] != null) signals.coMentionConditional(turn.state().mentioned(), leaveOut, f[11]);
        if (f[12] != null) signals.attributeTargets(turn.state(), leaveOut, f[12]);
        if (f[14] != null) signals.freshPrior(leaveOut, f[14]);
        if (f[15] != null) signals.contentMentioned(turn.state().mentioned(), turn.state().disliked(), f[15]);
        if (f[16] != null) signals.contentMentioned(turn.state().recent(), turn.state().disliked(), f[16]);
        if (f[17] != null) signals.coMentionNeighbours(turn.state().mentioned(), turn.state().disliked(), leaveOut, f[17]);
        return f;
    }

    /** {@code out = w · features} (null feature arrays count as 0), plus the repeat bonuses; disliked movies get -infinity. */
    public static void combine(Weights w, float[][] f, DialogueState s, float[] out) {
        float[] a = w.array();
        java.util.Arrays.fill(out, 0f);
        for (int k : FEATURES) {
            if (a[k] == 0 || f[k] == null) continue;
            float wk = a[k];
            float[] x = f[k];
            for (int i = 0; i < out.length; i++) out[i] += wk * x[i];
        }
        if (w.repeatRecommended() != 0) for (int i : s.recommended()) out[i] += w.repeatRecommended();
        if (w.repeatLiked() != 0) for (int i : s.liked()) out[i] += w.repeatLiked();
        for (int i : s.disliked()) out[i] = Float.NEGATIVE_INFINITY;
    }

    /** Masks every movie in {@code mentioned} (the fresh-only protocol, and chat never re-suggests). */
    public static void mask(Set<Integer> mentioned, float[] out) { for (int i : mentioned) out[i] = Float.NEGATIVE_INFINITY; }
}
