package io.genrec.server.online;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.server.service.FieldException;
import io.genrec.server.service.ItemList;
import io.genrec.server.service.RecommendRequest;
import io.genrec.server.service.ScoredItem;
import io.genrec.server.store.Event;
import io.genrec.server.testing.FakeRecommendationService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class ExperimentServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());

    private static ExperimentConfig config(String json) throws Exception {
        return ExperimentConfig.fromJson(JSON.readTree(json), 1_000_000);
    }

    private static RecommendRequest req(String user) {
        return new RecommendRequest(user, 5, null, true, null);
    }

    private static Event event(String user, String item, String type, long ts, String key) {
        return new Event(user, item, type, null, ts, key);
    }

    @Test
    void abServesTheUsersArmAndLogsWhatItShowed() throws Exception {
        FakeRecommendationService fake = new FakeRecommendationService();
        InMemoryExperimentLog log = new InMemoryExperimentLog();
        ExperimentService svc = new ExperimentService(fake, log, clock);
        ExperimentConfig c = svc.create(config("{\"id\":\"ab1\",\"method\":\"ab\",\"arms\":[\"ease\",{\"model\":\"sasrec\",\"weight\":1}]}"));
        for (int u = 0; u < 50; u++) {
            String user = "u" + u;
            ItemList list = svc.recommend(req(user));
            String arm = c.arms().get(ArmAssignment.arm("ab1", user, c.arms())).model();
            assertEquals(arm, list.arm());
            assertEquals(arm, list.model());
            assertEquals(FakeRecommendationService.ranking(arm, user).subList(0, 5), list.items().stream().map(ScoredItem::item).toList());
        }
        assertEquals(50, log.impressions("ab1").size());
        Impression first = log.impressions("ab1").get(0);
        assertEquals("u0", first.user());
        assertEquals(List.of(first.arm(), first.arm(), first.arm(), first.arm(), first.arm()), first.teams());

        ItemList direct = svc.recommend(new RecommendRequest("u1", 5, "pop", true, null));
        assertNull(direct.arm(), "a request naming a model bypasses the experiment");
        assertEquals(50, log.impressions("ab1").size());
    }

    @Test
    void feedbackIsCreditedToTheArmThatShowedTheItemWithinTheWindow() throws Exception {
        FakeRecommendationService fake = new FakeRecommendationService();
        InMemoryExperimentLog log = new InMemoryExperimentLog();
        ExperimentService svc = new ExperimentService(fake, log, clock);
        svc.create(config("{\"id\":\"w\",\"arms\":[\"ease\",\"sasrec\"],\"attribution_window_seconds\":60}"));
        ItemList shown = svc.recommend(req("alice"));
        String item = shown.items().get(2).item();
        String unshown = FakeRecommendationService.ranking(shown.arm(), "alice").get(30);
        long t = now.get();
        svc.record(List.of(
                event("alice", item, "click", t + 1000, "k1"),
                event("alice", item, "click", t + 1000, "k1"), // retried request: stored once, credited once
                event("alice", unshown, "click", t + 2000, null), // not shown: not credited
                event("alice", item, "view", t + 3000, null), // not a click or conversion type
                event("alice", item, "purchase", t + 61_000, null), // outside the 60 s window
                event("alice", item, "purchase", t + 59_000, null),
                event("bob", item, "click", t + 1000, null))); // another user
        assertEquals(6, fake.events.size(), "the wrapped service stored every distinct event");
        List<Attribution> credited = log.attributions("w");
        assertEquals(2, credited.size(), credited.toString());
        assertEquals(List.of("click", "purchase"), credited.stream().map(Attribution::type).toList());
        assertEquals(2, credited.get(0).position());
        assertEquals(shown.arm(), credited.get(0).team());

        svc.record(List.of(event("alice", item, "click", t + 1000, "k1"))); // a later retry of the same key
        assertEquals(2, log.attributions("w").size());

        ExperimentReport r = svc.report("w");
        assertEquals(1, r.impressions());
        assertEquals(2, r.attributedEvents());
        ExperimentReport.ArmReport arm = r.arms().stream().filter(a -> a.arm().equals(shown.arm())).findFirst().orElseThrow();
        assertEquals(1, arm.impressions());
        assertEquals(1, arm.clicks());
        assertEquals(1, arm.conversions());
        assertEquals(1.0, arm.ctr().value());
        assertNull(r.interleaving());
        ExperimentReport.ArmReport other = r.arms().stream().filter(a -> !a.arm().equals(shown.arm())).findFirst().orElseThrow();
        assertEquals(0, other.impressions());
        assertNull(other.ctr().value(), "no impressions: no rate");
    }

    @Test
    void theLatestShowingGetsTheCredit() throws Exception {
        InMemoryExperimentLog log = new InMemoryExperimentLog();
        ExperimentService svc = new ExperimentService(new FakeRecommendationService(), log, clock);
        svc.create(config("{\"id\":\"latest\",\"arms\":[\"ease\",\"sasrec\"]}"));
        ItemList a = svc.recommend(req("carol"));
        now.addAndGet(5000);
        svc.recommend(req("carol"));
        svc.record(List.of(event("carol", a.items().get(0).item(), "click", now.get() + 10, null)));
        List<Impression> imps = log.impressions("latest");
        assertEquals(imps.get(1).id(), log.attributions("latest").get(0).impressionId());
    }

    @Test
    void interleavingCreditsTeamsAndCountsWinsPerImpression() throws Exception {
        FakeRecommendationService fake = new FakeRecommendationService();
        InMemoryExperimentLog log = new InMemoryExperimentLog();
        ExperimentService svc = new ExperimentService(fake, log, clock);
        svc.create(config("{\"id\":\"tdi\",\"method\":\"team-draft-interleaving\",\"arms\":[\"ease\",\"sasrec\"]}"));
        int n = 40;
        for (int u = 0; u < n; u++) {
            String user = "u" + u;
            ItemList list = svc.recommend(new RecommendRequest(user, 6, null, true, null));
            assertEquals(Impression.INTERLEAVED, list.arm());
            assertEquals("team-draft(ease,sasrec)", list.model());
            Impression imp = log.impressions("tdi").get(u);
            assertEquals(list.items().stream().map(ScoredItem::item).toList(), imp.items());
            List<String> ease = FakeRecommendationService.ranking("ease", user), sasrec = FakeRecommendationService.ranking("sasrec", user);
            for (int p = 0; p < imp.items().size(); p++) {
                assertEquals(p + 1, list.items().get(p).rank());
                String team = imp.teams().get(p);
                assertTrue((team.equals("ease") ? ease : sasrec).contains(imp.items().get(p)));
            }
            long fromEase = imp.teams().stream().filter("ease"::equals).count();
            assertEquals(3, fromEase, "6 picks from two long lists: 3 each");
            // the simulated user clicks every sasrec item, and the first ease item only for users u0..u9
            long t = now.get() + 100;
            for (int p = 0; p < imp.items().size(); p++) {
                boolean isSasrec = imp.teams().get(p).equals("sasrec");
                if (isSasrec && u >= 30) continue; // u30..u39 click nothing from sasrec
                if (!isSasrec && !(u < 10 && imp.teams().subList(0, p).stream().noneMatch("ease"::equals))) continue;
                svc.record(List.of(event(user, imp.items().get(p), "click", t, null)));
            }
        }
        ExperimentReport r = svc.report("tdi");
        ExperimentReport.InterleavingReport duel = r.interleaving();
        // u0..u9: ease 1 click vs sasrec 3 -> loss; u10..u29: 0 vs 3 -> loss; u30..u39: nothing -> no click
        assertEquals(0, duel.wins());
        assertEquals(30, duel.losses());
        assertEquals(0, duel.ties());
        assertEquals(10, duel.noClicks());
        assertEquals(-0.5, duel.delta(), 1e-12);
        assertEquals(Stats.signTestP(0, 30), duel.signTestP());
        assertTrue(duel.signTestP() < 1e-8);
        ExperimentReport.ArmReport sas = r.arms().get(1);
        assertEquals("sasrec", sas.arm());
        assertEquals(n, sas.impressions());
        assertEquals(90, sas.clicks());
        assertEquals(30, sas.ctr().successes());
        assertEquals(10, r.arms().get(0).ctr().successes());
    }

    @Test
    void reportSeparatesArmsWithDifferentClickRates() throws Exception {
        InMemoryExperimentLog log = new InMemoryExperimentLog();
        ExperimentService svc = new ExperimentService(new FakeRecommendationService(), log, clock);
        svc.create(config("{\"id\":\"sim\",\"arms\":[\"ease\",\"sasrec\"]}"));
        Random rnd = new Random(11);
        for (int u = 0; u < 4000; u++) {
            ItemList l = svc.recommend(req("user" + u));
            double p = l.arm().equals("ease") ? 0.10 : 0.20; // true click-through of each arm
            if (rnd.nextDouble() < p) svc.record(List.of(event("user" + u, l.items().get(rnd.nextInt(5)).item(), "click", now.get() + 5, null)));
        }
        ExperimentReport r = svc.report("sim");
        Stats.Rate ease = r.arms().get(0).ctr(), sasrec = r.arms().get(1).ctr();
        assertTrue(ease.low() < 0.10 && 0.10 < ease.high(), "ease interval covers 0.10: " + ease);
        assertTrue(sasrec.low() < 0.20 && 0.20 < sasrec.high(), "sasrec interval covers 0.20: " + sasrec);
        assertTrue(ease.high() < sasrec.low(), "intervals separate: " + ease + " vs " + sasrec);
        assertEquals(4000, r.arms().get(0).impressions() + r.arms().get(1).impressions());
    }

    @Test
    void createChecksModelsAndAllowsOneRunningExperiment() throws Exception {
        ExperimentService svc = new ExperimentService(new FakeRecommendationService(), new InMemoryExperimentLog(), clock);
        FieldException.Invalid unknown = assertThrows(FieldException.Invalid.class,
                () -> svc.create(config("{\"id\":\"x\",\"arms\":[\"ease\",\"bert4rec\"]}")));
        assertEquals("arms[1].model", unknown.field());
        assertTrue(unknown.getMessage().contains("bert4rec"), unknown.getMessage());
        svc.create(config("{\"id\":\"one\",\"arms\":[\"ease\",\"pop\"]}"));
        assertThrows(IllegalStateException.class, () -> svc.create(config("{\"id\":\"one\",\"arms\":[\"ease\",\"pop\"]}")));
        IllegalStateException busy = assertThrows(IllegalStateException.class, () -> svc.create(config("{\"id\":\"two\",\"arms\":[\"ease\",\"pop\"]}")));
        assertTrue(busy.getMessage().contains("'one'"), busy.getMessage());
        assertThrows(NoSuchElementException.class, () -> svc.report("nope"));

        now.addAndGet(1000);
        ExperimentConfig stopped = svc.stop("one");
        assertEquals(now.get(), stopped.endMillis());
        assertEquals("stopped", svc.status(stopped));
        assertNull(svc.recommend(req("u1")).arm(), "no experiment runs: the default model answers");
        ExperimentConfig two = ExperimentConfig.fromJson(JSON.readTree("{\"id\":\"two\",\"arms\":[\"ease\",\"pop\"]}"), now.get());
        svc.create(two);
        assertNotNull(svc.recommend(req("u1")).arm());
    }

    @Test
    void configErrorsNameTheField() {
        for (String[] bad : new String[][] {
                {"{\"arms\":[\"a\",\"b\"]}", "id"},
                {"{\"id\":\"x y\",\"arms\":[\"a\",\"b\"]}", "id"},
                {"{\"id\":\"x\",\"arms\":[\"a\"]}", "arms"},
                {"{\"id\":\"x\",\"arms\":[\"a\",\"a\"]}", "arms[1].model"},
                {"{\"id\":\"x\",\"arms\":[\"a\",{\"model\":\"b\",\"weight\":0}]}", "arms[1].weight"},
                {"{\"id\":\"x\",\"arms\":[\"a\",{\"model\":\"b\",\"weight\":\"big\"}]}", "arms[1].weight"},
                {"{\"id\":\"x\",\"method\":\"team-draft-interleaving\",\"arms\":[\"a\",\"b\",\"c\"]}", "arms"},
                {"{\"id\":\"x\",\"method\":\"team-draft-interleaving\",\"arms\":[\"a\",{\"model\":\"b\",\"weight\":3}]}", "arms[1].weight"},
                {"{\"id\":\"x\",\"method\":\"bandit\",\"arms\":[\"a\",\"b\"]}", "method"},
                {"{\"id\":\"x\",\"arms\":[\"a\",\"b\"],\"window\":3}", "window"},
                {"{\"id\":\"x\",\"arms\":[\"a\",\"b\"],\"attribution_window_seconds\":0}", "attribution_window_seconds"},
                {"{\"id\":\"x\",\"arms\":[\"a\",\"b\"],\"click_types\":[\"Click!\"]}", "click_types"},
                {"{\"id\":\"x\",\"arms\":[\"a\",\"b\"],\"start\":\"now\"}", "start"},
                {"[1,2]", "body"}}) {
            FieldException.Invalid e = assertThrows(FieldException.Invalid.class, () -> config(bad[0]), bad[0]);
            assertEquals(bad[1], e.field(), bad[0] + " -> " + e.getMessage());
        }
    }

    /** The user's impression (impressions with equal times come back in id order, which is not serving order). */
    private static Impression shownTo(ExperimentLog log, String user) {
        return log.impressions("durable").stream().filter(i -> i.user().equals(user)).findFirst().orElseThrow();
    }

    @Test
    void sqliteLogSurvivesARestart(@TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("experiments.db");
        FakeRecommendationService fake = new FakeRecommendationService();
        ItemList shown;
        ExperimentReport before;
        try (JdbcExperimentLog log = JdbcExperimentLog.open(url)) {
            ExperimentService svc = new ExperimentService(fake, log, clock);
            svc.create(config("{\"id\":\"durable\",\"method\":\"team-draft-interleaving\",\"arms\":[\"ease\",\"sasrec\"]}"));
            for (int u = 0; u < 10; u++) svc.recommend(req("u" + u));
            shown = svc.recommend(req("dave"));
            svc.record(List.of(event("u3", shownTo(log, "u3").items().get(0), "click", now.get() + 1, "c1")));
            before = svc.report("durable");
        }
        now.addAndGet(60_000);
        try (JdbcExperimentLog log = JdbcExperimentLog.open(url)) {
            ExperimentService svc = new ExperimentService(fake, log, clock);
            assertEquals(List.of("durable"), svc.experiments().stream().map(ExperimentConfig::id).toList());
            assertEquals(before, svc.report("durable"), "the report is rebuilt from the log");
            assertEquals(11, svc.report("durable").impressions());
            // an impression served before the restart still collects its feedback
            svc.record(List.of(event("dave", shown.items().get(1).item(), "click", now.get(), "c2"),
                    event("u3", shownTo(log, "u3").items().get(0), "click", now.get() - 60_000 + 1, "c1")));
            ExperimentReport after = svc.report("durable");
            assertEquals(2, after.attributedEvents(), "dave's click is new; u3's retried c1 is not counted again");
            assertNotNull(svc.recommend(req("erin")).arm(), "the experiment is still running after the restart");
        }
    }

    @Test
    void concurrentRequestsAndFeedbackAreAllLoggedOnce(@TempDir Path dir) throws Exception {
        try (JdbcExperimentLog log = JdbcExperimentLog.open("jdbc:sqlite:" + dir.resolve("c.db"))) {
            ExperimentService svc = new ExperimentService(new FakeRecommendationService(), log, clock);
            svc.create(config("{\"id\":\"conc\",\"method\":\"team-draft-interleaving\",\"arms\":[\"ease\",\"sasrec\"]}"));
            int threads = 4, perThread = 50;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String user = "t" + id + "-" + i;
                        ItemList l = svc.recommend(req(user));
                        // each user clicks the first item twice (a retry with the same key)
                        Event click = event(user, l.items().get(0).item(), "click", now.get() + 1, user + "-click");
                        svc.record(List.of(click));
                        svc.record(List.of(click));
                    }
                    return null;
                }));
            }
            for (var f : done) f.get();
            pool.shutdown();
            ExperimentReport r = svc.report("conc");
            assertEquals(threads * perThread, r.impressions());
            assertEquals(threads * perThread, r.attributedEvents());
            var duel = r.interleaving();
            assertEquals(threads * perThread, duel.wins() + duel.losses(), "one click per impression decides each duel");
            assertEquals(0, duel.ties() + duel.noClicks());
        }
    }
}
