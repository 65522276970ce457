package io.genrec.server.store;

/** A store operation failed (connection, disk, schema). The message names the store, never its password. */
public class EventStoreException extends RuntimeException {
    public EventStoreException(String message, Throwable cause) { super(message, cause); }

    public EventStoreException(String message) { super(message); }
}
