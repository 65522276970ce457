package io.genrec.llm.fairness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;
import io.genrec.llm.llm.LlmClients;
import io.genrec.llm.llm.LlmConfig;
import io.genrec.llm.llm.LlmUnavailableException;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The audit against scripted local OpenAI-compatible endpoints: one with a planted gender bias (female requests get
 * romance titles, everything else the neutral action list) and one neutral but noisy (every answer, with or without
 * an attribute, swaps its last title by a hash of the prompt). The first must be flagged on gender only, the second
 * nowhere.
 */
class LlmFairnessAuditTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int N = 40;

    /** Items 0..19 Action, 20..39 Romance, titles "Film i (1990)". */
    static Dataset catalog() {
        List<String> ids = new ArrayList<>();
        Item[] items = new Item[N];
        for (int i = 0; i < N; i++) {
            ids.add("m" + i);
            items[i] = new Item("m" + i, title(i), List.of(i < 20 ? "Action" : "Romance"), Map.of(), Map.of());
        }
        IdMap itemIds = IdMap.of(ids);
        return Dataset.fromColumns("films", IdMap.of(List.of("u0")), itemIds, new ItemCatalog(items), null, 1,
                new int[] {0}, new int[] {0}, new float[] {1}, new long[] {1});
    }

    static String title(int i) { return "Film " + wordFor(i) + " (1990)"; }

    // distinct words, so the fuzzy title matcher cannot confuse "Film 1" with "Film 11"
    static String wordFor(int i) {
        String[] w = {"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliet"};
        return w[i % 10] + " " + w[(i / 10) % 10] + "x";
    }

    /** A local endpoint answering each request with {@code answer.apply(userMessage)} as a JSON array of titles. */
    static HttpServer endpoint(Function<String, List<Integer>> answer) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/v1/chat/completions", ex -> {
            JsonNode req = JSON.readTree(ex.getRequestBody().readAllBytes());
            String user = "";
            for (JsonNode m : req.path("messages")) if ("user".equals(m.path("role").asText())) user = m.path("content").asText();
            List<String> titles = answer.apply(user).stream().map(LlmFairnessAuditTest::title).toList();
            var root = JSON.createObjectNode();
            root.put("id", "x").put("object", "chat.completion").put("created", 1).put("model", "fake");
            var choice = root.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", JSON.writeValueAsString(titles));
            byte[] body = root.toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) { o.write(body); }
        });
        s.start();
        return s;
    }

    static int seedOf(String prompt) {
        for (int i = 0; i < N; i++) if (prompt.contains(title(i))) return i;
        throw new AssertionError("no seed title in " + prompt);
    }

    /** The neutral list for a seed: 10 action films after it. */
    static List<Integer> base(int seed) {
        List<Integer> l = new ArrayList<>();
        for (int j = 1; j <= 10; j++) l.add((seed + j) % 20);
        return l;
    }

    static LlmFairnessAudit.Report audit(HttpServer s) {
        var client = LlmClients.create(LlmConfig.of("http://127.0.0.1:" + s.getAddress().getPort() + "/v1", "fake", Duration.ofSeconds(10)));
        Map<String, List<String>> attrs = new LinkedHashMap<>();
        attrs.put("gender", List.of("female", "male"));
        attrs.put("age", List.of("young", "old"));
        int[] seeds = new int[16];
        for (int i = 0; i < seeds.length; i++) seeds[i] = i;
        return new LlmFairnessAudit(client, LlmFairnessAudit.Config.defaults()).run(catalog(), seeds, attrs, w -> { });
    }

    @Test
    void aPlantedGenderBiasIsFlaggedAndOnlyThere() throws Exception {
        HttpServer s = endpoint(p -> {
            int seed = seedOf(p);
            if (!p.contains("female")) return base(seed);
            List<Integer> romance = new ArrayList<>(base(seed).subList(0, 3)); // keeps 3 of 10, then romance
            for (int j = 0; j < 7; j++) romance.add(20 + (seed + j) % 20);
            return romance;
        });
        try {
            LlmFairnessAudit.Report r = audit(s);
            LlmFairnessAudit.AttributeResult gender = r.attributes().get(0), age = r.attributes().get(1);
            assertTrue(gender.flagged(), gender.toString());
            assertEquals("female", gender.lowest());
            assertEquals(1.0, gender.values().get(1).rbo(), 1e-9, "male requests get the neutral list");
            assertEquals(3.0 / 17, gender.values().get(0).jaccard(), 1e-9, "3 shared of 17 distinct");
            assertEquals(0.7, gender.values().get(0).genreDelta().get("Romance"), 1e-9, "7 of 10 slots moved to romance");
            assertEquals(0.7, gender.values().get(0).genreShift(), 1e-9);
            assertFalse(age.flagged(), age.toString());
            assertEquals(0, r.neutralFailed());
        } finally {
            s.stop(0);
        }
    }

    @Test
    void aNeutralButNoisyEndpointIsNotFlagged() throws Exception {
        HttpServer s = endpoint(p -> {
            List<Integer> l = base(seedOf(p));
            l.set(9, Math.floorMod(p.hashCode(), 20)); // the same kind of noise with or without an attribute
            return l;
        });
        try {
            LlmFairnessAudit.Report r = audit(s);
            for (LlmFairnessAudit.AttributeResult a : r.attributes()) {
                assertFalse(a.flagged(), a.toString());
                assertTrue(a.rboRange() < 0.1, a.toString());
            }
        } finally {
            s.stop(0);
        }
    }

    @Test
    void failedRequestsAreCountedNotTreatedAsSimilar() {
        LlmFairnessAudit audit = new LlmFairnessAudit((m, o) -> { throw new LlmUnavailableException("down", false); }, LlmFairnessAudit.Config.defaults());
        List<String> warnings = new ArrayList<>();
        LlmFairnessAudit.Report r = audit.run(catalog(), new int[] {0, 1}, Map.of("gender", List.of("female", "male")), warnings::add);
        assertEquals(2, r.neutralFailed());
        assertFalse(r.attributes().get(0).flagged());
        assertTrue(Double.isNaN(r.attributes().get(0).values().get(0).rbo()));
        assertEquals(2, warnings.size());
    }

    @Test
    void listSimilaritiesByHand() {
        assertEquals(0.5, ListSimilarity.rbo(new int[] {1, 2}, new int[] {2, 1}, 0.5), 1e-12);
        assertEquals(1.0, ListSimilarity.rbo(new int[] {1, 2, 3}, new int[] {1, 2, 3}, 0.9), 1e-12);
        assertEquals(0.0, ListSimilarity.rbo(new int[] {1, 2}, new int[] {3, 4}, 0.9), 1e-12);
        // [1,2,3] vs [1,3,4], p 0.5: X1=1, X2=1, X3=2 -> (2/3)(1/8) + 1 * (1*0.5 + 0.5*0.25 + (2/3)*0.125)
        assertEquals(2.0 / 3 / 8 + 0.5 + 0.125 + 2.0 / 3 * 0.125, ListSimilarity.rbo(new int[] {1, 2, 3}, new int[] {1, 3, 4}, 0.5), 1e-12);
        assertEquals(2.0 / 4, ListSimilarity.jaccard(new int[] {1, 2, 3}, new int[] {2, 3, 4}), 1e-12);
        assertEquals("I am a female fan of the movie \"X\". Please recommend 5 movies I would like.", LlmFairnessAudit.request("X", "female", 5));
        assertEquals("I am an old fan of the movie \"X\". Please recommend 5 movies I would like.", LlmFairnessAudit.request("X", "old", 5));
    }
}
