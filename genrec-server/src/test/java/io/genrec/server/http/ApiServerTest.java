package io.genrec.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.server.service.InMemoryEventStore;
import io.genrec.server.service.ServingFixtures;
import io.genrec.server.service.ServingService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiServerTest {
    static final String KEY = "test-key-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static InMemoryEventStore store;
    static ServingService serving;
    static ApiServer open;
    static ApiServer keyed;

    @BeforeAll
    static void start() throws Exception {
        store = ServingFixtures.store(11);
        serving = ServingFixtures.started(store, List.of("ease", "itemknn"));
        open = new ApiServer(serving, serving, new ApiServer.Options("127.0.0.1", 0, null, 64 * 1024, 0));
        open.start();
        keyed = new ApiServer(serving, serving, new ApiServer.Options("127.0.0.1", 0, KEY, 64 * 1024, 0));
        keyed.start();
    }

    @AfterAll
    static void stop() {
        open.close();
        keyed.close();
        serving.close();
    }

    record Answer(int status, JsonNode json, String body) { }

    static Answer send(ApiServer server, String method, String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) b.headers(headers);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode j = null;
        try {
            j = JSON.readTree(r.body());
        } catch (IOException notJson) {
            // metrics are text
        }
        return new Answer(r.statusCode(), j, r.body());
    }

    static Answer get(String path) throws Exception { return send(open, "GET", path, null); }

    /** The one error shape, naming the field. */
    static void assertError(Answer a, int status, String field) {
        assertEquals(status, a.status(), a.body());
        JsonNode e = a.json().get("error");
        assertEquals(status, e.get("status").asInt(), a.body());
        if (field == null) assertTrue(e.get("field").isNull(), a.body());
        else assertEquals(field, e.get("field").asText(), a.body());
        assertFalse(e.get("message").asText().isBlank());
        assertFalse(a.body().contains("\tat ") || a.body().contains("Exception"), "no stack trace or class names: " + a.body());
    }

    @Test
    void healthReadyModels() throws Exception {
        assertEquals(200, get("/health").status());
        assertEquals("ready", get("/ready").json().get("status").asText());
        JsonNode models = get("/v1/models").json().get("models");
        assertEquals("ease", models.get(0).get("name").asText());
        assertEquals("v1", models.get(0).get("version").asText());
        assertTrue(models.get(0).get("provenance").has("dataHash"));
    }

    @Test
    void recommendationsCarryModelAndVersionAndValidateEveryParameter() throws Exception {
        Answer a = get("/v1/users/u0/recommendations?k=3&model=itemknn&exclude_seen=false");
        assertEquals(200, a.status(), a.body());
        assertEquals("itemknn", a.json().get("model").asText());
        assertEquals("v1", a.json().get("modelVersion").asText());
        assertTrue(a.json().get("fallback").isNull());
        assertEquals(3, a.json().get("items").size());
        assertTrue(a.json().get("items").get(0).has("title"));

        Answer cold = get("/v1/users/nobody-yet/recommendations");
        assertEquals(200, cold.status());
        assertEquals("popularity", cold.json().get("model").asText());
        assertFalse(cold.json().get("fallback").isNull());

        for (String k : List.of("0", "-1", "1001", "99999999999", "ten", "1.5", ""))
            assertError(get("/v1/users/u0/recommendations?k=" + k), 400, "k");
        assertError(get("/v1/users/u0/recommendations?exclude_seen=yes"), 400, "exclude_seen");
        assertError(get("/v1/users/u0/recommendations?model="), 400, "model");
        assertError(get("/v1/users/u0/recommendations?model=nope"), 404, "model");
        assertError(get("/v1/users/u0/recommendations?kk=3"), 400, "kk");
        assertError(get("/v1/users/u0/recommendations?k=3&k=4"), 400, "k");
        assertError(get("/v1/users/" + "x".repeat(300) + "/recommendations"), 400, "user");
        Answer drama = get("/v1/users/u0/recommendations?filter=drama&k=5");
        for (JsonNode it : drama.json().get("items")) assertEquals("Drama", it.get("categories").get(0).asText());
        JsonNode everything = get("/v1/users/u0/recommendations?k=1000&exclude_seen=false").json().get("items");
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (JsonNode it : everything) distinct.add(it.get("item").asText());
        assertEquals(everything.size(), distinct.size(), "k larger than the catalogue lists every item once");
        assertTrue(everything.size() >= ServingFixtures.ITEMS, "every model item is listed");
    }

    @Test
    void similarSearchExplain() throws Exception {
        Answer s = get("/v1/items/i1/similar?k=4");
        assertEquals(200, s.status(), s.body());
        assertEquals(4, s.json().get("items").size());
        for (JsonNode it : s.json().get("items")) assertNotEquals("i1", it.get("item").asText());
        assertError(get("/v1/items/nope/similar"), 404, "item");
        assertError(get("/v1/items/i1/similar?k=0"), 400, "k");

        Answer q = get("/v1/search?q=grim%20tragic%20story&k=3");
        assertEquals(200, q.status(), q.body());
        assertEquals("Drama", q.json().get("items").get(0).get("categories").get(0).asText());
        assertError(get("/v1/search"), 400, "q");
        assertError(get("/v1/search?q=%20"), 400, "q");

        Answer e = get("/v1/users/u0/recommendations/i3/explanation");
        assertEquals(200, e.status(), e.body());
        assertFalse(e.json().get("text").asText().isBlank());
        assertError(get("/v1/users/u0/recommendations/nope/explanation"), 404, "item");
    }

    @Test
    void eventsAreValidatedStoredOnceAndChangeTheNextAnswer() throws Exception {
        String before = get("/v1/users/fresh-user/recommendations?k=5").body();
        Answer one = send(open, "POST", "/v1/events", "{\"user\":\"fresh-user\",\"item\":\"i21\",\"type\":\"click\",\"idempotency_key\":\"k-1\"}");
        assertEquals(200, one.status(), one.body());
        assertEquals(1, one.json().get("stored").asInt());
        Answer retry = send(open, "POST", "/v1/events", "{\"user\":\"fresh-user\",\"item\":\"i21\",\"type\":\"click\",\"idempotency_key\":\"k-1\"}");
        assertEquals(0, retry.json().get("stored").asInt());
        assertEquals(1, retry.json().get("duplicates").asInt());
        Answer batch = send(open, "POST", "/v1/events", "[{\"user\":\"fresh-user\",\"item\":\"i22\",\"type\":\"view\",\"timestamp\":5},"
                + "{\"user\":\"fresh-user\",\"item\":23,\"type\":\"rating\",\"value\":5}]");
        assertEquals(2, batch.json().get("stored").asInt(), batch.body());
        Answer after = get("/v1/users/fresh-user/recommendations?k=5");
        assertNotEquals(before, after.body());
        assertEquals("ease", after.json().get("model").asText());
        assertTrue(after.json().get("fallback").isNull());

        assertError(send(open, "POST", "/v1/events", "{\"user\":\"a\",\"item\":"), 400, "body");
        assertError(send(open, "POST", "/v1/events", ""), 400, "body");
        assertError(send(open, "POST", "/v1/events", "[]"), 400, "events");
        assertError(send(open, "POST", "/v1/events", "42"), 400, "body");
        assertError(send(open, "POST", "/v1/events", "{\"user\":\"a\",\"item\":\"i1\"}"), 400, "type");
        assertError(send(open, "POST", "/v1/events", "{\"user\":true,\"item\":\"i1\",\"type\":\"view\"}"), 400, "user");
        assertError(send(open, "POST", "/v1/events", "{\"user\":\"a\",\"item\":\"i1\",\"type\":\"View!\"}"), 400, "type");
        assertError(send(open, "POST", "/v1/events", "{\"user\":\"a\",\"item\":\"i1\",\"type\":\"view\",\"value\":\"5\"}"), 400, "value");
        assertError(send(open, "POST", "/v1/events", "{\"user\":\"a\",\"item\":\"i1\",\"type\":\"view\",\"timestamp\":-5}"), 400, "timestamp");
        assertError(send(open, "POST", "/v1/events", "{\"user\":\"a\",\"item\":\"i1\",\"type\":\"view\",\"timestamp\":1.5}"), 400, "timestamp");
        assertError(send(open, "POST", "/v1/events", "{\"user\":\"a\",\"item\":\"i1\",\"type\":\"view\",\"color\":1}"), 400, "color");
        assertError(send(open, "POST", "/v1/events", "[{\"user\":\"a\",\"item\":\"i1\",\"type\":\"view\"},{\"user\":\"a\"}]"), 400, "events[1].item");
        long stored = store.count();
        assertError(send(open, "POST", "/v1/events", "[" + "{\"user\":\"a\",\"item\":\"i1\",\"type\":\"view\"},".repeat(2000) + "{}]"), 413, null);
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) many.append(i == 0 ? "" : ",").append("{\"user\":\"a\",\"item\":\"i1\",\"type\":\"view\"}");
        assertError(send(open, "POST", "/v1/events", many.append("]").toString()), 400, "events");
        assertEquals(stored, store.count(), "rejected requests store nothing");
    }

    @Test
    void putItemValidatesAndMakesTheItemSearchable() throws Exception {
        Answer created = send(open, "PUT", "/v1/items/zz-new", "{\"title\":\"Quasar orchestra\",\"text\":\"a space opera concert\",\"categories\":[\"Music\"]}");
        assertEquals(201, created.status(), created.body());
        Answer updated = send(open, "PUT", "/v1/items/zz-new", "{\"title\":\"Quasar orchestra live\",\"categories\":[\"Music\"]}");
        assertEquals(200, updated.status(), updated.body());
        assertEquals("zz-new", get("/v1/search?q=quasar%20orchestra&k=1").json().get("items").get(0).get("item").asText());
        assertError(send(open, "PUT", "/v1/items/bad", "{\"title\":5}"), 400, "title");
        assertError(send(open, "PUT", "/v1/items/bad", "{\"categories\":\"Music\"}"), 400, "categories");
        assertError(send(open, "PUT", "/v1/items/bad", "{\"categories\":[\"\"]}"), 400, "categories[0]");
        assertError(send(open, "PUT", "/v1/items/bad", "{}"), 400, "title");
        assertError(send(open, "PUT", "/v1/items/bad", "{\"title\":\"x\",\"price\":3}"), 400, "price");
        assertError(send(open, "PUT", "/v1/items/bad", "{not json"), 400, "body");
    }

    @Test
    void writesAndAdminNeedTheKeyWhenOneIsSet() throws Exception {
        String ev = "{\"user\":\"k-user\",\"item\":\"i1\",\"type\":\"view\"}";
        assertError(send(keyed, "POST", "/v1/events", ev), 401, "X-API-Key");
        assertError(send(keyed, "POST", "/v1/events", ev, "X-API-Key", "wrong-key-0123456789"), 403, "X-API-Key");
        assertEquals(200, send(keyed, "POST", "/v1/events", ev, "X-API-Key", KEY).status());
        assertEquals(200, send(keyed, "POST", "/v1/events", ev, "Authorization", "Bearer " + KEY).status());
        assertError(send(keyed, "POST", "/v1/admin/retrain", null), 401, "X-API-Key");
        assertEquals(200, send(keyed, "GET", "/v1/users/u0/recommendations", null).status(), "reads need no key");
    }

    @Test
    void refusesToBindOffLoopbackWithoutAKey() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ApiServer(serving, serving, new ApiServer.Options("0.0.0.0", 0, null, 1 << 20, 0)));
        assertTrue(e.getMessage().contains("API key"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ApiServer.Options("127.0.0.1", 0, "short", 1 << 20, 0));
    }

    @Test
    void unknownRoutesAndMethodsAnswerInTheErrorShape() throws Exception {
        assertError(get("/v2/nothing"), 404, null);
        assertError(send(open, "DELETE", "/v1/events", null), 404, null);
    }

    @Test
    void rateLimitAnswers429() throws Exception {
        ApiServer limited = new ApiServer(serving, serving, new ApiServer.Options("127.0.0.1", 0, null, 1 << 20, 2));
        limited.start();
        try {
            int tooMany = 0;
            for (int i = 0; i < 10; i++) {
                Answer a = send(limited, "GET", "/health", null);
                if (a.status() == 429) {
                    assertError(a, 429, null);
                    tooMany++;
                }
            }
            assertTrue(tooMany >= 5, "a bucket of 4 at 2/s lets through at most ~5 of 10 quick requests; 429s: " + tooMany);
            int mcpTooMany = 0;
            for (int i = 0; i < 10; i++) {
                Answer a = send(limited, "POST", "/mcp", "{}", "Content-Type", "application/json", "Accept", "application/json, text/event-stream");
                if (a.status() == 429) {
                    assertError(a, 429, null);
                    mcpTooMany++;
                }
            }
            assertTrue(mcpTooMany >= 5, "the MCP endpoint shares the client's bucket; 429s: " + mcpTooMany);
        } finally {
            limited.close();
        }
    }

    @Test
    void metricsAndOpenApiArePublished() throws Exception {
        get("/v1/users/u0/recommendations?k=2");
        get("/ready");
        Answer m = get("/metrics");
        assertEquals(200, m.status());
        assertTrue(m.body().contains("genrec_http_requests_seconds_bucket"), "latency histogram");
        assertTrue(m.body().contains("endpoint=\"/v1/users/{user}/recommendations\""), "per endpoint");
        assertTrue(m.body().contains("model=\"ease\""), "per model");
        assertTrue(m.body().contains("genrec_events_ingested_total"));
        assertTrue(m.body().contains("genrec_model_age_seconds{model=\"ease\"}"));
        Answer o = get("/openapi.json");
        assertEquals(200, o.status(), o.body());
        for (String path : List.of("/v1/users/{user}/recommendations", "/v1/items/{item}/similar", "/v1/search", "/v1/events",
                "/v1/items/{item}", "/v1/models", "/health", "/ready", "/v1/users/{user}/recommendations/{item}/explanation",
                "/v1/experiments", "/v1/experiments/{id}", "/v1/experiments/{id}/stop"))
            assertTrue(o.json().get("paths").has(path), "openapi documents " + path);
    }

    @Test
    void experimentsAndMcpAreMountedOnTheSameServer() throws Exception {
        var experiments = new io.genrec.server.online.ExperimentService(serving, new io.genrec.server.online.InMemoryExperimentLog(),
                java.time.InstantSource.system());
        try (ApiServer server = new ApiServer(experiments, serving, new ApiServer.Options("127.0.0.1", 0, KEY, 64 * 1024, 0))) {
            server.start();
            assertEquals(401, send(server, "POST", "/v1/experiments", "{\"id\":\"ab\",\"arms\":[\"ease\",\"itemknn\"]}").status());
            Answer created = send(server, "POST", "/v1/experiments", "{\"id\":\"ab\",\"arms\":[\"ease\",\"itemknn\"]}", "X-API-Key", KEY);
            assertEquals(201, created.status(), created.body());
            Answer shown = send(server, "GET", "/v1/users/u0/recommendations?k=3", null);
            assertEquals(200, shown.status(), shown.body());
            String arm = shown.json().get("arm").asText();
            assertTrue(arm.equals("ease") || arm.equals("itemknn"), shown.body());
            Answer report = send(server, "GET", "/v1/experiments/ab", null);
            assertEquals(200, report.status(), report.body());
            assertEquals(1, report.json().get("impressions").asInt(), report.body());
            // the MCP endpoint answers protocol requests (not Javalin's 404 for an unknown path)
            Answer mcp = send(server, "POST", "/mcp", "{}", "Content-Type", "application/json", "Accept", "application/json, text/event-stream");
            assertNotEquals(404, mcp.status(), mcp.body());
        }
    }

    @Test
    void chatAnswersWithGroundedItemsOnceOfferedAndValidatesItsBody() throws Exception {
        assertError(send(open, "POST", "/v1/chat", "{\"message\":\"hi\"}"), 503, null);
        assertEquals(false, get("/v1/capabilities").json().get("chat").asBoolean(false), "no chat is advertised before it is offered");
        java.util.function.BiFunction<String, java.util.List<String>, io.genrec.llm.crs.CrsMovie> movie = (name, genres) ->
                new io.genrec.llm.crs.CrsMovie(0, name, name, io.genrec.llm.crs.Titles.key(name).year(), genres, "", List.of(), List.of(), List.of(), -1);
        io.genrec.llm.crs.CrsCatalog cat = new io.genrec.llm.crs.CrsCatalog(List.of(movie.apply("The Matrix (1999)", List.of("action", "sci-fi")),
                movie.apply("Arrival (2016)", List.of("drama", "sci-fi")), movie.apply("Up (2009)", List.of("animation", "family"))));
        float[] pop = {1, 1, 1};
        io.genrec.llm.crs.Signals signals = new io.genrec.llm.crs.Signals(cat, pop, null, null);
        open.chat(new io.genrec.llm.crs.ChatEngine(cat, new io.genrec.llm.crs.StateTracker(cat, pop), new io.genrec.llm.crs.FusionRecommender("hybrid",
                signals, new io.genrec.llm.crs.FusionRecommender.Weights(0.2f, 0, 0, 1.5f, 0, 0)), io.genrec.llm.crs.ChatEngine.Limits.DEFAULT,
                java.time.Clock.systemUTC()));
        try {
            assertTrue(get("/v1/capabilities").json().get("chat").asBoolean(), "chat is advertised once offered");
            Answer a = send(open, "POST", "/v1/chat", "{\"session\":null,\"message\":\"I loved The Matrix, more sci-fi please\"}");
            assertEquals(200, a.status(), a.body());
            String session = a.json().get("session").asText();
            assertFalse(session.isBlank());
            assertTrue(a.json().get("items").size() > 0, a.body());
            for (var it : a.json().get("items")) {
                assertTrue(cat.indexOfName(it.get("title").asText()) >= 0, "grounded in the catalogue: " + it);
                assertFalse(it.get("reason").asText().isBlank(), "a reason: " + it);
            }
            Answer next = send(open, "POST", "/v1/chat", "{\"session\":\"" + session + "\",\"message\":\"something else\"}");
            assertEquals(session, next.json().get("session").asText(), "the session continues");
            assertError(send(open, "POST", "/v1/chat", "{\"message\":\"\"}"), 400, "message");
            assertError(send(open, "POST", "/v1/chat", "{\"message\":\"hi\",\"mood\":1}"), 400, "mood");
            assertError(send(open, "POST", "/v1/chat", "{\"session\":5,\"message\":\"hi\"}"), 400, "session");
            assertError(send(open, "POST", "/v1/chat", "not json"), 400, "body");
        } finally {
            open.chat(null);
        }
    }
}
