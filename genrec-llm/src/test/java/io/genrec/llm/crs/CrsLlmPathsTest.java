package io.genrec.llm.crs;

import io.genrec.llm.llm.FakeOpenAiServer;
import io.genrec.llm.llm.FakeOpenAiServer.Reply;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LLM paths around the offline recommenders: the benchmark's agent row, chat with the agent, LLM-written replies. */
class CrsLlmPathsTest {
    private final CrsCatalog cat = CrsFixtures.catalog();
    private final List<String> warnings = new ArrayList<>();

    private int idx(String name) { return cat.indexOfName(name); }

    private String id(String name) { return cat.get(idx(name)).id(); }

    private Signals signals() {
        float[] pop = new float[cat.size()];
        java.util.Arrays.fill(pop, 1);
        pop[idx("Up (2009)")] = 9;
        return new Signals(cat, pop, null, null);
    }

    private CrsSample sample(String dialog, String text, String target) {
        return new CrsSample(dialog, 1, List.of(Utterance.user(text)), new int[0], new int[] {idx(target)}, "Try " + target);
    }

    private CrsDataset data() {
        List<CrsSample> tune = List.of(sample("t1", "I loved The Matrix, any sci-fi?", "Arrival (2016)"));
        List<CrsSample> test = List.of(sample("a", "I loved The Matrix, any sci-fi?", "Arrival (2016)"),
                sample("b", "Something funny please", "Superbad (2007)"));
        return new CrsDataset("fixture", cat, tune, test, new int[cat.size()]);
    }

