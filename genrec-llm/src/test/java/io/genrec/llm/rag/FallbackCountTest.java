package io.genrec.llm.rag;

import io.genrec.eval.EvaluationResult;
import io.genrec.eval.Evaluator;
import io.genrec.llm.llm.FakeOpenAiServer;
import io.genrec.llm.llm.FakeOpenAiServer.Reply;
import io.genrec.llm.llm.LlmClient;
import io.genrec.model.ItemFilter;
import io.genrec.model.UserContext;
import io.genrec.split.EvalSet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** The evaluator counts the users an LLM re-ranker served with its fallback; programming errors are not fallbacks. */
class FallbackCountTest {
    static final EvalSet SET = new EvalSet("all", LlmRerankingTest.DATA, LlmRerankingTest.DATA);

    static EvaluationResult evaluate(Optional<LlmClient> client) {
        return new Evaluator(List.of("ndcg@3"), 1).evaluate(LlmRerankingTest.fit(client), SET, null, null);
    }

    @Test
    void noClientMeansEveryUserIsAFallback() {
        EvaluationResult r = evaluate(Optional.empty());
        assertEquals(6, r.numUsers());
        assertNotNull(r.fallback());
        assertEquals(6, r.fallback().users());
        assertEquals(1.0, r.fallback().fraction(), 1e-12);
        assertEquals(LlmReranker.NOT_CONFIGURED, r.fallback().reason());
    }

    @Test
    void serverFailingForTwoOfSixUsersGivesFractionOneThird() throws Exception {
        // one request per user, in user order (one thread); HTTP 400 is not retried
        try (FakeOpenAiServer s = new FakeOpenAiServer().enqueue(Reply.answer("[1]"), Reply.error(400), Reply.answer("[1]"),
                Reply.answer("[1]"), Reply.error(400), Reply.answer("[1]"))) {
            EvaluationResult r = evaluate(Optional.of(s.client(Duration.ofSeconds(5), 0)));
            assertEquals(6, s.requests().size());
            assertNotNull(r.fallback());
            assertEquals(2, r.fallback().users());
            assertEquals(2 / 6.0, r.fallback().fraction(), 1e-12);
            assertTrue(r.fallback().reason().contains("HTTP 400"), r.fallback().reason());
        }
    }

    @Test
    void aWorkingServerReportsNoFallback() throws Exception {
        try (FakeOpenAiServer s = new FakeOpenAiServer().enqueue(Reply.answer("[1]"))) {
            assertNull(evaluate(Optional.of(s.client(Duration.ofSeconds(5), 0))).fallback());
        }
    }

    @Test
    void aNullPointerExceptionInsideTheRankerPropagates() {
        LlmClient broken = (messages, options) -> { throw new NullPointerException("bug in the client"); };
        FittedLlmRanker m = LlmRerankingTest.fit(Optional.of(broken));
        UserContext u = UserContext.of(LlmRerankingTest.DATA, LlmRerankingTest.USER);
        var e = assertThrows(NullPointerException.class, () -> m.recommend(u, 3, ItemFilter.excluding(u.history())));
        assertEquals("bug in the client", e.getMessage());
    }

    @Test
    void anIllegalStateExceptionInTheExplainerClientPropagates() {
        var facts = new io.genrec.llm.explain.ExplanationFactFinder(LlmRerankingTest.DATA.catalog());
        LlmClient broken = (messages, options) -> { throw new IllegalStateException("bug"); };
        var ex = new io.genrec.llm.explain.LlmExplainer(Optional.of(broken), facts);
        assertThrows(IllegalStateException.class, () -> ex.explain(new int[] {1, 2}, 5));
    }
}
