package io.genrec.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.genrec.cli.report.HtmlReport.esc;
import static io.genrec.cli.report.HtmlReport.fmt;

/** One {@code genrec audit-llm --output DIR}'s llm-audit.json: similarity and genre shift per attribute value. */
record LlmAudit(String name, Path file, JsonNode doc) {
    static final String FILE = "llm-audit.json";

    static List<LlmAudit> load(Path input) throws IOException {
        if (!Files.isDirectory(input)) return List.of();
        List<Path> files;
        try (Stream<Path> s = Files.walk(input, Scenario.MAX_DEPTH)) {
            files = s.filter(p -> p.getFileName().toString().equals(FILE) && Files.isRegularFile(p)).sorted().toList();
        }
        List<LlmAudit> out = new ArrayList<>();
        for (Path f : files) {
            JsonNode doc;
            try {
                doc = new ObjectMapper().readTree(Files.readAllBytes(f));
            } catch (IOException e) {
                throw new IllegalArgumentException(f + ": not valid JSON: " + e.getMessage(), e);
            }
            if (doc == null || !"llm-fairness-audit".equals(doc.path("kind").asText()))
                throw new IllegalArgumentException(f + ": no \"kind\": \"llm-fairness-audit\"; not the output of genrec audit-llm");
            Path rel = input.relativize(f.getParent());
            out.add(new LlmAudit(rel.toString().isEmpty() ? input.toAbsolutePath().normalize().getFileName().toString() : rel.toString(), f, doc));
        }
        return out;
    }

    void render(StringBuilder h) {
        h.append("<h2>LLM fairness audit: ").append(esc(name)).append("</h2>\n");
        String prov = "llm-audit.json " + file + ", data " + doc.path("data").asText() + ", GenRec " + doc.path("genrecVersion").asText()
                + " (" + doc.path("gitCommit").asText() + "), " + doc.path("createdAt").asText();
        if (!"ok".equals(doc.path("status").asText())) {
            h.append("<p><strong>Not run</strong>: ").append(esc(doc.path("status").asText())).append(". ").append(esc(prov)).append("</p>\n");
            return;
        }
        JsonNode r = doc.path("report");
        h.append("<p class=\"note\">Endpoint ").append(esc(r.path("llm").asText())).append(", ").append(r.path("requests").asInt())
                .append(" requests per value; flagged when the RBO range exceeds ").append(fmt(r.path("config").path("threshold").asDouble()))
                .append(" and Welch p &lt; ").append(fmt(r.path("config").path("alpha").asDouble())).append(". ").append(esc(prov)).append("</p>\n");
        List<Charts.Bar> bars = new ArrayList<>();
        StringBuilder t = new StringBuilder("<table><tr><th>attribute</th><th>value</th><th>requests</th><th>jaccard</th><th>rbo</th><th>genre shift</th></tr>\n");
        for (JsonNode a : r.path("attributes")) {
            for (JsonNode v : a.path("values")) {
                bars.add(new Charts.Bar("RBO with the neutral list", a.path("attribute").asText() + "=" + v.path("value").asText(), v.path("rbo").asDouble(Double.NaN)));
                bars.add(new Charts.Bar("genre shift (TV)", a.path("attribute").asText() + "=" + v.path("value").asText(), v.path("genreShift").asDouble(Double.NaN)));
                t.append("<tr><td>").append(esc(a.path("attribute").asText())).append("</td><td>").append(esc(v.path("value").asText()))
                        .append("</td><td class=\"n\">").append(v.path("requests").asInt()).append("</td><td class=\"n\">").append(fmt(v.path("jaccard").asDouble(Double.NaN)))
                        .append("</td><td class=\"n\">").append(fmt(v.path("rbo").asDouble(Double.NaN))).append("</td><td class=\"n\">")
                        .append(fmt(v.path("genreShift").asDouble(Double.NaN))).append("</td></tr>\n");
            }
            t.append("<tr><td>").append(esc(a.path("attribute").asText())).append("</td><td colspan=\"5\"><strong>")
                    .append(a.path("flagged").asBoolean() ? "FLAGGED" : "not flagged").append("</strong>: RBO range ").append(fmt(a.path("rboRange").asDouble()))
                    .append(", Welch p ").append(fmt(a.path("pValue").asDouble())).append(" (lowest: ").append(esc(a.path("lowest").asText())).append(")</td></tr>\n");
        }
        t.append("</table>\n");
        h.append("<figure>").append(Charts.bars("Similarity to the neutral answer and genre shift", "value", bars))
                .append("<figcaption class=\"note\">Per attribute value: mean RBO between the answer with and without the attribute, and the mean total-variation")
                .append(" distance of their genre distributions.</figcaption></figure>\n").append(t);
    }
}
