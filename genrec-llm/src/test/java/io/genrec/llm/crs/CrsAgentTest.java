package io.genrec.llm.crs;

import io.genrec.llm.llm.FakeOpenAiServer;
import io.genrec.llm.llm.FakeOpenAiServer.Reply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's tool loop against a scripted OpenAI-compatible server. */
class CrsAgentTest {
    private final CrsCatalog cat = CrsFixtures.catalog();
    private final List<String> fallbacks = new ArrayList<>();

    private CrsAgent agent(FakeOpenAiServer server, Duration timeout) {
        float[] pop = new float[cat.size()];
        pop[cat.indexOfName("Up (2009)")] = 9;
        Signals s = new Signals(cat, pop, null, null);
        return new CrsAgent(server.client(timeout, 0), cat, s, new StateTracker(cat, pop),
                new FusionRecommender("hybrid", s, new FusionRecommender.Weights(1, 0, 0, 1, 0, 0)), 4, fallbacks::add);
    }

    private static final List<Utterance> ASK = List.of(Utterance.user("I loved The Matrix, any sci-fi drama?"));

    private String id(String name) { return cat.get(cat.indexOfName(name)).id(); }

    @Test
    void goodPlanFiltersAndReturnsOnlyGroundedItems() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer()) {
            server.enqueue(Reply.answer("{\"tool\": \"recommend\", \"args\": {\"liked\": [\"The Matrix\"], \"k\": 2}}"),
                    Reply.answer("{\"tool\": \"filter\", \"args\": {\"genre\": \"drama\"}}"),
                    Reply.answer("{\"final\": {\"items\": [\"" + id("Arrival (2016)") + "\", \"not-a-movie\", \"" + id("Inception (2010)") + "\"]}}"));
            ChatReply r = agent(server, Duration.ofSeconds(5)).answer("s", ASK, 3);
            assertFalse(r.fallback(), fallbacks.toString());
            assertEquals(List.of("Arrival (2016)"), r.items().stream().map(ChatReply.Item::title).toList()); // Inception was never returned by a tool
            assertTrue(server.requests().get(2).contains("Arrival"), "tool results reach the model");
        }
    }

    @Test
    void malformedToolCallFallsBackVisibly() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer()) {
            server.enqueue(Reply.answer("let me think about {tool: search"));
            ChatReply r = agent(server, Duration.ofSeconds(5)).answer("s", ASK, 2);
            assertTrue(r.fallback());
            assertEquals(2, r.items().size());
            assertTrue(fallbacks.getFirst().contains("malformed"), fallbacks.toString());
        }
    }

    @Test
    void unknownToolFallsBack() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer()) {
            server.enqueue(Reply.answer("{\"tool\": \"rm_rf\", \"args\": {}}"));
            assertTrue(agent(server, Duration.ofSeconds(5)).answer("s", ASK, 2).fallback());
            assertTrue(fallbacks.getFirst().contains("unknown tool 'rm_rf'"), fallbacks.toString());
        }
    }

    @Test
    void endlessToolLoopStopsAtTheStepLimit() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer()) {
            for (int i = 0; i < 10; i++) server.enqueue(Reply.answer("{\"tool\": \"search\", \"args\": {\"text\": \"space\"}}"));
            ChatReply r = agent(server, Duration.ofSeconds(5)).answer("s", ASK, 2);
            assertTrue(r.fallback());
            assertEquals(4, server.requests().size());
            assertTrue(fallbacks.getFirst().contains("step limit of 4"), fallbacks.toString());
        }
    }

    @Test
    void endpointDownOrSlowFallsBack() throws Exception {
        FakeOpenAiServer server = new FakeOpenAiServer();
        CrsAgent a = agent(server, Duration.ofMillis(300));
        server.enqueue(Reply.answer("{\"final\": {\"items\": []}}").delayed(Duration.ofSeconds(3)));
        assertTrue(a.answer("s", ASK, 2).fallback(), "slow endpoint");
        server.close();
        ChatReply r = a.answer("s", ASK, 2);
        assertTrue(r.fallback(), "endpoint down");
        assertFalse(r.items().isEmpty());
        assertTrue(fallbacks.get(1).contains("endpoint failed"), fallbacks.toString());
    }
}
