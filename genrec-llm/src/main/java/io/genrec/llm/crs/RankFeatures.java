package io.genrec.llm.crs;

import java.util.Arrays;
import java.util.Set;

/**
 * The learned ranker's features for one turn's candidates, from the signal arrays the linear fusion weighs (indexed like
 * {@link FusionRecommender.Weights#NAMES}; null = all 0). Besides each raw signal: the dense scores standardised and
 * rank-transformed within the turn (their scale moves with the query), the sparse dialogue statistics divided by their
 * maximum in the turn and as indicators, the repeat indicators (standard protocol), and products of the strongest
 * signals, so a linear model can express "close in text and co-mentioned". The data set's entity annotation is not a
 * feature (a chat turn has none).
 */
final class RankFeatures {
    static final String[] NAMES = {
            "popularity", "collaborative", "collaborative>0", "dense", "dense z", "dense log-rank", "attributes",
            "coMention", "coMention/max", "coMention>0", "recPrior", "yearPrior", "collaborativeMentioned",
            "denseSeeker", "denseSeeker z", "denseSeeker log-rank", "coMentionConditional", "coMentionConditional/max",
            "attributeTargets", "attributeTargets/max", "attributeTargets>0", "freshPrior",
            "recommended before", "liked", "mentioned",
            "dense z x coMention/max", "dense z x attributeTargets/max", "coMention/max x attributeTargets/max",
            "dense z x denseSeeker z", "dense z x popularity", "dense z x freshPrior", "collaborative x coMention/max",
            "coMentionConditional/max x freshPrior", "contentMentioned", "contentRecent", "coMentionNeighbours/max"};
    static final int DIM = NAMES.length;

    private static final int POP = 0, COLLAB = 1, DENSE = 2, ATTR = 3, CO = 6, REC = 7, YEAR = 8, COLLAB_M = 9, SEEKER = 10, COND = 11, ATTR_T = 12, FRESH = 14, CONTENT = 15, CONTENT_RECENT = 16, CO_NEAR = 17;

    private final float[][] f;
    private final float denseMean, denseScale, seekerMean, seekerScale, coMax, condMax, attrMax, nearMax;
    private final float[] denseSorted, seekerSorted;
    private final Set<Integer> recommended, liked, mentioned;
    private final float logN;

    RankFeatures(float[][] f, DialogueState state, Set<Integer> mentioned, int n) {
        this.f = f;
        float[] d = moments(f[DENSE], n), s = moments(f[SEEKER], n);
        denseMean = d[0]; denseScale = d[1]; seekerMean = s[0]; seekerScale = s[1];
        coMax = max(f[CO]); condMax = max(f[COND]); attrMax = max(f[ATTR_T]); nearMax = max(f[CO_NEAR]);
        denseSorted = sorted(f[DENSE]); seekerSorted = sorted(f[SEEKER]);
        this.recommended = Set.copyOf(state.recommended());
        this.liked = Set.copyOf(state.liked());
        this.mentioned = mentioned;
        this.logN = (float) Math.log1p(n);
    }

    /** Writes candidate {@code i}'s {@link #DIM} features to {@code out[off ..]}. */
    void row(int i, float[] out, int off) {
        float pop = v(POP, i), collab = v(COLLAB, i), dense = v(DENSE, i), seeker = v(SEEKER, i);
        float dz = (dense - denseMean) * denseScale, sz = (seeker - seekerMean) * seekerScale;
        float co = v(CO, i), coN = coMax > 0 ? co / coMax : 0, cond = v(COND, i), condN = condMax > 0 ? cond / condMax : 0;
        float at = v(ATTR_T, i), atN = attrMax > 0 ? at / attrMax : 0, fresh = v(FRESH, i);
        float[] r = {
                pop, collab, collab != 0 ? 1 : 0, dense, dz, logRank(denseSorted, dense), v(ATTR, i),
                co, coN, co > 0 ? 1 : 0, v(REC, i), v(YEAR, i), v(COLLAB_M, i),
                seeker, sz, logRank(seekerSorted, seeker), cond, condN,
                at, atN, at > 0 ? 1 : 0, fresh,
                recommended.contains(i) ? 1 : 0, liked.contains(i) ? 1 : 0, mentioned.contains(i) ? 1 : 0,
                dz * coN, dz * atN, coN * atN,
                dz * sz, dz * pop, dz * fresh, collab * coN,
                condN * fresh, v(CONTENT, i), v(CONTENT_RECENT, i), nearMax > 0 ? v(CO_NEAR, i) / nearMax : 0};
        System.arraycopy(r, 0, out, off, DIM);
    }

    private float v(int k, int i) { return f[k] == null ? 0 : f[k][i]; }

    /** -log(1 + items scoring strictly higher) / log(1 + n): 0 for the best, near -1 for the worst; 0 when absent. */
    private float logRank(float[] sorted, float v) {
        if (sorted == null) return 0;
        int lo = 0, hi = sorted.length; // first index with sorted[idx] > v
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (sorted[mid] > v) hi = mid; else lo = mid + 1; }
        return (float) -Math.log1p(sorted.length - lo) / logN;
    }

    private static float[] sorted(float[] a) {
        if (a == null) return null;
        float[] s = a.clone();
        Arrays.sort(s);
        return s;
    }

    private static float max(float[] a) {
        float m = 0;
        if (a != null) for (float v : a) if (v > m) m = v;
        return m;
    }

    private static float[] moments(float[] a, int n) {
        if (a == null) return new float[] {0, 0};
        double sum = 0, sq = 0;
        for (float v : a) { sum += v; sq += (double) v * v; }
        double m = sum / n, var = sq / n - m * m;
        return new float[] {(float) m, var > 1e-12 ? (float) (1 / Math.sqrt(var)) : 0f};
    }
}
