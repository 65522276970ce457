package io.genrec.server.service;

import io.genrec.config.Params;
import io.genrec.data.Item;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TrainContext;
import io.genrec.server.store.Event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Tiny served worlds for tests: 40 items in two genres (items 0-19 "Comedy", 20-39 "Drama"), 60 users who each like
 * 8 items of one genre, stored as view events in an in-memory store.
 */
public final class ServingFixtures {
    public static final int ITEMS = 40;
    public static final int USERS = 60;

    private ServingFixtures() { }

    public static String item(int i) { return "i" + i; }

    public static InMemoryEventStore store(long seed) {
        InMemoryEventStore store = new InMemoryEventStore();
        for (int i = 0; i < ITEMS; i++) {
            boolean comedy = i < ITEMS / 2;
            store.upsertItem(new Item(item(i), (comedy ? "Funny film " : "Serious film ") + i, List.of(comedy ? "Comedy" : "Drama"),
                    Map.of("description", comedy ? "a light hearted laugh" : "a grim tragic story"), Map.of()));
        }
        Random rnd = new Random(seed);
        List<Event> events = new ArrayList<>();
        long t = 1_000_000;
        for (int u = 0; u < USERS; u++) {
            int base = u % 2 == 0 ? 0 : ITEMS / 2;
            for (int n = 0; n < 8; n++) events.add(new Event("u" + u, item(base + rnd.nextInt(ITEMS / 2)), "view", null, t++, null));
        }
        store.append(events);
        return store;
    }

    /** Fits registry models with default parameters (plus {@code params}), on one thread. */
    public static ModelFitter fitter(Map<String, Map<String, String>> params) {
        RecommenderRegistry registry = RecommenderRegistry.load();
        return (name, data, initial) -> new ModelFitter.Fitted(
                registry.create(name, new Params(params.getOrDefault(name, Map.of()), "test params of " + name))
                        .fit(new TrainContext(data, null, 42, 1, io.genrec.model.ProgressListener.NONE, "test: all data")),
                Map.of());
    }

    /** A started service over {@link #store} serving {@code models}, with the word-hash text index. */
    public static ServingService started(InMemoryEventStore store, List<String> models) throws Exception {
        ServingService s = new ServingService(store, fitter(Map.of()), new ServingService.Options(models, EventPolicy.DEFAULT, 0, null));
        s.start(List.of());
        s.startText(new WordHashEncoder(), io.genrec.model.ProgressListener.NONE);
        return s;
    }
}
