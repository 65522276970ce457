package io.genrec.server.online;

import io.genrec.server.service.FieldException;
import io.genrec.server.service.Explanation;
import io.genrec.server.service.ItemList;
import io.genrec.server.service.ModelInfo;
import io.genrec.server.service.RecommendRequest;
import io.genrec.server.service.RecommendationService;
import io.genrec.server.service.ScoredItem;
import io.genrec.server.store.AppendResult;
import io.genrec.server.store.Event;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Online evaluation around a {@link RecommendationService}: while an experiment runs, a request for the default
 * model ({@code model == null}) is served by the user's arm (A/B) or by a team-draft interleaving of both arms, the
 * shown list is logged as an {@link Impression}, and later feedback on a shown item is credited to the arm or team
 * that showed it. A request naming a model bypasses experiments. At most one experiment runs at a time.
 *
 * <p>Attribution: a feedback event whose type is one of the experiment's click or conversion types is credited to the
 * user's most recent impression of that experiment that showed the item, served at most the attribution window
 * before the event's timestamp (event timestamps are the client's; impressions carry the server clock).
 */
public final class ExperimentService implements RecommendationService {
    /** Recent impressions kept per user for attribution; older ones beyond this are no longer credited. */
    static final int MAX_RECENT_PER_USER = 200;

    private final RecommendationService delegate;
    private final ExperimentLog log;
    private final InstantSource clock;
    private final Map<String, ExperimentConfig> experiments = new LinkedHashMap<>();
    private final Map<String, Deque<Impression>> recent = new ConcurrentHashMap<>();
    private volatile ExperimentConfig[] snapshot = new ExperimentConfig[0];

    /** Loads experiments and the impressions still inside an attribution window from {@code log}. */
    public ExperimentService(RecommendationService delegate, ExperimentLog log, InstantSource clock) {
        this.delegate = delegate;
        this.log = log;
        this.clock = clock;
        for (ExperimentConfig c : log.experiments()) experiments.put(c.id(), c);
        publish();
        for (Impression i : log.impressionsSince(clock.millis() - maxWindow())) remember(i);
    }

    public RecommendationService delegate() {
        return delegate;
    }

    // ---- experiments ----

    /**
     * Starts tracking {@code config}. Unknown models are errors naming the arm; an id already used or another
     * experiment not yet stopped is an {@link ExperimentConflictException}.
     */
    public synchronized ExperimentConfig create(ExperimentConfig config) {
        if (experiments.containsKey(config.id())) throw new ExperimentConflictException("experiment '" + config.id() + "' already exists");
        Set<String> served = new HashSet<>();
        for (ModelInfo m : delegate.models()) served.add(m.name());
        for (int i = 0; i < config.arms().size(); i++) {
            String m = config.arms().get(i).model();
            if (!served.contains(m))
                throw FieldException.invalid("arms[" + i + "].model", "names '" + m + "', which is not served (served: " + new java.util.TreeSet<>(served) + ")");
        }
        for (ExperimentConfig other : experiments.values())
            if (other.endMillis() == null || other.endMillis() > config.startMillis())
                throw new ExperimentConflictException("experiment '" + other.id() + "' has not stopped; stop it first (one experiment runs at a time)");
        log.saveExperiment(config);
        experiments.put(config.id(), config);
        publish();
        return config;
    }

    /** Stops the experiment now (its impressions keep collecting feedback within their windows). */
    public synchronized ExperimentConfig stop(String id) {
        ExperimentConfig c = experiment(id);
        if (c.endMillis() != null && c.endMillis() <= clock.millis()) return c;
        ExperimentConfig ended = c.endedAt(clock.millis());
        log.saveExperiment(ended);
        experiments.put(id, ended);
        publish();
        return ended;
    }

    public synchronized List<ExperimentConfig> experiments() {
        return List.copyOf(experiments.values());
    }

    public synchronized ExperimentConfig experiment(String id) {
        ExperimentConfig c = experiments.get(id);
        if (c == null) throw new NoSuchElementException("no experiment '" + id + "'");
        return c;
    }

    /** The service clock's time (epoch ms): the default start of a new experiment. */
    public long nowMillis() {
        return clock.millis();
    }

    public String status(ExperimentConfig c) {
        long now = clock.millis();
        return now < c.startMillis() ? "scheduled" : c.runningAt(now) ? "running" : "stopped";
    }

    private void publish() {
        snapshot = experiments.values().toArray(new ExperimentConfig[0]);
    }

    private long maxWindow() {
        long w = 0;
        for (ExperimentConfig c : snapshot) w = Math.max(w, c.attributionWindowMillis());
        return w;
    }

    private Optional<ExperimentConfig> running(long now) {
        for (ExperimentConfig c : snapshot) if (c.runningAt(now)) return Optional.of(c);
        return Optional.empty();
    }

