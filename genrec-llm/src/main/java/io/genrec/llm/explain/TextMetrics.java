package io.genrec.llm.explain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Overlap metrics for generated explanations against reference texts, on {@link Words#tokens} tokens.
 * <ul>
 * <li>BLEU-4 (Papineni et al., "BLEU: a Method for Automatic Evaluation of Machine Translation", ACL 2002): geometric
 * mean of modified (clipped) n-gram precisions for n = 1..4 with uniform weights, times the brevity penalty
 * {@code BP = 1 if c > r else exp(1 - r/c)}, r the reference length closest to c (the shorter on ties). Unsmoothed,
 * as in the paper: a sentence with no matching 4-gram scores 0; use {@link #corpusBleu} for sets of sentences.</li>
 * <li>ROUGE-N and ROUGE-L F1 (Lin, "ROUGE: A Package for Automatic Evaluation of Summaries", ACL workshop 2004):
 * clipped n-gram overlap, respectively longest common subsequence, divided by the candidate's (precision) and the
 * reference's (recall) counts, combined with beta = 1.</li>
 * </ul>
 */
public final class TextMetrics {
    private TextMetrics() { }

    /** Precision, recall and F1 of one ROUGE comparison. */
    public record Prf(double precision, double recall, double f1) {
        static Prf of(double overlap, double candidateCount, double referenceCount) {
            double p = candidateCount == 0 ? 0 : overlap / candidateCount;
            double r = referenceCount == 0 ? 0 : overlap / referenceCount;
            return new Prf(p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
        }
    }

    /** Sentence BLEU-4 of {@code candidate} against one or more references (texts, tokenised here). */
    public static double bleu(String candidate, List<String> references) {
        List<List<String>> refs = references.stream().map(Words::tokens).toList();
        return corpusBleu(List.of(Words.tokens(candidate)), List.of(refs));
    }

    /**
     * Corpus BLEU-4: clipped n-gram matches and candidate n-gram counts are summed over all sentences before the
     * precisions are formed, and the brevity penalty uses the summed lengths (Papineni et al., section 2.2).
     */
    public static double corpusBleu(List<List<String>> candidates, List<List<List<String>>> references) {
        if (candidates.size() != references.size())
            throw new IllegalArgumentException(candidates.size() + " candidates but " + references.size() + " reference sets");
        long[] matches = new long[4], totals = new long[4];
        long c = 0, r = 0;
        for (int s = 0; s < candidates.size(); s++) {
            List<String> cand = candidates.get(s);
            List<List<String>> refs = references.get(s);
            if (refs.isEmpty()) throw new IllegalArgumentException("sentence " + s + " has no reference");
            for (int n = 1; n <= 4; n++) {
                long[] mt = clippedMatches(cand, refs, n);
                matches[n - 1] += mt[0];
                totals[n - 1] += mt[1];
            }
            c += cand.size();
            r += closestReferenceLength(cand.size(), refs);
        }
        if (c == 0) return 0;
        double logSum = 0;
        for (int n = 0; n < 4; n++) {
            if (matches[n] == 0) return 0;
            logSum += Math.log((double) matches[n] / totals[n]);
        }
        double bp = c > r ? 1 : Math.exp(1 - (double) r / c);
        return bp * Math.exp(logSum / 4);
    }

    /** Papineni's modified n-gram precision of one candidate: {@code {clipped matches, candidate n-grams}}. */
    public static long[] clippedMatches(List<String> cand, List<List<String>> refs, int n) {
        Map<List<String>, Integer> candCounts = ngrams(cand, n);
        Map<List<String>, Integer> maxRef = new HashMap<>();
        for (List<String> ref : refs) ngrams(ref, n).forEach((g, k) -> maxRef.merge(g, k, Math::max));
        long match = 0, total = 0;
        for (var e : candCounts.entrySet()) {
            total += e.getValue();
            match += Math.min(e.getValue(), maxRef.getOrDefault(e.getKey(), 0));
        }
        return new long[] {match, total};
    }

    static int closestReferenceLength(int c, List<List<String>> refs) {
        int best = refs.getFirst().size();
        for (List<String> ref : refs) {
            int d = Math.abs(ref.size() - c), bd = Math.abs(best - c);
            if (d < bd || (d == bd && ref.size() < best)) best = ref.size();
        }
        return best;
    }

    /** ROUGE-N of {@code candidate} against {@code reference}. */
    public static Prf rougeN(String candidate, String reference, int n) {
        List<String> c = Words.tokens(candidate), r = Words.tokens(reference);
        Map<List<String>, Integer> cc = ngrams(c, n), rc = ngrams(r, n);
        long overlap = 0;
        for (var e : cc.entrySet()) overlap += Math.min(e.getValue(), rc.getOrDefault(e.getKey(), 0));
        return Prf.of(overlap, Math.max(0, c.size() - n + 1), Math.max(0, r.size() - n + 1));
    }

    public static Prf rouge1(String candidate, String reference) { return rougeN(candidate, reference, 1); }

    public static Prf rouge2(String candidate, String reference) { return rougeN(candidate, reference, 2); }

    /** ROUGE-L (sentence level): LCS length over candidate and reference lengths. */
    public static Prf rougeL(String candidate, String reference) {
        List<String> c = Words.tokens(candidate), r = Words.tokens(reference);
        return Prf.of(lcs(c, r), c.size(), r.size());
    }

    /** Length of the longest common subsequence, O(|a|·|b|) time, O(|b|) memory. */
    static int lcs(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1], cur = new int[b.size() + 1];
        for (String x : a) {
            for (int j = 1; j <= b.size(); j++) {
                cur[j] = x.equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.size()];
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> m = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) m.merge(tokens.subList(i, i + n), 1, Integer::sum);
        return m;
    }
}
