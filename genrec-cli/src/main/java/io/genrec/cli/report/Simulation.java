package io.genrec.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.genrec.cli.report.HtmlReport.esc;
import static io.genrec.cli.report.HtmlReport.fmt;

/** One {@code genrec simulate --output DIR}'s simulation.json: trajectories, replay estimates and interleaving. */
record Simulation(String name, Path file, String sha256, JsonNode doc) {
    static final String FILE = "simulation.json";

    static List<Simulation> load(Path input) throws IOException {
        if (!Files.isDirectory(input)) return List.of(); // Scenario.load names the problem
        List<Path> files;
        try (Stream<Path> s = Files.walk(input, Scenario.MAX_DEPTH)) {
            files = s.filter(p -> p.getFileName().toString().equals(FILE) && Files.isRegularFile(p)).sorted().toList();
        }
        List<Simulation> out = new ArrayList<>();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            JsonNode doc;
            try {
                doc = new ObjectMapper().readTree(bytes);
            } catch (IOException e) {
                throw new IllegalArgumentException(f + ": not valid JSON: " + e.getMessage(), e);
            }
            if (doc == null || !"simulation".equals(doc.path("kind").asText()))
                throw new IllegalArgumentException(f + ": no \"kind\": \"simulation\"; not the output of genrec simulate");
            Path rel = input.relativize(f.getParent());
            out.add(new Simulation(rel.toString().isEmpty() ? input.toAbsolutePath().normalize().getFileName().toString() : rel.toString(), f, sha256(bytes), doc));
        }
        return out;
    }

    /** The measures plotted per round, with their axis labels. */
    private static final String[][] MEASURES = {{"clicksPerUser", "clicks per user"}, {"coverage", "catalogue coverage of the slates"},
            {"gini", "exposure Gini"}, {"listJaccard", "mean inter-user list Jaccard"}, {"headShare", "head share of slots"}, {"ild", "intra-list diversity"},
            {"cumulativeGini", "Gini of all clicks so far"}};

    void render(StringBuilder h) {
        JsonNode d = doc;
        JsonNode sim = d.path("simulator");
        String prov = "simulation.json " + file + " (sha256 " + sha256.substring(0, 12) + "), data " + d.path("data").asText() + " (hash "
                + d.path("dataHash").asText() + "), " + d.path("split").asText() + ", seed " + d.path("seed").asText() + ", GenRec "
                + d.path("genrecVersion").asText() + " (" + d.path("gitCommit").asText() + "), " + d.path("createdAt").asText();
        h.append("<h2>Simulation: ").append(esc(name)).append("</h2>\n<p class=\"note\">Simulated users: position-based click model over the ")
                .append(esc(d.path("reference").asText())).append(" model's preferences (held-out items first), max attraction ")
                .append(fmt(sim.path("maxAttraction").asDouble())).append(", tau ").append(fmt(sim.path("tau").asDouble())).append(", position bias eta ")
                .append(fmt(sim.path("eta").asDouble())).append("; slates of ").append(d.path("k").asInt()).append(". Provenance: ")
                .append(esc(prov)).append(".</p>\n");
        JsonNode loops = d.path("closedLoop");
        if (loops.isObject() && loops.fieldNames().hasNext()) {
            h.append("<h3>Closed-loop trajectories</h3>\n");
            for (String[] m : MEASURES) {
                Map<String, double[]> series = new LinkedHashMap<>();
                loops.fields().forEachRemaining(e -> {
                    double[] y = new double[e.getValue().size()];
                    for (int r = 0; r < y.length; r++) y[r] = e.getValue().get(r).path(m[0]).asDouble(Double.NaN);
                    series.put(e.getKey(), y);
                });
                h.append("<figure>").append(Charts.lines(m[1] + " per round", "round", m[1], series))
                        .append("<figcaption class=\"note\">").append(esc(m[1] + " per closed-loop round (each round refits every model on the clicks so far). " + prov))
                        .append("</figcaption></figure>\n");
            }
        }
        JsonNode replay = d.path("replay");
        if (replay.isArray() && !replay.isEmpty()) {
            h.append("<h3>Replay estimator</h3>\n<table><caption>Top-1 click rate at position 0: the simulator's expected value against the")
                    .append(" replay estimate from a uniformly random log</caption><tr><th>model</th><th>true</th><th>replay</th><th>std err</th><th>matched</th><th>logged</th></tr>\n");
            for (JsonNode r : replay)
                h.append("<tr><td>").append(esc(r.path("model").asText())).append("</td><td class=\"n\">").append(fmt(r.path("trueClickRate").asDouble()))
                        .append("</td><td class=\"n\">").append(fmt(r.path("estimate").asDouble(Double.NaN))).append("</td><td class=\"n\">")
                        .append(fmt(r.path("stdError").asDouble(Double.NaN))).append("</td><td class=\"n\">").append(r.path("matched").asInt())
                        .append("</td><td class=\"n\">").append(r.path("logged").asInt()).append("</td></tr>\n");
            h.append("</table>\n");
        }
        JsonNode in = d.path("interleaving");
        if (in.isObject())
            h.append("<h3>Team-draft interleaving</h3>\n<p>").append(esc(String.format(java.util.Locale.ROOT,
                    "%s vs %s over %d simulated sessions: %s wins %d, %s wins %d, ties %d (clicks %d / %d); two-sided sign test p = %s."
                            + " Expected clicks per user of each list shown alone: %s / %s.",
                    in.path("modelA").asText(), in.path("modelB").asText(), in.path("sessions").asInt(), in.path("modelA").asText(), in.path("winsA").asInt(),
                    in.path("modelB").asText(), in.path("winsB").asInt(), in.path("ties").asInt(), in.path("clicksA").asLong(), in.path("clicksB").asLong(),
                    fmt(in.path("signTestP").asDouble()), fmt(in.path("expectedClicksA").asDouble()), fmt(in.path("expectedClicksB").asDouble()))))
                    .append("</p>\n");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
