package io.genrec.cli;

import io.genrec.data.Dataset;
import io.genrec.data.io.DataSpecs;
import io.genrec.llm.crs.CrsBenchmark;
import io.genrec.llm.crs.CrsDataset;
import io.genrec.llm.crs.CrsSetup;
import io.genrec.llm.crs.Signals;
import io.genrec.llm.crs.StateTracker;
import io.genrec.llm.crs.UserSimulator;
import io.genrec.llm.embed.Encoders;
import io.genrec.llm.embed.ItemEncoder;
import io.genrec.model.FittedRecommender;
import io.genrec.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code genrec eval-crs}: recommendation-turn Recall@k and response quality on ReDial or INSPIRED. */
@Command(name = "eval-crs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the conversational recommenders on ReDial (iEvaLM turn samples) or INSPIRED.",
                "At every recommendation turn all candidate movies are ranked given the context before it; Recall@1/10/50",
                "over (turn, target) pairs. --protocol fresh drops targets the context already mentioned.",
                "Movies link to MovieLens by normalised title + year (match rate printed); the hybrid is tuned on the",
                "tuning dialogues only (ReDial: the 1,000 iEvaLM train-split dialogues; INSPIRED: dev)."},
        footer = {"", "Examples:", "  genrec eval-crs --dataset redial", "  genrec eval-crs --dataset inspired --protocol fresh --format json"})
final class EvalCrsCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, description = "redial or inspired.")
    String dataset;

    @Option(names = "--models", split = ",", description = "Comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> models = List.of("popularity", "collaborative", "dense", "hybrid");

    @Option(names = "--protocol", description = "standard or fresh (default: ${DEFAULT-VALUE}).")
    CrsBenchmark.Protocol protocol = CrsBenchmark.Protocol.standard;

    @Option(names = "--format", description = "table or json (default: ${DEFAULT-VALUE}).")
    EvalCommand.Format format = EvalCommand.Format.table;

    @Option(names = "--data-root", paramLabel = "DIR", description = "Folder holding redial-ievalm/ and inspired/ (default: ${DEFAULT-VALUE}).")
    Path root = Path.of("../shared/data");

    @Option(names = "--movielens", paramLabel = "SPEC", description = "MovieLens data for linking and the collaborative model (default: ${DEFAULT-VALUE}).")
    String movielens = "ml-latest-small";

    @Option(names = "--collab-model", description = "GenRec model fitted on MovieLens for the collaborative signal (default: ${DEFAULT-VALUE}).")
    String collabModel = "itemknn";

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--simulate", paramLabel = "N", description = "Also run the rule-based simulated user on N test targets (0: off; default: ${DEFAULT-VALUE}).")
    int simulate = 0;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (models.contains("agent"))
            throw new IllegalArgumentException("model 'agent' needs an LLM endpoint and is not benchmarked offline; use popularity, collaborative, dense, hybrid");
        CrsDataset data = CrsSetup.load(dataset, root);
        Dataset ml = DataSpecs.load(movielens).data();
        data = data.withCatalog(data.catalog().linkedTo(ml));
        int linked = data.catalog().linkedCount();
        System.err.printf("%s: %d candidate movies, %d linked to %s by title + year (%.1f%%), %d unlinked kept as text-only items%n",
                data.name(), data.catalog().size(), linked, ml.name(), 100.0 * linked / data.catalog().size(), data.catalog().size() - linked);
        System.err.printf("%s: %d tuning samples, %d test samples%n", data.name(), data.tune().size(), data.test().size());
        FittedRecommender collab = models.contains("collaborative") || models.contains("hybrid") ? CrsSetup.fitCollaborative(ml, collabModel, seed) : null;
        ItemEncoder encoder = models.contains("dense") || models.contains("hybrid") ? Encoders.cached(Encoders.miniLm(common.threads)) : null;
        float[] prior = CrsSetup.prior(data, ml);
        Signals signals = new Signals(data.catalog(), prior, collab, encoder);
        CrsBenchmark bench = new CrsBenchmark(signals, new StateTracker(data.catalog(), prior));
        List<String> log = new ArrayList<>();
        List<CrsBenchmark.Row> rows = bench.run(data, models, protocol, log);
        if (!common.quiet) log.forEach(System.err::println);
        Map<String, double[]> sim = simulate <= 0 ? Map.of()
                : new UserSimulator(data.catalog(), new StateTracker(data.catalog(), prior)).run(bench.recommenders(), data.test(), simulate);
        if (format == EvalCommand.Format.json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dataset", data.name());
            out.put("protocol", protocol.name());
            out.put("candidates", data.catalog().size());
            out.put("linkedToMovieLens", linked);
            out.put("collaborativeModel", collab == null ? null : collabModel);
            List<Map<String, Object>> results = new ArrayList<>();
            for (CrsBenchmark.Row r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", r.model());
                m.put("metrics", r.metrics());
                if (!r.note().isEmpty()) m.put("note", r.note());
                results.add(m);
            }
            out.put("results", results);
            if (!sim.isEmpty()) {
                List<Map<String, Object>> s = new ArrayList<>();
                sim.forEach((k, v) -> s.add(Map.of("model", k, "success@5", v[0], "meanTurns", Double.isNaN(v[1]) ? "n/a" : v[1], "dialogues", (int) v[2])));
                out.put("simulation", s);
            }
            try { System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out)); }
            catch (com.fasterxml.jackson.core.JsonProcessingException e) { throw new IllegalStateException(e); }
        } else {
            System.out.printf("%-14s %8s %8s %8s %8s %8s %8s %8s %8s %8s%n", "model", "R@1", "R@10", "R@50", "BLEU-2", "BLEU-4", "ROUGE-L", "Dist-2", "Dist-3", "targets");
            for (CrsBenchmark.Row r : rows) {
                Map<String, Double> m = r.metrics();
                System.out.printf("%-14s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.0f%n", r.model(), m.get("recall@1"), m.get("recall@10"),
                        m.get("recall@50"), m.get("bleu-2"), m.get("bleu-4"), m.get("rouge-l"), m.get("distinct-2"), m.get("distinct-3"), m.get("targets"));
            }
            if (!sim.isEmpty()) {
                System.out.printf("%nsimulated users (rule-based, target among %d shown, at most %d turns)%n%-14s %10s %10s %10s%n",
                        UserSimulator.SHOWN, UserSimulator.MAX_TURNS, "model", "success@5", "meanTurns", "dialogues");
                sim.forEach((k, v) -> System.out.printf("%-14s %10.3f %10.2f %10d%n", k, v[0], v[1], (int) v[2]));
            }
            System.out.println("protocol: " + protocol + (protocol == CrsBenchmark.Protocol.fresh ? " (targets already mentioned removed, mentioned movies never ranked)" : " (mentioned movies may be targets)"));
        }
        return 0;
    }
}
