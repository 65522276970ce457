package io.genrec.llm.crs;

import com.fasterxml.jackson.databind.JsonNode;
import io.genrec.data.DataFormatException;
import io.genrec.util.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads ReDial: the official test split ({@code redial/test_data.jsonl}, {@link #readOfficial}) and the iEvaLM-CRS
 * processing ({@code redial-ievalm}): candidate set = the 6,576 movie entities of {@code item_ids.json}, metadata from
 * {@code id2info.json}, tuning samples from the 1,000 train-split dialogues ({@code valid_data_processed.jsonl}) and
 * test samples from {@code test_data_processed.jsonl}.
 */
public final class RedialLoader {
    private RedialLoader() { }

    /** One dialogue of the official ReDial JSONL, with the seeker's and recommender's per-movie forms. */
    public record Dialogue(String conversationId, int seekerId, List<Utterance> messages, Map<String, String> mentions,
                           Map<String, Form> seekerForms, Map<String, Form> recommenderForms) { }

    /** ReDial's per-movie answers: suggested (0/1), seen and liked (0 no, 1 yes, 2 did not say). */
    public record Form(int suggested, int seen, int liked) { }

    /** Reads the official ReDial JSONL (one dialogue per line); errors name the file and line. */
    public static List<Dialogue> readOfficial(Path file) {
        List<Dialogue> out = new ArrayList<>();
        forEachLine(file, (line, node) -> {
            int seeker = need(node, "initiatorWorkerId", file, line).asInt();
            List<Utterance> msgs = new ArrayList<>();
            for (JsonNode m : need(node, "messages", file, line))
                msgs.add(new Utterance(need(m, "senderWorkerId", file, line).asInt() == seeker, need(m, "text", file, line).asText()));
            Map<String, String> mentions = new HashMap<>();
            JsonNode mm = node.path("movieMentions");
            if (mm.isObject()) mm.properties().forEach(e -> mentions.put(e.getKey(), e.getValue().asText()));
            out.add(new Dialogue(need(node, "conversationId", file, line).asText(), seeker, msgs, mentions,
                    forms(node.path("initiatorQuestions")), forms(node.path("respondentQuestions"))));
        });
        return out;
    }

    private static Map<String, Form> forms(JsonNode n) {
        Map<String, Form> m = new HashMap<>();
        if (n.isObject()) n.properties().forEach(e -> m.put(e.getKey(),
                new Form(e.getValue().path("suggested").asInt(), e.getValue().path("seen").asInt(2), e.getValue().path("liked").asInt(2))));
        return m;
    }

    /** Loads the iEvaLM processing under {@code dir} (the folder holding {@code redial/} and {@code redial_eval/}). */
    public static CrsDataset loadIevalm(Path dir) {
        Path meta = dir.resolve("redial");
        JsonNode info = readJson(meta.resolve("id2info.json"));
        JsonNode entity2id = readJson(meta.resolve("entity2id.json"));
        JsonNode itemIds = readJson(meta.resolve("item_ids.json"));
        Map<Integer, String> idToEntity = new HashMap<>();
        entity2id.properties().forEach(e -> idToEntity.put(e.getValue().asInt(), e.getKey()));
        Map<String, JsonNode> infoByName = new HashMap<>();
        Map<String, String> redialIdByName = new HashMap<>();
        info.properties().forEach(e -> {
            String n = e.getValue().path("name").asText().strip().replaceAll("\\s+", " ");
            infoByName.putIfAbsent(n, e.getValue());
            redialIdByName.putIfAbsent(n, e.getKey());
        });
        List<CrsMovie> movies = new ArrayList<>();
        for (JsonNode id : itemIds) {
            String name = idToEntity.get(id.asInt());
            if (name == null) throw new DataFormatException(meta.resolve("item_ids.json"), 0, null, "item id " + id.asInt() + " is not in entity2id.json");
            JsonNode in = infoByName.get(name.strip().replaceAll("\\s+", " "));
            String rid = redialIdByName.getOrDefault(name.strip().replaceAll("\\s+", " "), "entity:" + id.asInt());
            movies.add(new CrsMovie(movies.size(), rid, name.strip().replaceAll("\\s+", " "), Titles.key(name).year(),
                    strings(in, "genre"), in == null ? "" : in.path("plot").asText(""), strings(in, "director"),
                    strings(in, "writer"), strings(in, "star"), -1));
        }
        CrsCatalog catalog = new CrsCatalog(movies);
        List<CrsSample> tune = readProcessed(dir.resolve("redial_eval/valid_data_processed.jsonl"), catalog);
        List<CrsSample> test = readProcessed(dir.resolve("redial_eval/test_data_processed.jsonl"), catalog);
        int[] counts = new int[catalog.size()];
        Map<String, String> workers = new HashMap<>();
        forEachLine(meta.resolve("valid_data.jsonl"), (line, node) -> {
            node.path("movieMentions").properties().forEach(e -> {
                int i = catalog.indexOfName(e.getValue().asText());
                if (i >= 0) counts[i]++;
            });
            if (node.hasNonNull("respondentWorkerId")) workers.put(node.path("conversationId").asText(), node.path("respondentWorkerId").asText());
        });
        return new CrsDataset("redial", catalog, tune, test, counts, workers);
    }

    /**
     * Reads iEvaLM turn samples. Context utterances carry no speaker; the last one is the seeker's (the response is
     * the recommender's) and speakers alternate backwards, as ReDial's processing merges consecutive same-sender
     * messages. Unknown target names are an error naming file and line.
     */
    static List<CrsSample> readProcessed(Path file, CrsCatalog catalog) {
        List<CrsSample> out = new ArrayList<>();
        forEachLine(file, (line, node) -> {
            List<Utterance> ctx = new ArrayList<>();
            JsonNode c = need(node, "context", file, line);
            for (int k = 0; k < c.size(); k++) ctx.add(new Utterance((c.size() - 1 - k) % 2 == 0, c.get(k).asText()));
            Set<Integer> mentioned = new LinkedHashSet<>();
            List<String> entities = new ArrayList<>();
            for (JsonNode e : node.path("entity")) {
                int i = catalog.indexOfName(e.asText());
                if (i >= 0) mentioned.add(i); else entities.add(e.asText().toLowerCase(java.util.Locale.ROOT));
            }
            List<Integer> targets = new ArrayList<>();
            for (JsonNode r : need(node, "rec", file, line)) {
                int i = catalog.indexOfName(r.asText());
                if (i < 0) throw new DataFormatException(file, line, "rec", "target movie '" + r.asText() + "' is not a candidate (item_ids.json)");
                targets.add(i);
            }
            out.add(new CrsSample(node.path("dialog_id").asText(), node.path("turn_id").asInt(), ctx,
                    mentioned.stream().mapToInt(Integer::intValue).toArray(), targets.stream().mapToInt(Integer::intValue).toArray(),
                    node.path("resp").asText(""), entities));
        });
        return out;
    }

    static List<String> strings(JsonNode n, String field) {
        if (n == null || !n.path(field).isArray()) return List.of();
        List<String> out = new ArrayList<>();
        for (Iterator<JsonNode> it = n.path(field).elements(); it.hasNext(); ) out.add(it.next().asText());
        return out;
    }

    interface LineHandler { void accept(int line, JsonNode node); }

    static void forEachLine(Path file, LineHandler h) {
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String s; int line = 0;
            while ((s = r.readLine()) != null) {
                line++;
                if (s.isBlank()) continue;
                JsonNode node;
                try { node = Json.MAPPER.readTree(s); }
                catch (IOException e) { throw new DataFormatException(file, line, null, "not JSON: " + e.getMessage(), e); }
                h.accept(line, node);
            }
        } catch (IOException e) { throw new UncheckedIOException("cannot read " + file, e); }
    }

    static JsonNode readJson(Path file) {
        try { return Json.MAPPER.readTree(file.toFile()); }
        catch (IOException e) { throw new DataFormatException(file, 0, null, "cannot read JSON: " + e.getMessage(), e); }
    }

    static JsonNode need(JsonNode n, String field, Path file, int line) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) throw new DataFormatException(file, line, field, "missing");
        return v;
    }
}
