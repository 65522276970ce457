package io.genrec.experiment;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import io.genrec.split.EvalSet;
import io.genrec.split.Split;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 9 items 3 and 4 in the runner: protocols checked against declared capabilities before fitting; degenerate data refused. */
class ProtocolCheckTest {
    /** A model that records every fit; scores are popularity, or -infinity everywhere when {@code scoresNothing}. */
    record Recording(String name, Set<Capability> capabilities, List<String> fits, boolean scoresNothing) implements Recommender {
        record Config() { }
        @Override public Record config() { return new Config(); }

        @Override
        public FittedRecommender fit(TrainContext ctx) {
            fits.add(name);
            int[] pop = ctx.train().itemPopularity();
            Provenance p = Provenance.capture(name, new Config(), ctx.train().name(), ctx.train().contentHash(), null, ctx.seed(), Map.of(), Map.of("fit", 0.0));
            Set<Capability> caps = capabilities;
            return new FittedRecommender() {
                @Override public String name() { return name; }
                @Override public int numItems() { return pop.length; }
                @Override public Provenance provenance() { return p; }
                @Override public Set<Capability> capabilities() { return caps; }
                @Override public void scoreAll(UserContext user, float[] out) {
                    checkBuffer(out);
                    for (int i = 0; i < out.length; i++) out[i] = scoresNothing ? Float.NEGATIVE_INFINITY : pop[i];
                }
            };
        }
    }

    private static RecommenderProvider provider(Recording r) {
        return new RecommenderProvider() {
            @Override public String name() { return r.name(); }
            @Override public String description() { return "records its fits"; }
            @Override public Recommender create(Params params) { params.requireAllUsed(); return r; }
            @Override public FittedRecommender load(Path dir) { throw new UnsupportedOperationException(); }
        };
    }

    private static final Set<Capability> SEQ = EnumSet.of(Capability.SEQUENTIAL, Capability.FOLD_IN);
    private static final Set<Capability> PLAIN = EnumSet.of(Capability.FOLD_IN);
    private static final Set<Capability> NO_FOLD_IN = EnumSet.of(Capability.PERSISTENCE);

    private static ExperimentConfig config(String protocol, int core, List<String> models, Map<String, String> protocolParams) {
        return new ExperimentConfig("ml-latest-small", "auto", core, core, protocol, protocolParams, models, Map.of(),
                List.of("ndcg@10"), 42L, 1, null);
    }

    private static Recording rec(String name, Set<Capability> caps, List<String> fits) { return new Recording(name, caps, fits, false); }

    @Test
    void autoChoosesLeaveOneOutForSequenceModelsAndRandomHoldoutOtherwise() {
        List<String> fits = new ArrayList<>();
        var seq = ProtocolCheck.choose("auto", false, List.of(rec("pop", PLAIN, fits), rec("seq", SEQ, fits)));
        assertEquals("leave-one-out", seq.protocol());
        assertTrue(seq.automatic() && seq.reason().contains("'seq'"), seq.reason());
        assertEquals("random-holdout", ProtocolCheck.choose(null, false, List.of(rec("pop", PLAIN, fits))).protocol());
        assertEquals("given", ProtocolCheck.choose("auto", true, List.of(rec("seq", SEQ, fits))).protocol());
        var asked = ProtocolCheck.choose("loo", false, List.of(rec("seq", SEQ, fits)));
        assertEquals("leave-one-out", asked.protocol());
        assertFalse(asked.automatic());
        assertEquals("temporal", ProtocolCheck.choose("temporal", false, List.of(rec("seq", SEQ, fits))).protocol());
    }

