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
    /** Fusion weights; {@code repeatRecommended}/{@code repeatLiked} reward re-naming movies already in the context. */
    public record Weights(float popularity, float collaborative, float dense, float attributes, float repeatRecommended, float repeatLiked) {
        public static final Weights POPULARITY = new Weights(1, 0, 0, 0, 0, 0);
        public static final Weights COLLABORATIVE = new Weights(0.05f, 1, 0, 0, 0, 0);
        public static final Weights DENSE = new Weights(0, 0, 1, 0, 0, 0);

        public Weights with(int k, float v) {
            float[] a = array(); a[k] = v;
            return new Weights(a[0], a[1], a[2], a[3], a[4], a[5]);
        }

        public float[] array() { return new float[] {popularity, collaborative, dense, attributes, repeatRecommended, repeatLiked}; }

        public static final String[] NAMES = {"popularity", "collaborative", "dense", "attributes", "repeatRecommended", "repeatLiked"};
    }

    private final String name;
    private final Signals signals;
    private final Weights weights;

    public FusionRecommender(String name, Signals signals, Weights weights) { this.name = name; this.signals = signals; this.weights = weights; }

    @Override public String name() { return name; }

    public Weights weights() { return weights; }

    @Override
    public void score(Turn turn, float[] out) {
        int n = out.length;
        float[] pop = new float[n], col = new float[n], den = new float[n], att = new float[n];
        signals.popularity(pop);
        if (weights.collaborative() != 0) signals.collaborative(turn.state(), col);
        if (weights.dense() != 0) signals.dense(turn.queryText(), den);
        if (weights.attributes() != 0) signals.attributes(turn.state(), att);
        combine(weights, pop, col, den, att, turn.state(), out);
    }

    /** {@code out = w · features}, plus the repeat bonuses; disliked movies get -infinity. */
    public static void combine(Weights w, float[] pop, float[] col, float[] den, float[] att, DialogueState s, float[] out) {
        for (int i = 0; i < out.length; i++)
            out[i] = w.popularity() * pop[i] + w.collaborative() * col[i] + w.dense() * den[i] + w.attributes() * att[i];
        if (w.repeatRecommended() != 0) for (int i : s.recommended()) out[i] += w.repeatRecommended();
        if (w.repeatLiked() != 0) for (int i : s.liked()) out[i] += w.repeatLiked();
        for (int i : s.disliked()) out[i] = Float.NEGATIVE_INFINITY;
    }

    /** Masks every movie in {@code mentioned} (the fresh-only protocol, and chat never re-suggests). */
    public static void mask(Set<Integer> mentioned, float[] out) { for (int i : mentioned) out[i] = Float.NEGATIVE_INFINITY; }
}
