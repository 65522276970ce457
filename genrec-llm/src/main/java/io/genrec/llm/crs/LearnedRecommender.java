package io.genrec.llm.crs;

import java.util.HashSet;
import java.util.Set;

/**
 * The {@code learned} conversational recommender: the same signals as the linear {@code hybrid}, turned into
 * {@link RankFeatures} per candidate and scored by a {@link ListwiseRanker} fitted on the tuning dialogues (see
 * {@link CrsBenchmark}). Disliked movies are never recommended.
 */
public final class LearnedRecommender implements CrsRecommender {
    /** Every signal the features read (the repeat bonuses are features of their own; no entity annotation in a chat). */
    static final FusionRecommender.Weights SIGNALS;
    static {
        float[] a = new float[FusionRecommender.Weights.NAMES.length];
        for (int k : FusionRecommender.FEATURES) a[k] = 1;
        a[FusionRecommender.Weights.index("entityTargets")] = 0;
        SIGNALS = FusionRecommender.Weights.of(a);
    }

    private final String name;
    private final Signals signals;
    private final ListwiseRanker ranker;

    public LearnedRecommender(String name, Signals signals, ListwiseRanker ranker) {
        if (ranker.dim() != RankFeatures.DIM) throw new IllegalArgumentException("ranker has " + ranker.dim() + " features, expected " + RankFeatures.DIM);
        this.name = name; this.signals = signals; this.ranker = ranker;
    }

    @Override public String name() { return name; }

    public ListwiseRanker ranker() { return ranker; }

    @Override
    public void score(Turn turn, float[] out) {
        float[][] f = FusionRecommender.features(signals, SIGNALS, turn, null);
        score(ranker, f, turn.state(), new HashSet<>(turn.state().mentioned()), out);
    }

    /** Scores every candidate from precomputed signal arrays; disliked movies get -infinity. */
    static void score(ListwiseRanker ranker, float[][] f, DialogueState state, Set<Integer> mentioned, float[] out) {
        RankFeatures rf = new RankFeatures(f, state, mentioned, out.length);
        float[] row = new float[RankFeatures.DIM];
        for (int i = 0; i < out.length; i++) {
            rf.row(i, row, 0);
            out[i] = (float) ranker.score(row, 0);
        }
        for (int i : state.disliked()) out[i] = Float.NEGATIVE_INFINITY;
    }
}