    @Test
    void sequenceModelsRefuseProtocolsWithoutATimeOrderedPrefix() {
        List<String> fits = new ArrayList<>();
        for (String p : List.of("random-holdout", "holdout", "strong-generalization")) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> ProtocolCheck.choose(p, false, List.of(rec("pop", PLAIN, fits), rec("seq", SEQ, fits))));
            assertTrue(e.getMessage().contains("'seq'") && !e.getMessage().contains("models 'pop'"), e.getMessage());
            assertTrue(e.getMessage().endsWith("leave-one-out, temporal (or leave --protocol out to choose one from the models)"), e.getMessage());
        }
    }

    @Test
    void modelsWithoutFoldInRefuseStrongGeneralizationOnly() {
        List<String> fits = new ArrayList<>();
        var e = assertThrows(IllegalArgumentException.class,
                () -> ProtocolCheck.choose("strong-generalization", false, List.of(rec("mf", NO_FOLD_IN, fits))));
        assertTrue(e.getMessage().contains("'mf'") && e.getMessage().contains("FOLD_IN"), e.getMessage());
        assertTrue(e.getMessage().contains("leave-one-out, temporal, random-holdout"), e.getMessage());
        for (String p : List.of("random-holdout", "leave-one-out", "temporal"))
            assertEquals(p, ProtocolCheck.choose(p, false, List.of(rec("mf", NO_FOLD_IN, fits))).protocol());
    }

    @Test
    void refusalHappensBeforeAnyModelIsFitted() {
        List<String> fits = new ArrayList<>();
        var runner = new ExperimentRunner(RecommenderRegistry.of(provider(rec("pop", PLAIN, fits)), provider(rec("seq", SEQ, fits))),
                ProgressListener.NONE, m -> { });
        assertThrows(IllegalArgumentException.class, () -> runner.run(config("random-holdout", 5, List.of("pop", "seq"), Map.of())));
        assertEquals(List.of(), fits, "nothing may be fitted when the protocol is refused");

        List<String> fits2 = new ArrayList<>();
        var runner2 = new ExperimentRunner(RecommenderRegistry.of(provider(rec("pop", PLAIN, fits2)), provider(rec("mf", NO_FOLD_IN, fits2))),
                ProgressListener.NONE, m -> { });
        assertThrows(IllegalArgumentException.class, () -> runner2.run(config("strong-generalization", 5, List.of("pop", "mf"), Map.of())));
        assertEquals(List.of(), fits2);
    }

    @Test
    void autoRunsEveryModelOnTheLeaveOneOutSplitAndReportsWhy() {
        List<String> fits = new ArrayList<>(), log = new ArrayList<>();
        var runner = new ExperimentRunner(RecommenderRegistry.of(provider(rec("pop", PLAIN, fits)), provider(rec("seq", SEQ, fits))),
                ProgressListener.NONE, log::add);
        ExperimentReport r = runner.run(config("auto", 5, List.of("pop", "seq"), Map.of()));
        assertEquals(List.of("pop", "seq"), fits);
        assertEquals("leave-one-out", r.protocol());
        assertTrue(r.split().startsWith("leave-one-out("), r.split());
        assertTrue(r.protocolChosenBecause().contains("'seq'"), r.protocolChosenBecause());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("protocol: leave-one-out (chosen because")), String.valueOf(log));
        assertTrue(ReportWriter.markdown(r).contains("Protocol: leave-one-out, chosen because"), ReportWriter.markdown(r));
        assertTrue(ReportWriter.json(r).contains("\"protocolChosenBecause\""));
    }

    /** A split over {@code data} whose test history for user 0 ends after the target (as a random holdout would). */
    private static Split split(Dataset train, Dataset history, Dataset targets) {
        return new Split(train, null, new EvalSet("test", history, targets), "hand-made");
    }

    /** All interactions the hand-made splits use, so every part shares one pair of id maps. */
    private static final Dataset ALL = build(0, 0, 10, 0, 1, 30, 1, 0, 10, 1, 2, 20, 0, 3, 20, 1, 3, 40, 0, 3, 40,
            0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 3, 0, 1, 3, 0, 0, 0, 1, 0, 1, 2, 1, 2, 3, 2, 2, 3, 0, 3, 9, 1, 3, 9, 2, 3, 9);

    private static Dataset build(long... userItemTime) {
        Dataset.Builder b = new Dataset.Builder("all");
        for (int u = 0; u < 3; u++) b.user("u" + u);
        for (int i = 0; i < 6; i++) b.item("i" + i);
        for (int k = 0; k < userItemTime.length; k += 3)
            b.add("u" + userItemTime[k], "i" + userItemTime[k + 1], 1f, userItemTime[k + 2]);
        return b.build();
    }

    /** The interactions (user, item, time) of {@link #ALL}, each once. */
    private static Dataset data(String name, long... userItemTime) {
        int[] ptr = ALL.userPointers(), items = ALL.itemIndices();
        long[] times = ALL.timestamps();
        boolean[] keep = new boolean[ALL.numInteractions()];
        for (int k = 0; k < userItemTime.length; k += 3) {
            int u = (int) userItemTime[k];
            for (int r = ptr[u]; r < ptr[u + 1]; r++)
                if (items[r] == userItemTime[k + 1] && times[r] == userItemTime[k + 2]) { keep[r] = true; break; }
        }
        return ALL.filter(name, keep);
    }

    @Test
    void givenSplitsAreCheckedOnTheirTimes() {
        List<String> fits = new ArrayList<>(), warnings = new ArrayList<>();
        List<Recommender> seq = List.of(rec("seq", SEQ, fits));
        Dataset train = data("train", 0, 0, 10, 0, 1, 30, 1, 0, 10, 1, 2, 20);
        // user 0's target at time 20 is earlier than its history item at 30: not a prefix
        var e = assertThrows(IllegalArgumentException.class,
                () -> ProtocolCheck.checkSplit(split(train, train, data("t", 0, 3, 20, 1, 3, 40)), seq, warnings::add));
        assertTrue(e.getMessage().contains("1 of 2 test users") && e.getMessage().contains("user u0"), e.getMessage());
        // targets after every history item pass silently
        ProtocolCheck.checkSplit(split(train, train, data("t", 0, 3, 40, 1, 3, 40)), seq, warnings::add);
        assertEquals(List.of(), warnings);
        // no timestamps at all: allowed, with a warning
        Dataset flat = data("flat", 0, 0, 0, 0, 1, 0, 1, 0, 0);
        ProtocolCheck.checkSplit(split(flat, flat, data("t", 0, 3, 0, 1, 3, 0)), seq, warnings::add);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("no timestamps"), warnings.get(0));
    }

    @Test
    void modelsWithoutFoldInAreWarnedAboutSomeUnseenUsersAndRefusedWhenAllAreUnseen() {
        List<String> fits = new ArrayList<>(), warnings = new ArrayList<>();
        List<Recommender> mf = List.of(rec("mf", NO_FOLD_IN, fits));
        Dataset train = data("train", 0, 0, 1, 0, 1, 2);
        Dataset history = data("h", 0, 0, 1, 0, 1, 2, 1, 2, 3, 2, 2, 3);
        ProtocolCheck.checkSplit(split(train, history, data("t", 0, 3, 9, 1, 3, 9)), mf, warnings::add);
        assertEquals(1, warnings.size(), String.valueOf(warnings));
        assertTrue(warnings.get(0).startsWith("1 of 2 test users") && warnings.get(0).contains("'mf'"), warnings.get(0));
        var e = assertThrows(IllegalArgumentException.class,
                () -> ProtocolCheck.checkSplit(split(train, history, data("t", 1, 3, 9, 2, 3, 9)), mf, warnings::add));
        assertTrue(e.getMessage().contains("none of the 2 test users"), e.getMessage());
    }

    @Test
    void dataEmptiedByTheKCoreIsRefusedBeforeFittingWithCounts() {
        List<String> fits = new ArrayList<>();
        var runner = new ExperimentRunner(RecommenderRegistry.of(provider(rec("pop", PLAIN, fits))), ProgressListener.NONE, m -> { });
        var e = assertThrows(IllegalArgumentException.class, () -> runner.run(config("auto", 1000, List.of("pop"), Map.of())));
        String m = e.getMessage();
        assertTrue(m.contains("loaded 610 users, 9724 items, 100836 interactions"), m);
        assertTrue(m.contains("after keeping values >= 4.0 as positives: "), m);
        assertTrue(m.contains("after the 1000/1000-core filter: 0 users, 0 items, 0 interactions"), m);
        assertTrue(m.contains("--k-core 0") && m.contains("--implicit none"), m);
        assertEquals(List.of(), fits);
    }

    @Test
    void aSplitWithoutTestUsersIsRefusedBeforeFitting() {
        List<String> fits = new ArrayList<>();
        var runner = new ExperimentRunner(RecommenderRegistry.of(provider(rec("pop", PLAIN, fits))), ProgressListener.NONE, m -> { });
        var e = assertThrows(IllegalArgumentException.class,
                () -> runner.run(config("leave-one-out", 5, List.of("pop"), Map.of("min-interactions", "1000000"))));
        assertTrue(e.getMessage().contains("has no test users") && e.getMessage().contains("min-interactions"), e.getMessage());
        assertEquals(List.of(), fits);
    }

    @Test
    void aModelWithNoFiniteScoreIsAnErrorNamingIt() {
        List<String> fits = new ArrayList<>();
        var runner = new ExperimentRunner(RecommenderRegistry.of(provider(new Recording("blank", PLAIN, fits, true))),
                ProgressListener.NONE, m -> { });
        var e = assertThrows(IllegalStateException.class, () -> runner.run(config("auto", 5, List.of("blank"), Map.of())));
        assertTrue(e.getMessage().contains("model 'blank' produced no finite score"), e.getMessage());
    }
}
