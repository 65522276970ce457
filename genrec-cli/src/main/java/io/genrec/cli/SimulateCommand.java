package io.genrec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.eval.simulation.ClosedLoop;
import io.genrec.eval.simulation.ReplayEstimator;
import io.genrec.eval.simulation.UserSimulator;
import io.genrec.experiment.ExperimentConfig;
import io.genrec.experiment.ExperimentRunner;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.ProgressListener;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import io.genrec.server.online.TeamDraftInterleaving;
import io.genrec.split.Split;
import io.genrec.util.SafeWrites;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/** {@code genrec simulate}: offline "online" evaluation on a user simulator built from held-out data. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate recommenders on a simulated user population built from held-out data.",
                "The simulator is a position-based click model: attraction of an item falls with its rank for the user (held-out",
                "items first, then the --reference model's order), examination falls as 1/(position+1)^eta. Three studies:",
                "closed loop (each round every model is refitted on what users clicked so far; per round: clicks, coverage,",
                "exposure Gini, head share, inter-user list Jaccard, ILD), the replay estimator on a uniformly random log (against",
                "the simulator's true click rate), and team-draft interleaving of two models (wins, sign-test p)."},
        footer = {"", "Example:",
                "  genrec simulate --data movielens:../shared/data/ml-100k --models mostpop,itemknn,ease,als --rounds 5 --output runs/sim"})
final class SimulateCommand implements Callable<Integer> {
    static final String FILE = "simulation.json";

    @Option(names = "--data", paramLabel = "SPEC", description = "Data spec as for eval (default: ${DEFAULT-VALUE}).")
    String data = "ml-latest-small";

    @Option(names = "--models", split = ",", paramLabel = "NAME", description = "Models (default: mostpop,itemknn,ease,als).")
    List<String> models = ExperimentConfig.DEFAULT_MODELS;

    @Option(names = "--reference", paramLabel = "NAME", description = "Model whose preferences drive the simulated users (default: ${DEFAULT-VALUE}).")
    String reference = "ease";

    @Option(names = "--rounds", description = "Closed-loop rounds (default: ${DEFAULT-VALUE}; 0 skips the closed loop).")
    int rounds = 5;

    @Option(names = "--k", description = "Slate length (default: ${DEFAULT-VALUE}).")
    int k = 10;

    @Option(names = "--max-attraction", paramLabel = "A", description = "Attraction of a user's best item (default: ${DEFAULT-VALUE}).")
    double maxAttraction = UserSimulator.Config.defaults().maxAttraction();

    @Option(names = "--tau", description = "Rank decay of attraction, exp(-rank/tau) (default: ${DEFAULT-VALUE}).")
    double tau = UserSimulator.Config.defaults().tau();

    @Option(names = "--eta", description = "Position bias exponent (default: ${DEFAULT-VALUE}; 0 = no position bias).")
    double eta = UserSimulator.Config.defaults().eta();

    @Option(names = "--log-events", paramLabel = "N", description = "Uniformly random logged impressions per user for replay (default: ${DEFAULT-VALUE}; 0 skips replay).")
    int logEvents = 500;

    @Option(names = "--interleave", split = ",", paramLabel = "A,B", description = "Two of --models to interleave (default: the last two).")
    List<String> interleave;

    @Option(names = "--sessions", paramLabel = "N", description = "Interleaved sessions per user (default: ${DEFAULT-VALUE}; 0 skips interleaving).")
    int sessions = 5;

    @Option(names = "--seed", description = "Seed of the split, the models and the simulator (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--output", paramLabel = "DIR", description = "Also write DIR/" + FILE + " (read by genrec report).")
    Path output;

    @Option(names = "--format", description = "table or json (default: ${DEFAULT-VALUE}).")
    EvalCommand.Format format = EvalCommand.Format.table;

    @Mixin
    CommonOptions common;

    record Replay(String model, double trueClickRate, double estimate, double stdError, int matched, int logged) { }

    /** Team-draft outcome over sessions: who got more clicks; p is the two-sided sign test over non-tied sessions. */
    record Interleaving(String modelA, String modelB, int sessions, int winsA, int winsB, int ties, long clicksA, long clicksB,
                        double signTestP, double expectedClicksA, double expectedClicksB) { }

    @Override
    public Integer call() throws Exception {
        if (k < 1) throw new IllegalArgumentException("--k must be >= 1, got " + k);
        if (rounds < 0 || logEvents < 0 || sessions < 0) throw new IllegalArgumentException("--rounds, --log-events and --sessions must be >= 0");
        List<String> pair = interleave != null ? interleave : models.size() >= 2 ? models.subList(models.size() - 2, models.size()) : List.of();
        if (sessions > 0 && pair.size() != 2)
            throw new IllegalArgumentException("--interleave needs two models, got " + pair + (interleave == null ? " (give --models with two or more, or --sessions 0)" : ""));
        if (sessions > 0 && !models.containsAll(pair)) throw new IllegalArgumentException("--interleave " + pair + ": both must be in --models " + models);
        UserSimulator.Config simConfig = new UserSimulator.Config(maxAttraction, tau, eta);
        RecommenderRegistry registry = RecommenderRegistry.load();
        registry.provider(reference);
        for (String m : models) registry.provider(m); // unknown names fail before any work
        ExperimentConfig d = ExperimentConfig.defaults();
        ExperimentConfig cfg = new ExperimentConfig(data, d.implicit(), d.userCore(), d.itemCore(), "auto", Map.of(), models, Map.of(),
                List.of("ndcg@" + k), seed, common.threads, null);
        Split split = new ExperimentRunner(registry, ProgressListener.NONE, this::log).prepare(cfg).split();
        Dataset train = split.train();
        log("reference " + reference + " fitted on " + train.name() + "; held-out preferences from " + split.test().name());
        UserSimulator sim = UserSimulator.fromReference(fit(registry, reference, train, split), train, split.test().targets(), simConfig);

        Map<String, List<ClosedLoop.Round>> loops = new LinkedHashMap<>();
        if (rounds > 0)
            for (String m : models) {
                log("closed loop: " + m + ", " + rounds + " rounds");
                loops.put(m, ClosedLoop.run(train, sim, data -> fit(registry, m, data, split), rounds, k, seed));
            }

        Map<String, FittedRecommender> fitted = new LinkedHashMap<>();
        if (logEvents > 0 || sessions > 0) for (String m : models) fitted.put(m, fit(registry, m, train, split));
        List<Replay> replays = new ArrayList<>();
        if (logEvents > 0) {
            List<ReplayEstimator.Event> log = ReplayEstimator.uniformLog(sim, u -> unconsumed(train, u), logEvents, seed);
            log("replay: " + log.size() + " logged impressions from a uniformly random policy");
            for (var e : fitted.entrySet()) {
                int[] top1 = new int[train.numUsers()];
                double truth = 0;
                for (int u = 0; u < top1.length; u++) {
                    int[] t = e.getValue().recommend(UserContext.of(train, u), 1, ItemFilter.excluding(train.itemsOf(u))).items();
                    top1[u] = t.length == 0 ? -1 : t[0];
                    if (top1[u] >= 0) truth += sim.clickProbability(u, top1[u], 0);
                }
                ReplayEstimator.Estimate est = ReplayEstimator.estimate(log, u -> top1[u]);
                replays.add(new Replay(e.getKey(), truth / top1.length, est.value(), est.stdError(), est.matched(), est.total()));
            }
        }
        Interleaving inter = sessions > 0 ? interleave(sim, train, fitted.get(pair.get(0)), fitted.get(pair.get(1)), pair.get(0), pair.get(1), k, sessions, seed) : null;

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "simulation");
        doc.put("data", data);
        doc.put("dataHash", train.contentHash());
        doc.put("split", split.description());
        doc.put("reference", reference);
        doc.put("simulator", simConfig);
        doc.put("k", k);
        doc.put("seed", seed);
        doc.put("closedLoop", loops);
        doc.put("replay", replays);
        doc.put("interleaving", inter);
        doc.put("genrecVersion", Provenance.BuildInfo.VERSION);
        doc.put("gitCommit", Provenance.BuildInfo.GIT_COMMIT);
        doc.put("createdAt", Instant.now().toString());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (output != null) {
            byte[] bytes = json.writeValueAsBytes(doc);
            java.nio.file.Files.createDirectories(output);
            SafeWrites.writeFile(output.resolve(FILE), out -> out.write(bytes));
            log("wrote " + output.resolve(FILE));
        }
        if (format == EvalCommand.Format.json) System.out.println(json.writeValueAsString(doc));
        else System.out.print(table(split.description(), simConfig, loops, replays, inter));
        return 0;
    }

    private static int[] unconsumed(Dataset train, int u) {
        boolean[] seen = new boolean[train.numItems()];
        for (int i : train.itemsOf(u)) seen[i] = true;
        int n = 0;
        for (boolean s : seen) if (!s) n++;
        int[] out = new int[n];
        for (int i = 0, o = 0; i < seen.length; i++) if (!seen[i]) out[o++] = i;
        return out;
    }

    /**
     * Team-draft interleaving of A's and B's top-k on the simulator (the algorithm of genrec serve's online
     * experiments): per user and session a coin (seeded per user and session) decides the picking order, the user
     * clicks the interleaved slate, each click credits the team that contributed the item.
     */
    static Interleaving interleave(UserSimulator sim, Dataset train, FittedRecommender a, FittedRecommender b, String nameA, String nameB,
                                   int k, int sessions, long seed) {
        int winsA = 0, winsB = 0, ties = 0;
        long clicksA = 0, clicksB = 0;
        double expA = 0, expB = 0;
        for (int u = 0; u < train.numUsers(); u++) {
            ItemFilter filter = ItemFilter.excluding(train.itemsOf(u));
            int[] la = a.recommend(UserContext.of(train, u), k, filter).items(), lb = b.recommend(UserContext.of(train, u), k, filter).items();
            expA += sim.expectedClicks(u, la);
            expB += sim.expectedClicks(u, lb);
            for (int s = 0; s < sessions; s++) {
                SplittableRandom rng = UserSimulator.rng(seed, 3, s, u);
                TeamDraftInterleaving.Result r = TeamDraftInterleaving.interleave(ids(la), ids(lb), k, rng::nextBoolean);
                int[] slate = r.items().stream().mapToInt(Integer::parseInt).toArray();
                boolean[] c = sim.clicks(u, slate, rng);
                int ca = 0, cb = 0;
                for (int p = 0; p < c.length; p++) if (c[p]) { if (r.teams()[p] == TeamDraftInterleaving.TEAM_A) ca++; else cb++; }
                clicksA += ca;
                clicksB += cb;
                if (ca > cb) winsA++;
                else if (cb > ca) winsB++;
                else ties++;
            }
        }
        int n = train.numUsers();
        return new Interleaving(nameA, nameB, n * sessions, winsA, winsB, ties, clicksA, clicksB, signTest(winsA, winsB), expA / n, expB / n);
    }

    private static List<String> ids(int[] items) {
        List<String> out = new ArrayList<>(items.length);
        for (int i : items) out.add(Integer.toString(i));
        return out;
    }

    /** Two-sided exact sign test: P(|X - n/2| >= |wins - n/2|) for X ~ Binomial(n, 1/2), n = a + b. */
    static double signTest(int a, int b) {
        int n = a + b;
        if (n == 0) return 1.0;
        int lo = Math.min(a, b);
        double logHalfN = n * Math.log(0.5), tail = 0, logC = 0; // log C(n, 0)
        for (int x = 0; x <= lo; x++) {
            tail += Math.exp(logC + logHalfN);
            logC += Math.log((double) (n - x) / (x + 1));
        }
        return Math.min(1.0, 2 * tail);
    }

    static String table(String split, UserSimulator.Config c, Map<String, List<ClosedLoop.Round>> loops, List<Replay> replays, Interleaving inter) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Split: %s%nSimulator: max attraction %.2f, tau %.1f, eta %.2f%n", split,
                c.maxAttraction(), c.tau(), c.eta()));
        if (!loops.isEmpty()) {
            sb.append("\nClosed loop (refit every round on the clicks so far)\n\n| model | round | clicks/user | coverage | gini | headshare | list jaccard | ild | click gini (cumulative) | fit s |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            loops.forEach((m, rs) -> rs.forEach(r -> sb.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.2f |%n",
                    m, r.round(), r.clicksPerUser(), r.coverage(), r.gini(), r.headShare(), r.listJaccard(), r.ild(), r.cumulativeGini(), r.fitSeconds()))));
        }
        if (!replays.isEmpty()) {
            sb.append("\nReplay estimator (top-1 click rate at position 0; truth = the simulator's expected rate)\n\n| model | true | replay | std err | matched | logged |\n|---|---:|---:|---:|---:|---:|\n");
            for (Replay r : replays)
                sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %d | %d |%n", r.model(), r.trueClickRate(), r.estimate(), r.stdError(), r.matched(), r.logged()));
        }
        if (inter != null)
            sb.append(String.format(Locale.ROOT, "%nTeam-draft interleaving: %s vs %s over %d sessions: wins %d / %d, ties %d, clicks %d / %d, sign test p %s;"
                            + " expected clicks per user of each list alone %.4f / %.4f%n", inter.modelA(), inter.modelB(), inter.sessions(), inter.winsA(),
                    inter.winsB(), inter.ties(), inter.clicksA(), inter.clicksB(), inter.signTestP() < 1e-4 ? "<1e-4" : String.format(Locale.ROOT, "%.4f", inter.signTestP()),
                    inter.expectedClicksA(), inter.expectedClicksB()));
        return sb.toString();
    }

    private FittedRecommender fit(RecommenderRegistry registry, String model, Dataset train, Split split) {
        return registry.create(model, new Params(Map.of(), "parameters of model '" + model + "'"))
                .fit(new TrainContext(train, split.validation(), seed, common.threads, ProgressListener.NONE, split.description()));
    }

    private void log(String msg) { if (!common.quiet) System.err.println("genrec: " + msg); }
}
