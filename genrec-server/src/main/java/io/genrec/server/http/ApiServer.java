package io.genrec.server.http;

import io.genrec.server.ApiError;
import io.genrec.server.mcp.McpRoutes;
import io.genrec.server.online.ExperimentRoutes;
import io.genrec.server.online.ExperimentService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.genrec.data.Item;
import io.genrec.server.service.Explanation;
import io.genrec.server.service.FieldException;
import io.genrec.server.service.ItemList;
import io.genrec.server.service.ModelInfo;
import io.genrec.server.service.RecommendRequest;
import io.genrec.server.service.RecommendationService;
import io.genrec.server.service.ServedModel;
import io.genrec.server.service.ServingService;
import io.genrec.server.store.AppendResult;
import io.genrec.server.store.Event;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiName;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.plugin.OpenApiPlugin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.servlet.FilterHolder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The versioned JSON API over a {@link RecommendationService} (Javalin). Every error, whatever its cause, is one JSON
 * shape {@code {"error":{"status":400,"field":"k","message":"..."}}} ({@code field} null when no single field is
 * to blame); no stack trace ever reaches a client. Writes and admin routes need the API key when one is set, and one
 * must be set to bind anything but loopback. Bodies are capped, and each client IP has a token bucket.
 */
public final class ApiServer implements AutoCloseable {
    /**
     * @param apiKey       required for writes and admin when non-null; must be non-null off loopback
     * @param maxBodyBytes request bodies larger than this get 413
     * @param ratePerSecond requests a second per client IP (0: unlimited); bursts of twice that pass
     */
    public record Options(String host, int port, String apiKey, long maxBodyBytes, double ratePerSecond) {
        public Options {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be in 0..65535, got " + port);
            if (maxBodyBytes < 1024) throw new IllegalArgumentException("the body limit must be >= 1024 bytes, got " + maxBodyBytes);
            if (ratePerSecond < 0) throw new IllegalArgumentException("--rate-limit must be >= 0, got " + ratePerSecond);
            if (apiKey != null && apiKey.length() < 16)
                throw new IllegalArgumentException("the API key must have at least 16 characters (it guards writes)");
        }

        /** Loopback, the given port, no key, 1 MiB bodies, 5,000 requests/s per client. */
        public static Options loopback(int port) { return new Options("127.0.0.1", port, null, 1 << 20, 5000); }
    }

    /** Events per {@code POST /v1/events}. */
    public static final int MAX_BATCH = 1000;
    /** Longest accepted id (user or item) in a path or body. */
    static final int MAX_ID = 200;

    private static final String START = "genrec.start";
    private static final String MODEL_TAG = "genrec.model";
    private static final Set<String> EVENT_FIELDS = Set.of("user", "item", "type", "value", "timestamp", "idempotency_key");
    private static final Set<String> ITEM_FIELDS = Set.of("title", "text", "categories", "attributes");

    private final RecommendationService api;
    private final ServingService serving;
    private final Options options;
    private final ObjectMapper json;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Counter eventsStored;
    private final Counter eventsDuplicate;
    private final Set<String> gaugedModels = ConcurrentHashMap.newKeySet();
    private final RateLimiter limiter;
    private final AtomicLong internalErrors = new AtomicLong();
    private final Javalin app;

    /**
     * @param api     the service the read routes and {@code POST /v1/events} call (a wrapper, e.g. an experiment,
     *                may stand in front of {@code serving})
     * @param serving the served models: readiness, catalogue writes, retrains, model ages
     */
    private McpRoutes mcp;
    /** What the server offers beyond the core API ({@code GET /v1/capabilities}); routes mounted later flip theirs. */
    private final Map<String, Boolean> capabilities = new ConcurrentHashMap<>(Map.of("chat", false));
    private volatile java.nio.file.Path resultsDir;
    private final ImageSearchRoutes images = new ImageSearchRoutes();

