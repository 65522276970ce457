package io.genrec.llm.rag;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.llm.llm.FakeOpenAiServer;
import io.genrec.llm.llm.FakeOpenAiServer.Reply;
import io.genrec.llm.llm.LlmClient;
import io.genrec.llm.llm.LangChainLlmClient;
import io.genrec.llm.llm.LlmConfig;
import io.genrec.model.ItemFilter;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The {@code rag}/{@code llm} re-rankers end to end against a scripted OpenAI-compatible server: the LLM's order is
 * used when it is valid, and every failure mode falls back to the base (popularity) order with a warning.
 * User u5 has seen only Brazil (m7); the 5 candidates by popularity are m0..m4 (dense ids 0..4).
 */
class LlmRerankingTest {
    static final Dataset DATA = MovieData.dataset();
    static final int USER = 5;
    static final int[] BASE_ORDER = {0, 1, 2, 3, 4};

    static FittedLlmRanker fit(Optional<LlmClient> client) {
        LlmRankerConfig cfg = new LlmRankerConfig("popularity", 5, 10, false, 0.85, 64);
        return new LlmRerankRecommender("rag", cfg, new PopularityRecommender(), client)
                .fit(new TrainContext(DATA, null, 1, 1, null));
    }

    static RankedRecommendation ask(FakeOpenAiServer s, Duration timeout, int retries) {
        FittedLlmRanker m = fit(Optional.of(s.client(timeout, retries)));
        UserContext u = new UserContext(USER, DATA.itemsOf(USER), null, "something clever please");
        return m.recommendWithReport(u, 5, ItemFilter.excluding(u.history()));
    }

    @Test
    void validAnswerReordersCandidates() throws Exception {
        try (FakeOpenAiServer s = new FakeOpenAiServer().enqueue(Reply.answer("```json\n[4, 2]\n```"))) {
            RankedRecommendation r = ask(s, Duration.ofSeconds(5), 0);
            assertArrayEquals(new int[] {4, 2, 0, 1, 3}, r.top().items(), "LLM order first, then the base order");
            assertEquals(2, r.grounding().fromModel());
            assertEquals("", r.warning());
            String body = s.requests().getFirst();
            assertTrue(body.contains("Brazil (1985)"), "the history title is in the prompt");
            assertTrue(body.contains("something clever please"), "the user's text is in the prompt");
            assertTrue(body.contains("Amélie (2001)") || body.contains("Am\\u00e9lie"), "candidate titles are in the prompt");
        }
    }

    @Test
    void fewShotPromptSendsTheExampleExchange() throws Exception {
        try (FakeOpenAiServer s = new FakeOpenAiServer().enqueue(Reply.answer("[0]"))) {
            FittedLlmRanker m = LlmRerankRecommender.llm(new LlmRankerConfig("popularity", 5, 10, true, 0.85, 64),
                    Optional.of(s.client(Duration.ofSeconds(5), 0))).fit(new TrainContext(DATA, null, 1, 1, null));
            m.recommendWithReport(UserContext.of(DATA, USER), 3, ItemFilter.ALL);
            var messages = FakeOpenAiServer.JSON.readTree(s.requests().getFirst()).get("messages");
            List<String> roles = new ArrayList<>();
            messages.forEach(n -> roles.add(n.get("role").asText()));
            assertEquals(List.of("system", "user", "assistant", "user"), roles);
            assertEquals("[1, 2]", messages.get(2).get("content").asText());
        }
    }

    @Test
    void scoreAllLiftsRerankedCandidatesAboveEveryOtherItemAndStaysFinite() throws Exception {
        try (FakeOpenAiServer s = new FakeOpenAiServer().enqueue(Reply.answer("[3, 0]"))) {
            FittedLlmRanker m = fit(Optional.of(s.client(Duration.ofSeconds(5), 0)));
            float[] out = new float[m.numItems()];
            m.scoreAll(UserContext.of(DATA, USER), out);
            for (float x : out) assertTrue(Float.isFinite(x));
            assertTrue(out[3] > out[0] && out[0] > out[1] && out[1] > out[2] && out[2] > out[4], "LLM order, then base order");
            assertTrue(out[4] > out[5] && out[4] > out[6] && out[4] > out[7], "candidates above the rest");
            assertEquals(2f, out[5], "non-candidates keep the base (popularity) score");
            assertEquals(1f, out[6]);
        }
    }

    @Test
    void malformedAnswerFallsBackWithWarning() throws Exception {
        try (FakeOpenAiServer s = new FakeOpenAiServer().enqueue(Reply.answer("{\"ranking\": oops"))) {
            RankedRecommendation r = ask(s, Duration.ofSeconds(5), 0);
            assertArrayEquals(BASE_ORDER, r.top().items());
            assertTrue(r.grounding().usedFallback());
            assertFalse(r.warning().isEmpty());
        }
    }

    @Test
    void truncatedAnswerKeepsCompleteEntries() throws Exception {
        try (FakeOpenAiServer s = new FakeOpenAiServer().enqueue(Reply.answer("[4, 2, 3", "length"))) {
            RankedRecommendation r = ask(s, Duration.ofSeconds(5), 0);
            assertArrayEquals(new int[] {4, 2, 0, 1, 3}, r.top().items(), "the cut-off '3' is not trusted");
        }
    }

