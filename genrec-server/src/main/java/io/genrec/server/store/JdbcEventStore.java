package io.genrec.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.genrec.data.Item;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the SQLite and PostgreSQL stores share: schema migration, validation, in-batch de-duplication, reads and the
 * items table. Subclasses supply the dialect's schema, the append lock and the bulk insert.
 */
abstract class JdbcEventStore implements EventStore {
    /** Longest user or item id the store accepts (ids are keys, not documents). */
    static final int MAX_ID_LENGTH = 512;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> LIST = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() { };
    private static final String EVENT_COLUMNS = "seq, user_id, item_id, type, value, ts, idempotency_key";
    private static final String ITEM_COLUMNS = "id, title, categories_json, text_json, attributes_json";

    protected final HikariDataSource pool;
    private final String description;

    JdbcEventStore(HikariDataSource pool, String description) {
        this.pool = pool;
        this.description = description;
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** The statements of each schema version, oldest first: entry {@code i} brings the schema to version {@code i + 1}. */
    protected abstract List<List<String>> migrations();

    /** Keeps two processes from migrating at once (called first in the migration transaction). */
    protected void lockForMigration(Connection c) throws SQLException { }

    /** Makes appends take turns, so sequence numbers are handed out in commit order (called first in the append transaction). */
    protected abstract void lockForAppend(Connection c) throws SQLException;

    /** Inserts {@code events} (no key repeats among them), skipping those whose key is already stored; returns how many it stored. */
    protected abstract int insertEvents(Connection c, List<Event> events) throws SQLException;

    /** Brings the schema to the newest version this code knows; refuses a store written by a newer version. */
    protected final void migrate() {
        List<List<String>> steps = migrations();
        write("schema migration", c -> {
            lockForMigration(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
                int current;
                try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                    rs.next();
                    current = rs.getInt(1);
                }
                if (current > steps.size())
                    throw new EventStoreException(description + ": schema version " + current + " is newer than this GenRec knows ("
                            + steps.size() + "); open it with a newer GenRec");
                for (int v = current + 1; v <= steps.size(); v++) {
                    for (String sql : steps.get(v - 1)) s.execute(sql);
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
                        p.setInt(1, v);
                        p.setLong(2, System.currentTimeMillis());
                        p.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    /** The schema version stored (for tests and diagnostics). */
    public int schemaVersion() {
        return read("reading the schema version", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Override
    public AppendResult append(List<Event> events) {
        if (events == null) throw new IllegalArgumentException("events must not be null");
        List<Event> unique = new ArrayList<>(events.size());
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            check(i, e);
            // a key repeated within the batch is a retry inside one request: keep the first
            if (e.idempotencyKey() == null || keys.add(e.idempotencyKey())) unique.add(e);
        }
        if (unique.isEmpty()) return new AppendResult(0, events.size(), lastSequence());
        return groupCommit(new PendingAppend(unique, events.size()));
    }

    /** An append waiting for its group's commit; its fields are written and read under {@link #group}. */
    private static final class PendingAppend {
        final List<Event> unique;
        final int total;
        AppendResult result;
        RuntimeException failure;
        boolean done;

        PendingAppend(List<Event> unique, int total) {
            this.unique = unique;
            this.total = total;
        }
    }

    private final Object group = new Object();
    private List<PendingAppend> waiting = new ArrayList<>();
    private boolean committing;
    private final java.util.concurrent.atomic.AtomicLong appendCommits = new java.util.concurrent.atomic.AtomicLong();

    /** Transactions that appended events so far (fewer than the appends when concurrent ones were grouped). */
    long appendCommits() { return appendCommits.get(); }

    /**
     * Group commit: appends that arrive while a commit is running wait, and the first of them then commits all that
     * waited in one transaction (one fsync instead of one each), so concurrent writers share the disk's latency. Each
     * caller still gets its own counts and returns only after the commit that holds its events.
     */
    private AppendResult groupCommit(PendingAppend mine) {
        List<PendingAppend> batch;
        boolean interrupted = false;
        synchronized (group) {
            waiting.add(mine);
            while (committing && !mine.done) {
                try {
                    group.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the events may be committing: wait for the outcome, then restore the flag
                }
            }
            if (!mine.done) {
                committing = true;
                batch = waiting;
                waiting = new ArrayList<>();
            } else {
                batch = null;
            }
        }
        if (batch != null) {
            try {
                commit(batch);
            } finally {
                synchronized (group) {
                    for (PendingAppend p : batch) p.done = true;
                    committing = false;
                    group.notifyAll();
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        synchronized (group) {
            if (mine.failure != null) throw mine.failure;
            return mine.result;
        }
    }

    private void commit(List<PendingAppend> batch) {
        int events = 0;
        for (PendingAppend p : batch) events += p.total;
        try {
            write("append of " + events + " events" + (batch.size() > 1 ? " from " + batch.size() + " requests" : ""), c -> {
                lockForAppend(c);
                int[] stored = new int[batch.size()];
                for (int i = 0; i < batch.size(); i++) stored[i] = insertEvents(c, batch.get(i).unique);
                long last = maxSequence(c);
                synchronized (group) {
                    for (int i = 0; i < batch.size(); i++)
                        batch.get(i).result = new AppendResult(stored[i], batch.get(i).total - stored[i], last);
                }
                return null;
            });
            appendCommits.incrementAndGet();
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                synchronized (group) {
                    batch.getFirst().failure = e;
                }
                return;
            }
            // one request's events may be what failed: commit each on its own, so only that one fails
            for (PendingAppend p : batch) {
                AppendResult r = null;
                RuntimeException f = null;
                try {
                    r = write("append of " + p.total + " events", c -> {
                        lockForAppend(c);
                        int stored = insertEvents(c, p.unique);
                        return new AppendResult(stored, p.total - stored, maxSequence(c));
                    });
                    appendCommits.incrementAndGet();
                } catch (RuntimeException e2) {
                    f = e2;
                }
                synchronized (group) {
                    p.result = r;
                    p.failure = f;
                }
            }
        }
    }

    private static void check(int i, Event e) {
        if (e == null) throw new IllegalArgumentException("events[" + i + "] is null");
        checkText("events[" + i + "] field 'user'", e.user(), MAX_ID_LENGTH);
        checkText("events[" + i + "] field 'item'", e.item(), MAX_ID_LENGTH);
        if (e.idempotencyKey() != null) checkText("events[" + i + "] field 'idempotency_key'", e.idempotencyKey(), Integer.MAX_VALUE);
    }

    private static void checkText(String what, String s, int maxLength) {
        if (s.length() > maxLength) throw new IllegalArgumentException(what + " is longer than " + maxLength + " characters");
        // PostgreSQL text cannot hold NUL; refuse it in both stores so they accept the same events
        if (s.indexOf('\0') >= 0) throw new IllegalArgumentException(what + " contains a NUL character");
    }

    @Override
    public List<StoredEvent> readSince(long afterSequence, int limit) {
        if (limit < 0) throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        if (limit == 0) return List.of();
        return read("readSince(" + afterSequence + ")", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + EVENT_COLUMNS + " FROM events WHERE seq > ? ORDER BY seq LIMIT ?")) {
                p.setLong(1, afterSequence);
                p.setInt(2, limit);
                return events(p);
            }
        });
    }

    @Override
    public long lastSequence() {
        return read("lastSequence", JdbcEventStore::maxSequence);
    }

    private static long maxSequence(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public long count() {
        return read("count", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Most recent by event timestamp (ties: by sequence), because models read a history in the order it happened. */
    @Override
    public List<StoredEvent> historyOf(String user, int limit) {
        if (user == null) throw new IllegalArgumentException("user must not be null");
        if (limit < 0) throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        if (limit == 0) return List.of();
        List<StoredEvent> newestFirst = read("historyOf", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + EVENT_COLUMNS
                    + " FROM events WHERE user_id = ? ORDER BY ts DESC, seq DESC LIMIT ?")) {
                p.setString(1, user);
                p.setInt(2, limit);
                return events(p);
            }
        });
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static List<StoredEvent> events(PreparedStatement p) throws SQLException {
        List<StoredEvent> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                double v = rs.getDouble(5);
                Double value = rs.wasNull() ? null : v;
                out.add(new StoredEvent(rs.getLong(1),
                        new Event(rs.getString(2), rs.getString(3), rs.getString(4), value, rs.getLong(6), rs.getString(7))));
            }
        }
        return out;
    }

    @Override
    public void upsertItem(Item item) {
        upsertItems(List.of(item));
    }

    @Override
    public void upsertItems(List<Item> items) {
        if (items == null) throw new IllegalArgumentException("items must not be null");
        List<String[]> rows = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            if (it == null) throw new IllegalArgumentException("items[" + i + "] is null");
            checkText("items[" + i + "] field 'id'", it.id(), MAX_ID_LENGTH);
            if (it.id().isBlank()) throw new IllegalArgumentException("items[" + i + "] field 'id' must be a non-empty string");
            checkText("items[" + i + "] field 'title'", it.title(), Integer.MAX_VALUE);
            String categories = json(it.categories()), text = json(new TreeMap<>(it.text())), attributes = json(new TreeMap<>(it.attributes()));
            // JSON escapes NUL as \u0000, which PostgreSQL text holds; only the raw title needs the check above
            rows.add(new String[] {it.id(), it.title(), categories, text, attributes});
        }
        if (rows.isEmpty()) return;
        write("upsert of " + rows.size() + " items", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO items (" + ITEM_COLUMNS + ") VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (id) DO UPDATE SET title = excluded.title, categories_json = excluded.categories_json, "
                    + "text_json = excluded.text_json, attributes_json = excluded.attributes_json")) {
                int n = 0;
                for (String[] r : rows) {
                    for (int k = 0; k < r.length; k++) p.setString(k + 1, r[k]);
                    p.addBatch();
                    if (++n % 1000 == 0) p.executeBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Optional<Item> item(String id) {
        if (id == null) throw new IllegalArgumentException("item id must not be null");
        return read("item(" + id + ")", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + ITEM_COLUMNS + " FROM items WHERE id = ?")) {
                p.setString(1, id);
                List<Item> found = items(p);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    @Override
    public List<Item> items() {
        return read("items", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + ITEM_COLUMNS + " FROM items ORDER BY ord")) {
                return items(p);
            }
        });
    }

    private List<Item> items(PreparedStatement p) throws SQLException {
        List<Item> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1);
                out.add(new Item(id, rs.getString(2), parse(id, "categories", rs.getString(3), LIST),
                        parse(id, "text", rs.getString(4), MAP), parse(id, "attributes", rs.getString(5), MAP)));
            }
        }
        return out;
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode item metadata as JSON", e);
        }
    }

    private <T> T parse(String id, String field, String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new EventStoreException(description + ": item '" + id + "' field '" + field + "' holds invalid JSON: " + e.getOriginalMessage());
        }
    }

    /** Runs {@code work} in one transaction and commits (durable on return). */
    protected <T> T write(String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return inTransaction(c, work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} on {@code c} in one transaction, commits, and leaves {@code c} in auto-commit mode. */
    protected static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c, e);
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the next transaction sets auto-commit off again; the failure that matters is thrown above
            }
        }
    }

    protected <T> T read(String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException r) {
            cause.addSuppressed(r);
        }
    }

    protected EventStoreException failure(String what, SQLException e) {
        return new EventStoreException(description + ": " + what + " failed: " + e.getMessage(), e);
    }

    @Override
    public String describe() { return description; }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() { return describe(); }
}
