package io.genrec.server.service;

import io.genrec.data.Item;
import io.genrec.server.store.AppendResult;
import io.genrec.server.store.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.genrec.server.service.ServingFixtures.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServingServiceTest {
    /** Small, fast settings for the neural models (one epoch on the tiny data). */
    static final Map<String, Map<String, String>> TINY = Map.of(
            "sasrec", Map.of("hidden_size", "8", "max_len", "6", "epochs", "1", "batch_size", "16"),
            "gru4rec", Map.of("epochs", "1"),
            "bert4rec", Map.of("epochs", "1"),
            "multvae", Map.of("epochs", "1", "hidden_dims", "16"),
            "recvae", Map.of("epochs", "1"),
            "diffrec", Map.of("epochs", "1"));

    private static ServingService service(InMemoryEventStore store, List<String> models) throws Exception {
        ServingService s = new ServingService(store, ServingFixtures.fitter(TINY), new ServingService.Options(models, EventPolicy.DEFAULT, 0, null));
        s.start(List.of());
        s.startText(new WordHashEncoder(), io.genrec.model.ProgressListener.NONE);
        return s;
    }

    private static List<Float> scores(ItemList l) {
        List<Float> out = new ArrayList<>();
        for (ScoredItem it : l.items()) out.add(it.score());
        return out;
    }

    private static Event view(String user, int item, long t) { return new Event(user, item(item), "view", null, t, null); }

    @ParameterizedTest
    @ValueSource(strings = {"ease", "itemknn", "multvae", "recvae", "diffrec", "sasrec", "gru4rec", "bert4rec"})
    void aNewEventChangesTheNextRecommendationsWithoutRetraining(String model) throws Exception {
        try (ServingService s = service(ServingFixtures.store(1), List.of(model))) {
            RecommendRequest all = new RecommendRequest("u0", ServingFixtures.ITEMS, model, false, null);
            ItemList before = s.recommend(all);
            assertNull(before.fallback(), "u0 is known: the model answers");
            // u0 likes comedies (items 0-19); three dramas now
            s.record(List.of(view("u0", 25, 9_000_000), view("u0", 26, 9_000_001), view("u0", 27, 9_000_002)));
            ItemList after = s.recommend(all);
            assertEquals(before.modelVersion(), after.modelVersion(), "no retrain happened");
            assertNotEquals(before.items().stream().map(ScoredItem::item).toList() + " " + scores(before),
                    after.items().stream().map(ScoredItem::item).toList() + " " + scores(after),
                    model + ": the answer must change with the new events");
        }
    }

    @Test
    void unknownUserGetsPopularityWithAVisibleFallbackThenTheModelOnceTheyAct() throws Exception {
        try (ServingService s = service(ServingFixtures.store(2), List.of("ease"))) {
            ItemList cold = s.recommend(new RecommendRequest("newcomer", 5, null, true, null));
            assertEquals("popularity", cold.model());
            assertNotNull(cold.fallback());
            assertEquals(5, cold.items().size());
            s.record(List.of(view("newcomer", 1, 5), view("newcomer", 2, 6), view("newcomer", 3, 7)));
            ItemList warm = s.recommend(new RecommendRequest("newcomer", 5, null, true, null));
            assertEquals("ease", warm.model());
            assertNull(warm.fallback());
            for (ScoredItem it : warm.items()) {
                assertFalse(Set.of("i1", "i2", "i3").contains(it.item()), "seen items are excluded");
                assertEquals(List.of("Comedy"), it.categories(), "a comedy history gets comedies: " + warm.items());
            }
        }
    }

    @Test
    void userWithOnlyUnknownItemsGetsTextColdStart() throws Exception {
        try (ServingService s = service(ServingFixtures.store(3), List.of("ease"))) {
            assertTrue(s.upsertItem(new Item("new-comedy", "Brand new", List.of("Comedy"), Map.of("description", "a light hearted laugh"), Map.of())));
            s.record(List.of(new Event("stranger", "new-comedy", "view", null, 1, null)));
            ItemList l = s.recommend(new RecommendRequest("stranger", 5, null, true, null));
            assertEquals("text", l.model());
            assertNotNull(l.fallback());
            for (ScoredItem it : l.items()) assertEquals(List.of("Comedy"), it.categories(), l.items().toString());
        }
    }

    @Test
    void anItemAddedThroughTheApiIsRecommendableAndSearchableAtOnce() throws Exception {
        try (ServingService s = service(ServingFixtures.store(4), List.of("ease"))) {
            s.upsertItem(new Item("fresh", "Funny film", List.of("Comedy"), Map.of("description", "a light hearted laugh"), Map.of()));
            ItemList l = s.recommend(new RecommendRequest("u0", 10, null, true, null));
            ScoredItem fresh = l.items().stream().filter(i -> i.item().equals("fresh")).findFirst().orElse(null);
            assertNotNull(fresh, "the new comedy is placed for a comedy lover: " + l.items());
            assertEquals("text", fresh.source());
            assertEquals(10, l.items().size());
            long byText = l.items().stream().filter(i -> "text".equals(i.source())).count();
            assertTrue(byText <= 2, "at most a fifth of the list is placed by text");
            assertEquals("fresh", s.search("Funny film Categories: Comedy a light hearted laugh", 1).items().getFirst().item());
            assertEquals(0, l.unknownHistory(), "u0 acted only on items the model knows");
            s.record(List.of(new Event("u0", "fresh", "view", null, 99, null)));
            ItemList after = s.recommend(new RecommendRequest("u0", 10, null, true, null));
            assertEquals("ease", after.model());
            assertEquals(1, after.unknownHistory(), "the event on an item added after the fit is left out of EASE's input, visibly");
            ItemList dramaFan = s.recommend(new RecommendRequest("u1", 10, null, true, "Drama"));
            for (ScoredItem it : dramaFan.items()) assertEquals(List.of("Drama"), it.categories());
        }
    }

    @Test
    void retriedEventsWithTheSameKeyAreStoredOnce() throws Exception {
        InMemoryEventStore store = ServingFixtures.store(5);
        try (ServingService s = service(store, List.of("ease"))) {
            long before = store.count();
            Event e = new Event("u0", item(30), "click", null, 10, "req-1");
            AppendResult first = s.record(List.of(e));
            AppendResult retry = s.record(List.of(e));
            assertEquals(1, first.stored());
            assertEquals(0, retry.stored());
            assertEquals(1, retry.duplicates());
            assertEquals(before + 1, store.count());
        }
    }

    @Test
    void aFailedAppendChangesNothing() throws Exception {
        InMemoryEventStore store = ServingFixtures.store(6);
        try (ServingService s = service(store, List.of("ease"))) {
            ItemList before = s.recommend(new RecommendRequest("u0", 10, null, false, null));
            store.failing = true;
            assertThrows(IllegalStateException.class, () -> s.record(List.of(view("u0", 30, 1))));
            store.failing = false;
            assertEquals(before, s.recommend(new RecommendRequest("u0", 10, null, false, null)));
        }
    }

    @Test
    void unknownIdsNameTheirField() throws Exception {
        try (ServingService s = service(ServingFixtures.store(7), List.of("ease"))) {
            assertEquals("model", assertThrows(FieldException.Unknown.class,
                    () -> s.recommend(new RecommendRequest("u0", 5, "nope", true, null))).field());
            assertEquals("item", assertThrows(FieldException.Unknown.class, () -> s.similar("nope", 5, null)).field());
            assertEquals("k", assertThrows(FieldException.Invalid.class, () -> s.similar(item(1), 0, null)).field());
            Explanation e = s.explain("u0", item(3), null);
            assertEquals("ease", e.model());
            assertFalse(e.text().isBlank());
        }
    }

    @Test
    void retrainSwapsModelsUnderConcurrentRequestsWithZeroFailures() throws Exception {
        InMemoryEventStore store = ServingFixtures.store(8);
        try (ServingService s = service(store, List.of("ease", "itemknn"))) {
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            Set<String> versions = java.util.concurrent.ConcurrentHashMap.newKeySet();
            AtomicInteger answered = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                Thread th = new Thread(() -> {
                    int n = 0;
                    while (!stop.get()) {
                        try {
                            String model = n % 2 == 0 ? "ease" : "itemknn";
                            ItemList l = s.recommend(new RecommendRequest("u" + ((id + n) % 70), 10, model, true, null));
                            if (l.fallback() == null) versions.add(l.modelVersion());
                            if (n % 10 == 0) s.record(List.of(view("u" + (n % 70), n % 40, n)));
                            answered.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                        n++;
                    }
                });
                th.start();
                threads.add(th);
            }
            s.retrain("test").get(60, TimeUnit.SECONDS);
            s.retrain("test again").get(60, TimeUnit.SECONDS);
            // on a busy machine the request threads may not run for a while: wait for an answer from the new models
            for (long end = System.nanoTime() + 20_000_000_000L; !versions.contains("v3") && System.nanoTime() < end; ) Thread.sleep(10);
            stop.set(true);
            for (Thread th : threads) th.join();
            assertTrue(failures.isEmpty(), "failures: " + failures);
            assertTrue(answered.get() > 100, "the threads answered " + answered.get());
            assertTrue(versions.containsAll(Set.of("v1", "v3")), "served versions: " + versions);
            Set<String> listed = new HashSet<>();
            for (ModelInfo m : s.models()) listed.add(m.name() + " " + m.version());
            assertEquals(Set.of("ease v3", "itemknn v3"), listed);
            assertEquals("ease", s.models().getFirst().name(), "the default model stays first");
        }
    }
}
