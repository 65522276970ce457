package io.genrec.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.genrec.data.Item;
import io.genrec.server.service.Catalog;
import io.genrec.server.service.FieldException;
import io.genrec.server.service.ServingService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiParam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The small read routes the web page needs beyond the recommendation API: what the server offers, users to pick,
 * a user's history, one item, the categories, and the evaluation leaderboards read from {@code results.json} files.
 */
final class WebRoutes {
    /** Most recent history entries returned for a user. */
    static final int RECENT = 20;
    /** Deepest directory level searched for result files below the results directory. */
    static final int RESULTS_DEPTH = 3;

    private final ServingService serving;
    private final ObjectMapper json;
    private final Supplier<Map<String, Object>> capabilities;
    private final Supplier<Path> resultsDir;

    WebRoutes(ServingService serving, ObjectMapper json, Supplier<Map<String, Object>> capabilities, Supplier<Path> resultsDir) {
        this.serving = serving;
        this.json = json;
        this.capabilities = capabilities;
        this.resultsDir = resultsDir;
    }

    void register(Javalin app) {
        app.get("/v1/capabilities", this::capabilities);
        app.get("/v1/users", this::users);
        app.get("/v1/users/{user}", this::user);
        app.get("/v1/items/{item}", this::item);
        app.get("/v1/categories", this::categories);
        app.get("/v1/results", this::results);
    }

    @OpenApi(path = "/v1/capabilities", methods = HttpMethod.GET,
            summary = "What this server offers: chat, search (text index built), experiments, results (leaderboard files)")
    private void capabilities(Context ctx) {
        ApiServer.allowOnly(ctx);
        ctx.json(capabilities.get());
    }

    @OpenApi(path = "/v1/users", methods = HttpMethod.GET, summary = "Users with interactions, by id prefix",
            queryParams = {@OpenApiParam(name = "prefix", description = "id prefix (default: all)"),
                    @OpenApiParam(name = "limit", type = Integer.class, description = "1..1000 (default 20)")})
    private void users(Context ctx) {
        ApiServer.allowOnly(ctx, "prefix", "limit");
        String prefix = ctx.queryParam("prefix");
        int limit = ApiServer.intParam(ctx, "limit", 20, 1, 1000);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String u : serving.users(prefix == null ? "" : prefix, limit)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("user", u);
            m.put("interactions", serving.history(u).length);
            out.add(m);
        }
        ctx.json(Map.of("users", out));
    }

    @OpenApi(path = "/v1/users/{user}", methods = HttpMethod.GET,
            summary = "A user's positive interactions: how many, and the most recent with titles (unknown users: none)",
            pathParams = @OpenApiParam(name = "user", required = true))
    private void user(Context ctx) {
        ApiServer.allowOnly(ctx);
        String user = ApiServer.id(ctx, "user");
        int[] h = serving.history(user);
        Catalog c = serving.catalog();
        List<Map<String, Object>> recent = new ArrayList<>();
        for (int i = h.length - 1; i >= 0 && recent.size() < RECENT; i--) {
            Item it = c.get(h[i]);
            recent.add(itemSummary(it));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", user);
        out.put("interactions", h.length);
        out.put("recent", recent);
        ctx.json(out);
    }

    private static Map<String, Object> itemSummary(Item it) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("item", it.id());
        m.put("title", it.title());
        m.put("categories", it.categories());
        return m;
    }

    @OpenApi(path = "/v1/items/{item}", methods = HttpMethod.GET, summary = "One catalogue item",
            pathParams = @OpenApiParam(name = "item", required = true))
    private void item(Context ctx) {
        ApiServer.allowOnly(ctx);
        String id = ApiServer.id(ctx, "item");
        int g = serving.catalog().indexOf(id);
        if (g < 0) throw new FieldException.Unknown("item", "unknown item '" + id + "'");
        ctx.json(serving.catalog().get(g));
    }

    @OpenApi(path = "/v1/categories", methods = HttpMethod.GET, summary = "Catalogue categories with their item counts, most items first")
    private void categories(Context ctx) {
        ApiServer.allowOnly(ctx);
        Catalog c = serving.catalog();
        Map<String, Integer> counts = new HashMap<>();
        for (int g = 0, n = c.size(); g < n; g++) for (String cat : c.get(g).categories()) counts.merge(cat, 1, Integer::sum);
        List<Map<String, Object>> out = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("category", e.getKey());
                    m.put("items", e.getValue());
                    return m;
                }).toList();
        ctx.json(Map.of("categories", out));
    }

    @OpenApi(path = "/v1/results", methods = HttpMethod.GET,
            summary = "Evaluation leaderboards: every results.json-style file ('genrec eval --output') under the --results directory")
    private void results(Context ctx) throws IOException {
        ApiServer.allowOnly(ctx);
        Path dir = resultsDir.get();
        ObjectNode out = json.createObjectNode();
        out.put("dir", dir == null ? null : dir.toString());
        ArrayNode files = out.putArray("files");
        ArrayNode skipped = out.putArray("skipped");
        if (dir == null || !Files.isDirectory(dir)) {
            ctx.json(out);
            return;
        }
        List<Path> paths;
        try (Stream<Path> s = Files.walk(dir, RESULTS_DEPTH)) {
            paths = s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
        }
        for (Path p : paths) {
            String rel = dir.relativize(p).toString();
            JsonNode n;
            try {
                n = json.readTree(p.toFile());
            } catch (IOException e) {
                // a broken file is named, not silently dropped
                skipped.addObject().put("file", rel).put("reason", "not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
                continue;
            }
            JsonNode results = n == null ? null : n.get("results");
            if (results == null || !results.isArray() || results.isEmpty() || !results.get(0).has("metrics")) {
                skipped.addObject().put("file", rel).put("reason", "no 'results' array of models with 'metrics' (not a genrec eval report)");
                continue;
            }
            ObjectNode f = files.addObject();
            f.put("file", rel);
            for (String k : List.of("dataset", "split", "createdAt", "machine", "totalSeconds", "gitCommit"))
                if (n.has(k)) f.set(k, n.get(k));
            ArrayNode rs = f.putArray("results");
            for (JsonNode r : results) {
                // provenance stays in the file: the page shows what it charts, and links the file for the rest
                ObjectNode m = rs.addObject();
                for (String k : List.of("model", "metrics", "fitSeconds", "evalSeconds", "evaluatedUsers"))
                    if (r.has(k)) m.set(k, r.get(k));
            }
            if (n.has("comparisons")) f.set("comparisons", n.get("comparisons"));
        }
        ctx.json(out);
    }
}