    public ApiServer(RecommendationService api, ServingService serving, Options options) {
        this.api = api;
        this.serving = serving;
        this.options = options;
        checkBinding(options);
        this.json = new ObjectMapper();
        this.limiter = options.ratePerSecond() > 0 ? new RateLimiter(options.ratePerSecond(), 2 * options.ratePerSecond()) : null;
        this.eventsStored = Counter.builder("genrec.events.ingested").description("events stored durably").register(metrics);
        this.eventsDuplicate = Counter.builder("genrec.events.duplicates").description("events skipped: idempotency key already stored").register(metrics);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = options.maxBodyBytes();
            config.jsonMapper(new JavalinJackson(json, false));
            config.jetty.modifyServer(server -> server.setStopTimeout(10_000));
            // the web page (docs/web.md): static files from the jar, charts from the ECharts WebJar; nothing from the network
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/io/genrec/server/web";
                files.location = io.javalin.http.staticfiles.Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            config.registerPlugin(new OpenApiPlugin(openapi -> openapi.withDocumentationPath("/openapi.json")
                    .withDefinitionConfiguration((version, definition) -> definition.withInfo(info -> {
                        info.setTitle("GenRec serving API");
                        info.setVersion("1");
                        info.setDescription("Recommendations, similar items, search, explanations, events and catalogue writes.");
                    }))));
            // MCP tools on the same server; the servlet bypasses the Javalin guard, so writes check the key here
            mcp = McpRoutes.mount(config, api, McpRoutes.DEFAULT_PATH, req -> options.apiKey() == null || keyMatches(
                    req.getHeader("X-API-Key"), req.getHeader("Authorization"), options.apiKey()));
            // the MCP servlet bypasses Javalin's before-filters, so the per-client rate limit is applied by a servlet filter
            if (limiter != null) config.jetty.modifyServletContextHandler(handler -> handler.addFilter(
                    new FilterHolder(new McpRateLimit(limiter, options.ratePerSecond(), json)), McpRoutes.DEFAULT_PATH,
                    EnumSet.of(DispatcherType.REQUEST)));
        });
        routes();
        images.register(app);
        if (api instanceof ExperimentService experiments) ExperimentRoutes.register(app, experiments, ctx -> { });
        new WebRoutes(serving, json, this::capabilities, () -> resultsDir).register(app);
    }

    /** Starts listening; returns the bound port (useful with port 0). */
    public int start() {
        app.start(options.host(), options.port());
        return app.port();
    }

    public int port() { return app.port(); }

    /**
     * Marks an optional feature as offered or not in {@code GET /v1/capabilities} (e.g. {@code chat} once its route is
     * mounted); the web page shows a feature's panel only when it is offered.
     */
    public void capability(String name, boolean offered) { capabilities.put(name, offered); }

    /**
     * Offers {@code POST /v1/chat} through {@code engine} (the conversational recommender; built after start-up, so
     * the route answers 503 until this is called) and advertises {@code chat} in {@code GET /v1/capabilities}.
     */
    public void chat(io.genrec.llm.crs.ChatEngine engine) {
        this.chat = engine;
        capability("chat", engine != null);
    }

    /** Offers {@code POST /v1/search/image} over {@code index} (null: 503) and advertises {@code image_search}. */
    public void imageSearch(ImageSearchRoutes.Index index) {
        images.index(index);
        capability("image_search", index != null);
    }

    /** The directory {@code GET /v1/results} reads evaluation reports from (null: none). */
    public void resultsDir(java.nio.file.Path dir) { this.resultsDir = dir; }

    private Map<String, Object> capabilities() {
        Map<String, Object> out = new java.util.TreeMap<>(capabilities);
        out.put("search", serving.textReady());
        out.put("experiments", api instanceof ExperimentService);
        out.put("results", resultsDir != null && java.nio.file.Files.isDirectory(resultsDir));
        return out;
    }

    public PrometheusMeterRegistry metrics() { return metrics; }

    /** Stops accepting connections, lets requests in flight finish (up to 10 s), then returns. */
    @Override
    public void close() {
        app.stop();
        mcp.close();
    }

    private static boolean keyMatches(String given, String auth, String key) {
        if (given == null && auth != null && auth.startsWith("Bearer ")) given = auth.substring(7).trim();
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8));
    }

    /** Refuses an address other than loopback without an API key (checked before anything else is set up). */
    public static void checkBinding(Options options) {
        if (options.apiKey() == null && !isLoopback(options.host()))
            throw new IllegalArgumentException("refusing to bind " + options.host() + " without an API key: off loopback, writes and"
                    + " admin need one (--api-key or GENREC_API_KEY)");
    }

    static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) if (!a.isLoopbackAddress()) return false;
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host " + host + ": unknown host");
        }
    }

    private void routes() {
        app.before(this::guard);
        app.after(this::measure);
        app.get("/health", this::health);
        app.get("/ready", this::ready);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        app.get("/v1/users/{user}/recommendations", this::recommendations);
        app.get("/v1/users/{user}/recommendations/{item}/explanation", this::explanation);
        app.get("/v1/items/{item}/similar", this::similar);
        app.get("/v1/search", this::search);
        app.post("/v1/events", this::events);
        app.put("/v1/items/{item}", this::putItem);
        app.get("/v1/models", this::models);
        app.post("/v1/admin/retrain", this::retrain);
        app.post("/v1/chat", this::chatTurn);
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), null, javalinMessage(e)));
        app.exception(FieldStatusException.class, (e, ctx) -> error(ctx, e.status, e.field, e.getMessage()));
        app.exception(FieldException.Invalid.class, (e, ctx) -> error(ctx, 400, e.field(), e.getMessage()));
        app.exception(FieldException.Unknown.class, (e, ctx) -> error(ctx, 404, e.field(), e.getMessage()));
        app.exception(FieldException.NotReady.class, (e, ctx) -> error(ctx, 503, null, e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            if (e instanceof IllegalArgumentException) {
                error(ctx, 400, null, e.getMessage());
                return;
            }
            // the client learns only that it failed and an id to quote; the operator sees the stack trace
            long id = internalErrors.incrementAndGet();
            System.err.println("genrec serve: internal error " + id + " on " + ctx.method() + " " + ctx.path() + ":");
            e.printStackTrace();
            error(ctx, 500, null, "internal error (logged on the server as internal error " + id + ")");
        });
        app.error(404, ctx -> {
            if (ctx.attribute("genrec.error") == null) error(ctx, 404, null, "no such endpoint: " + ctx.method() + " " + ctx.path());
        });
    }

    private static String javalinMessage(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 413 -> "request body too large";
            case 404 -> "no such endpoint";
            case 405 -> "method not allowed";
            default -> e.getMessage();
        };
    }

    // ---- cross-cutting: limits, auth, metrics, errors ----

    private void guard(Context ctx) {
        ctx.attribute(START, System.nanoTime());
        if (limiter != null && !limiter.tryAcquire(ctx.ip())) {
            ctx.header("Retry-After", String.valueOf(limiter.retryAfterSeconds()));
            throw new Halt(429, null, "rate limit exceeded for " + ctx.ip() + " (" + options.ratePerSecond() + " requests/s)");
        }
        long length = ctx.req().getContentLengthLong();
        if (length > options.maxBodyBytes())
            throw new Halt(413, null, "request body of " + length + " bytes exceeds the limit of " + options.maxBodyBytes());
        boolean write = !ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD") && !ctx.method().name().equals("OPTIONS");
        if (options.apiKey() != null && (write || ctx.path().startsWith("/v1/admin/"))) {
            String given = ctx.header("X-API-Key");
            String auth = ctx.header("Authorization");
            if (given == null && auth != null && auth.startsWith("Bearer ")) given = auth.substring(7).trim();
            if (given == null) throw new Halt(401, "X-API-Key", "this request needs the API key (header X-API-Key or Authorization: Bearer)");
            if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), options.apiKey().getBytes(StandardCharsets.UTF_8)))
                throw new Halt(403, "X-API-Key", "wrong API key");
        }
    }

    /** An error answer decided before the route ran. */
    static final class Halt extends FieldStatusException {
        Halt(int status, String field, String message) { super(status, field, message); }
    }

    /** An error with a status and the field to blame. */
    static class FieldStatusException extends RuntimeException {
        final int status;
        final String field;

        FieldStatusException(int status, String field, String message) {
            super(message, null, false, false);
            this.status = status;
            this.field = field;
        }
    }

    private void error(Context ctx, int status, String field, String message) {
        ctx.attribute("genrec.error", Boolean.TRUE);
        ctx.status(status).json(new ApiError(status, field, message == null ? "error" : message).body());
    }

    /** Answers 429 in the {@link ApiError} shape for MCP requests over the client's rate. */
    private record McpRateLimit(RateLimiter limiter, double rate, ObjectMapper json) implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
            if (limiter.tryAcquire(req.getRemoteAddr())) {
                chain.doFilter(req, res);
                return;
            }
            HttpServletResponse http = (HttpServletResponse) res;
            http.setStatus(429);
            http.setHeader("Retry-After", String.valueOf(limiter.retryAfterSeconds()));
            http.setContentType("application/json");
            json.writeValue(http.getOutputStream(), new ApiError(429, null, "rate limit exceeded for " + req.getRemoteAddr() + " (" + rate + " requests/s)").body());
        }
    }

    private void measure(Context ctx) {
        Long start = ctx.attribute(START);
        if (start == null) return;
        String endpoint;
        try {
            endpoint = ctx.endpointHandlerPath();
        } catch (RuntimeException e) {
            endpoint = "";
        }
        if (endpoint == null || endpoint.isEmpty() || endpoint.equals("*")) endpoint = "unmatched";
        String model = ctx.attribute(MODEL_TAG);
        String key = ctx.method().name() + " " + endpoint + " " + ctx.statusCode() + " " + model;
        String ep = endpoint;
        timers.computeIfAbsent(key, k -> Timer.builder("genrec.http.requests").description("HTTP requests by endpoint, status and model")
                        .tag("method", ctx.method().name()).tag("endpoint", ep).tag("status", String.valueOf(ctx.statusCode()))
                        .tag("model", model == null ? "none" : model).publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(0).plusNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(10))
                        .register(metrics))
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** One gauge per served model name: seconds since its served version was fitted. */
    private void gaugeModels() {
        ServingService.Snapshot s = serving.snapshot();
        if (s == null) return;
        for (String name : s.models().keySet()) {
            if (!gaugedModels.add(name)) continue;
            Gauge.builder("genrec.model.age.seconds", () -> {
                        ServingService.Snapshot now = serving.snapshot();
                        ServedModel m = now == null ? null : now.models().get(name);
                        return m == null ? Double.NaN : Duration.between(m.fittedAt(), Instant.now()).toMillis() / 1000.0;
                    }).description("seconds since the served version of the model was fitted").tag("model", name).register(metrics);
            Gauge.builder("genrec.model.generation", () -> {
                        ServingService.Snapshot now = serving.snapshot();
                        return now == null ? Double.NaN : now.generation();
                    }).description("how many times the served models were fitted (1 = at start-up)").tag("model", name).register(metrics);
        }
    }

    // ---- parameters ----

    static void allowOnly(Context ctx, String... names) {
        Set<String> allowed = Set.of(names);
        for (String p : ctx.queryParamMap().keySet())
            if (!allowed.contains(p))
                throw new FieldException.Invalid(p, "unknown query parameter '" + p + "'" + (names.length == 0 ? "; this endpoint takes none"
                        : "; allowed: " + String.join(", ", names)));
        for (var e : ctx.queryParamMap().entrySet())
            if (e.getValue().size() > 1) throw new FieldException.Invalid(e.getKey(), "query parameter '" + e.getKey() + "' given " + e.getValue().size() + " times");
    }

    static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) return dflt;
        int x;
        try {
            x = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new FieldException.Invalid(name, "'" + name + "' must be an integer, got '" + clip(v) + "'");
        }
        if (x < min || x > max) throw new FieldException.Invalid(name, "'" + name + "' must be between " + min + " and " + max + ", got " + x);
        return x;
    }

    private static boolean boolParam(Context ctx, String name, boolean dflt) {
        String v = ctx.queryParam(name);
        if (v == null) return dflt;
        return switch (v.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new FieldException.Invalid(name, "'" + name + "' must be true or false, got '" + clip(v) + "'");
        };
    }

    private static String stringParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) return null;
        if (v.isBlank()) throw new FieldException.Invalid(name, "'" + name + "' must not be empty");
        if (v.length() > 1000) throw new FieldException.Invalid(name, "'" + name + "' is longer than 1000 characters");
        return v;
    }

    static String id(Context ctx, String name) {
        String v = ctx.pathParam(name);
        if (v.isBlank()) throw new FieldException.Invalid(name, "'" + name + "' must not be blank");
        if (v.length() > MAX_ID) throw new FieldException.Invalid(name, "'" + name + "' is longer than " + MAX_ID + " characters");
        return v;
    }

    private static String clip(String s) { return s.length() > 40 ? s.substring(0, 40) + "…" : s; }

    // ---- routes ----

    @OpenApi(path = "/health", methods = HttpMethod.GET, summary = "Liveness: 200 as soon as the process serves HTTP",
            responses = @OpenApiResponse(status = "200", content = @OpenApiContent(from = Status.class)))
    private void health(Context ctx) {
        allowOnly(ctx);
        ctx.json(new Status("ok", null));
    }

    /** A status answer. */
    public record Status(String status, String detail) { }

    @OpenApi(path = "/ready", methods = HttpMethod.GET, summary = "Readiness: 200 once the models are loaded, 503 before",
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = Status.class)),
                    @OpenApiResponse(status = "503", content = @OpenApiContent(from = ErrorBody.class))})
    private void ready(Context ctx) {
        allowOnly(ctx);
        if (!serving.ready())
            throw new FieldException.NotReady(serving.startError() != null ? "the models failed to load: " + serving.startError() : "models are still loading");
        gaugeModels();
        List<String> pending = serving.pendingModels();
        String models = pending.isEmpty() ? "models loaded" : "default model loaded; still fitting " + String.join(", ", pending);
        ctx.json(new Status("ready", models + (serving.textReady() ? "; text index loaded" : "; text index not built (yet)")));
    }

    /** The error shape, for the OpenAPI document. */
    public record ErrorBody(ErrorDetail error) { }

    /** The error's status, the field to blame (or null) and a message. */
    public record ErrorDetail(int status, String field, String message) { }

    @OpenApi(path = "/v1/users/{user}/recommendations", methods = HttpMethod.GET, summary = "Top-k items for a user",
            description = "Unknown or brand-new users get a cold-start answer (popularity, or text similarity to their events) with `fallback` saying why.",
            pathParams = @OpenApiParam(name = "user", required = true, description = "external user id"),
            queryParams = {@OpenApiParam(name = "k", type = Integer.class, description = "list length, 1..1000 (default 10)"),
                    @OpenApiParam(name = "model", description = "served model name (default: the first served)"),
                    @OpenApiParam(name = "exclude_seen", type = Boolean.class, description = "leave out items the user interacted with (default true)"),
                    @OpenApiParam(name = "filter", description = "keep only items in this category (case-insensitive)")},
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = ItemList.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ErrorBody.class)),
                    @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorBody.class))})
    private void recommendations(Context ctx) {
        allowOnly(ctx, "k", "model", "exclude_seen", "filter");
        String user = id(ctx, "user");
        int k = intParam(ctx, "k", 10, 1, RecommendationService.MAX_K);
        String model = stringParam(ctx, "model");
        boolean excludeSeen = boolParam(ctx, "exclude_seen", true);
        String filter = stringParam(ctx, "filter");
        ItemList list = api.recommend(new RecommendRequest(user, k, model, excludeSeen, filter));
        ctx.attribute(MODEL_TAG, list.model());
        ctx.json(list);
    }

    @OpenApi(path = "/v1/items/{item}/similar", methods = HttpMethod.GET, summary = "Items similar to an item",
            pathParams = @OpenApiParam(name = "item", required = true),
            queryParams = {@OpenApiParam(name = "k", type = Integer.class), @OpenApiParam(name = "model")},
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = ItemList.class)),
                    @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorBody.class))})
    private void similar(Context ctx) {
        allowOnly(ctx, "k", "model");
        String item = id(ctx, "item");
        int k = intParam(ctx, "k", 10, 1, RecommendationService.MAX_K);
        ItemList list = api.similar(item, k, stringParam(ctx, "model"));
        ctx.attribute(MODEL_TAG, list.model());
        ctx.json(list);
    }

    @OpenApi(path = "/v1/search", methods = HttpMethod.GET, summary = "Dense retrieval over the catalogue text",
            queryParams = {@OpenApiParam(name = "q", required = true, description = "what to look for, in plain words"),
                    @OpenApiParam(name = "k", type = Integer.class)},
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = ItemList.class)),
                    @OpenApiResponse(status = "503", content = @OpenApiContent(from = ErrorBody.class))})
    private void search(Context ctx) {
        allowOnly(ctx, "q", "k");
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) throw new FieldException.Invalid("q", "'q' is required: the text to search for");
        if (q.length() > 1000) throw new FieldException.Invalid("q", "'q' is longer than 1000 characters");
        int k = intParam(ctx, "k", 10, 1, RecommendationService.MAX_K);
        ItemList list = api.search(q, k);
        ctx.attribute(MODEL_TAG, list.model());
        ctx.json(list);
    }

    @OpenApi(path = "/v1/users/{user}/recommendations/{item}/explanation", methods = HttpMethod.GET,
            summary = "Why an item suits a user, from facts in the data",
            pathParams = {@OpenApiParam(name = "user", required = true), @OpenApiParam(name = "item", required = true)},
            queryParams = @OpenApiParam(name = "model"),
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = Explanation.class)),
                    @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorBody.class))})
    private void explanation(Context ctx) {
        allowOnly(ctx, "model");
        Explanation e = api.explain(id(ctx, "user"), id(ctx, "item"), stringParam(ctx, "model"));
        ctx.attribute(MODEL_TAG, e.model());
        ctx.json(e);
    }

    /** One event as posted (timestamp: epoch milliseconds, default now). */
    public record EventBody(String user, String item, String type, Double value, Long timestamp,
                            @OpenApiName("idempotency_key") String idempotencyKey) { }

    /** What {@code POST /v1/events} stored. */
    public record EventsResult(int received, int stored, int duplicates, long lastSequence) { }

    @OpenApi(path = "/v1/events", methods = HttpMethod.POST, summary = "Record one event or a batch (durable before the answer)",
            description = "An event whose idempotency_key is already stored is skipped and counted as a duplicate, so a retried request is safe.",
            requestBody = @OpenApiRequestBody(required = true, content = {@OpenApiContent(from = EventBody.class),
                    @OpenApiContent(from = EventBody[].class)}),
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = EventsResult.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ErrorBody.class)),
                    @OpenApiResponse(status = "413", content = @OpenApiContent(from = ErrorBody.class))})
    private void events(Context ctx) {
        allowOnly(ctx);
        JsonNode root = body(ctx);
        List<Event> events = new ArrayList<>();
        if (root.isArray()) {
            if (root.isEmpty()) throw new FieldException.Invalid("events", "the batch is empty");
            if (root.size() > MAX_BATCH) throw new FieldException.Invalid("events", "at most " + MAX_BATCH + " events per request, got " + root.size());
            for (int i = 0; i < root.size(); i++) events.add(event(root.get(i), "events[" + i + "]."));
        } else {
            events.add(event(root, ""));
        }
        AppendResult r = api.record(events);
        eventsStored.increment(r.stored());
        eventsDuplicate.increment(r.duplicates());
        ctx.json(new EventsResult(events.size(), r.stored(), r.duplicates(), r.lastSequence()));
    }

    private volatile io.genrec.llm.crs.ChatEngine chat;

    /** A chat request: the session to continue (null or unknown: a new one) and the user's message. */
    public record ChatRequest(String session, String message) { }

    @OpenApi(path = "/v1/chat", methods = HttpMethod.POST, summary = "One turn of a conversation with the recommender",
            description = "Answers with grounded catalogue items and a reason for each; `fallback` says when a fallback answered. "
                    + "Sessions are bounded in number, length and idle time.",
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = ChatRequest.class)),
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = io.genrec.llm.crs.ChatReply.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ErrorBody.class)),
                    @OpenApiResponse(status = "503", content = @OpenApiContent(from = ErrorBody.class))})
    private void chatTurn(Context ctx) {
        allowOnly(ctx);
        io.genrec.llm.crs.ChatEngine engine = chat;
        if (engine == null) throw new FieldException.NotReady("chat is not available yet (its catalogue is still being embedded) or not enabled");
        JsonNode n = body(ctx);
        if (!n.isObject()) throw new FieldException.Invalid("body", "a chat turn must be a JSON object {\"session\":…,\"message\":…}");
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("session") && !f.equals("message")) throw FieldException.invalid(f, "is not a field of a chat turn (session, message)");
        }
        JsonNode m = n.get("message"), sn = n.get("session");
        if (m == null || !m.isTextual() || m.asText().isBlank()) throw FieldException.invalid("message", "must be a non-empty string");
        if (sn != null && !sn.isNull() && !sn.isTextual()) throw FieldException.invalid("session", "must be a string or null");
        String session = sn == null || sn.isNull() ? null : sn.asText();
        if (session != null && session.length() > MAX_ID) throw FieldException.invalid("session", "is longer than " + MAX_ID + " characters");
        try {
            ctx.json(engine.reply(session, m.asText()));
        } catch (IllegalArgumentException e) {
            throw FieldException.invalid("message", e.getMessage());
        }
    }

    private JsonNode body(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) throw new FieldException.Invalid("body", "a JSON body is required");
        try {
            JsonNode n = json.readTree(body);
            if (n == null || n.isMissingNode()) throw new FieldException.Invalid("body", "a JSON body is required");
            return n;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new FieldException.Invalid("body", "malformed JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": " + e.getOriginalMessage());
        }
    }

    private static Event event(JsonNode n, String prefix) {
        if (!n.isObject()) throw new FieldException.Invalid(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                "an event must be a JSON object, got " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!EVENT_FIELDS.contains(f)) throw new FieldException.Invalid(prefix + f, "unknown event field '" + f + "'; allowed: " + String.join(", ", EVENT_FIELDS.stream().sorted().toList()));
        }
        String user = idField(n, "user", prefix);
        String item = idField(n, "item", prefix);
        JsonNode t = n.get("type");
        if (t == null || t.isNull()) throw new FieldException.Invalid(prefix + "type", "'type' is required (view, click, purchase, rating, …)");
        if (!t.isTextual()) throw new FieldException.Invalid(prefix + "type", "'type' must be a string");
        Double value = null;
        JsonNode v = n.get("value");
        if (v != null && !v.isNull()) {
            if (!v.isNumber()) throw new FieldException.Invalid(prefix + "value", "'value' must be a number");
            value = v.doubleValue();
        }
        long ts = System.currentTimeMillis();
        JsonNode tn = n.get("timestamp");
        if (tn != null && !tn.isNull()) {
            if (!tn.isIntegralNumber() || !tn.canConvertToLong()) throw new FieldException.Invalid(prefix + "timestamp", "'timestamp' must be an integer (epoch milliseconds)");
            ts = tn.longValue();
        }
        String key = null;
        JsonNode kn = n.get("idempotency_key");
        if (kn != null && !kn.isNull()) {
            if (!kn.isTextual()) throw new FieldException.Invalid(prefix + "idempotency_key", "'idempotency_key' must be a string");
            key = kn.textValue();
        }
        try {
            return new Event(user, item, t.textValue(), value, ts, key);
        } catch (IllegalArgumentException e) {
            // Event names the field as "event field 'x'"; point at it in the batch
            String msg = e.getMessage();
            int a = msg.indexOf('\''), b = a < 0 ? -1 : msg.indexOf('\'', a + 1);
            throw new FieldException.Invalid(a < 0 || b < 0 ? prefix + "event" : prefix + msg.substring(a + 1, b), msg);
        }
    }

    private static String idField(JsonNode n, String name, String prefix) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) throw new FieldException.Invalid(prefix + name, "'" + name + "' is required");
        String s;
        if (v.isTextual()) s = v.textValue();
        else if (v.isIntegralNumber()) s = v.asText(); // numeric ids as in MovieLens
        else throw new FieldException.Invalid(prefix + name, "'" + name + "' must be a string (or an integer id), got " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        if (s.isBlank()) throw new FieldException.Invalid(prefix + name, "'" + name + "' must not be blank");
        if (s.length() > MAX_ID) throw new FieldException.Invalid(prefix + name, "'" + name + "' is longer than " + MAX_ID + " characters");
        return s;
    }

    /** A catalogue item as put. */
    public record ItemBody(String title, String text, List<String> categories, Map<String, String> attributes) { }

    @OpenApi(path = "/v1/items/{item}", methods = HttpMethod.PUT, summary = "Add or replace a catalogue item (searchable and recommendable by text at once)",
            pathParams = @OpenApiParam(name = "item", required = true),
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = ItemBody.class)),
            responses = {@OpenApiResponse(status = "201", content = @OpenApiContent(from = Item.class)),
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = Item.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ErrorBody.class))})
    private void putItem(Context ctx) {
        allowOnly(ctx);
        String id = id(ctx, "item");
        JsonNode n = body(ctx);
        if (!n.isObject()) throw new FieldException.Invalid("body", "an item must be a JSON object");
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ITEM_FIELDS.contains(f)) throw new FieldException.Invalid(f, "unknown item field '" + f + "'; allowed: attributes, categories, text, title");
        }
        String title = optionalText(n, "title", 1000);
        String text = optionalText(n, "text", 20_000);
        List<String> categories = new ArrayList<>();
        JsonNode c = n.get("categories");
        if (c != null && !c.isNull()) {
            if (!c.isArray()) throw new FieldException.Invalid("categories", "'categories' must be an array of strings");
            for (int i = 0; i < c.size(); i++) {
                if (!c.get(i).isTextual() || c.get(i).textValue().isBlank())
                    throw new FieldException.Invalid("categories[" + i + "]", "each category must be a non-empty string");
                categories.add(c.get(i).textValue());
            }
        }
        Map<String, String> attributes = new HashMap<>();
        JsonNode a = n.get("attributes");
        if (a != null && !a.isNull()) {
            if (!a.isObject()) throw new FieldException.Invalid("attributes", "'attributes' must be an object of strings");
            for (var e : a.properties()) {
                if (e.getValue().getNodeType() != JsonNodeType.STRING && !e.getValue().isNumber())
                    throw new FieldException.Invalid("attributes." + e.getKey(), "attribute values must be strings or numbers");
                attributes.put(e.getKey(), e.getValue().asText());
            }
        }
        if ((title == null || title.isBlank()) && (text == null || text.isBlank()) && categories.isEmpty())
            throw new FieldException.Invalid("title", "an item needs at least a title, a text or a category");
        Item item = new Item(id, title, categories, text == null ? Map.of() : Map.of("description", text), attributes);
        boolean created = serving.upsertItem(item);
        ctx.status(created ? 201 : 200).json(item);
    }

    private static String optionalText(JsonNode n, String name, int max) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new FieldException.Invalid(name, "'" + name + "' must be a string");
        if (v.textValue().length() > max) throw new FieldException.Invalid(name, "'" + name + "' is longer than " + max + " characters");
        return v.textValue();
    }

    @OpenApi(path = "/v1/models", methods = HttpMethod.GET, summary = "Served models: name, version, provenance, fit time, validation metrics",
            responses = @OpenApiResponse(status = "200", content = @OpenApiContent(from = ModelInfo[].class)))
    private void models(Context ctx) {
        allowOnly(ctx);
        ctx.json(Map.of("models", api.models()));
    }

    /** The answer to a retrain request. */
    public record RetrainStarted(String status, int servingGeneration) { }

    @OpenApi(path = "/v1/admin/retrain", methods = HttpMethod.POST, summary = "Refit the served models on the stored events and swap them in",
            responses = @OpenApiResponse(status = "202", content = @OpenApiContent(from = RetrainStarted.class)))
    private void retrain(Context ctx) {
        allowOnly(ctx);
        ServingService.Snapshot s = serving.snapshot();
        if (s == null) throw new FieldException.NotReady("models are still loading; retrain after start-up");
        serving.retrain("POST /v1/admin/retrain");
        ctx.status(202).json(new RetrainStarted("retraining in the background; the new version shows in /v1/models when swapped in", s.generation()));
    }
}
