package io.genrec.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.image.ImageEncoders;
import io.genrec.model.ProgressListener;
import io.genrec.server.service.InMemoryEventStore;
import io.genrec.server.service.ServingFixtures;
import io.genrec.server.service.ServingService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code POST /v1/search/image} on a served catalogue whose comedies (i0-i19) have reddish pictures, dramas i20-i29
 * bluish ones and i30-i39 none: a red photo finds comedies; bad bodies, bad k and a server without pictures answer in
 * the one error shape.
 */
class ImageSearchRoutesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static ServingService serving;
    static ApiServer server;
    @TempDir
    static Path pictures;

    @BeforeAll
    static void start() throws Exception {
        InMemoryEventStore store = ServingFixtures.store(3);
        serving = ServingFixtures.started(store, List.of("itemknn"));
        server = new ApiServer(serving, serving, new ApiServer.Options("127.0.0.1", 0, null, 64 * 1024, 0));
        server.start();
        for (int i = 0; i < 30; i++) {
            Color c = i < 20 ? new Color(200 + i, 20 + i, 30) : new Color(20, 30 + i, 190 + i);
            ImageIO.write(solid(c, 16), "png", pictures.resolve("i" + i + ".png").toFile());
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        serving.close();
    }

    static BufferedImage solid(Color c, int side) {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, side, side);
        g.dispose();
        return img;
    }

    static byte[] png(BufferedImage img) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    record Answer(int status, JsonNode json, String body) { }

    static Answer post(String query, byte[] body, String type) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + ImageSearchRoutes.PATH + query))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> a = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        return new Answer(a.statusCode(), JSON.readTree(a.body()), a.body());
    }

    static void assertError(Answer a, int status, String field) {
        assertEquals(status, a.status(), a.body());
        JsonNode e = a.json().get("error");
        assertEquals(status, e.get("status").asInt(), a.body());
        if (field == null) assertTrue(e.get("field").isNull(), a.body());
        else assertEquals(field, e.get("field").asText(), a.body());
        assertFalse(a.body().contains("Exception"), a.body());
    }

    /** Runs first and last in one test so the 503 before the index exists is certain. */
    @Test
    void searchesByPictureAndRefusesBadRequests() throws Exception {
        byte[] red = png(solid(new Color(215, 35, 30), 24));
        Answer none = post("", red, "image/png");
        assertError(none, 503, null);
        assertTrue(none.json().get("error").get("message").asText().contains("--images"), none.body());

        var catalog = serving.catalog().toItemCatalog();
        ImageSearchRoutes.Index ix = ImageSearchRoutes.Index.build(catalog, pictures, ImageEncoders.openUncached("histogram"), ProgressListener.NONE);
        assertEquals(30, ix.pictures(), "i30-i39 have no picture");
        server.imageSearch(ix);

        Answer a = post("?k=5", red, "image/png");
        assertEquals(200, a.status(), a.body());
        assertEquals("image", a.json().get("model").asText());
        JsonNode items = a.json().get("items");
        assertEquals(5, items.size(), a.body());
        for (JsonNode it : items) {
            int n = Integer.parseInt(it.get("item").asText().substring(1));
            assertTrue(n < 20, "a red photo should find the red (comedy) pictures: " + a.body());
            assertTrue(it.get("title").asText().startsWith("Funny film"), a.body());
        }
        Answer blue = post("?k=3", png(solid(new Color(25, 40, 200), 20)), "image/jpeg");
        for (JsonNode it : blue.json().get("items")) {
            int n = Integer.parseInt(it.get("item").asText().substring(1));
            assertTrue(n >= 20 && n < 30, "a blue photo should find the blue pictures: " + blue.body());
        }

        assertError(post("", "not a picture".getBytes(StandardCharsets.UTF_8), "image/png"), 400, "body");
        assertError(post("", new byte[0], "image/png"), 400, "body");
        assertError(post("?k=0", red, "image/png"), 400, "k");
        assertError(post("?colour=red", red, "image/png"), 400, "colour");
        assertError(post("", new byte[100 * 1024], "image/png"), 413, null);

        HttpResponse<String> caps = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/capabilities")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(JSON.readTree(caps.body()).get("image_search").asBoolean(), caps.body());
        HttpResponse<String> api = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode path = JSON.readTree(api.body()).get("paths").get(ImageSearchRoutes.PATH);
        assertNotNull(path, "openapi documents " + ImageSearchRoutes.PATH);
        assertTrue(path.has("post"), path.toString());
    }
}
