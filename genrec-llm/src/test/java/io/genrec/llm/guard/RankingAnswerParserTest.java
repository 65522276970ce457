package io.genrec.llm.guard;

import io.genrec.llm.guard.AnswerEntry.ByIndex;
import io.genrec.llm.guard.AnswerEntry.ByTitle;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RankingAnswerParserTest {
    static List<AnswerEntry> idx(long... is) {
        List<AnswerEntry> l = new java.util.ArrayList<>();
        for (long i : is) l.add(new ByIndex(i));
        return l;
    }

    @Test
    void plainJsonArray() { assertEquals(idx(3, 0, 7), RankingAnswerParser.parse("[3, 0, 7]")); }

    @Test
    void codeFenceAndProseAround() {
        assertEquals(idx(2, 1), RankingAnswerParser.parse("Sure! Here is the ranking:\n```json\n[2, 1]\n```\nEnjoy."));
    }

    @Test
    void numericStringsAndObjects() {
        assertEquals(List.of(new ByIndex(4), new ByIndex(1), new ByTitle("Heat (1995)")),
                RankingAnswerParser.parse("{\"ranking\": [\"4\", {\"i\": 1, \"reason\": \"x\"}, {\"title\": \"Heat (1995)\"}]}"));
    }

    @Test
    void truncatedArrayKeepsOnlyCompleteTokens() {
        assertEquals(idx(3, 1), RankingAnswerParser.parse("[3, 1, 4"), "a number cut at the end may be incomplete");
        assertEquals(idx(3, 1, 4), RankingAnswerParser.parse("[3, 1, 4, "));
        assertEquals(List.of(new ByTitle("Heat")), RankingAnswerParser.parse("[\"Heat\", \"Ron"));
    }

    @Test
    void malformedJsonFallsBackToTokens() {
        assertEquals(idx(5, 2), RankingAnswerParser.parse("[5, 2,, oops]"));
    }

    @Test
    void numberedListOfIndicesAndTitles() {
        assertEquals(List.of(new ByIndex(7), new AnswerEntry.IndexOrTitle(2, "[2] - because")),
                RankingAnswerParser.parse("1. 7\n2. [2] - because"));
        assertEquals(List.of(new ByTitle("Heat (1995)"), new ByTitle("Ronin")),
                RankingAnswerParser.parse("My picks:\n1. **Heat (1995)**\n2) \"Ronin\" - tense"));
        assertEquals(List.of(new ByTitle("Alien"), new ByTitle("Aliens")), RankingAnswerParser.parse("- Alien\n- Aliens"));
    }

    @Test
    void bareIntegersAndTitleLines() {
        assertEquals(idx(4, 2, 9), RankingAnswerParser.parse("4, 2, 9"));
        assertEquals(List.of(new ByTitle("Heat"), new ByTitle("Ronin")), RankingAnswerParser.parse("Heat\nRonin\n"));
    }

    @Test
    void garbageGivesNothingOrTitlesButNeverThrows() {
        assertEquals(List.of(), RankingAnswerParser.parse(""));
        assertEquals(List.of(), RankingAnswerParser.parse(null));
        assertDoesNotThrow(() -> RankingAnswerParser.parse("[[[[{\"\\"));
        assertTrue(RankingAnswerParser.parse("9".repeat(40)).stream().allMatch(e -> e instanceof ByTitle || e instanceof ByIndex));
    }

    @Test
    void runawayAnswersAreCapped() {
        String many = "[" + "1,".repeat(10_000) + "1]";
        assertEquals(RankingAnswerParser.MAX_ENTRIES, RankingAnswerParser.parse(many).size());
    }
}
