package io.genrec.llm.guard;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CandidateGrounderTest {
    /** Candidates in fallback order; dense item ids 100..104. */
    static final List<RankingCandidate> CANDS = List.of(
            new RankingCandidate(100, "Toy Story (1995)", List.of("Animation"), ""),
            new RankingCandidate(101, "Heat (1995)", List.of("Action"), ""),
            new RankingCandidate(102, "Matrix, The (1999)", List.of("Sci-Fi"), ""),
            new RankingCandidate(103, "Amélie (2001)", List.of("Comedy"), ""),
            new RankingCandidate(104, "Ronin (1998)", List.of("Action"), ""));
    final CandidateGrounder g = new CandidateGrounder();

    @Test
    void goodAnswerIsUsedInModelOrder() {
        GroundedRanking r = g.ground("[4, 1, 0]", CANDS, 3);
        assertArrayEquals(new int[] {104, 101, 100}, r.items());
        assertEquals(3, r.fromModel());
        assertFalse(r.usedFallback());
        assertFalse(r.hasWarning());
    }

    @Test
    void hallucinatedIndicesAndTitlesAreDroppedAndCounted() {
        GroundedRanking r = g.ground("[9, 2, \"Inception (2010)\", -1, 4]", CANDS, 4);
        assertArrayEquals(new int[] {102, 104, 100, 101}, r.items(), "two grounded, completed from fallback order");
        assertEquals(3, r.hallucinatedCount());
        assertEquals(2, r.fromModel());
        assertTrue(r.usedFallback());
        assertTrue(r.warning().contains("3 item(s)"), r.warning());
    }

    @Test
    void titlesMatchFuzzilyAboveThresholdOnly() {
        GroundedRanking r = g.ground("1. The Matrix\n2. Amelie (2001)\n3. Heet\n4. Toy Storry\n5. Toy Soldiers", CANDS, 5);
        assertArrayEquals(new int[] {102, 103, 100, 101, 104}, r.items(),
                "'The Matrix' is 'Matrix, The (1999)', accents ignored, 'Toy Storry' is 0.9 similar; rest from fallback");
        assertEquals(3, r.fromModel());
        assertEquals(2, r.hallucinatedCount(), "'Heet' (0.75 similar to 'heat') and 'Toy Soldiers' are below 0.85");
    }

    @Test
    void listLineStartingWithANumberIsAnIndexWhenValidElseATitle() {
        List<RankingCandidate> c = List.of(new RankingCandidate(10, "Heat (1995)", List.of(), ""),
                new RankingCandidate(11, "2001: A Space Odyssey (1968)", List.of(), ""));
        GroundedRanking r = g.ground("1. 2001: A Space Odyssey\n2. 0: Heat", c, 2);
        assertArrayEquals(new int[] {11, 10}, r.items(), "2001 is no index here, so the line is read as a title");
        assertEquals(0, r.hallucinatedCount());
    }

    @Test
    void duplicatesAreDropped() {
        GroundedRanking r = g.ground("[1, 1, \"Heat\", 3]", CANDS, 3);
        assertArrayEquals(new int[] {101, 103, 100}, r.items());
        assertEquals(2, r.duplicateCount());
        assertEquals(0, r.hallucinatedCount());
    }

    @Test
    void unreadableAnswerFallsBackToBaseOrder() {
        GroundedRanking r = g.ground("I cannot help with that.", CANDS, 2);
        assertArrayEquals(new int[] {100, 101}, r.items());
        assertTrue(r.usedFallback());
        assertEquals(1, r.hallucinatedCount(), "a prose line is a title that names no candidate");
    }

    @Test
    void alwaysKItemsOrAllCandidates() {
        assertEquals(5, g.ground("[]", CANDS, 10).items().length);
        assertEquals(2, g.ground("[3,2,1,0]", CANDS, 2).items().length);
    }

    @Test
    void echoedInstructionsAreDiscarded() {
        GroundedRanking r = g.ground(PromptBuilder.SYSTEM_PROMPT, CANDS, 3);
        assertArrayEquals(new int[] {100, 101, 102}, r.items(), "the [4, 0, 2] example in the prompt must not be used");
        assertEquals(0, r.fromModel());
        assertTrue(r.warning().contains("instructions"));
    }

    @Test
    void sequelsAndNearDuplicatesAreDifferentItems() {
        List<RankingCandidate> c = List.of(new RankingCandidate(0, "Police Academy (1984)", List.of(), ""),
                new RankingCandidate(1, "Alien (1979)", List.of(), ""),
                new RankingCandidate(2, "Star Wars: Episode IV - A New Hope (1977)", List.of(), ""));
        TitleMatcher m = new TitleMatcher(c, TitleMatcher.DEFAULT_THRESHOLD);
        assertEquals(-1, m.match("Police Academy 2"), "similar 0.875 but a different number: a sequel");
        assertEquals(-1, m.match("Aliens (1986)"), "'alien' vs 'aliens' is 0.83 < 0.85");
        assertEquals(-1, m.match("Star Wars: Episode V - The Empire Strikes Back"));
        assertEquals(2, m.match("Star Wars: Episode IV - A New Hope (1977): the original space opera"),
                "decoration after a title that itself has a colon and a dash");
        assertEquals(0, m.match("Police Academy"));
    }

    @Test
    void similarityIsNormalisedLevenshtein() {
        assertEquals(1.0 - 1.0 / 4, TitleMatcher.similarity("heat", "heet"), 1e-12);
        assertEquals(1.0 - 3.0 / 7, TitleMatcher.similarity("kitten", "sitting"), 1e-12, "distance 3 (classic example)");
        assertEquals("the matrix 1999", TitleMatcher.normalise("Matrix, The (1999)"));
    }
}
