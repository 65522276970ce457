package io.genrec.llm.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The remote path against a local fake of the OpenAI {@code /v1/embeddings} API (no network beyond loopback). */
class OpenAiCompatibleEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void embedsThroughAnOpenAiCompatibleEndpointInBatches() throws Exception {
        List<Integer> requestSizes = java.util.Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/embeddings", exchange -> {
            JsonNode req = JSON.readTree(exchange.getRequestBody());
            ArrayNode data = JSON.createArrayNode();
            int i = 0;
            for (JsonNode input : req.get("input")) {
                String text = input.asText();
                ObjectNode row = data.addObject().put("object", "embedding").put("index", i++);
                row.putArray("embedding").add(text.length()).add(text.chars().filter(c -> c == 'a').count()).add(0.0);
            }
            requestSizes.add(i);
            ObjectNode resp = JSON.createObjectNode().put("object", "list").put("model", req.get("model").asText());
            resp.set("data", data);
            resp.putObject("usage").put("prompt_tokens", i).put("total_tokens", i);
            byte[] body = JSON.writeValueAsBytes(resp);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
            LangChainItemEncoder enc = Encoders.openAiCompatible(url, "test-key", "fake-embed", 2, 1);
            assertEquals("openai:fake-embed", enc.modelId());
            float[][] v = enc.embed(List.of("aaaa", "bb", "abc"));
            assertEquals(3, enc.dimension());
            assertEquals(List.of(2, 1), requestSizes.subList(requestSizes.size() - 2, requestSizes.size()),
                    "3 texts in batches of at most 2 (after any dimension probe)");
            // "aaaa" -> (4, 4, 0) normalised = (0.7071, 0.7071, 0); "bb" -> (2, 0, 0) -> (1, 0, 0)
            assertArrayEquals(new float[] {0.70710677f, 0.70710677f, 0f}, v[0], 1e-6f);
            assertArrayEquals(new float[] {1f, 0f, 0f}, v[1], 1e-6f);
            assertArrayEquals(new float[] {3 / (float) Math.sqrt(10), 1 / (float) Math.sqrt(10), 0f}, v[2], 1e-6f);
        } finally {
            server.stop(0);
        }
    }
}
