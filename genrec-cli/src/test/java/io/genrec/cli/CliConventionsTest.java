package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** One set of conventions across commands: item shape, --format json, --param, error and help text. */
class CliConventionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ITEM_FIELDS = List.of("rank", "item", "title", "score");

    private static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static void assertItemShape(JsonNode item) {
        List<String> f = fields(item);
        assertTrue(f.size() >= 4 && f.subList(0, 4).equals(ITEM_FIELDS), "item fields must start with " + ITEM_FIELDS + ": " + item);
        assertTrue(item.get("rank").isInt(), item.toString());
    }

    /** A tiny generic CSV with an item file: ids get titles from it, and search works on it. */
    static String csvSpec(Path dir) throws Exception {
        Path ratings = dir.resolve("ratings.csv"), items = dir.resolve("items.csv");
        StringBuilder r = new StringBuilder("uid,iid\n");
        for (int u = 0; u < 12; u++) for (int i = 0; i < 6; i++) if ((u + i) % 3 != 0) r.append('u').append(u).append(",i").append(i).append('\n');
        Files.writeString(ratings, r);
        Files.writeString(items, """
                iid,name,blurb,genres
                i0,Rocket to the Moon,astronauts fly a spaceship to the moon,SciFi|Adventure
                i1,Pasta at Home,an Italian cookbook of simple pasta dishes,Cooking
                i2,"Gardens, Walls",a history of English walled gardens,History
                i3,Deep Sea,submarine explorers in the ocean,Adventure
                i4,Jazz Nights,a biography of a jazz pianist,Music
                i5,Orbit,a novel about a space station crew,SciFi
                i9,Never Rated,nobody rated this item,Misc
                """);
        return "csv:" + ratings + "?user=uid&item=iid&items=" + items + "&item_id=iid&item_title=name&item_text=blurb&item_categories=genres";
    }

    @Test
    void recommendContinueAndSearchShareOneItemShape(@TempDir Path dir) throws Exception {
        CliTest.Run rec = CliTest.run("recommend", "--user", "1", "--model", "mostpop", "--k", "3", "--format", "json", "--quiet");
        assertEquals(0, rec.exit(), rec.err());
        JsonNode recs = JSON.readTree(rec.out()).get("recommendations");
        assertEquals(3, recs.size());
        for (JsonNode it : recs) assertItemShape(it);

        CliTest.Run cont = CliTest.run("recommend", "--user", "1", "--model", "sasrec", "--param", "epochs=1", "--param", "max_len=10",
                "--param", "hidden_size=8", "--continue", "2", "--format", "json", "--quiet", "--no-cache");
        assertEquals(0, cont.exit(), cont.err());
        JsonNode beam = JSON.readTree(cont.out()).get("continuations").get(0);
        assertEquals(2, beam.get("items").size(), beam.toString());
        for (JsonNode it : beam.get("items")) assertItemShape(it);
        assertTrue(beam.get("logProb").isNumber(), beam.toString());

        CliTest.Run search = CliTest.run("search", "a crew in space", "--data", csvSpec(dir), "--k", "2", "--format", "json", "--quiet");
        assertEquals(0, search.exit(), search.err());
        JsonNode hits = JSON.readTree(search.out()).get("results");
        assertEquals(2, hits.size());
        for (JsonNode it : hits) assertItemShape(it);
        List<String> top = List.of(hits.get(0).get("title").asText(), hits.get(1).get("title").asText());
        assertTrue(top.contains("Orbit") && top.contains("Rocket to the Moon"), "the two space items come first: " + hits);
    }

    @Test
    void csvItemFileGivesTitlesAndIsCheckedByColumn(@TempDir Path dir) throws Exception {
        String spec = csvSpec(dir);
        CliTest.Run info = CliTest.run("data", "info", "--data", spec, "--format", "json");
        assertEquals(0, info.exit(), info.err());
        JsonNode all = JSON.readTree(info.out()).get("parts").get(0);
        assertEquals(6, all.get("items").asInt());
        assertEquals(6, all.get("itemsWithTitle").asInt(), all.toString());
        CliTest.Run rec = CliTest.run("recommend", "--user", "u1", "--data", spec, "--model", "mostpop", "--k", "2", "--format", "json", "--quiet");
        assertEquals(0, rec.exit(), rec.err());
        assertFalse(JSON.readTree(rec.out()).get("recommendations").get(0).get("title").asText().isEmpty(), rec.out());
        CliTest.Run bad = CliTest.run("data", "info", "--data", spec.replace("item_title=name", "item_title=nme"));
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("items.csv") && bad.err().contains("'nme'") && bad.err().contains("name"), bad.err());
    }

    @Test
    void dataInfoAndModelsPrintJson() throws Exception {
        CliTest.Run info = CliTest.run("data", "info", "--format", "json");
        assertEquals(0, info.exit(), info.err());
        JsonNode doc = JSON.readTree(info.out());
        JsonNode all = doc.get("parts").get(0);
        assertEquals("all", all.get("part").asText());
        assertEquals(9724, all.get("items").asInt(), "the bundled latest-small has 9,724 rated movies");
        assertEquals(610, all.get("users").asInt());
        assertTrue(all.get("density").isNumber());
        CliTest.Run models = CliTest.run("models", "--format", "json");
        assertEquals(0, models.exit(), models.err());
        JsonNode list = JSON.readTree(models.out()).get("models");
        List<String> names = new ArrayList<>();
        for (JsonNode m : list) names.add(m.get("name").asText());
        assertTrue(names.containsAll(List.of("ease", "sasrec", "mostpop")), names.toString());
        for (JsonNode m : list) assertFalse(m.get("description").asText().isEmpty(), m.toString());
    }

    @Test
    void parseErrorsAreTwoLinesWithASuggestion() {
        CliTest.Run unknown = CliTest.run("eval", "--modles", "ease");
        assertEquals(2, unknown.exit());
        List<String> lines = unknown.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(2, lines.size(), unknown.err());
        assertTrue(lines.get(0).contains("--modles"), unknown.err());
        assertTrue(lines.get(1).contains("--models"), "did-you-mean names the right option: " + unknown.err());
        for (String[] args : List.of(new String[] {"recommend", "--user", "1", "--k", "ten"}, new String[] {"recommend"},
                new String[] {"eval", "--format", "xml"}, new String[] {"search"})) {
            CliTest.Run r = CliTest.run(args);
            assertEquals(2, r.exit(), String.join(" ", args));
            List<String> l = r.err().lines().filter(x -> !x.isBlank()).toList();
            assertEquals(2, l.size(), String.join(" ", args) + " -> " + r.err());
            assertTrue(l.get(0).startsWith("genrec: "), r.err());
            assertTrue(l.get(1).contains("Try 'genrec " + args[0] + " --help'"), r.err());
            assertFalse(r.out().contains("Usage:"), "no usage dump: " + r.out());
        }
    }

    @Test
    void topLevelHelpDescriptionsAreWholeSentences() {
        CliTest.Run r = CliTest.run("--help");
        assertEquals(0, r.exit());
        List<String> entries = new ArrayList<>();
        boolean inCommands = false;
        for (String line : r.out().lines().toList()) {
            if (line.startsWith("Commands:")) { inCommands = true; continue; }
            if (!inCommands) continue;
            if (line.isBlank()) break;
            if (line.startsWith("  ") && !line.startsWith("   ")) entries.add(line.strip());
            else entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
        }
        assertTrue(entries.size() >= 5, r.out());
        for (String e : entries) assertTrue(e.endsWith("."), "description cut mid-sentence: '" + e + "'");
    }

    @Test
    void evalAcceptsTheOldParamFormForOneModelWithAWarning() throws Exception {
        CliTest.Run old = CliTest.run("eval", "--models", "itemknn", "--param", "neighbours=20", "--metrics", "ndcg@10", "--format", "json", "--quiet");
        assertEquals(0, old.exit(), old.err());
        assertTrue(old.err().contains("--param neighbours=20 is deprecated; write --param itemknn.neighbours=20"), old.err());
        assertEquals(20, JSON.readTree(old.out()).get("results").get(0).get("provenance").get("config").get("neighbours").asInt(), old.out());
        CliTest.Run two = CliTest.run("eval", "--models", "itemknn,mostpop", "--param", "neighbours=20", "--quiet");
        assertEquals(2, two.exit());
        assertTrue(two.err().contains("expected MODEL.KEY=VALUE"), two.err());
    }

    @Test
    void unknownProtocolListsEveryProtocol() {
        CliTest.Run r = CliTest.run("eval", "--models", "mostpop", "--protocol", "nosuch", "--quiet");
        assertEquals(2, r.exit());
        for (String p : List.of("random-holdout", "leave-one-out", "temporal", "strong-generalization", "given"))
            assertTrue(r.err().contains(p), p + " missing from: " + r.err());
    }
}
