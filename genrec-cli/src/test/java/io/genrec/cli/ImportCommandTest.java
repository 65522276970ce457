package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.server.store.EventStore;
import io.genrec.server.store.EventStores;
import io.genrec.server.store.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void importingTheSameFileTwiceStoresItOnce(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("events.csv"), """
                user,item,rating,time
                alice,a,5,100
                alice,b,3,200
                bob,a,4,150
                bob,a,4,150
                carol,c,2,50
                """);
        Path items = Files.writeString(dir.resolve("items.csv"), """
                item,title,genres
                a,Alpha,Drama|War
                b,Beta,Comedy
                c,Gamma,
                """);
        String spec = "csv:" + csv + "?user=user&item=item&rating=rating&time=time&items=" + items + "&item_id=item&item_title=title&item_categories=genres";
        Path data = dir.resolve("data");
        CliTest.Run first = CliTest.run("import", "--data", spec, "--data-dir", data.toString(), "--format", "json", "--quiet");
        assertEquals(0, first.exit(), first.err());
        JsonNode r1 = JSON.readTree(first.out());
        assertEquals(5, r1.get("read").asInt());
        assertEquals(5, r1.get("stored").asInt(), "bob's two identical lines are two events");
        assertEquals(0, r1.get("duplicates").asInt());
        assertEquals("rating", r1.get("type").asText());
        assertEquals(3, r1.get("items").asInt());

        CliTest.Run second = CliTest.run("import", "--data", spec, "--data-dir", data.toString(), "--quiet");
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains("5 read, 0 stored, 5 duplicates"), second.out());

        try (EventStore s = EventStores.open(null, data)) {
            assertEquals(5, s.count());
            List<StoredEvent> all = s.readSince(0, 100);
            Set<String> keys = new HashSet<>();
            for (StoredEvent e : all) assertTrue(keys.add(e.event().idempotencyKey()));
            StoredEvent alice = s.historyOf("alice", 10).get(1);
            assertEquals("b", alice.event().item());
            assertEquals(3.0, alice.event().value());
            assertEquals(200, alice.event().timestamp());
            assertEquals("Alpha", s.item("a").orElseThrow().title());
            assertEquals(List.of("Drama", "War"), s.item("a").orElseThrow().categories());
        }

        // another source name is another import
        CliTest.Run other = CliTest.run("import", "--data", spec, "--data-dir", data.toString(), "--source", "copy", "--format", "json", "--quiet");
        assertEquals(5, JSON.readTree(other.out()).get("stored").asInt(), other.err());
    }

    @Test
    void badOptionsFailNamingThem(@TempDir Path dir) {
        CliTest.Run badType = CliTest.run("import", "--data", "ml-latest-small", "--data-dir", dir.toString(), "--type", "Bad Type");
        assertEquals(2, badType.exit());
        assertTrue(badType.err().contains("--type") && badType.err().contains("'type'"), badType.err());
        CliTest.Run badStore = CliTest.run("import", "--data", "ml-latest-small", "--store", "mysql://x", "--data-dir", dir.toString());
        assertEquals(2, badStore.exit());
        assertTrue(badStore.err().contains("mysql://x") && badStore.err().contains("sqlite:/path/file.db"), badStore.err());
        assertTrue(Files.notExists(dir.resolve("events.db")), "nothing written on a bad option");
    }
}
