package io.genrec.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What every MCP transport must do with GenRec's tools, checked through the SDK's own client against a server backed
 * by {@link FakeRecommendationService} (whose answers are fixed, so they can be checked from another process).
 */
public final class McpToolChecks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private McpToolChecks() { }

    public static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
        return client.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    public static String text(CallToolResult r) {
        StringBuilder sb = new StringBuilder();
        for (McpSchema.Content c : r.content()) if (c instanceof McpSchema.TextContent t) sb.append(t.text());
        return sb.toString();
    }

    public static JsonNode ok(CallToolResult r) throws Exception {
        assertNotEquals(Boolean.TRUE, r.isError(), text(r));
        JsonNode structured = JSON.valueToTree(r.structuredContent());
        assertEquals(structured, JSON.readTree(text(r)), "text and structured content carry the same JSON");
        return structured;
    }

    /** Asserts a tool error (not a protocol failure) whose message names {@code mentions}. */
    public static void toolError(CallToolResult r, String field, String mentions) {
        assertEquals(Boolean.TRUE, r.isError(), "expected a tool error, got " + text(r));
        assertTrue(text(r).contains(mentions), "error should mention " + mentions + ": " + text(r));
        JsonNode e = JSON.valueToTree(r.structuredContent()).get("error");
        if (field != null) assertEquals(field, e.get("field").asText(), text(r));
    }

    private static List<String> items(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode it : list.get("items")) out.add(it.get("item").asText());
        return out;
    }

    /** Lists the tools, calls each with good and bad arguments; {@code canWrite}: whether record_event may store. */
    public static void exercise(McpSyncClient client, boolean canWrite) throws Exception {
        McpSchema.ListToolsResult tools = client.listTools();
        Set<String> names = new TreeSet<>();
        for (McpSchema.Tool t : tools.tools()) {
            names.add(t.name());
            assertEquals("object", t.inputSchema().get("type"), t.name());
            assertFalse(((List<?>) t.inputSchema().get("required")).isEmpty(), t.name() + " names its required arguments");
            assertFalse(t.description().isBlank());
        }
        assertEquals(new TreeSet<>(List.of("recommend", "similar_items", "search", "explain", "record_event")), names);

        JsonNode rec = ok(call(client, "recommend", Map.of("user", "u1", "k", 3)));
        assertEquals("ease", rec.get("model").asText());
        assertEquals(FakeRecommendationService.ranking("ease", "u1").subList(0, 3), items(rec));
        assertEquals(1, rec.get("items").get(0).get("rank").asInt());
        JsonNode other = ok(call(client, "recommend", Map.of("user", "u1", "k", 2, "model", "sasrec", "exclude_seen", false)));
        assertEquals(FakeRecommendationService.ranking("sasrec", "u1").subList(0, 2), items(other));
        assertEquals("unknown user", ok(call(client, "recommend", Map.of("user", "new-user"))).get("fallback").asText());
        assertEquals(10, ok(call(client, "recommend", Map.of("user", "u2"))).get("items").size(), "k defaults to 10");

        toolError(call(client, "recommend", Map.of("user", "u1", "k", 0)), "k", "'k'");
        toolError(call(client, "recommend", Map.of("user", "u1", "k", 100_000)), "k", "1000");
        toolError(call(client, "recommend", Map.of("user", "u1", "k", "ten")), "k", "integer");
        toolError(call(client, "recommend", Map.of("user", "u1", "k", 2.5)), "k", "integer");
        toolError(call(client, "recommend", Map.of("k", 3)), "user", "'user'");
        toolError(call(client, "recommend", Map.of("user", 42)), "user", "string");
        toolError(call(client, "recommend", Map.of("user", "u1", "colour", "red")), "colour", "'colour'");
        toolError(call(client, "recommend", Map.of("user", "u1", "model", "nosuchmodel")), null, "nosuchmodel");

        JsonNode sim = ok(call(client, "similar_items", Map.of("item", "i3", "k", 4)));
        assertEquals(4, sim.get("items").size());
        assertFalse(items(sim).contains("i3"), "an item is not similar to itself");
        toolError(call(client, "similar_items", Map.of("item", "zzz")), null, "zzz");
        toolError(call(client, "similar_items", Map.of()), "item", "'item'");

        JsonNode found = ok(call(client, "search", Map.of("query", "space", "k", 3)));
        assertEquals(3, found.get("items").size());
        for (JsonNode it : found.get("items")) assertTrue(it.get("title").asText().contains("space"), found.toString());
        toolError(call(client, "search", Map.of("query", "  ")), "query", "'query'");

        JsonNode why = ok(call(client, "explain", Map.of("user", "u1", "item", "i2")));
        assertEquals("i2", why.get("item").asText());
        assertEquals("i1", why.get("becauseOf").get(0).asText());
        toolError(call(client, "explain", Map.of("user", "u1", "item", "i999")), null, "i999");

        Map<String, Object> event = Map.of("user", "u1", "item", "i2", "type", "click", "timestamp", 1_700_000_000_000L, "idempotency_key", "mcp-1");
        if (canWrite) {
            JsonNode stored = ok(call(client, "record_event", event));
            assertEquals(1, stored.get("stored").asInt());
            JsonNode again = ok(call(client, "record_event", event));
            assertEquals(0, again.get("stored").asInt());
            assertEquals(1, again.get("duplicates").asInt(), "a retried key is stored once");
            toolError(call(client, "record_event", Map.of("user", "u1", "item", "i2", "type", "Bad Type")), "type", "'type'");
            toolError(call(client, "record_event", Map.of("user", "u1", "item", "i2", "type", "rating", "value", "five")), "value", "number");
            toolError(call(client, "record_event", Map.of("user", "u1", "item", "i2", "type", "click", "timestamp", -5)), "timestamp", "'timestamp'");
        } else {
            toolError(call(client, "record_event", event), null, "API key");
        }

        // the session survived every error above
        assertEquals(items(rec), items(ok(call(client, "recommend", Map.of("user", "u1", "k", 3)))));
    }
}
