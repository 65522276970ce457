package io.genrec.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.server.service.ServingFixtures;
import io.genrec.server.service.ServingService;
import io.genrec.server.store.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The routes and static files behind the web page, without a browser. */
class WebRoutesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static ServingService serving;
    static ApiServer server;

    @BeforeAll
    static void start() throws Exception {
        serving = ServingFixtures.started(ServingFixtures.store(3), List.of("ease"));
        server = new ApiServer(serving, serving, ApiServer.Options.loopback(0));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
        serving.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void servesThePageAndItsChartsFromTheJar() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("src=\"/app.js\""), page.body());
        assertEquals(200, get("/app.js").statusCode());
        HttpResponse<String> charts = get("/webjars/echarts/5.3.1/dist/echarts.esm.min.js");
        assertEquals(200, charts.statusCode());
        assertTrue(charts.body().length() > 100_000);
        // unknown API paths keep the JSON error shape
        assertEquals(404, get("/v1/nothing-here").statusCode());
        assertTrue(get("/v1/nothing-here").body().contains("\"error\""));
    }

    @Test
    void capabilitiesOfferChatOnlyWhenARouteTurnsItOn() throws Exception {
        assertFalse(json("/v1/capabilities").get("chat").asBoolean());
        assertTrue(json("/v1/capabilities").get("search").asBoolean());
        assertFalse(json("/v1/capabilities").get("experiments").asBoolean());
        server.capability("chat", true);
        try {
            assertTrue(json("/v1/capabilities").get("chat").asBoolean());
        } finally {
            server.capability("chat", false);
        }
    }

    @Test
    void usersAndTheirRecentHistoryWithTitles() throws Exception {
        JsonNode users = json("/v1/users?limit=5");
        assertEquals(5, users.get("users").size());
        assertEquals("u0", users.get("users").get(0).get("user").asText());
        assertEquals(8, users.get("users").get(0).get("interactions").asInt());
        assertTrue(get("/v1/users?limit=1").body().startsWith("{\"users\":[{\"user\":\"u0\",\"interactions\":8}"), "stable key order");
        assertEquals(List.of("u1", "u10"), List.of(json("/v1/users?prefix=u1&limit=2").get("users").get(0).get("user").asText(),
                json("/v1/users?prefix=u1&limit=2").get("users").get(1).get("user").asText()));

        serving.record(List.of(new Event("web-new", "i7", "like", null, System.currentTimeMillis(), null),
                new Event("web-new", "i3", "like", null, System.currentTimeMillis() + 1, null),
                new Event("web-new", "i5", "dismiss", null, System.currentTimeMillis() + 2, null)));
        JsonNode u = json("/v1/users/web-new");
        assertEquals(2, u.get("interactions").asInt(), "the dismiss is not a positive");
        assertEquals("i3", u.get("recent").get(0).get("item").asText(), "most recent first");
        assertEquals("Funny film 3", u.get("recent").get(0).get("title").asText());
        assertEquals(0, json("/v1/users/nobody").get("interactions").asInt());
    }

    @Test
    void itemsAndCategories() throws Exception {
        assertEquals("Serious film 25", json("/v1/items/i25").get("title").asText());
        assertEquals(404, get("/v1/items/no-such").statusCode());
        JsonNode cats = json("/v1/categories").get("categories");
        assertEquals(2, cats.size());
        assertEquals(20, cats.get(0).get("items").asInt());
        assertEquals(400, get("/v1/categories?x=1").statusCode());
    }

    @Test
    void resultsListReportsAndNameTheFilesThatAreNot(@TempDir Path dir) throws Exception {
        assertEquals(0, json("/v1/results").get("files").size());
        Files.createDirectories(dir.resolve("run1"));
        Files.writeString(dir.resolve("run1/results.json"), """
                {"results":[{"model":"ease","metrics":{"ndcg@10":0.3},"fitSeconds":1.5,"provenance":{"seed":1}}],
                 "comparisons":[], "dataset":{"name":"d"}, "split":"s"}""");
        Files.writeString(dir.resolve("broken.json"), "{\"results\": [");
        Files.writeString(dir.resolve("other.json"), "{\"x\": 1}");
        server.resultsDir(dir);
        try {
            JsonNode r = json("/v1/results");
            assertEquals(1, r.get("files").size());
            JsonNode f = r.get("files").get(0);
            assertEquals("run1/results.json", f.get("file").asText());
            assertEquals(0.3, f.get("results").get(0).get("metrics").get("ndcg@10").asDouble());
            assertFalse(f.get("results").get(0).has("provenance"));
            assertEquals(2, r.get("skipped").size());
            assertTrue(r.get("skipped").toString().contains("broken.json"));
            assertTrue(json("/v1/capabilities").get("results").asBoolean());
        } finally {
            server.resultsDir(null);
        }
    }
}
