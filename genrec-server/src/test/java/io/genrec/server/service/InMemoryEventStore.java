package io.genrec.server.service;

import io.genrec.data.Item;
import io.genrec.server.store.AppendResult;
import io.genrec.server.store.Event;
import io.genrec.server.store.EventStore;
import io.genrec.server.store.StoredEvent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A test-only store: the {@link EventStore} contract in memory (durability is the real stores' business). */
public final class InMemoryEventStore implements EventStore {
    private final List<StoredEvent> events = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();
    private final Map<String, Item> items = new LinkedHashMap<>();
    /** Appends fail while this is set (to test that nothing is acknowledged). */
    public volatile boolean failing;

    @Override
    public synchronized AppendResult append(List<Event> batch) {
        if (failing) throw new IllegalStateException("store unavailable (test)");
        int stored = 0, dup = 0;
        for (Event e : batch) {
            if (e.idempotencyKey() != null && !keys.add(e.idempotencyKey())) {
                dup++;
                continue;
            }
            events.add(new StoredEvent(events.size() + 1, e));
            stored++;
        }
        return new AppendResult(stored, dup, events.size());
    }

    @Override
    public synchronized List<StoredEvent> readSince(long afterSequence, int limit) {
        int from = (int) Math.min(afterSequence, events.size());
        return List.copyOf(events.subList(from, Math.min(events.size(), from + limit)));
    }

    @Override
    public synchronized long lastSequence() { return events.size(); }

    @Override
    public synchronized long count() { return events.size(); }

    @Override
    public synchronized List<StoredEvent> historyOf(String user, int limit) {
        List<StoredEvent> out = new ArrayList<>();
        for (StoredEvent e : events) if (e.event().user().equals(user)) out.add(e);
        return out.subList(Math.max(0, out.size() - limit), out.size());
    }

    @Override
    public synchronized void upsertItem(Item item) { items.put(item.id(), item); }

    @Override
    public synchronized Optional<Item> item(String id) { return Optional.ofNullable(items.get(id)); }

    @Override
    public synchronized List<Item> items() { return List.copyOf(items.values()); }

    @Override
    public String describe() { return "memory:test"; }

    @Override
    public void close() { }
}
