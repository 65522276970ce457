package io.genrec.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The store for deployments: PostgreSQL through its JDBC driver and a small HikariCP pool.
 *
 * <p>Commit order: an identity column hands out numbers when rows are inserted, not when they commit, so two
 * concurrent appends could commit 8 before 7 and a {@link #readSince} cursor that has passed 8 would never see 7.
 * Every append therefore takes a transaction-scoped advisory lock first ({@code pg_advisory_xact_lock}), so appends to
 * one database take turns and numbers come out in commit order. Reads and item upserts do not take it. The cost is one
 * writer at a time, which bulk batches amortise. Sessions run with {@code synchronous_commit = on} whatever the
 * server default, so a commit that returned is on disk.
 */
public final class PostgresEventStore extends JdbcEventStore {
    /** Advisory lock keys (arbitrary constants, "genrec" + purpose) so other users of the database do not collide. */
    private static final long APPEND_LOCK = 0x67656e7265630001L, MIGRATION_LOCK = 0x67656e7265630002L;
    private static final int CHUNK = 10_000;
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;\\s]*"), USER_INFO = Pattern.compile("(//[^/:@\\s]*:)[^/@\\s]*@");

    private static final List<List<String>> MIGRATIONS = List.of(
            // version 1
            List.of("CREATE TABLE events (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id TEXT NOT NULL, "
                            + "item_id TEXT NOT NULL, type TEXT NOT NULL, value DOUBLE PRECISION, ts BIGINT NOT NULL, idempotency_key TEXT UNIQUE)",
                    "CREATE INDEX events_user_time ON events (user_id, ts, seq)",
                    "CREATE TABLE items (ord BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, "
                            + "categories_json TEXT NOT NULL, text_json TEXT NOT NULL, attributes_json TEXT NOT NULL)"));

    private PostgresEventStore(HikariDataSource pool, String description) {
        super(pool, description);
    }

    /** Opens (migrating the schema when needed) the store at a {@code jdbc:postgresql://host:port/db?user=…&password=…} URL. */
    public static PostgresEventStore open(String jdbcUrl) {
        String name = describe(jdbcUrl);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setPoolName("genrec-postgresql");
        hc.setMaximumPoolSize(8);
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(10_000);
        hc.setConnectionInitSql("SET synchronous_commit = on");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new EventStoreException(name + ": cannot connect: " + redact(SqliteEventStore.rootMessage(e)), e);
        }
        PostgresEventStore store = new PostgresEventStore(pool, name);
        try {
            store.migrate();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** {@code postgresql://host:port/db}: the URL without the {@code jdbc:} prefix and without its parameters (which may hold a password). */
    static String describe(String jdbcUrl) {
        String u = jdbcUrl.startsWith("jdbc:") ? jdbcUrl.substring(5) : jdbcUrl;
        int q = u.indexOf('?');
        return q < 0 ? u : u.substring(0, q);
    }

    /** The text with any {@code password=…} value masked. */
    static String redact(String text) {
        return text == null ? null : USER_INFO.matcher(PASSWORD.matcher(text).replaceAll("$1***")).replaceAll("$1***@");
    }

    @Override
    protected List<List<String>> migrations() { return MIGRATIONS; }

    @Override
    protected void lockForMigration(Connection c) throws SQLException {
        advisoryLock(c, MIGRATION_LOCK);
    }

    @Override
    protected void lockForAppend(Connection c) throws SQLException {
        advisoryLock(c, APPEND_LOCK);
    }

    private static void advisoryLock(Connection c, long key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            p.setLong(1, key);
            p.execute();
        }
    }

    @Override
    protected int insertEvents(Connection c, List<Event> events) throws SQLException {
        // one statement per chunk: the rows travel as arrays and unnest in order (WITH ORDINALITY), so sequence
        // numbers follow the batch order; the update count excludes rows skipped by ON CONFLICT
        String sql = "INSERT INTO events (user_id, item_id, type, value, ts, idempotency_key) "
                + "SELECT u, i, t, v, ts, k FROM unnest(?::text[], ?::text[], ?::text[], ?::float8[], ?::int8[], ?::text[]) "
                + "WITH ORDINALITY AS x(u, i, t, v, ts, k, n) ORDER BY n "
                + "ON CONFLICT (idempotency_key) DO NOTHING";
        int stored = 0;
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int from = 0; from < events.size(); from += CHUNK) {
                int n = Math.min(CHUNK, events.size() - from);
                String[] users = new String[n], items = new String[n], types = new String[n], keys = new String[n];
                Double[] values = new Double[n];
                Long[] times = new Long[n];
                for (int j = 0; j < n; j++) {
                    Event e = events.get(from + j);
                    users[j] = e.user();
                    items[j] = e.item();
                    types[j] = e.type();
                    values[j] = e.value();
                    times[j] = e.timestamp();
                    keys[j] = e.idempotencyKey();
                }
                Array[] arrays = {c.createArrayOf("text", users), c.createArrayOf("text", items), c.createArrayOf("text", types),
                        c.createArrayOf("float8", values), c.createArrayOf("int8", times), c.createArrayOf("text", keys)};
                try {
                    for (int k = 0; k < arrays.length; k++) p.setArray(k + 1, arrays[k]);
                    stored += p.executeUpdate();
                } finally {
                    for (Array a : arrays) a.free();
                }
            }
        }
        return stored;
    }
}
