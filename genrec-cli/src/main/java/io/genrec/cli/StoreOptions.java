package io.genrec.cli;

import io.genrec.server.store.EventStore;
import io.genrec.server.store.EventStores;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the events live: the store options of {@code serve}, {@code mcp} and {@code import} (a picocli mixin). */
public final class StoreOptions {
    @Option(names = "--store", paramLabel = "URL", description = {"Event store: sqlite (default: events.db under --data-dir),",
            "sqlite:/path/file.db, or jdbc:postgresql://host:port/db?user=U&password=P."})
    public String store;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory of the embedded store (default: $GENREC_DATA_DIR, else ~/.genrec/data).")
    public Path dataDir;

    /** The directory of the embedded store (and of files kept beside it). */
    public Path dir() { return dataDir != null ? dataDir : EventStores.defaultDataDir(); }

    public EventStore open() { return EventStores.open(store, dir()); }

    @Override
    public String toString() { return "store=" + store + (dataDir == null ? "" : " data-dir=" + dataDir); }
}