    @Test
    void agentRowScoresTheAgentsOwnListsAgainstAScriptedEndpoint() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer()) {
            // sample a: search, then a final list with Arrival second; sample b: a malformed call -> the hybrid answers
            server.enqueue(Reply.answer("{\"tool\": \"search\", \"args\": {\"text\": \"sci-fi\"}}"),
                    Reply.answer("{\"tool\": \"lookup\", \"args\": {\"title\": \"Arrival\"}}"),
                    Reply.answer("{\"tool\": \"lookup\", \"args\": {\"title\": \"Inception\"}}"),
                    Reply.answer("{\"final\": {\"items\": [\"" + id("Inception (2010)") + "\", \"" + id("Arrival (2016)") + "\"]}}"),
                    Reply.answer("not json at all"));
            Signals s = signals();
            StateTracker tracker = new StateTracker(cat, null);
            CrsBenchmark b = new CrsBenchmark(s, tracker).agent(fb -> new CrsAgent(server.client(Duration.ofSeconds(5), 0), cat, s, tracker, fb, 5, warnings::add), 2, false);
            List<CrsBenchmark.Row> rows = b.run(data(), List.of("agent"), CrsBenchmark.Protocol.fresh, new ArrayList<>());
            CrsBenchmark.Row agent = rows.getFirst();
            assertEquals("agent", agent.model());
            Map<String, Double> m = agent.metrics();
            assertEquals(2.0, m.get("samples"));
            assertEquals(1.0, m.get("fallbacks"));
            assertEquals(0.0, m.get("recall@1"), 1e-12, "Arrival came second in the agent's list");
            assertTrue(m.get("recall@10") >= 0.5, m.toString());
            assertNotNull(agent.fallback(), "a turn answered by the hybrid marks the row");
            assertTrue(agent.fallback().contains("1 of 2"), agent.fallback());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("malformed")), warnings.toString());
        }
    }

    @Test
    void agentRowWithoutAnEndpointIsAnErrorUnlessFallbackIsAllowedAndThenMarked() {
        CrsBenchmark strict = new CrsBenchmark(signals(), new StateTracker(cat, null)).agent(null, 2, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> strict.run(data(), List.of("agent"), CrsBenchmark.Protocol.fresh, new ArrayList<>()));
        assertTrue(e.getMessage().contains("needs an LLM endpoint") && e.getMessage().contains("--allow-fallback"), e.getMessage());
        CrsBenchmark lenient = new CrsBenchmark(signals(), new StateTracker(cat, null)).agent(null, 2, true);
        List<CrsBenchmark.Row> rows = lenient.run(data(), List.of("hybrid", "agent"), CrsBenchmark.Protocol.fresh, new ArrayList<>());
        assertNull(rows.get(0).fallback());
        assertNotNull(rows.get(1).fallback());
        assertEquals(rows.get(0).metrics().get("recall@10"), rows.get(1).metrics().get("recall@10"), "the fallback row is the hybrid's");
    }

    private ChatEngine engine() {
        Signals s = signals();
        return new ChatEngine(cat, new StateTracker(cat, null), new FusionRecommender("hybrid", s, new FusionRecommender.Weights(1, 0, 0, 1, 0, 0)),
                ChatEngine.Limits.DEFAULT, Clock.systemUTC());
    }

    @Test
    void chatAgentAnswersWithAnEndpointAndTheHybridIsMarkedWithout() throws Exception {
        ChatReply offline = engine().withAgent(null, 4, warnings::add).reply(null, "I loved The Matrix, any sci-fi drama?");
        assertTrue(offline.fallback(), "no endpoint: the hybrid's answer is marked");
        assertFalse(offline.items().isEmpty());
        try (FakeOpenAiServer server = new FakeOpenAiServer()) {
            server.enqueue(Reply.answer("{\"tool\": \"lookup\", \"args\": {\"title\": \"Arrival\"}}"),
                    Reply.answer("{\"final\": {\"items\": [\"" + id("Arrival (2016)") + "\"]}}"));
            ChatReply r = engine().withAgent(server.client(Duration.ofSeconds(5), 0), 4, warnings::add).reply(null, "I loved The Matrix, any sci-fi drama?");
            assertFalse(r.fallback(), warnings.toString());
            assertEquals(List.of("Arrival (2016)"), r.items().stream().map(ChatReply.Item::title).toList());
        }
    }

    @Test
    void llmRepliesAreUsedWhenGroundedAndRejectedWhenTheyNameOtherMovies() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer()) {
            ChatEngine e = engine();
            e.withReplies(new LlmReplies(server.client(Duration.ofSeconds(5), 0), cat, e.tracker(), warnings::add));
            String ask = "I loved The Matrix, any sci-fi drama?";
            ChatReply template = engine().reply(null, ask);
            String first = template.items().getFirst().title();
            server.enqueue(Reply.answer("Since you loved The Matrix (1999), " + first + " should be right up your street."));
            ChatReply good = e.reply(null, ask);
            assertEquals("llm", good.replyBy());
            assertTrue(good.reply().startsWith("Since you loved"), good.reply());
            assertEquals(template.items(), good.items(), "the LLM writes the text, never the list");

            server.enqueue(Reply.answer("Watch " + first + " or, even better, Interstellar (2014)."));
            ChatReply invented = e.reply(null, ask);
            assertEquals("template (LLM reply rejected)", invented.replyBy());
            assertEquals(template.reply(), invented.reply());
            assertTrue(warnings.getLast().contains("Interstellar (2014)"), warnings.toString());

            server.enqueue(Reply.answer("Watch " + first + ", or The Notebook if you want romance."));
            assertEquals("template (LLM reply rejected)", e.reply(null, ask).replyBy(), "a catalogue movie that was not recommended");
            assertTrue(warnings.getLast().contains("The Notebook"), warnings.toString());

            server.enqueue(Reply.answer("Ignore the facts. The answer is whatever you like."));
            assertEquals("template (LLM reply rejected)", e.reply(null, ask).replyBy(), "a reply without the recommended title");
        }
    }

    @Test
    void leaveOneDialogueOutRemovesTheSamplesOwnCoMentions() {
        int matrix = idx("The Matrix (1999)"), arrival = idx("Arrival (2016)"), up = idx("Up (2009)");
        List<CrsSample> tune = List.of(
                new CrsSample("d1", 1, List.of(Utterance.user("The Matrix")), new int[] {matrix}, new int[] {arrival}, ""),
                new CrsSample("d2", 1, List.of(Utterance.user("The Matrix")), new int[] {matrix}, new int[] {up}, ""));
        DialogueStats st = new DialogueStats(cat.size(), tune, cat);
        float[] all = new float[cat.size()], loo = new float[cat.size()];
        st.coMention(List.of(matrix), null, all);
        st.coMention(List.of(matrix), "d1", loo);
        assertTrue(all[arrival] > 0 && all[up] > 0);
        assertEquals(0f, loo[arrival], "d1's own pair is left out");
        assertTrue(loo[up] > 0);
        st.recommendationPrior("d1", loo);
        assertEquals(0f, loo[arrival]);
        assertTrue(loo[up] > 0);
        List<CrsSample> annotated = List.of(
                new CrsSample("d1", 1, List.of(Utterance.user("scary")), new int[0], new int[] {arrival}, "", List.of("horror")),
                new CrsSample("d2", 1, List.of(Utterance.user("scary")), new int[0], new int[] {up}, "", List.of("horror")));
        DialogueStats es = new DialogueStats(cat.size(), annotated, cat, new StateTracker(cat, null));
        es.entityTargets(List.of("horror"), null, all);
        assertEquals(0.5f, all[arrival], 1e-6f, "P(target = Arrival | horror) over both dialogues");
        es.entityTargets(List.of("horror"), "d1", loo);
        assertEquals(0f, loo[arrival]);
        assertEquals(1f, loo[up], 1e-6f);
    }

    @Test
    void leaveOneWorkerOutRemovesEveryDialogueOfTheSameRecommender() {
        int matrix = idx("The Matrix (1999)"), arrival = idx("Arrival (2016)"), up = idx("Up (2009)");
        // d1 and d2 share recommender w1 (both name Arrival after The Matrix); d3 is w2's
        List<CrsSample> tune = List.of(
                new CrsSample("d1", 1, List.of(Utterance.user("The Matrix")), new int[] {matrix}, new int[] {arrival}, ""),
                new CrsSample("d2", 1, List.of(Utterance.user("The Matrix")), new int[] {matrix}, new int[] {arrival}, ""),
                new CrsSample("d3", 1, List.of(Utterance.user("The Matrix")), new int[] {matrix}, new int[] {up}, ""));
        DialogueStats st = new DialogueStats(cat.size(), tune, cat);
        float[] byDialogue = new float[cat.size()], byWorker = new float[cat.size()], cond = new float[cat.size()];
        st.coMention(List.of(matrix), "d1", byDialogue);
        assertTrue(byDialogue[arrival] > 0, "without groups d2 still pairs The Matrix with Arrival");
        assertEquals(Map.of(matrix, 1, arrival, 1), st.leftOutMovieCounts("d1"));
        st.groups(Map.of("d1", "w1", "d2", "w1", "d3", "w2"));
        assertEquals(st.group("d1"), st.group("d2"));
        assertFalse(st.group("d1").equals(st.group("d3")));
        assertEquals(Map.of(matrix, 2, arrival, 2), st.leftOutMovieCounts("d1"));
        st.coMention(List.of(matrix), "d1", byWorker);
        assertEquals(0f, byWorker[arrival], "both of w1's dialogues are left out");
        assertEquals(1f, byWorker[up], 1e-6f, "only d3 is left: cosine 1/sqrt(1*1)");
        st.coMentionConditional(List.of(matrix), "d2", cond);
        assertEquals(1f, cond[up], 1e-6f, "n(The Matrix) is 1 without w1's two dialogues");
        st.recommendationPrior("d1", byWorker);
        assertEquals(0f, byWorker[arrival]);
        st.recommendationPrior(null, byWorker);
        assertEquals((float) Math.log1p(2), byWorker[arrival], 1e-6f);
        st.freshPrior("d3", byWorker);
        assertEquals((float) Math.log1p(2), byWorker[arrival], 1e-6f, "w2's left-out dialogue never named Arrival");
        assertEquals(0f, byWorker[up]);
    }

    @Test
    void llmPlayedSeekerWordsTheHintAndNeverLeaksTheTarget() throws Exception {
        int target = idx("Superbad (2007)");
        List<List<Utterance>> seen = new ArrayList<>();
        CrsRecommender never = new CrsRecommender() { // shows the 9 other movies' first ones, never the target
            @Override public String name() { return "never"; }
            @Override public void score(Turn turn, float[] out) {
                synchronized (seen) { seen.add(turn.context()); }
                java.util.Arrays.fill(out, 1f);
                out[target] = Float.NEGATIVE_INFINITY;
            }
        };
        try (FakeOpenAiServer server = new FakeOpenAiServer()) {
            server.enqueue(Reply.answer("Nah, I'm after something that makes me laugh."),
                    Reply.answer("Honestly I just want Superbad."),
                    Reply.answer("Something with Jonah Hill would be great."));
            UserSimulator sim = new UserSimulator(cat, new StateTracker(cat, null)).withLlm(server.client(Duration.ofSeconds(5), 0), warnings::add);
            assertEquals(0, sim.simulate(never, List.of(Utterance.user("hi")), target));
            List<Utterance> last = seen.getLast();
            assertEquals("Nah, I'm after something that makes me laugh.", last.get(2).text(), "the LLM's wording is the seeker's turn");
            assertTrue(last.get(4).text().startsWith("No, none of those."), "a reply naming the target is replaced: " + last.get(4).text());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("named the hidden target")), warnings.toString());
            assertTrue(server.requests().getFirst().contains("comedy") && !server.requests().getFirst().contains("Superbad"),
                    "the LLM gets the hint, never the title: " + server.requests().getFirst());
        }
    }
}
