package io.genrec.server.store;

import io.genrec.data.Item;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link EventStore} must do. A subclass says how to open a fresh store and how to reopen the same one;
 * both the SQLite and the PostgreSQL store run every test here.
 */
abstract class EventStoreContract {
    private final List<EventStore> opened = new ArrayList<>();

    /** Opens the store under test at its location for this test (a second call reopens the same store). */
    protected abstract EventStore openStore();

    protected final EventStore store() {
        EventStore s = openStore();
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeStores() {
        for (EventStore s : opened) s.close();
    }

    static Event ev(String user, String item, long ts, String key) {
        return new Event(user, item, "click", null, ts, key);
    }

    @Test
    void appendedEventsReadBackInOrderWithIncreasingSequences() {
        EventStore s = store();
        assertEquals(0, s.lastSequence());
        assertEquals(0, s.count());
        List<Event> batch = List.of(new Event("u1", "i1", "view", null, 1000, "k1"),
                new Event("u1", "i2", "rating", 4.5, 2000, null), new Event("u2", "i1", "purchase", 1.0, 3000, "k3"));
        AppendResult r = s.append(batch);
        assertEquals(3, r.stored());
        assertEquals(0, r.duplicates());
        assertEquals(r.lastSequence(), s.lastSequence());
        assertEquals(3, s.count());
        List<StoredEvent> all = s.readSince(0, 100);
        assertEquals(batch, all.stream().map(StoredEvent::event).toList());
        assertEquals(1, all.get(0).sequence(), "sequences start at 1");
        for (int i = 1; i < all.size(); i++) assertTrue(all.get(i).sequence() > all.get(i - 1).sequence());
        assertEquals(all.get(2).sequence(), r.lastSequence());

        AppendResult r2 = s.append(List.of(ev("u3", "i9", 4000, "k4")));
        assertTrue(r2.lastSequence() > r.lastSequence());
        List<StoredEvent> after = s.readSince(all.get(1).sequence(), 100);
        assertEquals(List.of("k3", "k4"), after.stream().map(e -> e.event().idempotencyKey()).toList());
        assertEquals(1, s.readSince(0, 1).size(), "limit bounds the answer");
        assertTrue(s.readSince(r2.lastSequence(), 10).isEmpty());
        assertEquals(List.of(), s.readSince(0, 0));
        assertThrows(IllegalArgumentException.class, () -> s.readSince(0, -1));
    }

    @Test
    void emptyAppendStoresNothing() {
        EventStore s = store();
        s.append(List.of(ev("u", "i", 1, "a")));
        assertEquals(new AppendResult(0, 0, s.lastSequence()), s.append(List.of()));
        assertEquals(1, s.count());
    }

    @Test
    void aRetriedKeyIsStoredOnceWithinAndAcrossBatches() {
        EventStore s = store();
        AppendResult first = s.append(List.of(ev("u", "a", 1, "key-1"), ev("u", "a", 1, "key-1"), ev("u", "b", 2, "key-2")));
        assertEquals(2, first.stored());
        assertEquals(1, first.duplicates());
        AppendResult retry = s.append(List.of(ev("u", "a", 1, "key-1"), ev("u", "b", 2, "key-2"), ev("u", "c", 3, "key-3")));
        assertEquals(1, retry.stored());
        assertEquals(2, retry.duplicates());
        AppendResult allDuplicates = s.append(List.of(ev("u", "a", 1, "key-1")));
        assertEquals(new AppendResult(0, 1, retry.lastSequence()), allDuplicates);
        assertEquals(3, s.count());
        // the key, not the content, decides: a different event under a stored key is not stored
        assertEquals(0, s.append(List.of(ev("someone-else", "z", 99, "key-2"))).stored());
        // without a key nothing is de-duplicated: two identical keyless events are two events
        assertEquals(2, s.append(List.of(ev("u", "a", 1, null), ev("u", "a", 1, null))).stored());
        assertEquals(5, s.count());
    }

    @Test
    void historyIsTheMostRecentEventsOldestFirst() {
        EventStore s = store();
        // appended out of time order: history follows timestamps
        s.append(List.of(ev("u", "i3", 300, null), ev("u", "i1", 100, null), ev("other", "x", 250, null),
                ev("u", "i5", 500, null), ev("u", "i2", 200, null), ev("u", "i4", 400, null)));
        assertEquals(List.of("i3", "i4", "i5"), s.historyOf("u", 3).stream().map(e -> e.event().item()).toList());
        assertEquals(List.of("i1", "i2", "i3", "i4", "i5"), s.historyOf("u", 100).stream().map(e -> e.event().item()).toList());
        assertEquals(List.of("x"), s.historyOf("other", 10).stream().map(e -> e.event().item()).toList());
        assertTrue(s.historyOf("nobody", 10).isEmpty());
        assertTrue(s.historyOf("u", 0).isEmpty());
        // equal timestamps: sequence order
        s.append(List.of(ev("t", "first", 7, null), ev("t", "second", 7, null)));
        assertEquals(List.of("first", "second"), s.historyOf("t", 2).stream().map(e -> e.event().item()).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.historyOf("u", -1));
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
    }

    @Test
    void itemsAreUpsertedAndKeepTheirFirstPosition() {
        EventStore s = store();
        Item a = new Item("a", "Alpha", List.of("Drama", "War"), Map.of("description", "a film"), Map.of("year", "1999"));
        Item b = Item.bare("b");
        s.upsertItem(a);
        s.upsertItem(b);
        assertEquals(List.of(a, b), s.items());
        Item a2 = new Item("a", "Alpha (director's cut)", List.of("Drama"), Map.of(), Map.of("year", "2001"));
        s.upsertItem(a2);
        assertEquals(List.of(a2, b), s.items(), "replaced in place, not appended");
        assertEquals(a2, s.item("a").orElseThrow());
        assertFalse(s.item("missing").isPresent());
        s.upsertItems(List.of(new Item("c", "C", List.of(), Map.of(), Map.of()), b, Item.bare("d")));
        assertEquals(List.of("a", "b", "c", "d"), s.items().stream().map(Item::id).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.upsertItems(List.of(Item.bare("ok"), Item.bare(" "))));
        assertTrue(e.getMessage().contains("items[1]") && e.getMessage().contains("'id'"), e.getMessage());
        assertFalse(s.item("ok").isPresent(), "a rejected batch stores nothing");
    }

    @Test
    void concurrentAppendsLoseNothingDuplicateNothingAndCommitInSequenceOrder() throws Exception {
        EventStore s = store();
        int threads = 6, batches = 30, perBatch = 5;
        AtomicBoolean writing = new AtomicBoolean(true);
        // a reader follows readSince like a live consumer: if a lower sequence number committed after a higher one,
        // it would have moved past it and miss it
        ConcurrentLinkedQueue<String> followed = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<?> reader = pool.submit(() -> {
                long cursor = 0;
                while (true) {
                    boolean last = !writing.get();
                    List<StoredEvent> got = s.readSince(cursor, 1000);
                    for (StoredEvent e : got) {
                        assertTrue(e.sequence() > cursor);
                        cursor = e.sequence();
                        followed.add(e.event().idempotencyKey());
                    }
                    if (last && got.isEmpty()) return null;
                }
            });
            List<Future<int[]>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    start.await();
                    int stored = 0, duplicates = 0;
                    for (int b = 0; b < batches; b++) {
                        List<Event> batch = new ArrayList<>();
                        for (int j = 0; j < perBatch; j++) batch.add(ev("u" + thread, "i" + j, b, "t" + thread + "-b" + b + "-e" + j));
                        AppendResult r = s.append(batch);
                        stored += r.stored();
                        duplicates += r.duplicates();
                        // a client retry of the same batch (its acknowledgement "lost"): all duplicates
                        if (b % 3 == 0) {
                            AppendResult retry = s.append(batch);
                            stored += retry.stored();
                            duplicates += retry.duplicates();
                        }
                    }
                    return new int[] {stored, duplicates};
                }));
            }
            start.countDown();
            int stored = 0, duplicates = 0;
            for (Future<int[]> f : writers) {
                int[] r = f.get(120, TimeUnit.SECONDS);
                stored += r[0];
                duplicates += r[1];
            }
            writing.set(false);
            reader.get(60, TimeUnit.SECONDS);
            int total = threads * batches * perBatch;
            assertEquals(total, stored);
            assertEquals(threads * ((batches + 2) / 3) * perBatch, duplicates);
            assertEquals(total, s.count());
            List<StoredEvent> all = s.readSince(0, total + 10);
            Set<String> keys = new HashSet<>();
            for (StoredEvent e : all) assertTrue(keys.add(e.event().idempotencyKey()), "stored twice: " + e);
            assertEquals(total, keys.size());
            assertEquals(total, followed.size(), "the live reader saw every event exactly once");
            assertEquals(keys, new HashSet<>(followed));
            // within one batch, the sequence follows the batch order
            Map<String, Long> seq = new HashMap<>();
            for (StoredEvent e : all) seq.put(e.event().idempotencyKey(), e.sequence());
            assertTrue(seq.get("t0-b0-e0") < seq.get("t0-b0-e1") && seq.get("t0-b0-e1") < seq.get("t0-b0-e4"));
            if (s instanceof JdbcEventStore j) {
                int appends = threads * (batches + (batches + 2) / 3);
                assertTrue(j.appendCommits() < appends, "concurrent appends share commits: " + j.appendCommits() + " commits for " + appends + " appends");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reopeningKeepsEventsItemsKeysAndSequence() {
        EventStore s = store();
        s.append(List.of(new Event("u", "i", "rating", 3.5, 10, "k1"), ev("u", "j", 20, null)));
        s.upsertItem(new Item("i", "Eye", List.of("c"), Map.of("t", "x"), Map.of()));
        long last = s.lastSequence();
        List<StoredEvent> before = s.readSince(0, 10);
        s.close();
        EventStore again = store();
        assertEquals(before, again.readSince(0, 10));
        assertEquals(last, again.lastSequence());
        assertEquals(2, again.count());
        assertEquals("Eye", again.item("i").orElseThrow().title());
        assertEquals(0, again.append(List.of(ev("u", "i", 10, "k1"))).stored(), "keys survive a reopen");
        assertTrue(again.append(List.of(ev("u", "k", 30, "k2"))).lastSequence() > last, "sequence continues after a reopen");
    }

    @Test
    void invalidEventsAreRejectedNamingTheFieldAndNothingIsStored() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Event("", "i", "click", null, 1, null));
        assertTrue(e.getMessage().contains("'user'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Event("u", "i", "Click!", null, 1, null));
        assertTrue(e.getMessage().contains("'type'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Event("u", "i", "click", Double.NaN, 1, null));
        assertTrue(e.getMessage().contains("'value'"), e.getMessage());

        EventStore s = store();
        List<Event> withNull = new ArrayList<>(List.of(ev("u", "i", 1, "a")));
        withNull.add(null);
        e = assertThrows(IllegalArgumentException.class, () -> s.append(withNull));
        assertTrue(e.getMessage().contains("events[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.append(List.of(ev("u", "i", 1, "a"), ev("u", "i\0x", 1, "b"))));
        assertTrue(e.getMessage().contains("events[1] field 'item'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.append(List.of(ev("u".repeat(JdbcEventStore.MAX_ID_LENGTH + 1), "i", 1, null))));
        assertTrue(e.getMessage().contains("events[0] field 'user'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.append(null));
        assertEquals(0, s.count(), "a batch with an invalid event stores none of it");
    }

    @Test
    void aHugeBatchIsStoredInOneAppendAndRetriedAsAllDuplicates() {
        EventStore s = store();
        int n = 50_000;
        List<Event> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) batch.add(new Event("u" + (i % 997), "i" + (i % 3001), "rating", (double) (i % 5 + 1), i, "h" + i));
        AppendResult r = s.append(batch);
        assertEquals(n, r.stored());
        assertEquals(n, s.count());
        AppendResult again = s.append(batch);
        assertEquals(new AppendResult(0, n, r.lastSequence()), again);
        List<StoredEvent> tail = s.readSince(r.lastSequence() - 1, 10);
        assertEquals("h" + (n - 1), tail.get(0).event().idempotencyKey(), "batch order is sequence order");
    }

    @Test
    void describeNamesTheStoreWithoutSecrets() {
        EventStore s = store();
        assertFalse(s.describe().isBlank());
        assertFalse(s.describe().toLowerCase().contains("password"), s.describe());
    }
}
