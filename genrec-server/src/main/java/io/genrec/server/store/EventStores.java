package io.genrec.server.store;

import java.nio.file.Path;
import java.util.Locale;

/** Opens the store a {@code --store} URL names. */
public final class EventStores {
    /** The file name of the embedded store under a data directory. */
    public static final String SQLITE_FILE = "events.db";

    private static final String FORMS =
            "expected 'sqlite' (events.db under the data directory), 'sqlite:/path/file.db' or 'jdbc:postgresql://host:port/db?user=U&password=P'";

    private EventStores() { }

    /** Where the embedded store and other server state live by default: {@code $GENREC_DATA_DIR}, else {@code ~/.genrec/data}. */
    public static Path defaultDataDir() {
        String env = System.getenv("GENREC_DATA_DIR");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".genrec", "data");
    }

    /**
     * Opens (creating and migrating when needed) the store {@code url} names.
     *
     * @param url     null or {@code sqlite}: {@code events.db} under {@code dataDir}; {@code sqlite:/path/file.db}
     *                (also {@code jdbc:sqlite:/path/file.db}): that file; {@code jdbc:postgresql://…}: PostgreSQL
     * @param dataDir where the default embedded store lives (only read for the default)
     */
    public static EventStore open(String url, Path dataDir) {
        String u = url == null ? "sqlite" : url.strip();
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.equals("sqlite")) {
            if (dataDir == null) throw new IllegalArgumentException("store 'sqlite' needs a data directory");
            return SqliteEventStore.open(dataDir.resolve(SQLITE_FILE));
        }
        if (lower.startsWith("jdbc:sqlite:")) return SqliteEventStore.open(sqlitePath(u, u.substring("jdbc:sqlite:".length())));
        if (lower.startsWith("sqlite:")) return SqliteEventStore.open(sqlitePath(u, u.substring("sqlite:".length())));
        if (lower.startsWith("jdbc:postgresql:")) return PostgresEventStore.open(u);
        if (lower.startsWith("postgresql:") || lower.startsWith("postgres:"))
            throw new IllegalArgumentException("store URL '" + PostgresEventStore.redact(u) + "': write it as a JDBC URL, 'jdbc:" + PostgresEventStore.redact(u)
                    + "' (user and password as ?user=…&password=…)");
        throw new IllegalArgumentException("unknown store URL '" + PostgresEventStore.redact(u) + "': " + FORMS);
    }

    private static Path sqlitePath(String url, String path) {
        if (path.isBlank() || path.startsWith(":memory:") || path.startsWith("file:"))
            throw new IllegalArgumentException("store URL '" + url + "': expected a file path after 'sqlite:' (an in-memory store would not be durable)");
        return Path.of(path);
    }
}
