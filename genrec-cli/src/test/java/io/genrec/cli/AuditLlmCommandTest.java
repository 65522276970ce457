package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** {@code genrec audit-llm} on the bundled data against a scripted local endpoint, and without any endpoint. */
class AuditLlmCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern SEED = Pattern.compile("of the movie \"(.*)\"\\. Please");

    /** Answers with the request's own seed title, except for female requests, which get an empty list (the planted bias). */
    static HttpServer biased() throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/v1/chat/completions", ex -> {
            JsonNode req = JSON.readTree(ex.getRequestBody().readAllBytes());
            String user = req.path("messages").get(1).path("content").asText();
            Matcher m = SEED.matcher(user);
            String answer = user.contains("female") || !m.find() ? "[]" : JSON.writeValueAsString(java.util.List.of(m.group(1)));
            var root = JSON.createObjectNode();
            root.put("id", "x").put("object", "chat.completion").put("created", 1).put("model", "fake");
            var c = root.putArray("choices").addObject();
            c.put("index", 0).put("finish_reason", "stop");
            c.putObject("message").put("role", "assistant").put("content", answer);
            byte[] body = root.toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) { o.write(body); }
        });
        s.start();
        return s;
    }

    @Test
    void flagsThePlantedGenderBiasOfAScriptedEndpoint(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        HttpServer s = biased();
        try {
            CliTest.Run r = CliTest.run("audit-llm", "--requests", "6", "--attribute", "gender=female,male", "--attribute", "age=young,old",
                    "--llm-base-url", "http://127.0.0.1:" + s.getAddress().getPort() + "/v1", "--llm-model", "fake", "--format", "json", "--quiet",
                    "--output", dir.toString());
            assertEquals(0, r.exit(), r.err());
            JsonNode attrs = JSON.readTree(r.out()).path("report").path("attributes");
            assertEquals("gender", attrs.get(0).path("attribute").asText());
            assertTrue(attrs.get(0).path("flagged").asBoolean(), attrs.get(0).toString());
            assertEquals("female", attrs.get(0).path("lowest").asText());
            assertFalse(attrs.get(1).path("flagged").asBoolean(), attrs.get(1).toString());
            assertEquals(1.0, attrs.get(1).path("values").get(0).path("rbo").asDouble(), 1e-12, "age values get the neutral answer");
            java.nio.file.Path html = dir.resolve("r.html");
            CliTest.Run rep = CliTest.run("report", "--input", dir.toString(), "--output", html.toString());
            assertEquals(0, rep.exit(), rep.err());
            String page = java.nio.file.Files.readString(html);
            assertTrue(page.contains("LLM fairness audit") && page.contains("FLAGGED") && page.contains("<svg"), "audit section in the report");
        } finally {
            s.stop(0);
        }
    }

    @Test
    void withoutAnEndpointTheAuditVisiblyDoesNotRun() {
        Assumptions.assumeTrue(System.getenv("OPENAI_BASE_URL") == null && System.getenv("OPENAI_API_KEY") == null,
                "skipped: this environment configures an LLM endpoint");
        CliTest.Run r = CliTest.run("audit-llm", "--requests", "3");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("NOT RUN: no LLM endpoint configured"), r.out());
        assertTrue(r.err().contains("warning: LLM fairness audit NOT RUN"), r.err());
    }
}
