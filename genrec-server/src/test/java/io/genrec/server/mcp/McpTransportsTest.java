package io.genrec.server.mcp;

import io.genrec.server.testing.FakeRecommendationService;
import io.genrec.server.testing.FakeStdioServer;
import io.genrec.server.testing.McpToolChecks;
import io.javalin.Javalin;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The MCP tools through the SDK's own client, over both transports. */
class McpTransportsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void stdioSubprocess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters params = ServerParameters.builder(java)
                .args("-cp", System.getProperty("java.class.path"), "-Xmx256m", FakeStdioServer.class.getName()).build();
        StdioClientTransport transport = new StdioClientTransport(params, McpServers.jsonMapper());
        try (McpSyncClient client = McpClient.sync(transport).requestTimeout(TIMEOUT).initializationTimeout(TIMEOUT).build()) {
            assertEquals("genrec", client.initialize().serverInfo().name());
            McpToolChecks.exercise(client, true);
        }
    }

    @Test
    void streamableHttpOnTheJavalinServer() throws Exception {
        FakeRecommendationService fake = new FakeRecommendationService();
        McpRoutes[] mcp = new McpRoutes[1];
        Javalin app = Javalin.create(cfg -> mcp[0] = McpRoutes.mount(cfg, fake, McpRoutes.DEFAULT_PATH,
                req -> "writer-key".equals(req.getHeader("X-Api-Key"))));
        app.get("/health", ctx -> ctx.result("ok")); // a REST route beside the MCP servlet
        try {
            app.start("127.0.0.1", 0);
            String base = "http://127.0.0.1:" + app.port();
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("ok", health.body(), "REST routes still answer beside /mcp");

            try (McpSyncClient reader = McpClient.sync(HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp").build())
                    .requestTimeout(TIMEOUT).build()) {
                reader.initialize();
                McpToolChecks.exercise(reader, false);
            }
            assertTrue(fake.events.isEmpty(), "a request without the key stored nothing");
            try (McpSyncClient writer = McpClient.sync(HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp")
                            .requestBuilder(HttpRequest.newBuilder().header("X-Api-Key", "writer-key")).build())
                    .requestTimeout(TIMEOUT).build()) {
                writer.initialize();
                McpToolChecks.exercise(writer, true);
            }
            assertEquals(1, fake.events.size(), "the keyed client's event was stored once");
            assertEquals("mcp-1", fake.events.get(0).idempotencyKey());
        } finally {
            app.stop();
            mcp[0].close();
        }
    }

    @Test
    void argumentsAreCheckedBeforeTheServiceIsCalled() {
        // a direct call of the handler with a null argument map (a client may send none)
        var spec = McpTools.tools(new FakeRecommendationService(), ctx -> true).get(0);
        var r = spec.callHandler().apply(null, new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("recommend", (Map<String, Object>) null));
        assertEquals(Boolean.TRUE, r.isError());
        assertTrue(McpToolChecks.text(r).contains("'user'"), McpToolChecks.text(r));
    }
}
