package io.genrec.llm.explain;

import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;
import io.genrec.llm.llm.ChatTurn;
import io.genrec.llm.llm.LlmUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class ExplainerTest {
    static Item item(String id, String title, String cats, String description) {
        return new Item(id, title, List.of(cats.split("\\|")), Map.of("description", description), Map.of());
    }

    static final ItemCatalog CATALOG = new ItemCatalog(new Item[] {
            item("m0", "Heat (1995)", "Action|Crime|Thriller", "a heist crew and a detective"),
            item("m1", "Toy Story (1995)", "Animation|Children|Comedy", "toys come to life"),
            item("m2", "Fargo (1996)", "Comedy|Crime|Drama", "a kidnapping goes wrong in the snow"),
            item("m3", "Alien (1979)", "Horror|Sci-Fi", "a crew fights a creature in space"),
            item("m4", "Ronin (1998)", "Action|Crime|Thriller", "mercenaries chase a briefcase heist"),
    });
    static final int[] HISTORY = {0, 1, 2, 3};
    static final ExplanationFactFinder FINDER = new ExplanationFactFinder(CATALOG);

    @Test
    void factsAreTheOverlapOfHistoryAndItem() {
        ExplanationFacts f = FINDER.facts(HISTORY, 4);
        // Crime in Heat and Fargo (2), Action and Thriller in Heat only (1): by count, then by name
        assertEquals(List.of("Crime", "Action", "Thriller"), f.sharedCategories());
        assertEquals(2, f.categoryHistoryCount());
        assertEquals(4, f.historySize());
        assertEquals(List.of("heist"), f.sharedTerms(), "'crew' is in Heat and Alien but not in Ronin");
        assertEquals(2, f.similarItems().size());
        assertEquals("Heat (1995)", f.similarItems().get(0).title());
        assertEquals(1.0, f.similarItems().get(0).jaccard(), 1e-12);
        assertEquals(1.0 / 5, f.similarItems().get(1).jaccard(), 1e-12, "Fargo: 1 shared of 5 distinct categories");
    }

    @Test
    void templateRendersOnlyFacts() {
        Explanation e = new TemplateExplainer(FINDER).explain(HISTORY, 4);
        assertEquals("Recommended because you liked Heat (1995) and Fargo (1996). It shares Crime, Action, Thriller with 2 "
                + "of the 4 items in your history. Common themes: heist.", e.text());
        assertEquals(Explanation.Source.TEMPLATE, e.source());
        Explanation none = new TemplateExplainer(FINDER).explain(new int[] {1}, 3);
        assertTrue(none.text().contains("Nothing in your history overlaps"), none.text());
    }

    @Test
    void llmIsPromptedWithFactsOnlyAndItsGroundedAnswerIsUsed() {
        List<List<ChatTurn>> prompts = new ArrayList<>();
        LlmExplainer x = new LlmExplainer(Optional.of((m, o) -> {
            prompts.add(m);
            return "Since you enjoyed Heat, this crime thriller about a heist should suit you.";
        }), FINDER);
        Explanation e = x.explain(HISTORY, 4);
        assertEquals(Explanation.Source.LLM, e.source());
        assertTrue(e.text().startsWith("Since you enjoyed Heat"));
        String user = prompts.getFirst().get(1).text();
        assertTrue(user.contains("Heat (1995)") && user.contains("heist"));
        assertFalse(user.contains("Toy Story") || user.contains("Alien"), "history items without overlap are not facts");
    }

    @Test
    void ungroundedLeakingOrFailingLlmFallsBackToTemplate() {
        String template = new TemplateExplainer(FINDER).explain(HISTORY, 4).text();
        Explanation off = new LlmExplainer(Optional.of((m, o) -> "A heartwarming romance set in Paris."), FINDER).explain(HISTORY, 4);
        assertEquals(template, off.text());
        assertTrue(off.warning().contains("none of the facts"), off.warning());
        Explanation leak = new LlmExplainer(Optional.of((m, o) -> "Heat! " + LlmExplainer.SYSTEM_PROMPT), FINDER).explain(HISTORY, 4);
        assertEquals(template, leak.text());
        assertTrue(leak.warning().contains("instructions"));
        Explanation down = new LlmExplainer(Optional.of((m, o) -> { throw new LlmUnavailableException("timeout", true); }), FINDER)
                .explain(HISTORY, 4);
        assertEquals(template, down.text());
        assertEquals("LLM unavailable (timeout); used template explanation", down.warning());
        Explanation absent = new LlmExplainer(Optional.empty(), FINDER).explain(HISTORY, 4);
        assertEquals(template, absent.text());
        assertEquals(Explanation.Source.TEMPLATE, absent.source());
    }
}
