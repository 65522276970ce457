package io.genrec.server.online;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.server.service.ItemList;
import io.genrec.server.service.RecommendRequest;
import io.genrec.server.store.Event;
import io.genrec.server.testing.FakeRecommendationService;
import io.javalin.Javalin;
import io.javalin.http.UnauthorizedResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ExperimentRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin app;
    private ExperimentService svc;
    private String base;

    @BeforeEach
    void start() {
        svc = new ExperimentService(new FakeRecommendationService(), new InMemoryExperimentLog(), () -> Instant.ofEpochMilli(5_000_000));
        app = Javalin.create();
        ExperimentRoutes.register(app, svc, ctx -> {
            if (!"admin-key".equals(ctx.header("X-Api-Key"))) throw new UnauthorizedResponse("admin key required");
        });
        app.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> post(String path, String body, boolean admin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (admin) b.header("X-Api-Key", "admin-key");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> r, int status, String field) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode e = JSON.readTree(r.body()).get("error");
        assertNotNull(e, r.body());
        assertEquals(status, e.get("status").asInt());
        if (field == null) assertTrue(e.get("field").isNull(), r.body());
        else assertEquals(field, e.get("field").asText(), r.body());
        assertFalse(e.get("message").asText().isBlank());
        assertFalse(r.body().contains("Exception"), "no Java internals: " + r.body());
    }

    @Test
    void createListReportStop() throws Exception {
        assertEquals(401, post("/v1/experiments", "{\"id\":\"e1\",\"arms\":[\"ease\",\"sasrec\"]}", false).statusCode());
        HttpResponse<String> created = post("/v1/experiments", "{\"id\":\"e1\",\"arms\":[\"ease\",{\"model\":\"sasrec\",\"weight\":3}]}", true);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode c = JSON.readTree(created.body());
        assertEquals("running", c.get("status").asText());
        assertEquals(5_000_000, c.get("start").asLong(), "start defaults to now");
        assertEquals(3.0, c.get("arms").get(1).get("weight").asDouble());

        ItemList shown = svc.recommend(new RecommendRequest("u7", 4, null, true, null));
        svc.record(List.of(new Event("u7", shown.items().get(0).item(), "click", null, 5_000_100, null)));

        JsonNode list = JSON.readTree(get("/v1/experiments").body()).get("experiments");
        assertEquals(1, list.size());
        assertEquals("e1", list.get(0).get("id").asText());

        HttpResponse<String> rep = get("/v1/experiments/e1");
        assertEquals(200, rep.statusCode(), rep.body());
        JsonNode report = JSON.readTree(rep.body());
        assertEquals(1, report.get("impressions").asInt());
        JsonNode arm = null;
        for (JsonNode a : report.get("arms")) if (a.get("arm").asText().equals(shown.arm())) arm = a;
        assertNotNull(arm, rep.body());
        assertEquals(1, arm.get("clicks").asInt());
        JsonNode ctr = arm.get("ctr");
        assertEquals(1.0, ctr.get("value").asDouble());
        assertTrue(ctr.get("low").asDouble() > 0 && ctr.get("low").asDouble() < 1, rep.body());
        assertTrue(arm.has("conversionRate"), rep.body());
        assertTrue(report.get("interleaving").isNull());

        assertEquals(401, post("/v1/experiments/e1/stop", "", false).statusCode());
        HttpResponse<String> stopped = post("/v1/experiments/e1/stop", "", true);
        assertEquals(200, stopped.statusCode(), stopped.body());
        assertEquals("stopped", JSON.readTree(stopped.body()).get("status").asText());
    }

    @Test
    void badRequestsGetTheErrorShapeNamingTheField() throws Exception {
        assertError(post("/v1/experiments", "{\"id\":\"e1\",\"arms\":[\"ease\"", true), 400, "body");
        assertError(post("/v1/experiments", "\"just a string\"", true), 400, "body");
        assertError(post("/v1/experiments", "{\"id\":7,\"arms\":[\"ease\",\"sasrec\"]}", true), 400, "id");
        assertError(post("/v1/experiments", "{\"id\":\"e1\",\"arms\":[\"ease\",\"gru4rec\"]}", true), 400, "arms[1].model");
        assertError(post("/v1/experiments", "{\"id\":\"e1\",\"arms\":[\"ease\",\"sasrec\"],\"colour\":\"red\"}", true), 400, "colour");
        assertError(post("/v1/experiments", "{\"id\":\"e1\",\"arms\":[\"ease\",{\"model\":\"sasrec\",\"weight\":-1}]}", true), 400, "arms[1].weight");
        assertError(get("/v1/experiments/nope"), 404, "id");
        assertError(post("/v1/experiments/nope/stop", "", true), 404, "id");
        assertEquals(201, post("/v1/experiments", "{\"id\":\"e1\",\"arms\":[\"ease\",\"sasrec\"]}", true).statusCode());
        assertError(post("/v1/experiments", "{\"id\":\"e1\",\"arms\":[\"ease\",\"sasrec\"]}", true), 409, "id");
        assertError(post("/v1/experiments", "{\"id\":\"e2\",\"arms\":[\"ease\",\"sasrec\"]}", true), 409, "id");
    }
}
