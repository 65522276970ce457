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

    private static final List<List<String>> MIGRATIONS = List.of(
            // version 1
            List.of("CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL, item_id TEXT NOT NULL, "
                            + "type TEXT NOT NULL, value REAL, ts INTEGER NOT NULL, idempotency_key TEXT UNIQUE)",
                    "CREATE INDEX events_user_time ON events (user_id, ts, seq)",
                    "CREATE TABLE items (ord INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, "
                            + "categories_json TEXT NOT NULL, text_json TEXT NOT NULL, attributes_json TEXT NOT NULL)"));

    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final Path file;

    private SqliteEventStore(HikariDataSource pool, Path file) {
        super(pool, "sqlite:" + file);
        this.file = file;
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
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
        // take the write lock when a transaction begins, not at its first write: no deadlock between two writers
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl("jdbc:sqlite:" + abs);
        HikariConfig hc = new HikariConfig();
        hc.setDataSource(ds);
        hc.setPoolName("genrec-sqlite");
        hc.setMaximumPoolSize(4);
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(BUSY_TIMEOUT_MS);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new EventStoreException(name + ": cannot open: " + rootMessage(e), e);
        }
        SqliteEventStore store = new SqliteEventStore(pool, abs);
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
            return super.write(what, work);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    protected int insertEvents(Connection c, List<Event> events) throws SQLException {
        int stored = 0;
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
                // in-process SQLite: a statement per row costs microseconds, and its count says stored or skipped
                stored += p.executeUpdate();
            }
        }
        return stored;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