    @Test
    void hallucinatedEntriesAreNeverShown() throws Exception {
        try (FakeOpenAiServer s = new FakeOpenAiServer().enqueue(Reply.answer("[\"Inception (2010)\", 9, \"Fargo (1996)\", 2]"))) {
            RankedRecommendation r = ask(s, Duration.ofSeconds(5), 0);
            assertArrayEquals(new int[] {2, 0, 1, 3, 4}, r.top().items());
            assertEquals(3, r.grounding().hallucinatedCount(), "Fargo exists but is not a candidate");
            assertTrue(r.warning().contains("3 item(s)"), r.warning());
        }
    }

    @Test
    void slowAnswerTimesOutAndFallsBack() throws Exception {
        try (FakeOpenAiServer s = new FakeOpenAiServer().enqueue(Reply.answer("[4]").delayed(Duration.ofSeconds(3)))) {
            RankedRecommendation r = ask(s, Duration.ofMillis(300), 0);
            assertArrayEquals(BASE_ORDER, r.top().items());
            assertEquals("LLM unavailable (timeout); used fallback ranking", r.warning());
        }
    }

    @Test
    void serverErrorThenSuccessIsRetried() throws Exception {
        try (FakeOpenAiServer s = new FakeOpenAiServer().enqueue(Reply.error(500), Reply.answer("[1]"))) {
            RankedRecommendation r = ask(s, Duration.ofSeconds(5), 1);
            assertArrayEquals(new int[] {1, 0, 2, 3, 4}, r.top().items());
            assertEquals("", r.warning());
            assertEquals(2, s.requests().size());
        }
    }

    @Test
    void connectionRefusedFallsBackWithWarning() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) { port = free.getLocalPort(); }
        LlmClient c = LangChainLlmClient.openAi(LlmConfig.of("http://127.0.0.1:" + port + "/v1", "m", Duration.ofSeconds(2)));
        FittedLlmRanker m = fit(Optional.of(c));
        List<String> heard = new ArrayList<>();
        m.onWarning(heard::add);
        RankedRecommendation r = m.recommendWithReport(UserContext.of(DATA, USER), 5, ItemFilter.excluding(DATA.itemsOf(USER)));
        assertArrayEquals(BASE_ORDER, r.top().items());
        assertEquals("LLM unavailable (connection refused); used fallback ranking", r.warning());
        assertEquals(List.of(r.warning()), heard, "the listener hears the warning once");
        assertEquals(Optional.of(r.warning()), m.lastWarning());
    }

    @Test
    void notConfiguredUsesBaseOrderAndSaysSo() {
        FittedLlmRanker m = fit(Optional.empty());
        RankedRecommendation r = m.recommendWithReport(UserContext.of(DATA, USER), 3, ItemFilter.excluding(DATA.itemsOf(USER)));
        assertArrayEquals(new int[] {0, 1, 2}, r.top().items());
        assertEquals(LlmReranker.NOT_CONFIGURED, r.warning());
        assertTrue(r.warning().contains("OPENAI_BASE_URL"));
        assertFalse(m.llmConfigured());
        assertEquals("none", m.provenance().libraries().get("llm"));
        assertEquals("none", m.describeLlm());
        float[] out = new float[m.numItems()];
        m.scoreAll(UserContext.of(DATA, USER), out);
        assertEquals(Optional.of(LlmReranker.NOT_CONFIGURED), m.lastWarning(), "scoreAll records the warning too");
        assertEquals(0, m.recommendWithReport(UserContext.of(DATA, USER), 0, ItemFilter.ALL).top().size());
    }

    @Test
    void warningIsPerCallingThreadAndTheCliInterfaceSeesIt() throws Exception {
        FittedLlmRanker m = fit(Optional.empty());
        Thread worker = new Thread(() -> m.scoreAll(UserContext.of(DATA, USER), new float[m.numItems()]));
        worker.start();
        worker.join();
        assertTrue(m instanceof io.genrec.model.WarningSource);
        assertEquals(Optional.empty(), ((io.genrec.model.WarningSource) m).lastWarning(), "another thread's request");
        m.recommend(UserContext.of(DATA, USER), 3, ItemFilter.ALL);
        assertEquals(Optional.of(LlmReranker.NOT_CONFIGURED), ((io.genrec.model.WarningSource) m).lastWarning());
    }

    @Test
    void programmingErrorOfAClientPropagatesInsteadOfPosingAsAnOutage() {
        FittedLlmRanker m = fit(Optional.of((messages, options) -> { throw new IllegalStateException("boom"); }));
        var e = assertThrows(IllegalStateException.class, () -> m.recommendWithReport(UserContext.of(DATA, USER), 5, ItemFilter.ALL));
        assertEquals("boom", e.getMessage());
    }

    @Test
    void providersAreRegisteredAndRejectUnknownParameters() {
        RecommenderRegistry reg = RecommenderRegistry.load();
        assertTrue(reg.providers().containsKey("llm") && reg.providers().containsKey("rag"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> reg.create("rag", new Params(Map.of("candidatez", "5"), "test")));
        assertTrue(e.getMessage().contains("candidatez"));
        var e2 = assertThrows(IllegalArgumentException.class, () -> reg.create("rag", new Params(Map.of("base", "nosuchmodel"), "test")));
        assertTrue(e2.getMessage().contains("nosuchmodel"));
        var rag = reg.create("rag", new Params(Map.of("base", "popularity", "candidates", "7", "fewShot", "true",
                LlmConfig.P_BASE_URL, "http://127.0.0.1:9/v1"), "test"));
        assertEquals(7, ((LlmRankerConfig) rag.config()).candidates());
        assertTrue(((LlmRankerConfig) rag.config()).fewShot());
    }
}
