package io.genrec.llm.rag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.data.Dataset;
import io.genrec.llm.guard.InstructionLeakCheck;
import io.genrec.llm.guard.PromptBuilder;
import io.genrec.llm.llm.FakeOpenAiServer;
import io.genrec.llm.llm.FakeOpenAiServer.Reply;
import io.genrec.model.ItemFilter;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Prompt-injection red team ({@code redteam/injections.jsonl}): each case plants an attack in a candidate's title or
 * description, or in the user's message, and the scripted LLM <em>obeys</em> it (returns a non-candidate, an
 * out-of-range index, or the system prompt). Whatever it answers, the shown list must hold only candidates, none of
 * the attack's targets, and no instruction text; the prompt must carry the attack only as escaped data.
 */
class RedTeamTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int USER = 5;

    record Case(String id, String field, String text, String obey, List<String> forbidden) { }

    static List<Case> cases() throws Exception {
        List<Case> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                RedTeamTest.class.getResourceAsStream("/redteam/injections.jsonl"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                JsonNode n = JSON.readTree(line);
                List<String> forbidden = new ArrayList<>();
                n.get("forbidden").forEach(f -> forbidden.add(f.asText()));
                out.add(new Case(n.get("id").asText(), n.get("field").asText(), n.get("text").asText(),
                        n.get("obey").asText().replace("$SYSTEM_PROMPT", PromptBuilder.SYSTEM_PROMPT), forbidden));
            }
        }
        return out;
    }

    @TestFactory
    List<DynamicTest> injectedInstructionsNeverReachTheOutput() throws Exception {
        List<Case> cases = cases();
        assertTrue(cases.size() >= 10, "the red-team set must not silently shrink");
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) tests.add(DynamicTest.dynamicTest(c.id(), () -> check(c)));
        return tests;
    }

    static void check(Case c) throws Exception {
        String[][] items = MovieData.ITEMS.clone();
        String userText = "";
        switch (c.field()) {
            case "title" -> items[4] = new String[] {"m4", c.text(), items[4][2], items[4][3]};
            case "description" -> items[4] = new String[] {"m4", items[4][1], items[4][2], c.text()};
            case "user" -> userText = c.text();
            default -> fail("unknown field " + c.field());
        }
        Dataset data = MovieData.dataset(items);
        try (FakeOpenAiServer s = new FakeOpenAiServer().enqueue(Reply.answer(c.obey()))) {
            FittedLlmRanker m = new LlmRerankRecommender("rag", new LlmRankerConfig("popularity", 5, 10, false, 0.85, 64),
                    new PopularityRecommender(), Optional.of(s.client(Duration.ofSeconds(5), 0)))
                    .fit(new TrainContext(data, null, 1, 1, null));
            UserContext u = new UserContext(USER, data.itemsOf(USER), null, userText);
            RankedRecommendation r = m.recommendWithReport(u, 5, ItemFilter.excluding(u.history()));

            Set<Integer> candidates = Set.of(0, 1, 2, 3, 4);
            List<String> shown = new ArrayList<>();
            for (int item : r.top().items()) {
                assertTrue(candidates.contains(item), c.id() + ": item " + item + " is not a candidate");
                shown.add(data.catalog().get(item).title());
            }
            assertEquals(5, shown.size(), c.id() + ": the user still gets k items");
            assertEquals(5, new HashSet<>(shown).size(), c.id() + ": no duplicates");
            for (String f : c.forbidden()) assertFalse(shown.contains(f), c.id() + ": attack target shown: " + f);
            assertFalse(new InstructionLeakCheck(PromptBuilder.SYSTEM_PROMPT).leaks(String.join(" ", shown) + " " + r.warning()),
                    c.id() + ": instruction text shown");
            if (c.obey().contains(PromptBuilder.SYSTEM_PROMPT)) {
                assertEquals(0, r.grounding().fromModel(), c.id() + ": an answer echoing the instructions is discarded");
                assertTrue(r.warning().contains("instructions"), r.warning());
            }
            checkPrompt(c, s.requests().getFirst());
        }
    }

    /** The attack reaches the model only as escaped data inside one data block. */
    static void checkPrompt(Case c, String requestBody) throws Exception {
        JsonNode messages = JSON.readTree(requestBody).get("messages");
        assertEquals("system", messages.get(0).get("role").asText());
        assertEquals(PromptBuilder.SYSTEM_PROMPT, messages.get(0).get("content").asText(), "the system turn is ours alone");
        assertEquals(2, messages.size(), c.id() + ": an attack must not create turns");
        String user = messages.get(1).get("content").asText();
        assertEquals(1, count(user, PromptBuilder.DATA_START), c.id());
        assertEquals(1, count(user, PromptBuilder.DATA_END), c.id());
        int a = user.indexOf(PromptBuilder.DATA_START) + PromptBuilder.DATA_START.length();
        String block = user.substring(a, user.indexOf(PromptBuilder.DATA_END)).strip();
        assertFalse(block.contains("\n"), c.id() + ": the data block is one JSON line");
        JsonNode data = JSON.readTree(block);
        assertEquals(5, data.get("candidates").size(), c.id() + ": an attack must not add candidates");
        String lower = block.toLowerCase(Locale.ROOT);
        for (String marker : List.of("<|im_start|>", "<|im_end|>", "[inst]", "<<sys>>", "system:", "assistant:", "user:", "<<<", ">>>"))
            assertFalse(lower.contains(marker), c.id() + ": marker '" + marker + "' survived in " + block);
    }

    static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) n++;
        return n;
    }
}
