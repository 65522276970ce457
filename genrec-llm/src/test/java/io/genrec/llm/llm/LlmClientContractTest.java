package io.genrec.llm.llm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The OpenAI-compatible client against a scripted local server: answers, failures, time-outs, retries. */
class LlmClientContractTest {
    static final List<ChatTurn> PROMPT = List.of(ChatTurn.system("answer with indices"), ChatTurn.user("rank [0,1,2]"));
    static final LlmOptions OPTS = LlmOptions.ranking(64);

    @Test
    void goodAnswerIsReturnedAndRequestCarriesMessages() throws Exception {
        try (FakeOpenAiServer s = new FakeOpenAiServer().enqueue(FakeOpenAiServer.Reply.answer("[2, 0, 1]"))) {
            assertEquals("[2, 0, 1]", s.client(Duration.ofSeconds(5), 0).complete(PROMPT, OPTS));
            assertEquals(1, s.requests().size());
            var body = FakeOpenAiServer.JSON.readTree(s.requests().getFirst());
            assertEquals("fake-model", body.get("model").asText());
            assertEquals("system", body.get("messages").get(0).get("role").asText());
            assertEquals("rank [0,1,2]", body.get("messages").get(1).get("content").asText());
            assertEquals(0.0, body.get("temperature").asDouble());
        }
    }

    @Test
    void serverErrorIsRetriedThenSucceeds() throws Exception {
        try (FakeOpenAiServer s = new FakeOpenAiServer().enqueue(FakeOpenAiServer.Reply.error(500),
                FakeOpenAiServer.Reply.error(503), FakeOpenAiServer.Reply.answer("[1]"))) {
            assertEquals("[1]", s.client(Duration.ofSeconds(5), 2).complete(PROMPT, OPTS));
            assertEquals(3, s.requests().size(), "two failures and one success");
        }
    }

    @Test
    void retriesAreBounded() throws Exception {
        try (FakeOpenAiServer s = new FakeOpenAiServer().enqueue(FakeOpenAiServer.Reply.error(500))) {
            var e = assertThrows(LlmUnavailableException.class, () -> s.client(Duration.ofSeconds(5), 2).complete(PROMPT, OPTS));
            assertEquals(3, s.requests().size(), "first attempt plus 2 retries, then give up");
            assertTrue(e.reason().contains("HTTP 500"), e.reason());
            assertTrue(e.reason().contains("3 attempts"), e.reason());
        }
    }

    @Test
    void clientErrorIsNotRetried() throws Exception {
        try (FakeOpenAiServer s = new FakeOpenAiServer().enqueue(FakeOpenAiServer.Reply.error(401))) {
            var e = assertThrows(LlmUnavailableException.class, () -> s.client(Duration.ofSeconds(5), 3).complete(PROMPT, OPTS));
            assertEquals(1, s.requests().size());
            assertFalse(e.retriable());
            assertTrue(e.reason().contains("401"), e.reason());
        }
    }

    @Test
    void slowAnswerTimesOut() throws Exception {
        // The answer is valid but comes after 60 s: a client that waited for it would return "[0]" instead of
        // throwing, so the assertThrows itself shows the time-out fired. The elapsed-time bound is only a sanity
        // check, generous (a quarter of the delay) so a loaded 2-core machine cannot fail it spuriously.
        try (FakeOpenAiServer s = new FakeOpenAiServer().enqueue(FakeOpenAiServer.Reply.answer("[0]").delayed(Duration.ofSeconds(60)))) {
            long t0 = System.nanoTime();
            var e = assertThrows(LlmUnavailableException.class, () -> s.client(Duration.ofMillis(300), 0).complete(PROMPT, OPTS));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(e.reason().contains("timeout"), e.reason());
            assertTrue(e.retriable());
            assertEquals(1, s.requests().size(), "no retries were configured");
            assertTrue(seconds < 15, "the client must give up at its 0.3 s time-out, not wait for the 60 s answer; took " + seconds + " s");
        }
    }

    @Test
    void connectionRefusedIsTyped() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) { port = free.getLocalPort(); }
        LlmClient c = LangChainLlmClient.openAi(LlmConfig.of("http://127.0.0.1:" + port + "/v1", "m", Duration.ofSeconds(2)));
        var e = assertThrows(LlmUnavailableException.class, () -> c.complete(PROMPT, OPTS));
        assertTrue(e.reason().contains("connection refused"), e.reason());
    }

    @Test
    void backoffDoublesAndIsCapped() {
        List<Duration> waits = new ArrayList<>();
        RetryingLlmClient r = new RetryingLlmClient((m, o) -> { throw new LlmUnavailableException("down", true); }, 5,
                Duration.ofMillis(100), Duration.ofMillis(350), waits::add);
        assertThrows(LlmUnavailableException.class, () -> r.complete(PROMPT, OPTS));
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(350), Duration.ofMillis(350),
                Duration.ofMillis(350)), waits);
    }

    @Test
    void circuitBreakerSkipsCallsAfterRepeatedFailuresAndRecovers() throws Exception {
        int[] calls = {0};
        boolean[] up = {false};
        long[] now = {0};
        LlmClient flaky = (m, o) -> {
            calls[0]++;
            if (!up[0]) throw new LlmUnavailableException("down", true);
            return "ok";
        };
        var breaker = new CircuitBreakingLlmClient(flaky, 2, Duration.ofSeconds(10), () -> now[0]);
        assertThrows(LlmUnavailableException.class, () -> breaker.complete(PROMPT, OPTS));
        assertThrows(LlmUnavailableException.class, () -> breaker.complete(PROMPT, OPTS));
        var skipped = assertThrows(LlmUnavailableException.class, () -> breaker.complete(PROMPT, OPTS));
        assertEquals(2, calls[0], "open circuit must not call the endpoint");
        assertTrue(skipped.reason().contains("down"), skipped.reason());
        up[0] = true;
        now[0] = Duration.ofSeconds(11).toNanos();
        assertEquals("ok", breaker.complete(PROMPT, OPTS));
        assertEquals(3, calls[0]);
    }

    @Test
    void cacheAnswersRepeatedRequestsButNotFailures() throws Exception {
        int[] calls = {0};
        LlmClient counting = (m, o) -> {
            calls[0]++;
            if (m.getLast().text().equals("fail")) throw new LlmUnavailableException("down", true);
            return "answer " + calls[0];
        };
        CachingLlmClient c = new CachingLlmClient(counting, 2);
        assertEquals("answer 1", c.complete(PROMPT, OPTS));
        assertEquals("answer 1", c.complete(List.copyOf(PROMPT), OPTS), "equal messages hit the cache");
        assertEquals("answer 2", c.complete(PROMPT, LlmOptions.ranking(8)), "other options are another request");
        List<ChatTurn> failing = List.of(ChatTurn.user("fail"));
        assertThrows(LlmUnavailableException.class, () -> c.complete(failing, OPTS));
        assertThrows(LlmUnavailableException.class, () -> c.complete(failing, OPTS));
        assertEquals(4, calls[0], "failures are retried, not cached");
        c.complete(List.of(ChatTurn.user("third")), OPTS);
        c.complete(PROMPT, OPTS);
        assertEquals(6, calls[0], "capacity 2: the oldest entry was evicted");
    }
}
