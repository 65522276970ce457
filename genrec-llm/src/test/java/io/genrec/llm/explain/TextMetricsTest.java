package io.genrec.llm.explain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** BLEU and ROUGE against values computed by hand (the working is in each comment). */
class TextMetricsTest {
    static final String REF = "the quick brown fox jumps over the dog";

    @Test
    void modifiedPrecisionClipsRepeatedWordsPapineniExample() {
        // Papineni et al. 2002, section 2.1: "the" x7 against "the cat is on the mat": clipped 2 of 7.
        long[] m = TextMetrics.clippedMatches(Words.tokens("the the the the the the the"),
                List.of(Words.tokens("the cat is on the mat"), Words.tokens("there is a cat on the mat")), 1);
        assertArrayEquals(new long[] {2, 7}, m);
    }

    @Test
    void bleuOfOneWordSubstitution() {
        // cand: the quick brown fox jumps over a dog (8 tokens); p1 = 7/8, p2 = 5/7, p3 = 4/6, p4 = 3/5, BP = 1
        // BLEU = (7/8 * 5/7 * 4/6 * 3/5)^(1/4) = (1/4)^(1/4) = 0.70710678...
        assertEquals(Math.pow(0.25, 0.25), TextMetrics.bleu("the quick brown fox jumps over a dog", List.of(REF)), 1e-12);
    }

    @Test
    void brevityPenaltyForShortCandidates() {
        // cand: the quick brown fox jumps (5 tokens): all n-gram precisions 1; c = 5 < r = 8: BP = exp(1 - 8/5)
        assertEquals(Math.exp(1 - 8.0 / 5), TextMetrics.bleu("the quick brown fox jumps", List.of(REF)), 1e-12);
        // with a 4-token reference as well, the closest reference length is 4 < 5, so no penalty
        assertEquals(1.0, TextMetrics.bleu("the quick brown fox jumps", List.of(REF, "a b c d")), 1e-12);
    }

    @Test
    void bleuIsOneForIdenticalAndZeroWithoutFourGramMatch() {
        assertEquals(1.0, TextMetrics.bleu(REF, List.of(REF)), 1e-12);
        // "the cat sat on the mat" vs "the cat is on the mat": p4 = 0/3, unsmoothed BLEU = 0
        assertEquals(0.0, TextMetrics.bleu("the cat sat on the mat", List.of("the cat is on the mat")));
        assertEquals(0.0, TextMetrics.bleu("", List.of(REF)));
    }

    @Test
    void corpusBleuSumsCountsBeforeDividing() {
        // sentence 1 identical (8 tokens: 8/8, 7/7, 6/6, 5/5); sentence 2 "the cat sat on the mat" vs "the cat is on
        // the mat" (5/6, 3/5, 1/4, 0/3). Sums: 13/14, 10/12, 7/10, 5/8; c = r = 14, BP = 1.
        double expected = Math.pow(13.0 / 14 * 10.0 / 12 * 7.0 / 10 * 5.0 / 8, 0.25);
        double got = TextMetrics.corpusBleu(List.of(Words.tokens(REF), Words.tokens("the cat sat on the mat")),
                List.of(List.of(Words.tokens(REF)), List.of(Words.tokens("the cat is on the mat"))));
        assertEquals(expected, got, 1e-12);
    }

    @Test
    void rougeNOnHandExample() {
        // unigrams: the x2, cat, on, mat overlap = 5 of 6 both ways; bigrams: the cat, on the, the mat = 3 of 5
        var r1 = TextMetrics.rouge1("the cat sat on the mat", "the cat is on the mat");
        assertEquals(5.0 / 6, r1.f1(), 1e-12);
        var r2 = TextMetrics.rouge2("the cat sat on the mat", "the cat is on the mat");
        assertEquals(0.6, r2.precision(), 1e-12);
        assertEquals(0.6, r2.f1(), 1e-12);
        // different lengths: P = 3/3, R = 3/5, F1 = 2 * 1 * 0.6 / 1.6 = 0.75
        var r = TextMetrics.rouge1("a b c", "a b c d e");
        assertEquals(1.0, r.precision(), 1e-12);
        assertEquals(0.6, r.recall(), 1e-12);
        assertEquals(0.75, r.f1(), 1e-12);
    }

    @Test
    void rougeLOnLinsExample() {
        // Lin 2004, section 3.1: reference "police killed the gunman"; "police kill the gunman" has LCS 3 (0.75),
        // "the gunman kill police" has LCS 2 (0.5).
        assertEquals(0.75, TextMetrics.rougeL("police kill the gunman", "police killed the gunman").f1(), 1e-12);
        assertEquals(0.5, TextMetrics.rougeL("the gunman kill police", "police killed the gunman").f1(), 1e-12);
        assertEquals(0.0, TextMetrics.rougeL("", "police").f1());
    }
}
