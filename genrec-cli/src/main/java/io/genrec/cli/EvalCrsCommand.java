package io.genrec.cli;

import io.genrec.data.Dataset;
import io.genrec.data.io.DataSpecs;
import io.genrec.llm.crs.CrsAgent;
import io.genrec.llm.crs.CrsBenchmark;
import io.genrec.llm.crs.CrsCatalog;
import io.genrec.llm.crs.CrsDataset;
import io.genrec.llm.crs.CrsSetup;
import io.genrec.llm.crs.DialogueStats;
import io.genrec.llm.crs.Signals;
import io.genrec.llm.crs.StateTracker;
import io.genrec.llm.crs.UserSimulator;
import io.genrec.llm.embed.Encoders;
import io.genrec.llm.embed.ItemEncoder;
import io.genrec.llm.llm.LlmClient;
import io.genrec.llm.llm.LlmClients;
import io.genrec.llm.llm.LlmConfig;
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
import java.util.Optional;
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
    List<String> models = List.of("popularity", "collaborative", "dense", "hybrid", "learned");

    @Option(names = "--protocol", description = "standard or fresh (default: ${DEFAULT-VALUE}).")
    CrsBenchmark.Protocol protocol = CrsBenchmark.Protocol.standard;

    @Option(names = "--format", description = "table or json (default: ${DEFAULT-VALUE}).")
    EvalCommand.Format format = EvalCommand.Format.table;

    @Option(names = "--data-root", paramLabel = "DIR", description = "Folder holding redial-ievalm/ and inspired/ (default: ${DEFAULT-VALUE}).")
    Path root = Path.of("../shared/data");

    @Option(names = "--movielens", paramLabel = "SPEC", description = "MovieLens data for linking and the collaborative model (default: ${DEFAULT-VALUE}).")
    String movielens = "ml-latest-small";

    @Option(names = "--collab-model", description = "GenRec model fitted on MovieLens for the collaborative signal (default: ${DEFAULT-VALUE}).")
    String collabModel = "ease"; // chosen on ReDial's tuning dialogues over itemknn (docs/results/crs-redial.md)

    @Option(names = "--encoder", description = "In-process text encoder for the dense and content signals: all-minilm-l6-v2 or e5-small-v2-q (default: ${DEFAULT-VALUE}).")
    String encoderName = Encoders.MINILM;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--simulate", paramLabel = "N", description = "Also run the rule-based simulated user on N test targets (0: off; default: ${DEFAULT-VALUE}).")
    int simulate = 0;

    @Option(names = "--ablation", description = "Instead of the model rows, tune and score every hybrid variant (which fusion weights, leave-one-dialogue-out tuning) on the tuning and test samples.")
    boolean ablation;

    @Option(names = "--variant", paramLabel = "NAME", description = "With --ablation: only the variant with this exact name (repeatable; default: all).")
    List<String> variants = new ArrayList<>();

    @Option(names = "--leave-out", description = "What tuning statistics leave out for a tuning sample: worker (every tuning dialogue of the same recommender worker, as no test recommender is a tuning one; ReDial only, else as dialogue) or dialogue (its own dialogue only) (default: ${DEFAULT-VALUE}).")
    String leaveOut = "dialogue";

    @Option(names = "--simulator", description = "rule (offline) or llm (the LLM endpoint words each rejection from the same hint; a reply naming the target is replaced by the rule text) (default: ${DEFAULT-VALUE}).")
    String simulator = "rule";

    @Option(names = "--allow-fallback", description = "With --models agent and no LLM endpoint: score the offline hybrid in the agent's place, marked as a fallback in the table and JSON (default: an error).")
    boolean allowFallback;

    @Option(names = "--agent-samples", paramLabel = "N", description = "Test samples the LLM agent answers, evenly spaced (each costs several LLM calls; default: ${DEFAULT-VALUE}).")
    int agentSamples = 50;

    @Option(names = "--agent-steps", paramLabel = "N", description = "Tool calls the agent may make per answer (default: ${DEFAULT-VALUE}).")
    int agentSteps = 6;

    @Mixin
    LlmEndpointOptions llm;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Optional<LlmConfig> endpoint = models.contains("agent") ? llm.config() : Optional.empty();
        if (models.contains("agent") && endpoint.isEmpty() && !allowFallback)
            throw new IllegalArgumentException("model 'agent' needs an LLM endpoint: give --llm-base-url URL or set " + LlmConfig.ENV_BASE_URL + " / "
                    + LlmConfig.ENV_API_KEY + "; or add --allow-fallback to score the offline hybrid in its place, marked as a fallback");
        chosenVariants(); // an unknown name fails before any data is read
        if (!simulator.equals("rule") && !simulator.equals("llm")) throw new IllegalArgumentException("--simulator must be rule or llm, got '" + simulator + "'");
        if (simulator.equals("llm") && llm.config().isEmpty())
            throw new IllegalArgumentException("--simulator llm needs an LLM endpoint: give --llm-base-url URL or set " + LlmConfig.ENV_BASE_URL);
        encoderName = Encoders.canonical(encoderName); // an unknown name fails here, before any data is read
        if (agentSamples < 1) throw new IllegalArgumentException("--agent-samples must be >= 1, got " + agentSamples);
        if (agentSteps < 1) throw new IllegalArgumentException("--agent-steps must be >= 1, got " + agentSteps);
        CrsDataset data = CrsSetup.load(dataset, root);
        Dataset ml = DataSpecs.load(movielens).data();
        data = data.withCatalog(data.catalog().linkedTo(ml));
        int linked = data.catalog().linkedCount();
        System.err.printf("%s: %d candidate movies, %d linked to %s by title + year (%.1f%%), %d unlinked kept as text-only items%n",
                data.name(), data.catalog().size(), linked, ml.name(), 100.0 * linked / data.catalog().size(), data.catalog().size() - linked);
        System.err.printf("%s: %d tuning samples, %d test samples%n", data.name(), data.tune().size(), data.test().size());
        boolean hybrid = models.contains("hybrid") || models.contains("learned") || models.contains("agent");
        FittedRecommender collab = ablation || models.contains("collaborative") || hybrid ? CrsSetup.fitCollaborative(ml, collabModel, seed) : null;
        ItemEncoder encoder = ablation || models.contains("dense") || hybrid ? Encoders.cached(Encoders.byName(encoderName, common.threads)) : null;
        float[] prior = CrsSetup.prior(data, ml);
        StateTracker tracker = new StateTracker(data.catalog(), prior);
        if (!leaveOut.equals("worker") && !leaveOut.equals("dialogue"))
            throw new IllegalArgumentException("--leave-out must be worker or dialogue, not '" + leaveOut + "'");
        DialogueStats stats = new DialogueStats(data.catalog().size(), data.tune(), data.catalog(), tracker);
        if (leaveOut.equals("worker")) stats.groups(data.tuneWorkers());
        Signals signals = new Signals(data.catalog(), prior, collab, encoder).withStats(stats);
        CrsBenchmark bench = new CrsBenchmark(signals, tracker);
        List<String> log = new ArrayList<>();
        log.add("tuning statistics leave out: " + leaveOut + (leaveOut.equals("worker") ? " (" + data.tuneWorkers().size() + " tuning dialogues with a worker id)" : ""));
        if (ablation) return ablation(bench, data, log);
        if (models.contains("agent")) {
            if (endpoint.isPresent()) {
                LlmClient client = LlmClients.create(endpoint.get());
                System.err.println("genrec: agent row: " + client.describe() + ", " + agentSamples + " test samples, at most " + agentSteps + " tool calls each");
                CrsCatalog catalog = data.catalog();
                bench.agent(fb -> new CrsAgent(client, catalog, signals, tracker, fb, agentSteps, w -> System.err.println("genrec: warning: " + w)),
                        agentSamples, false);
            } else {
                System.err.println("genrec: warning: no LLM endpoint configured: the 'agent' row is the offline hybrid (--allow-fallback), marked as a fallback");
                bench.agent(null, agentSamples, true);
            }
        }
        List<CrsBenchmark.Row> rows = bench.run(data, models, protocol, log);
        if (!common.quiet) log.forEach(System.err::println);
        bench.warnings().forEach(w -> System.err.println("genrec: warning: " + w));
        Map<String, double[]> sim = simulate <= 0 ? Map.of()
                : simulator(data, prior).run(bench.recommenders(), data.test(), simulate);
        if (format == EvalCommand.Format.json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dataset", data.name());
            out.put("protocol", protocol.name());
            out.put("candidates", data.catalog().size());
            out.put("linkedToMovieLens", linked);
            out.put("collaborativeModel", collab == null ? null : collabModel);
            out.put("encoder", encoder == null ? null : encoderName);
            List<Map<String, Object>> results = new ArrayList<>();
            for (CrsBenchmark.Row r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", r.model());
                m.put("metrics", r.metrics());
                if (!r.note().isEmpty()) m.put("note", r.note());
                if (r.model().equals("agent")) m.put("fallback", r.fallback() != null);
                if (r.fallback() != null) m.put("fallbackBy", r.fallback());
                results.add(m);
            }
            out.put("results", results);
            if (!bench.warnings().isEmpty()) out.put("warnings", bench.warnings());
            if (!sim.isEmpty()) {
                out.put("simulator", simulator);
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
                String name = r.fallback() == null ? r.model() : r.model() + "*";
                System.out.printf("%-14s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.0f%n", name, m.get("recall@1"), m.get("recall@10"),
                        m.get("recall@50"), m.get("bleu-2"), m.get("bleu-4"), m.get("rouge-l"), m.get("distinct-2"), m.get("distinct-3"), m.get("targets"));
            }
            for (CrsBenchmark.Row r : rows) {
                if (r.fallback() != null) System.out.println("* " + r.model() + ": FALLBACK, answered by the " + r.fallback());
                else if (r.model().equals("agent")) System.out.println(r.model() + ": " + r.note() + " (a scripted or small model checks plumbing, not quality)");
                else if (r.model().equals("learned")) System.out.println(r.model() + ": " + r.note());
            }
            if (!sim.isEmpty()) {
                System.out.printf("%nsimulated users (" + (simulator.equals("llm") ? "LLM-played" : "rule-based") + ", target among %d shown, at most %d turns)%n%-14s %10s %10s %10s%n",
                        UserSimulator.SHOWN, UserSimulator.MAX_TURNS, "model", "success@5", "meanTurns", "dialogues");
                sim.forEach((k, v) -> System.out.printf("%-14s %10.3f %10.2f %10d%n", k, v[0], v[1], (int) v[2]));
            }
            System.out.println("protocol: " + protocol + (protocol == CrsBenchmark.Protocol.fresh ? " (targets already mentioned removed, mentioned movies never ranked)" : " (mentioned movies may be targets)"));
        }
        return 0;
    }

    /** The ablation's variants named by {@code --variant}, in the order given; all of them when none is named. */
    private List<CrsBenchmark.Variant> chosenVariants() {
        if (variants.isEmpty()) return CrsBenchmark.VARIANTS;
        if (!ablation) throw new IllegalArgumentException("--variant only applies with --ablation");
        List<CrsBenchmark.Variant> chosen = new ArrayList<>();
        for (String name : variants)
            chosen.add(CrsBenchmark.VARIANTS.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "--variant: no variant named '" + name + "'; known: " + CrsBenchmark.VARIANTS.stream().map(v -> "'" + v.name() + "'").toList())));
        return chosen;
    }

    private int ablation(CrsBenchmark bench, CrsDataset data, List<String> log) {
        List<CrsBenchmark.AblationRow> rows = bench.ablation(data, chosenVariants(), protocol, log);
        if (!common.quiet) log.forEach(System.err::println);
        bench.warnings().forEach(w -> System.err.println("genrec: warning: " + w));
        if (format == EvalCommand.Format.json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (CrsBenchmark.AblationRow r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("variant", r.variant().name());
                m.put("leaveOneDialogueOut", r.variant().leaveOut());
                m.put("weights", r.weights().toString());
                m.put("tune", r.tune());
                m.put("test", r.test());
                out.add(m);
            }
            try { System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("dataset", data.name(), "protocol", protocol.name(), "encoder", encoderName, "ablation", out, "warnings", bench.warnings()))); }
            catch (com.fasterxml.jackson.core.JsonProcessingException e) { throw new IllegalStateException(e); }
        } else {
            System.out.printf("%-46s %8s %8s %8s | %8s %8s %8s%n", "variant (" + protocol + ")", "tuneR@1", "tuneR@10", "tuneR@50", "R@1", "R@10", "R@50");
            for (CrsBenchmark.AblationRow r : rows)
                System.out.printf("%-46s %8.4f %8.4f %8.4f | %8.4f %8.4f %8.4f%n   weights: %s%n", r.variant().name(), r.tune().get("recall@1"), r.tune().get("recall@10"),
                        r.tune().get("recall@50"), r.test().get("recall@1"), r.test().get("recall@10"), r.test().get("recall@50"), r.weights());
        }
        return 0;
    }

    private UserSimulator simulator(CrsDataset data, float[] prior) {
        UserSimulator u = new UserSimulator(data.catalog(), new StateTracker(data.catalog(), prior));
        if (!simulator.equals("llm")) return u;
        LlmClient client = LlmClients.create(llm.config().orElseThrow());
        System.err.println("genrec: simulated seeker played by " + client.describe());
        return u.withLlm(client, w -> System.err.println("genrec: warning: " + w));
    }
}
