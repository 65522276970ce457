package io.genrec.models.semanticid;

import java.util.ArrayList;
import java.util.List;

/**
 * Beam search over semantic-ID tokens restricted to an {@link IdTrie}: at each level every beam is extended only by
 * tokens the trie allows after its prefix, so each finished beam is a real item's ID. Returns at most
 * {@code beamWidth} items, best first by summed log-probability; fewer when fewer IDs exist under the surviving
 * prefixes (a caller ranking by the result counts the missing places as misses).
 */
public final class ConstrainedBeamSearch {
    /** Log-probabilities of the next token of each prefix (one row of {@code codebookSize} per prefix). */
    public interface StepScorer {
        /** @param prefixes the tokens chosen so far, one array per beam (all of length {@code level}) */
        float[][] logProbs(int[][] prefixes, int level);
    }

    /** One finished ID: the item it names and its log-probability. */
    public record Hit(int item, double logProb) { }

    private ConstrainedBeamSearch() { }

    public static List<Hit> search(IdTrie trie, StepScorer scorer, int beamWidth) {
        if (beamWidth < 1) throw new IllegalArgumentException("beamWidth must be >= 1, got " + beamWidth);
        int[][] prefixes = {new int[0]};
        long[] keys = {IdTrie.root()};
        double[] scores = {0};
        for (int level = 0; level < trie.levels(); level++) {
            float[][] lp = scorer.logProbs(prefixes, level);
            // candidates: (beam, token) pairs the trie allows, keep the best beamWidth
            List<double[]> cand = new ArrayList<>();
            for (int b = 0; b < prefixes.length; b++)
                for (int t : trie.next(keys[b])) cand.add(new double[] {scores[b] + lp[b][t], b, t});
            cand.sort((x, y) -> x[0] != y[0] ? Double.compare(y[0], x[0]) : Double.compare(x[1] * 1e6 + x[2], y[1] * 1e6 + y[2]));
            int n = Math.min(beamWidth, cand.size());
            int[][] np = new int[n][];
            long[] nk = new long[n];
            double[] ns = new double[n];
            for (int i = 0; i < n; i++) {
                double[] c = cand.get(i);
                int b = (int) c[1], t = (int) c[2];
                np[i] = java.util.Arrays.copyOf(prefixes[b], level + 1);
                np[i][level] = t;
                nk[i] = trie.extend(keys[b], t);
                ns[i] = c[0];
            }
            prefixes = np;
            keys = nk;
            scores = ns;
        }
        List<Hit> out = new ArrayList<>(prefixes.length);
        for (int b = 0; b < prefixes.length; b++) out.add(new Hit(trie.item(keys[b]), scores[b]));
        return out;
    }
}
