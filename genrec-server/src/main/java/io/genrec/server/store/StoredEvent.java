package io.genrec.server.store;

/** An event with the sequence number the store gave it (strictly increasing in commit order, starting at 1). */
public record StoredEvent(long sequence, Event event) { }
