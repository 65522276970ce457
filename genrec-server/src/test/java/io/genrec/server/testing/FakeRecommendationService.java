package io.genrec.server.testing;

import io.genrec.server.service.Explanation;
import io.genrec.server.service.ItemList;
import io.genrec.server.service.ModelInfo;
import io.genrec.server.service.RecommendRequest;
import io.genrec.server.service.RecommendationService;
import io.genrec.server.service.ScoredItem;
import io.genrec.server.store.AppendResult;
import io.genrec.server.store.Event;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small deterministic stand-in for the real service: a catalogue of {@value #ITEMS} items ({@code i0}…), models
 * {@code ease}, {@code sasrec} and {@code pop} that rank by a fixed per-(model, user, item) hash, and an in-memory event
 * list with idempotency keys. Same error conventions as the contract: unknown ids throw NoSuchElementException,
 * bad arguments IllegalArgumentException.
 */
public final class FakeRecommendationService implements RecommendationService {
    public static final int ITEMS = 40;
    public static final List<String> MODELS = List.of("ease", "sasrec", "pop");
    public final List<Event> events = new CopyOnWriteArrayList<>();
    private final Set<String> keys = new HashSet<>();

    public static String title(String item) {
        return "Title of " + item + (Integer.parseInt(item.substring(1)) % 2 == 0 ? " space adventure" : " cooking show");
    }

    private static void checkModel(String model) {
        if (model != null && !MODELS.contains(model)) throw new NoSuchElementException("no served model '" + model + "'");
    }

    private static void checkItem(String item) {
        if (item == null || !item.matches("i\\d+") || Integer.parseInt(item.substring(1)) >= ITEMS) throw new NoSuchElementException("no item '" + item + "'");
    }

    private static void checkK(int k) {
        if (k < 1 || k > MAX_K) throw new IllegalArgumentException("'k' must be between 1 and " + MAX_K + ", got " + k);
    }

    /** The fixed ranking of {@code model} for {@code key}. */
    public static List<String> ranking(String model, String key) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) items.add("i" + i);
        items.sort(Comparator.comparingInt((String it) -> (model + "/" + key + "/" + it).hashCode()).thenComparing(it -> it));
        return items;
    }

    private static ItemList list(String model, List<String> ranked, int k, String fallback) {
        List<ScoredItem> out = new ArrayList<>();
        for (int r = 0; r < Math.min(k, ranked.size()); r++) {
            String it = ranked.get(r);
            out.add(new ScoredItem(r + 1, it, title(it), List.of("cat" + Integer.parseInt(it.substring(1)) % 3), 1f / (r + 1)));
        }
        return new ItemList(model, model + "-v1", fallback, null, out);
    }

    @Override
    public ItemList recommend(RecommendRequest r) {
        String model = r.model() == null ? "ease" : r.model();
        checkModel(model);
        return list(model, ranking(model, r.user()), r.k(), r.user().startsWith("new") ? "unknown user" : null);
    }

    @Override
    public ItemList similar(String item, int k, String model) {
        checkK(k);
        checkModel(model);
        checkItem(item);
        String m = model == null ? "ease" : model;
        List<String> ranked = new ArrayList<>(ranking(m, item));
        ranked.remove(item);
        return list(m, ranked, k, null);
    }

    @Override
    public ItemList search(String query, int k) {
        checkK(k);
        if (query == null || query.isBlank()) throw new IllegalArgumentException("'q' must be a non-empty string");
        List<String> hits = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) if (title("i" + i).contains(query)) hits.add("i" + i);
        return list("dense", hits, k, null);
    }

    @Override
    public Explanation explain(String user, String item, String model) {
        checkModel(model);
        checkItem(item);
        return new Explanation(user, item, model == null ? "ease" : model, "Because you liked i1.", List.of("i1"), "item-similarity");
    }

    @Override
    public synchronized AppendResult record(List<Event> batch) {
        int stored = 0, dup = 0;
        for (Event e : batch) {
            if (e.idempotencyKey() != null && !keys.add(e.idempotencyKey())) {
                dup++;
                continue;
            }
            events.add(e);
            stored++;
        }
        return new AppendResult(stored, dup, events.size());
    }

    @Override
    public List<ModelInfo> models() {
        return MODELS.stream().map(m -> new ModelInfo(m, m + "-v1", "2026-01-01T00:00:00Z", 1.0, Map.of(), Map.of())).toList();
    }
}
