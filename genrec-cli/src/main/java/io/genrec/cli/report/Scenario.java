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
import java.util.List;
import java.util.stream.Stream;

/** One {@code eval --output} directory's results.json, named by its path relative to the report's input. */
record Scenario(String name, Path file, String sha256, JsonNode doc) {
    static final String RESULTS = "results.json";
    /** How deep under --input results.json files are looked for. */
    static final int MAX_DEPTH = 4;

    /** The scenarios of {@code input}: its own results.json, or those of the directories under it (sorted by path). */
    static List<Scenario> load(Path input) throws IOException { return load(input, true); }

    /** @param required whether finding no results.json is an error (not when the input holds other report inputs) */
    static List<Scenario> load(Path input, boolean required) throws IOException {
        if (!Files.isDirectory(input)) throw new IllegalArgumentException("--input " + input + " is not a directory (expected an eval --output directory or a folder of them)");
        List<Path> files;
        try (Stream<Path> s = Files.walk(input, MAX_DEPTH)) {
            files = s.filter(p -> p.getFileName().toString().equals(RESULTS) && Files.isRegularFile(p)).sorted().toList();
        }
        if (files.isEmpty() && required)
            throw new IllegalArgumentException("--input " + input + ": no " + RESULTS + " found (up to " + MAX_DEPTH
                    + " levels down), nor a simulation.json or llm-audit.json; run 'genrec eval --output DIR' first");
        ObjectMapper json = new ObjectMapper();
        List<Scenario> out = new ArrayList<>();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            JsonNode doc;
            try {
                doc = json.readTree(bytes);
            } catch (IOException e) {
                throw new IllegalArgumentException(f + ": not valid JSON: " + e.getMessage(), e);
            }
            if (doc == null || !doc.path("results").isArray())
                throw new IllegalArgumentException(f + ": no 'results' array; not the results.json of a genrec eval run");
            Path rel = input.relativize(f.getParent());
            String name = rel.toString().isEmpty() ? input.toAbsolutePath().normalize().getFileName().toString() : rel.toString();
            out.add(new Scenario(name, f, sha256(bytes), doc));
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
