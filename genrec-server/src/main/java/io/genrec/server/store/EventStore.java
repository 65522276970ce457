package io.genrec.server.store;

import io.genrec.data.Item;

import java.util.List;
import java.util.Optional;

/**
 * The durable home of events and catalogue items. Two implementations (embedded SQLite, PostgreSQL) run one shared
 * contract test. Implementations are safe for concurrent use.
 */
public interface EventStore extends AutoCloseable {
    /**
     * Stores {@code events} in one transaction and returns only after it is durable (committed and synced), so a
     * caller may acknowledge them. Events whose idempotency key is already stored, or repeated within the batch, are
     * skipped and counted as duplicates.
     */
    AppendResult append(List<Event> events);

    /** Events with sequence number greater than {@code afterSequence}, in sequence order, at most {@code limit}. */
    List<StoredEvent> readSince(long afterSequence, int limit);

    /** The highest sequence number stored (0 when empty). */
    long lastSequence();

    /** How many events are stored. */
    long count();

    /** The user's most recent {@code limit} events, oldest first. */
    List<StoredEvent> historyOf(String user, int limit);

    /** Adds or replaces a catalogue item (durable on return). */
    void upsertItem(Item item);

    /** Adds or replaces many catalogue items in one transaction (durable on return); bulk loads use it. */
    default void upsertItems(List<Item> items) {
        for (Item item : items) upsertItem(item);
    }

    Optional<Item> item(String id);

    /** Every catalogue item, in insertion order of their ids. */
    List<Item> items();

    /** Where the store lives, without secrets ({@code sqlite:/path/events.db}, {@code postgresql://host/db}). */
    String describe();

    @Override
    void close();
}
