package io.genrec.server.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.server.ApiError;
import io.genrec.server.service.FieldException;
import io.genrec.server.service.RecommendRequest;
import io.genrec.server.service.RecommendationService;
import io.genrec.server.store.AppendResult;
import io.genrec.server.store.Event;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * GenRec's MCP tools, each a thin call into {@link RecommendationService}: {@code recommend}, {@code similar_items},
 * {@code search}, {@code explain} and {@code record_event}. Results come as JSON text and as structured content
 * (the HTTP API's JSON shapes). A bad argument, an unknown id or a refused write is a tool result with
 * {@code isError: true} whose text names the argument; the protocol session is never broken by one.
 */
public final class McpTools {
    private static final Logger LOG = Logger.getLogger(McpTools.class.getName());
    static final ObjectMapper JSON = new ObjectMapper(); // default names: the same JSON as the HTTP API's answers

    private McpTools() { }

    /**
     * @param mayWrite whether a call arriving with this transport context may record events (stdio: always; HTTP:
     *                 the server's API-key check on the request's headers)
     */
    public static List<SyncToolSpecification> tools(RecommendationService svc, Predicate<McpTransportContext> mayWrite) {
        return List.of(
                tool("recommend", "Recommend items for a user. Unknown or new users get a cold-start list (the 'fallback' field says why).",
                        schema(Map.of(
                                "user", prop("string", "External user id."),
                                "k", kProp(),
                                "model", prop("string", "Served model name; omit for the default."),
                                "exclude_seen", Map.of("type", "boolean", "description", "Leave out items the user already interacted with.", "default", true),
                                "category", prop("string", "Only items in this category.")), List.of("user")),
                        (ctx, a) -> svc.recommend(new RecommendRequest(a.requiredString("user"), a.optInt("k", 10, 1, RecommendationService.MAX_K),
                                a.optString("model"), a.optBool("exclude_seen", true), a.optString("category"))),
                        Set.of("user", "k", "model", "exclude_seen", "category")),
                tool("similar_items", "Items similar to a given item according to a model.",
                        schema(Map.of("item", prop("string", "External item id."), "k", kProp(),
                                "model", prop("string", "Served model name; omit for the default.")), List.of("item")),
                        (ctx, a) -> svc.similar(a.requiredString("item"), a.optInt("k", 10, 1, RecommendationService.MAX_K), a.optString("model")),
                        Set.of("item", "k", "model")),
                tool("search", "Find catalogue items by meaning from a natural-language query (dense retrieval).",
                        schema(Map.of("query", prop("string", "What to look for, in plain words."), "k", kProp()), List.of("query")),
                        (ctx, a) -> svc.search(a.requiredString("query"), a.optInt("k", 10, 1, RecommendationService.MAX_K)),
                        Set.of("query", "k")),
                tool("explain", "Explain why a model recommends an item to a user, with the history items behind it.",
                        schema(Map.of("user", prop("string", "External user id."), "item", prop("string", "External item id."),
                                "model", prop("string", "Served model name; omit for the default.")), List.of("user", "item")),
                        (ctx, a) -> svc.explain(a.requiredString("user"), a.requiredString("item"), a.optString("model")),
                        Set.of("user", "item", "model")),
                tool("record_event", "Record what a user did with an item (view, click, purchase, rating, like, ...). Stored durably before"
                                + " the answer; the user's next recommendations reflect it. A repeated idempotency_key is stored once.",
                        schema(Map.of(
                                "user", prop("string", "External user id."),
                                "item", prop("string", "External item id."),
                                "type", Map.of("type", "string", "description", "Lower-case action name.", "pattern", "^[a-z][a-z0-9_]{0,31}$"),
                                "value", prop("number", "Optional strength, e.g. a rating."),
                                "timestamp", Map.of("type", "integer", "minimum", 0, "description", "Epoch milliseconds; omit for now."),
                                "idempotency_key", prop("string", "Client key: a retry with the same key is not stored twice.")),
                                List.of("user", "item", "type")),
                        (ctx, a) -> {
                            if (!mayWrite.test(ctx)) throw new WriteRefused();
                            Long ts = a.optLong("timestamp", 0);
                            Event e = new Event(a.requiredString("user"), a.requiredString("item"), a.requiredString("type"), a.optDouble("value"),
                                    ts == null ? System.currentTimeMillis() : ts, a.optString("idempotency_key"));
                            AppendResult r = svc.record(List.of(e));
                            return r;
                        },
                        Set.of("user", "item", "type", "value", "timestamp", "idempotency_key")));
    }

    /** Thrown when the transport context does not allow writes. */
    private static final class WriteRefused extends RuntimeException {
        WriteRefused() {
            super("record_event needs write access: send the server's API key with the request", null, false, false);
        }
    }

    private interface Call {
        Object apply(McpTransportContext ctx, ToolArgs args);
    }

    private static Map<String, Object> prop(String type, String description) {
        return Map.of("type", type, "description", description);
    }

    private static Map<String, Object> kProp() {
        return Map.of("type", "integer", "minimum", 1, "maximum", RecommendationService.MAX_K, "default", 10, "description", "How many items.");
    }

    private static Map<String, Object> schema(Map<String, Object> properties, List<String> required) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", new java.util.TreeMap<>(properties));
        s.put("required", required);
        s.put("additionalProperties", false);
        return s;
    }

    private static SyncToolSpecification tool(String name, String description, Map<String, Object> inputSchema, Call call, Set<String> allowed) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description).inputSchema(inputSchema).build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            McpTransportContext ctx = exchange == null || exchange.transportContext() == null ? McpTransportContext.EMPTY : exchange.transportContext();
            return invoke(name, () -> call.apply(ctx, new ToolArgs(request.arguments(), allowed)));
        }).build();
    }

    static CallToolResult invoke(String name, java.util.function.Supplier<Object> body) {
        try {
            Object out = body.get();
            Map<String, Object> structured = JSON.convertValue(out, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
            return CallToolResult.builder().addTextContent(JSON.writeValueAsString(structured)).structuredContent(structured).isError(false).build();
        } catch (FieldException.Invalid e) {
            return error(new ApiError(400, e.field(), "invalid argument " + e.getMessage()));
        } catch (WriteRefused e) {
            return error(new ApiError(401, null, e.getMessage()));
        } catch (NoSuchElementException e) {
            return error(new ApiError(404, null, "not found: " + e.getMessage()));
        } catch (IllegalArgumentException e) {
            return error(new ApiError(400, fieldOf(e.getMessage()), "invalid argument: " + e.getMessage()));
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "MCP tool " + name + " failed", e);
            return error(new ApiError(500, null, "internal error in " + name + "; see the server log"));
        }
    }

    /** The field an IllegalArgumentException of the service names in quotes ({@code 'k' must …}), else null. */
    private static String fieldOf(String message) {
        if (message == null) return null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([a-z_]+)'").matcher(message);
        return m.find() ? m.group(1) : null;
    }

    private static CallToolResult error(ApiError e) {
        return CallToolResult.builder().addTextContent(e.message()).structuredContent(e.body()).isError(true).build();
    }
}
