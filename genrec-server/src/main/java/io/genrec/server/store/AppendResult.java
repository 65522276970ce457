package io.genrec.server.store;

/**
 * What {@link EventStore#append} did: how many events it stored, how many it skipped because their idempotency key
 * was already stored, and the store's last sequence number afterwards.
 */
public record AppendResult(int stored, int duplicates, long lastSequence) { }
