package io.genrec.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteEventStoreTest extends EventStoreContract {
    @TempDir
    Path dir;

    @Override
    protected EventStore openStore() {
        return EventStores.open(null, dir);
    }

    @Test
    void theDefaultIsOneFileInWalModeWithFullSync() throws Exception {
        EventStore s = store();
        s.append(List.of(ev("u", "i", 1, "k")));
        Path file = dir.resolve("events.db");
        assertTrue(Files.isRegularFile(file));
        assertEquals("sqlite:" + file.toAbsolutePath().normalize(), s.describe());
        assertEquals(1, ((SqliteEventStore) s).schemaVersion());
        try (Connection c = ((SqliteEventStore) s).pool.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertEquals("wal", rs.getString(1));
            }
            try (ResultSet rs = st.executeQuery("PRAGMA synchronous")) {
                rs.next();
                assertEquals(2, rs.getInt(1), "synchronous=FULL");
            }
        }
    }

    @Test
    void anExplicitPathIsUsedAndCreated() {
        Path file = dir.resolve("nested/deeper/my.db");
        try (EventStore s = EventStores.open("sqlite:" + file, dir.resolve("unused"))) {
            s.append(List.of(ev("u", "i", 1, null)));
        }
        assertTrue(Files.isRegularFile(file));
        assertTrue(Files.notExists(dir.resolve("unused")));
        try (EventStore s = EventStores.open("jdbc:sqlite:" + file, null)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void aStoreFromANewerSchemaIsRefusedNamingTheFile() throws Exception {
        Path file = dir.resolve("events.db");
        EventStores.open(null, dir).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, 0)");
        }
        EventStoreException e = assertThrows(EventStoreException.class, () -> EventStores.open(null, dir));
        assertTrue(e.getMessage().contains("sqlite:" + file.toAbsolutePath().normalize()) && e.getMessage().contains("99"), e.getMessage());
    }

    @Test
    void anUnopenablePathFailsNamingTheStore() throws Exception {
        Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
        EventStoreException e = assertThrows(EventStoreException.class, () -> EventStores.open("sqlite:" + notADir.resolve("x.db"), dir));
        assertTrue(e.getMessage().startsWith("sqlite:" + notADir.resolve("x.db")), e.getMessage());
    }

    @Test
    void unknownStoreUrlsAreRefusedWithTheAcceptedForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventStores.open("mysql://h/db", dir));
        assertTrue(e.getMessage().contains("mysql://h/db") && e.getMessage().contains("jdbc:postgresql://"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EventStores.open("sqlite::memory:", dir));
        assertTrue(e.getMessage().contains("durable"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EventStores.open("postgresql://u:secret@h/db?password=secret", dir));
        assertTrue(!e.getMessage().contains("secret") && e.getMessage().contains("jdbc:"), e.getMessage());
    }
}
