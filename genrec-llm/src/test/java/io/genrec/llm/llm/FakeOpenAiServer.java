package io.genrec.llm.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * A scripted OpenAI-compatible endpoint on 127.0.0.1 (random port) for tests: serves
 * {@code POST /v1/chat/completions} with queued replies (answer text, HTTP status, delay), records every request body.
 * When the queue is empty the last reply repeats.
 */
public final class FakeOpenAiServer implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted reply: an assistant answer with a status code and an optional delay, or a raw body. */
    public record Reply(int status, String body, Duration delay) {
        public static Reply answer(String content) { return answer(content, "stop"); }

        public static Reply answer(String content, String finishReason) {
            ObjectNode root = JSON.createObjectNode();
            root.put("id", "chatcmpl-test").put("object", "chat.completion").put("created", 1).put("model", "fake");
            ObjectNode choice = root.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", finishReason);
            choice.putObject("message").put("role", "assistant").put("content", content);
            root.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
            return new Reply(200, root.toString(), Duration.ZERO);
        }

        public static Reply error(int status) {
            return new Reply(status, "{\"error\":{\"message\":\"scripted failure\",\"type\":\"server_error\"}}", Duration.ZERO);
        }

        public Reply delayed(Duration d) { return new Reply(status, body, d); }
    }

    private final HttpServer server;
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private Reply last = Reply.error(500);

    public FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public FakeOpenAiServer enqueue(Reply... rs) {
        synchronized (replies) { replies.addAll(List.of(rs)); }
        return this;
    }

    public String baseUrl() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1"; }

    /** Request bodies received so far, in order. */
    public List<String> requests() { synchronized (requests) { return List.copyOf(requests); } }

    private void handle(HttpExchange ex) throws IOException {
        requests.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Reply r;
        synchronized (replies) {
            r = replies.isEmpty() ? last : replies.poll();
            last = r;
        }
        try {
            if (!r.delay().isZero()) Thread.sleep(r.delay().toMillis());
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(r.status(), body.length);
            try (OutputStream out = ex.getResponseBody()) { out.write(body); }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the client timed out and closed the connection: nothing to answer
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** A client stack for this server with fast retries (1 ms back-off) and the given time-out. */
    public LlmClient client(Duration timeout, int retries) {
        LlmConfig c = LlmConfig.of(baseUrl(), "fake-model", timeout).withRetries(retries, Duration.ofMillis(1), Duration.ofMillis(4));
        return new RetryingLlmClient(LangChainLlmClient.openAi(c), retries, c.initialBackoff(), c.maxBackoff(), RetryingLlmClient.Sleeper.THREAD);
    }
}
