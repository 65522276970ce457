package io.genrec.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded store: one SQLite file in WAL mode with {@code synchronous=FULL}, so a commit has reached the disk
 * when it returns. Readers run beside the single writer; appends in this process take turns on a lock, and other
 * processes wait on SQLite's own write lock ({@code BEGIN IMMEDIATE}, busy timeout), so sequence numbers
 * ({@code AUTOINCREMENT}, handed out under the write lock) come out in commit order.
 */
public final class SqliteEventStore extends JdbcEventStore {
    private static final int BUSY_TIMEOUT_MS = 30_000;
    /** Rows per JDBC batch inside an append's transaction (the driver binds them natively in one call). */
    private static final int BATCH = 1000;

    private static final List<List<String>> MIGRATIONS = List.of(
            // version 1
            List.of("CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL, item_id TEXT NOT NULL, "
                            + "type TEXT NOT NULL, value REAL, ts INTEGER NOT NULL, idempotency_key TEXT UNIQUE)",
                    "CREATE INDEX events_user_time ON events (user_id, ts, seq)",
                    "CREATE TABLE items (ord INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, "
                            + "categories_json TEXT NOT NULL, text_json TEXT NOT NULL, attributes_json TEXT NOT NULL)"));

    /** Every write goes through this one connection, under {@link #writeLock}: SQLite has one writer anyway. */
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final Connection writer;
    private final Path file;

    private SqliteEventStore(HikariDataSource pool, Connection writer, Path file) {
        super(pool, "sqlite:" + file);
        this.writer = writer;
        this.file = file;
    }

    /**
     * Connections in WAL mode with synchronous=FULL. The writer's gets 64 MiB of page cache (negative = KiB), which
     * keeps the idempotency-key index in memory during bulk loads (with the 2 MiB default most inserts of a random
     * key read a page from disk); readers keep the default, so a reader scanning the whole store does not grow its
     * native memory by as much.
     */
    private static SQLiteDataSource dataSource(Path file, boolean writer) {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
        if (writer) cfg.setCacheSize(-64 * 1024);
        // take the write lock when a transaction begins, not at its first write: no deadlock between two writers
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    /** Opens (creating the file and its directories, and migrating the schema, when needed) the store in {@code file}. */
    public static SqliteEventStore open(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String name = "sqlite:" + abs;
        try {
            if (abs.getParent() != null) Files.createDirectories(abs.getParent());
        } catch (IOException e) {
            throw new EventStoreException(name + ": cannot create the directory " + abs.getParent() + ": " + e, e);
        }
        if (Files.isDirectory(abs)) throw new EventStoreException(name + ": is a directory, expected a database file");
        HikariConfig hc = new HikariConfig();
        hc.setDataSource(dataSource(abs, false));
        hc.setPoolName("genrec-sqlite");
        hc.setMaximumPoolSize(4);
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(BUSY_TIMEOUT_MS);
        HikariDataSource pool;
        Connection writer;
        try {
            writer = dataSource(abs, true).getConnection();
        } catch (SQLException | RuntimeException e) {
            throw new EventStoreException(name + ": cannot open: " + rootMessage(e), e);
        }
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            closeQuietly(writer);
            throw new EventStoreException(name + ": cannot open: " + rootMessage(e), e);
        }
        SqliteEventStore store = new SqliteEventStore(pool, writer, abs);
        try {
            store.migrate();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    public Path file() { return file; }

    @Override
    protected List<List<String>> migrations() { return MIGRATIONS; }

    @Override
    protected void lockForAppend(Connection c) {
        // the write lock in write() and BEGIN IMMEDIATE already serialise writers
    }

    @Override
    protected <T> T write(String what, SqlWork<T> work) {
        writeLock.lock();
        try {
            return inTransaction(writer, work);
        } catch (SQLException e) {
            throw failure(what, e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
        super.close();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing: nothing left to do with it
        }
    }

    @Override
    protected int insertEvents(Connection c, List<Event> events) throws SQLException {
        int stored = 0, n = 0;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO events (user_id, item_id, type, value, ts, idempotency_key) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING")) {
            for (Event e : events) {
                p.setString(1, e.user());
                p.setString(2, e.item());
                p.setString(3, e.type());
                if (e.value() == null) p.setNull(4, java.sql.Types.DOUBLE);
                else p.setDouble(4, e.value());
                p.setLong(5, e.timestamp());
                p.setString(6, e.idempotencyKey());
                p.addBatch();
                if (++n % BATCH == 0) stored += stored(p.executeBatch());
            }
            stored += stored(p.executeBatch());
        }
        return stored;
    }

    /** Rows stored by a batch: the driver reports each row's change count, 0 when ON CONFLICT skipped it. */
    private static int stored(int[] counts) throws SQLException {
        int sum = 0;
        for (int c : counts) {
            if (c < 0) throw new SQLException("the SQLite driver did not report a row count (" + c + ")");
            sum += c;
        }
        return sum;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