    // ---- serving ----

    @Override
    public ItemList recommend(RecommendRequest request) {
        if (request.model() != null) return delegate.recommend(request);
        long now = clock.millis();
        Optional<ExperimentConfig> exp = running(now);
        if (exp.isEmpty()) return delegate.recommend(request);
        ExperimentConfig c = exp.get();
        return c.method() == ExperimentConfig.Method.AB ? serveAb(c, request, now) : serveInterleaved(c, request, now);
    }

    private ItemList serveAb(ExperimentConfig c, RecommendRequest r, long now) {
        String arm = c.arms().get(ArmAssignment.arm(c.id(), r.user(), c.arms())).model();
        ItemList list = delegate.recommend(new RecommendRequest(r.user(), r.k(), arm, r.excludeSeen(), r.category()));
        List<String> items = list.items().stream().map(ScoredItem::item).toList();
        logImpression(new Impression(UUID.randomUUID().toString(), c.id(), r.user(), arm, now, items, Collections.nCopies(items.size(), arm)));
        return list.withArm(arm);
    }

    private ItemList serveInterleaved(ExperimentConfig c, RecommendRequest r, long now) {
        String armA = c.arms().get(0).model(), armB = c.arms().get(1).model();
        ItemList a = delegate.recommend(new RecommendRequest(r.user(), r.k(), armA, r.excludeSeen(), r.category()));
        ItemList b = delegate.recommend(new RecommendRequest(r.user(), r.k(), armB, r.excludeSeen(), r.category()));
        UUID id = UUID.randomUUID();
        // the coin is seeded from the impression id, so a logged slate can be re-derived from its inputs
        SplittableRandom coin = new SplittableRandom(id.getMostSignificantBits() ^ id.getLeastSignificantBits());
        TeamDraftInterleaving.Result mixed = TeamDraftInterleaving.interleave(
                a.items().stream().map(ScoredItem::item).toList(), b.items().stream().map(ScoredItem::item).toList(), r.k(), coin::nextBoolean);
        Map<String, ScoredItem> fromA = new HashMap<>(), fromB = new HashMap<>();
        for (ScoredItem s : a.items()) fromA.putIfAbsent(s.item(), s);
        for (ScoredItem s : b.items()) fromB.putIfAbsent(s.item(), s);
        List<ScoredItem> out = new ArrayList<>(mixed.items().size());
        List<String> teams = new ArrayList<>(mixed.items().size());
        for (int p = 0; p < mixed.items().size(); p++) {
            boolean teamA = mixed.teams()[p] == TeamDraftInterleaving.TEAM_A;
            ScoredItem s = (teamA ? fromA : fromB).get(mixed.items().get(p));
            // scores of two models are not on one scale; each keeps the score its own model gave
            out.add(new ScoredItem(p + 1, s.item(), s.title(), s.categories(), s.score(), s.source()));
            teams.add(teamA ? armA : armB);
        }
        logImpression(new Impression(id.toString(), c.id(), r.user(), Impression.INTERLEAVED, now, mixed.items(), teams));
        String fallback = a.fallback() == null && b.fallback() == null ? null
                : (a.fallback() == null ? "" : armA + ": " + a.fallback()) + (a.fallback() != null && b.fallback() != null ? "; " : "")
                + (b.fallback() == null ? "" : armB + ": " + b.fallback());
        return new ItemList("team-draft(" + a.model() + "," + b.model() + ")", a.modelVersion() + "," + b.modelVersion(), fallback,
                Impression.INTERLEAVED, out, Math.max(a.unknownHistory(), b.unknownHistory()));
    }

    private void logImpression(Impression i) {
        if (i.items().isEmpty()) return; // nothing was shown, nothing can be clicked
        log.appendImpression(i);
        remember(i);
    }

    private void remember(Impression i) {
        Deque<Impression> q = recent.computeIfAbsent(i.user(), u -> new ArrayDeque<>());
        long horizon = clock.millis() - maxWindow();
        synchronized (q) {
            q.addLast(i);
            while (!q.isEmpty() && (q.size() > MAX_RECENT_PER_USER || q.peekFirst().timestamp() < horizon)) q.removeFirst();
        }
    }

    /** Stores the events through the wrapped service, then credits feedback on shown items to their arms. */
    @Override
    public AppendResult record(List<Event> events) {
        AppendResult r = delegate.record(events);
        for (Event e : events) attribute(e);
        return r;
    }

