package io.genrec.server.service;

import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;
import io.genrec.llm.embed.ItemEncoder;
import io.genrec.llm.explain.ExplanationFactFinder;
import io.genrec.llm.explain.ExplanationFacts;
import io.genrec.llm.explain.TemplateExplainer;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.ProgressListener;
import io.genrec.model.TopK;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import io.genrec.server.store.AppendResult;
import io.genrec.server.store.Event;
import io.genrec.server.store.EventStore;
import io.genrec.server.store.StoredEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;

/**
 * The served recommender: models fitted on the stored events (or loaded from archives) behind one immutable
 * {@link Snapshot} that a retrain replaces atomically, plus live per-user histories projected from the store, so a
 * new event changes its user's next answer for every model that scores from the history at request time.
 *
 * <p>Life cycle: construct, {@link #start} (blocking: reads the store, fits; run it beside a server that answers
 * 503 meanwhile), optionally {@link #startText} (the text index for search and cold start), {@link #close}.
 */
public final class ServingService implements RecommendationService, AutoCloseable {
    /** Events read from the store per query. */
    static final int PAGE = 50_000;
    /** At most this share of a list (rounded up) goes to new items placed by text. */
    static final int NEW_ITEM_SHARE = 5;

    /**
     * @param models             model names to fit, the first is the default
     * @param retrainAfterEvents retrain after this many new events (0: never)
     * @param retrainEvery       retrain on this schedule (null: never)
     */
    public record Options(List<String> models, EventPolicy policy, int retrainAfterEvents, Duration retrainEvery) {
        public Options {
            models = List.copyOf(models);
            if (retrainAfterEvents < 0) throw new IllegalArgumentException("retrainAfterEvents must be >= 0, got " + retrainAfterEvents);
        }
    }

    /** A model restored from a saved archive, with the ids it was fitted on. */
    public record LoadedModel(String name, FittedRecommender model, IdMap items, IdMap users, String source) { }

    /**
     * Everything a request reads, replaced as a whole by a retrain.
     *
     * @param popular       global item ids by training popularity, most popular first (the cold-start answer)
     * @param popularCounts their training interaction counts
     */
    public record Snapshot(int generation, Map<String, ServedModel> models, String defaultModel, int[] popular,
                           int[] popularCounts, long throughSequence, int trainingInteractions) {
        ServedModel model(String name) {
            if (name == null) return models.get(defaultModel);
            ServedModel m = models.get(name);
            if (m == null) throw new FieldException.Unknown("model", "unknown model '" + name + "'; served models: " + String.join(", ", models.keySet()));
            return m;
        }

        /** True once the default model is fitted (the {@code /ready} check); the others may still be fitting. */
        public boolean hasDefault() { return models.containsKey(defaultModel); }
    }

