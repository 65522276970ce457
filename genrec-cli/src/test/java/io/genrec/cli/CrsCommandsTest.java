package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code genrec eval-crs --models agent} and {@code genrec chat --agent}: with a scripted endpoint, and without any. */
class CrsCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A scripted OpenAI-compatible endpoint: answers the queued contents in order (the last repeats), records requests. */
    static final class Scripted implements AutoCloseable {
        final HttpServer server;
        final Deque<String> answers = new ArrayDeque<>();
        final List<String> requests = Collections.synchronizedList(new ArrayList<>());
        String last = "";

        Scripted(String... script) throws Exception {
            answers.addAll(List.of(script));
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/chat/completions", ex -> {
                requests.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                String content;
                synchronized (answers) { content = answers.isEmpty() ? last : answers.poll(); last = content; }
                var root = JSON.createObjectNode();
                root.put("id", "x").put("object", "chat.completion").put("created", 1).put("model", "fake");
                var c = root.putArray("choices").addObject();
                c.put("index", 0).put("finish_reason", "stop");
                c.putObject("message").put("role", "assistant").put("content", content);
                byte[] body = root.toString().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream o = ex.getResponseBody()) { o.write(body); }
            });
            server.start();
        }

        String url() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1"; }

        @Override public void close() { server.stop(0); }
    }

    /** A tiny MovieLens-format catalogue (movieId 1..6) with a few users, so chat builds in seconds. */
    static Path movies(Path dir) throws Exception {
        Files.writeString(dir.resolve("movies.csv"), """
                movieId,title,genres
                1,"Matrix, The (1999)",Action|Sci-Fi
                2,Inception (2010),Action|Sci-Fi|Thriller
                3,Arrival (2016),Drama|Sci-Fi
                4,Superbad (2007),Comedy
                5,Up (2009),Animation|Children
                6,Saving Private Ryan (1998),Drama|War
                """);
        StringBuilder r = new StringBuilder("userId,movieId,rating,timestamp\n");
        int[][] users = {{1, 2, 3}, {1, 3, 6}, {2, 3}, {4, 5}, {1, 2, 6}, {3, 5}};
        for (int u = 0; u < users.length; u++) for (int m : users[u]) r.append(u + 1).append(',').append(m).append(",4.0,").append(1000 + m).append('\n');
        Files.writeString(dir.resolve("ratings.csv"), r.toString());
        return dir;
    }

    static boolean noEnvironmentEndpoint() { return System.getenv("OPENAI_BASE_URL") == null && System.getenv("OPENAI_API_KEY") == null; }

    static synchronized CliTest.Run withStdin(String input, String... args) {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try { return CliTest.run(args); } finally { System.setIn(old); }
    }

    @Test
    void evalCrsAgentWithoutAnEndpointFailsClearlyBeforeLoadingAnything() {
        Assumptions.assumeTrue(noEnvironmentEndpoint(), "skipped: this environment configures an LLM endpoint");
        CliTest.Run r = CliTest.run("eval-crs", "--dataset", "redial", "--models", "agent", "--data-root", "/nonexistent");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("needs an LLM endpoint") && r.err().contains("--llm-base-url") && r.err().contains("--allow-fallback"), r.err());
    }

    @Test
    void ablationVariantNamesAreCheckedBeforeLoadingAnything() {
        CliTest.Run r = CliTest.run("eval-crs", "--dataset", "redial", "--ablation", "--variant", "no such variant", "--data-root", "/nonexistent");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("no variant named 'no such variant'") && r.err().contains("'all thirteen weights'"), r.err());
        CliTest.Run alone = CliTest.run("eval-crs", "--dataset", "redial", "--variant", "all thirteen weights", "--data-root", "/nonexistent");
        assertNotEquals(0, alone.exit());
        assertTrue(alone.err().contains("--variant only applies with --ablation"), alone.err());
        CliTest.Run enc = CliTest.run("eval-crs", "--dataset", "redial", "--encoder", "bert-huge", "--data-root", "/nonexistent");
        assertNotEquals(0, enc.exit());
        assertTrue(enc.err().contains("'bert-huge'") && enc.err().contains("e5-small-v2-q") && !enc.err().contains("/nonexistent"), enc.err());
    }

    @Test
    void chatAgentAnswersThroughTheEndpointAndWritesAGroundedReply(@TempDir Path dir) throws Exception {
        String data = "movielens:" + movies(dir);
        try (Scripted llm = new Scripted("{\"tool\": \"lookup\", \"args\": {\"title\": \"Arrival\"}}", "{\"final\": {\"items\": [\"3\"]}}",
                "If The Matrix (1999) was your thing, Arrival (2016) is a thoughtful sci-fi drama.")) {
            CliTest.Run r = withStdin("I loved The Matrix, any sci-fi drama?\n", "chat", "--data", data, "--agent", "--llm-base-url", llm.url(),
                    "--llm-model", "fake", "--format", "json", "--quiet");
            assertEquals(0, r.exit(), r.err());
            JsonNode reply = JSON.readTree(r.out().strip());
            assertFalse(reply.path("fallback").asBoolean(), r.err());
            assertEquals("3", reply.path("items").get(0).path("item").asText());
            assertEquals(1, reply.path("items").size());
            assertEquals("llm", reply.path("replyBy").asText());
            assertTrue(reply.path("reply").asText().startsWith("If The Matrix (1999)"), r.out());
            assertEquals(3, llm.requests.size(), "two agent steps and one reply");
            assertFalse(llm.requests.get(2).contains("I loved"), "the reply writer sees grounded facts only, not the seeker's words");
        }
    }

    @Test
    void chatAgentWithoutAnEndpointAnswersOfflineWithAVisibleNote(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(noEnvironmentEndpoint(), "skipped: this environment configures an LLM endpoint");
        CliTest.Run r = withStdin("I loved The Matrix, any sci-fi drama?\n", "chat", "--data", "movielens:" + movies(dir), "--agent", "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("(fallback: the offline hybrid answered, not the LLM agent)"), r.out());
        assertTrue(r.err().contains("--agent without an LLM endpoint"), r.err());
        assertTrue(r.out().contains("1. "), "the hybrid still recommends: " + r.out());
    }
}