    private void attribute(Event e) {
        Deque<Impression> q = recent.get(e.user());
        if (q == null) return;
        List<Impression> candidates;
        synchronized (q) {
            candidates = new ArrayList<>(q);
        }
        Set<String> creditedExperiments = new HashSet<>();
        for (int i = candidates.size() - 1; i >= 0; i--) { // newest first: the latest showing gets the credit
            Impression imp = candidates.get(i);
            if (creditedExperiments.contains(imp.experiment())) continue;
            ExperimentConfig c = experimentOrNull(imp.experiment());
            if (c == null || !(c.clickTypes().contains(e.type()) || c.conversionTypes().contains(e.type()))) continue;
            if (imp.timestamp() > e.timestamp() || e.timestamp() - imp.timestamp() > c.attributionWindowMillis()) continue;
            int pos = imp.position(e.item());
            if (pos < 0) continue;
            creditedExperiments.add(imp.experiment());
            String key = e.idempotencyKey() != null ? "k:" + e.idempotencyKey()
                    : "e:" + e.user() + '\u0000' + e.item() + '\u0000' + e.type() + '\u0000' + e.timestamp();
            log.appendAttribution(new Attribution(imp.id(), imp.experiment(), e.user(), e.item(), pos, imp.teams().get(pos), e.type(), e.timestamp(), key));
        }
    }

    private ExperimentConfig experimentOrNull(String id) {
        for (ExperimentConfig c : snapshot) if (c.id().equals(id)) return c;
        return null;
    }

    // ---- reporting ----

    public ExperimentReport report(String id) {
        ExperimentConfig c = experiment(id);
        List<Impression> imps = log.impressions(id);
        List<Attribution> attrs = log.attributions(id);
        Map<String, List<Attribution>> byImpression = new HashMap<>();
        for (Attribution a : attrs) byImpression.computeIfAbsent(a.impressionId(), k -> new ArrayList<>()).add(a);
        List<String> arms = c.armNames();
        int n = arms.size();
        long[] shown = new long[n], clicks = new long[n], conversions = new long[n], clicked = new long[n], converted = new long[n];
        long wins = 0, ties = 0, losses = 0, noClicks = 0;
        for (Impression imp : imps) {
            boolean[] contributed = new boolean[n], anyClick = new boolean[n], anyConv = new boolean[n];
            for (String t : imp.teams()) {
                int ti = arms.indexOf(t);
                if (ti >= 0) contributed[ti] = true;
            }
            List<Set<String>> clickedItems = new ArrayList<>();
            for (int t = 0; t < n; t++) clickedItems.add(new HashSet<>());
            for (Attribution a : byImpression.getOrDefault(imp.id(), List.of())) {
                int ti = arms.indexOf(a.team());
                if (ti < 0) continue;
                if (c.clickTypes().contains(a.type())) {
                    clicks[ti]++;
                    anyClick[ti] = true;
                    clickedItems.get(ti).add(a.item());
                }
                if (c.conversionTypes().contains(a.type())) {
                    conversions[ti]++;
                    anyConv[ti] = true;
                }
            }
            for (int t = 0; t < n; t++) {
                if (!contributed[t]) continue;
                shown[t]++;
                if (anyClick[t]) clicked[t]++;
                if (anyConv[t]) converted[t]++;
            }
            if (c.method() == ExperimentConfig.Method.TEAM_DRAFT_INTERLEAVING) {
                int ca = clickedItems.get(0).size(), cb = clickedItems.get(1).size();
                if (ca == 0 && cb == 0) noClicks++;
                else if (ca > cb) wins++;
                else if (ca < cb) losses++;
                else ties++;
            }
        }
        List<ExperimentReport.ArmReport> armReports = new ArrayList<>();
        for (int t = 0; t < n; t++)
            armReports.add(new ExperimentReport.ArmReport(arms.get(t), shown[t], clicks[t], conversions[t],
                    Stats.wilson(clicked[t], shown[t], Stats.Z95), Stats.wilson(converted[t], shown[t], Stats.Z95)));
        ExperimentReport.InterleavingReport duel = null;
        if (c.method() == ExperimentConfig.Method.TEAM_DRAFT_INTERLEAVING) {
            long decided = wins + ties + losses;
            Double delta = decided == 0 ? null : (wins + ties / 2.0) / decided - 0.5;
            duel = new ExperimentReport.InterleavingReport(arms.get(0), arms.get(1), wins, ties, losses, noClicks, delta, Stats.signTestP(wins, losses));
        }
        return new ExperimentReport(c.toJson(), status(c), imps.size(), attrs.size(), armReports, duel);
    }

    // ---- pass-through ----

    @Override
    public ItemList similar(String item, int k, String model) {
        return delegate.similar(item, k, model);
    }

    @Override
    public ItemList search(String query, int k) {
        return delegate.search(query, k);
    }

    @Override
    public Explanation explain(String user, String item, String model) {
        return delegate.explain(user, item, model);
    }

    @Override
    public List<ModelInfo> models() {
        return delegate.models();
    }
}