    private final EventStore store;
    private final ModelFitter fitter;
    private final Options options;
    private final Catalog catalog = new Catalog();
    /** Models still being fitted at start-up (requests for them answer 503). */
    private final java.util.Set<String> pending = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final UserHistories histories = new UserHistories();
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private volatile TextIndex text;
    private volatile String startError;
    private final Object catchUpLock = new Object();
    private long applied; // guarded by catchUpLock: the last store sequence projected into the histories
    private final AtomicLong eventsSinceFit = new AtomicLong();
    private final Object retrainLock = new Object();
    private CompletableFuture<Snapshot> retraining; // guarded by retrainLock
    private final ScheduledExecutorService background = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "genrec-serve-background");
        t.setDaemon(true);
        return t;
    });

    public ServingService(EventStore store, ModelFitter fitter, Options options) {
        if (options.models().isEmpty()) throw new IllegalArgumentException("at least one model must be served");
        this.store = store;
        this.fitter = fitter;
        this.options = options;
        pending.addAll(options.models());
    }

    public EventStore store() { return store; }

    public Catalog catalog() { return catalog; }

    /** True once models are loaded (the {@code /ready} check). */
    public boolean ready() { return current.get() != null; }

    /** Why {@link #start} failed, or null. */
    public String startError() { return startError; }

    public Snapshot snapshot() { return current.get(); }

    /**
     * Reads the catalogue and every stored event, fits the models (or binds {@code loaded} ones instead), and starts
     * serving. Blocking. Afterwards events appended by other processes are picked up every second.
     */
    public void start(List<LoadedModel> loaded) throws Exception {
        try {
            for (Item it : store.items()) catalog.upsert(it);
            Training data;
            synchronized (catchUpLock) {
                data = readTraining(Long.MAX_VALUE, true);
                applied = data.throughSequence;
            }
            List<ServedModel> served = new ArrayList<>();
            if (loaded != null && !loaded.isEmpty()) {
                for (LoadedModel m : loaded)
                    served.add(warm(ServedModel.bind(m.name(), "v1", m.model(), m.items(), m.users(), catalog, Instant.now(), 0,
                            provenance(m.model(), "loaded from " + m.source()), Map.of()), data.dataset));
            } else {
                requireData(data);
                // each model is served as soon as it is fitted, so a slow neural fit does not hold up the fast ones
                for (String name : options.models()) {
                    served.add(fit(name, "v1", data.dataset, true));
                    pending.remove(name);
                    current.set(snapshot(1, served, data));
                    System.err.printf(Locale.ROOT, "genrec serve: serving %s%s%n", describe(List.of(served.getLast())),
                            pending.isEmpty() ? "" : "; still fitting " + String.join(", ", pending));
                }
            }
            pending.clear();
            current.set(snapshot(1, served, data));
            System.err.printf(Locale.ROOT, "genrec serve: ready: %s on %,d interactions of %,d users (%s)%n", describe(served),
                    data.dataset.numInteractions(), data.dataset.numUsers(), store.describe());
            background.scheduleWithFixedDelay(this::catchUpQuietly, 1, 1, TimeUnit.SECONDS);
            Duration every = options.retrainEvery();
            if (every != null)
                background.scheduleWithFixedDelay(() -> retrain("schedule (every " + every + ")"), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception | Error e) {
            startError = String.valueOf(e.getMessage());
            throw e;
        }
    }

    /** Builds the text index (search, text cold start, new items); until it exists those answer 503 or fall back to popularity. */
    public void startText(ItemEncoder encoder, ProgressListener listener) {
        long t0 = System.nanoTime();
        TextIndex t = TextIndex.build(catalog, encoder, listener);
        // items added while the catalogue was being embedded
        for (int g = 0; g < catalog.size(); g++) if (t.vector(g) == null) t.upsert(g, catalog.get(g));
        text = t;
        System.err.printf(Locale.ROOT, "genrec serve: text index ready: %,d items embedded with %s in %.1f s%n", t.size(),
                encoder.modelId(), (System.nanoTime() - t0) / 1e9);
    }

    public boolean textReady() { return text != null; }

    private static void requireData(Training data) {
        if (data.dataset.numInteractions() == 0)
            throw new IllegalStateException("the event store has no positive interactions to fit on; import data first (genrec serve --data SPEC on an empty store)");
    }

    private ServedModel fit(String name, String version, Dataset data, boolean initial) throws Exception {
        long t0 = System.nanoTime();
        ModelFitter.Fitted f = fitter.fit(name, data, initial);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return warm(ServedModel.bind(name, version, f.model(), data.itemIds(), data.userIds(), catalog, Instant.now(), seconds,
                provenance(f.model(), null), f.validation()), data);
    }

    /** Runs {@link ModelWarmUp} on {@code m} before it is served; a model whose scoring fails is served anyway (its requests will say why). */
    private ServedModel warm(ServedModel m, Dataset data) {
        try {
            ModelWarmUp.Result w = ModelWarmUp.run(m, data.userIds(), histories, ModelWarmUp.MAX_SCORINGS, ModelWarmUp.MAX_TIME);
            System.err.printf(Locale.ROOT, "genrec serve: warmed %s %s up: %,d scorings in %.2f s (first %.2f ms, last %.2f ms)%n",
                    m.name(), m.version(), w.scorings(), w.seconds(), w.firstMillis(), w.lastMillis());
        } catch (RuntimeException e) {
            System.err.println("genrec serve: warning: warming " + m.name() + " " + m.version() + " up failed: " + e);
        }
        return m;
    }

    private static Map<String, Object> provenance(FittedRecommender m, String source) {
        Map<String, Object> p = new LinkedHashMap<>();
        Provenance pr = m.provenance();
        if (pr != null) {
            p.put("model", pr.model());
            p.put("config", pr.config());
            p.put("data", pr.dataName());
            p.put("dataHash", pr.dataHash());
            p.put("split", pr.split());
            p.put("seed", pr.seed());
        }
        if (source != null) p.put("source", source);
        return p;
    }

    private Snapshot snapshot(int generation, List<ServedModel> served, Training data) {
        Map<String, ServedModel> models = new LinkedHashMap<>();
        for (ServedModel m : served) models.put(m.name(), m);
        int[][] pop = popular(data.dataset);
        return new Snapshot(generation, Map.copyOf(models), served.getFirst().name(), pop[0], pop[1],
                data.throughSequence, data.dataset.numInteractions());
    }

    /** {global ids by popularity, their counts}. */
    private int[][] popular(Dataset d) {
        int[] counts = d.itemPopularity();
        Integer[] order = new Integer[counts.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -counts[i]).thenComparingInt(i -> i));
        int n = 0;
        while (n < order.length && counts[order[n]] > 0) n++;
        int[] out = new int[n], outCounts = new int[n];
        for (int r = 0; r < n; r++) {
            out[r] = catalog.ensure(d.itemIds().externalId(order[r]));
            outCounts[r] = counts[order[r]];
        }
        return new int[][]{out, outCounts};
    }

    private static String describe(List<ServedModel> served) {
        List<String> s = new ArrayList<>();
        for (ServedModel m : served) s.add(String.format(Locale.ROOT, "%s %s (%.1f s)", m.name(), m.version(), m.fitSeconds()));
        return String.join(", ", s);
    }

    /** The positive events up to {@code bound} as a dataset; with {@code live} also projected into the histories. */
    private record Training(Dataset dataset, long throughSequence) { }

    private Training readTraining(long bound, boolean live) {
        Dataset.Builder b = new Dataset.Builder("served events (" + store.describe() + ")", 1 << 16);
        long seq = 0;
        EventPolicy policy = options.policy();
        outer:
        while (true) {
            List<StoredEvent> page = store.readSince(seq, PAGE);
            if (page.isEmpty()) break;
            for (StoredEvent se : page) {
                if (se.sequence() > bound) break outer;
                Event e = se.event();
                int g = catalog.ensure(e.item());
                if (policy.positive(e)) {
                    float v = EventPolicy.value(e);
                    b.add(e.user(), e.item(), v, e.timestamp());
                    if (live) histories.add(e.user(), g, e.timestamp(), v);
                }
                seq = se.sequence();
            }
        }
        Dataset d = b.build(ids -> {
            Item[] items = new Item[ids.size()];
            for (int i = 0; i < items.length; i++) items[i] = catalog.get(catalog.ensure(ids.externalId(i)));
            return new ItemCatalog(items);
        }, null);
        return new Training(d, seq);
    }

    /** Projects events stored since the last call (by this server or any other writer) into the histories. */
    public void catchUp() {
        long added = 0;
        synchronized (catchUpLock) {
            EventPolicy policy = options.policy();
            while (true) {
                List<StoredEvent> page = store.readSince(applied, PAGE);
                if (page.isEmpty()) break;
                for (StoredEvent se : page) {
                    Event e = se.event();
                    int g = catalog.ensure(e.item());
                    if (policy.positive(e)) histories.add(e.user(), g, e.timestamp(), EventPolicy.value(e));
                    applied = se.sequence();
                    added++;
                }
            }
        }
        long since = eventsSinceFit.addAndGet(added);
        int after = options.retrainAfterEvents();
        if (added > 0 && after > 0 && since >= after && current.get() != null) retrain("after " + since + " new events");
    }

    private void catchUpQuietly() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            // the next tick retries; a store that stays broken shows in /ready and in every write
            System.err.println("genrec serve: warning: could not read new events: " + e.getMessage());
        }
    }

    /**
     * Refits every served model on all stored events in the background and swaps them in at once; requests in flight
     * finish on the models they started with. A retrain asked for while one runs returns the running one.
     */
    public CompletableFuture<Snapshot> retrain(String reason) {
        synchronized (retrainLock) {
            if (retraining != null && !retraining.isDone()) return retraining;
            CompletableFuture<Snapshot> f = new CompletableFuture<>();
            retraining = f;
            Thread t = new Thread(() -> {
                try {
                    f.complete(doRetrain(reason));
                } catch (Throwable e) {
                    System.err.println("genrec serve: retrain (" + reason + ") failed, still serving the previous models: " + e);
                    f.completeExceptionally(e);
                }
            }, "genrec-retrain");
            t.setDaemon(true);
            t.start();
            return f;
        }
    }

    private Snapshot doRetrain(String reason) throws Exception {
        Snapshot old = current.get();
        if (old == null || !pending.isEmpty()) throw new FieldException.NotReady("models are still loading; retrain after start-up");
        long t0 = System.nanoTime();
        long bound;
        synchronized (catchUpLock) {
            bound = applied;
        }
        eventsSinceFit.set(0);
        Training data = readTraining(bound, false);
        requireData(data);
        int generation = old.generation() + 1;
        List<ServedModel> served = new ArrayList<>();
        for (ServedModel m : old.models().values()) served.add(fit(m.name(), "v" + generation, data.dataset, false));
        // the default stays first
        served.sort(Comparator.comparing((ServedModel m) -> !m.name().equals(old.defaultModel())));
        Snapshot next = snapshot(generation, served, data);
        current.set(next);
        System.err.printf(Locale.ROOT, "genrec serve: retrained (%s) on %,d interactions in %.1f s: %s%n", reason,
                data.dataset.numInteractions(), (System.nanoTime() - t0) / 1e9, describe(served));
        return next;
    }

    private ServedModel model(Snapshot s, String name) {
        if (name != null && !s.models().containsKey(name) && pending.contains(name))
            throw new FieldException.NotReady("model '" + name + "' is still being fitted; served now: " + String.join(", ", s.models().keySet()));
        return s.model(name);
    }

    /** Names of the models still being fitted at start-up. */
    public List<String> pendingModels() { return List.copyOf(pending); }

    private Snapshot requireReady() {
        Snapshot s = current.get();
        if (s == null) throw new FieldException.NotReady(startError != null ? "the models failed to load: " + startError : "models are still loading");
        return s;
    }

    /**
     * This request thread's score buffer of {@code n} floats (every entry is overwritten by {@code scoreAll}). Why: a
     * fresh catalogue-sized array per request was a tenth of the server's garbage at 1,000 requests/s. Only used
     * between scoring and top-k selection, never kept.
     */
    private static float[] scoreBuffer(int n) {
        float[] b = SCORES.get();
        if (b == null || b.length != n) SCORES.set(b = new float[n]);
        return b;
    }

    private static final ThreadLocal<float[]> SCORES = new ThreadLocal<>();

    // ---- the RecommendationService API ----

    @Override
    public ItemList recommend(RecommendRequest r) {
        Snapshot s = requireReady();
        ServedModel m = model(s, r.model());
        UserHistories.History h = histories.get(r.user());
        int[] seenGlobal = h == null ? new int[0] : h.items();
        IntPredicate category = categoryFilter(r.category());
        UserHistories.Mapped mh = h == null ? null : h.mapTo(m.globalToModel());
        UserContext ctx = m.requestContext(r.user(), mh);
        if (ctx == null) return coldStart(s, m, r, seenGlobal, category);

        float[] scores = scoreBuffer(m.model().numItems());
        m.model().scoreAll(ctx, scores);
        ItemFilter filter = r.excludeSeen() && mh != null ? ItemFilter.excluding(mh.items()) : ItemFilter.ALL;
        if (category != null) {
            int[] toGlobal = m.modelToGlobal();
            filter = filter.and(i -> category.test(toGlobal[i]));
        }
        TopK top = TopK.select(scores, r.k(), filter);
        List<ScoredItem> items = new ArrayList<>(top.size());
        for (int i = 0; i < top.size(); i++) items.add(scored(i + 1, m.modelToGlobal()[top.items()[i]], top.scores()[i], null));
        items = placeNewItems(m, items, seenGlobal, r.excludeSeen(), category, r.k());
        return new ItemList(m.name(), m.version(), null, null, items, mh == null ? 0 : mh.total() - mh.items().length);
    }

    /**
     * Items added to the catalogue after {@code m} was fitted have no model score; when the user has a text profile
     * each such item is placed at the rank its cosine to the profile has among the listed items' cosines (at most a
     * fifth of the list, best first), marked {@code source=text}.
     */
    private List<ScoredItem> placeNewItems(ServedModel m, List<ScoredItem> items, int[] seenGlobal, boolean excludeSeen,
                                           IntPredicate category, int k) {
        TextIndex t = text;
        int first = m.globalToModel().length, end = catalog.size();
        if (t == null || first >= end || seenGlobal.length == 0) return items;
        float[] profile = t.profile(seenGlobal);
        if (profile == null) return items;
        BitSet seen = new BitSet();
        if (excludeSeen) for (int g : seenGlobal) seen.set(g);
        List<float[]> candidates = new ArrayList<>(); // {global, cosine}
        for (int g = first; g < end; g++) {
            if (seen.get(g) || (category != null && !category.test(g))) continue;
            float[] v = t.vector(g);
            if (v != null) candidates.add(new float[]{g, TextIndex.cosine(v, profile)});
        }
        if (candidates.isEmpty()) return items;
        candidates.sort((a, b) -> Float.compare(b[1], a[1]));
        float[] listed = new float[items.size()];
        for (int i = 0; i < listed.length; i++) {
            float[] v = t.vector(catalog.indexOf(items.get(i).item()));
            listed[i] = v == null ? Float.NEGATIVE_INFINITY : TextIndex.cosine(v, profile);
        }
        int quota = (k + NEW_ITEM_SHARE - 1) / NEW_ITEM_SHARE;
        List<Object[]> merged = new ArrayList<>(); // {position, ScoredItem}
        for (ScoredItem it : items) merged.add(new Object[]{it});
        int placed = 0;
        for (float[] c : candidates) {
            if (placed == quota) break;
            int p = 0;
            for (float x : listed) if (x > c[1]) p++;
            if (p >= k) break; // candidates are sorted: the rest rank lower still
            // items placed earlier with a higher cosine stay ahead of this one
            int pos = p + placed;
            merged.add(Math.min(pos, merged.size()), new Object[]{scored(0, (int) c[0], c[1], "text")});
            placed++;
        }
        List<ScoredItem> out = new ArrayList<>(Math.min(k, merged.size()));
        for (int i = 0; i < merged.size() && out.size() < k; i++) {
            ScoredItem it = (ScoredItem) merged.get(i)[0];
            out.add(new ScoredItem(out.size() + 1, it.item(), it.title(), it.categories(), it.score(), it.source()));
        }
        return out;
    }

    private ItemList coldStart(Snapshot s, ServedModel m, RecommendRequest r, int[] seenGlobal, IntPredicate category) {
        BitSet seen = new BitSet();
        if (r.excludeSeen()) for (int g : seenGlobal) seen.set(g);
        TextIndex t = text;
        float[] profile = t == null || seenGlobal.length == 0 ? null : t.profile(seenGlobal);
        if (profile != null) {
            TopK top = t.search(profile, r.k(), g -> !seen.get(g) && (category == null || category.test(g)));
            List<ScoredItem> items = new ArrayList<>();
            for (int i = 0; i < top.size(); i++) items.add(scored(i + 1, top.items()[i], top.scores()[i], "text"));
            return new ItemList("text", t.encoderId(), "cold start: model '" + m.name() + "' knows none of the user's "
                    + seenGlobal.length + " interactions; ranked by text similarity to them", null, items);
        }
        List<ScoredItem> items = new ArrayList<>();
        int[] popular = s.popular();
        for (int p = 0; p < popular.length && items.size() < r.k(); p++) {
            int g = popular[p];
            if (seen.get(g) || (category != null && !category.test(g))) continue;
            // the score of a popularity answer is the item's number of training interactions
            items.add(scored(items.size() + 1, g, s.popularCounts()[p], "popularity"));
        }
        String why = seenGlobal.length == 0 ? "cold start: unknown user (no interactions); most popular items"
                : "cold start: model '" + m.name() + "' knows none of the user's " + seenGlobal.length + " interactions"
                + (t == null ? " and the text index is not built yet" : " and none has text") + "; most popular items";
        return new ItemList("popularity", "v" + s.generation(), why, null, items);
    }

    private ScoredItem scored(int rank, int global, float score, String source) {
        Item it = catalog.get(global);
        return new ScoredItem(rank, it.id(), it.title(), it.categories(), score, source);
    }

    /** Accepts global ids of items in {@code category} (case-insensitive), or null for no filter. */
    private IntPredicate categoryFilter(String category) {
        if (category == null) return null;
        return g -> {
            for (String c : catalog.get(g).categories()) if (c.equalsIgnoreCase(category)) return true;
            return false;
        };
    }

    @Override
    public ItemList similar(String item, int k, String model) {
        checkK(k);
        Snapshot s = requireReady();
        ServedModel m = model(s, model);
        int g = catalog.indexOf(item);
        if (g < 0) throw new FieldException.Unknown("item", "unknown item '" + item + "'");
        int mi = m.toModel(g);
        if (mi >= 0 && m.scoresFromHistory()) {
            float[] scores = scoreBuffer(m.model().numItems());
            m.model().scoreAll(UserContext.ofHistory(mi), scores);
            TopK top = TopK.select(scores, k, ItemFilter.excluding(mi));
            List<ScoredItem> items = new ArrayList<>();
            for (int i = 0; i < top.size(); i++) items.add(scored(i + 1, m.modelToGlobal()[top.items()[i]], top.scores()[i], null));
            return new ItemList(m.name(), m.version(), null, null, items);
        }
        TextIndex t = text;
        float[] v = t == null ? null : t.vector(g);
        if (v == null) {
            String why = mi < 0 ? "model '" + m.name() + "' does not know item '" + item + "'" : "model '" + m.name() + "' cannot score from an item";
            throw new FieldException.NotReady(why + (t == null ? " and the text index is not built yet" : " and the item has no text"));
        }
        TopK top = t.search(v, k, x -> x != g);
        List<ScoredItem> items = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) items.add(scored(i + 1, top.items()[i], top.scores()[i], "text"));
        return new ItemList("text", t.encoderId(), (mi < 0 ? "model '" + m.name() + "' does not know item '" + item + "'"
                : "model '" + m.name() + "' cannot score from an item") + "; items with the most similar text", null, items);
    }

    @Override
    public ItemList search(String query, int k) {
        checkK(k);
        if (query == null || query.isBlank()) throw new FieldException.Invalid("q", "'q' must be a non-empty search text");
        TextIndex t = text;
        if (t == null) throw new FieldException.NotReady("the search index is still being built");
        float[] q = t.embedQuery(query);
        List<ScoredItem> items = new ArrayList<>();
        if (q != null) {
            TopK top = t.search(q, k, null);
            for (int i = 0; i < top.size(); i++) items.add(scored(i + 1, top.items()[i], top.scores()[i], null));
        }
        return new ItemList("dense", t.encoderId(), null, null, items);
    }

    @Override
    public Explanation explain(String user, String item, String model) {
        if (user == null || user.isBlank()) throw new FieldException.Invalid("user", "'user' must be a non-empty string");
        Snapshot s = requireReady();
        ServedModel m = model(s, model);
        int g = catalog.indexOf(item);
        if (g < 0) throw new FieldException.Unknown("item", "unknown item '" + item + "'");
        UserHistories.History h = histories.get(user);
        int[] history = h == null ? new int[0] : h.items();
        ItemCatalog cat = catalog.toItemCatalog();
        ExplanationFacts facts = new ExplanationFactFinder(cat).facts(history, g);
        List<String> because = new ArrayList<>();
        for (ExplanationFacts.SimilarItem si : facts.similarItems()) because.add(cat.get(si.item()).id());
        return new Explanation(user, item, m.name(), TemplateExplainer.render(facts), because, "template (item facts)");
    }

    /** Stores the events durably (one transaction), then projects them into the histories before returning. */
    @Override
    public AppendResult record(List<Event> events) {
        if (events == null || events.isEmpty()) throw new FieldException.Invalid("events", "at least one event is required");
        AppendResult r = store.append(events);
        catchUp();
        return r;
    }

    /** Adds or replaces a catalogue item durably; with the text index built it is searchable and recommendable at once. */
    public boolean upsertItem(Item item) {
        boolean existed = catalog.indexOf(item.id()) >= 0;
        store.upsertItem(item);
        int g = catalog.upsert(item);
        TextIndex t = text;
        if (t != null) t.upsert(g, item);
        return !existed;
    }

    /** The user's positive interactions as global catalogue ids in arrival order (empty for an unknown user). */
    public int[] history(String user) {
        UserHistories.History h = histories.get(user);
        return h == null ? new int[0] : h.items();
    }

    /** Users with positive interactions whose id starts with {@code prefix} (shortest ids first), at most {@code limit}. */
    public List<String> users(String prefix, int limit) { return histories.ids(prefix, limit); }

    @Override
    public List<ModelInfo> models() {
        Snapshot s = requireReady();
        List<ModelInfo> out = new ArrayList<>();
        List<ServedModel> ms = new ArrayList<>(s.models().values());
        ms.sort(Comparator.comparing((ServedModel m) -> !m.name().equals(s.defaultModel())).thenComparing(ServedModel::name));
        for (ServedModel m : ms)
            out.add(new ModelInfo(m.name(), m.version(), m.fittedAt().toString(), m.fitSeconds(), m.provenance(), m.validation()));
        return out;
    }

    private static void checkK(int k) {
        if (k < 1 || k > MAX_K) throw new FieldException.Invalid("k", "'k' must be between 1 and " + MAX_K + ", got " + k);
    }

    @Override
    public void close() {
        background.shutdownNow();
        TextIndex t = text;
        if (t != null) t.close();
    }
}
