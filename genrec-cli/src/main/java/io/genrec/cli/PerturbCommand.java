package io.genrec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.eval.Evaluator;
import io.genrec.eval.robustness.HistoryPerturbation;
import io.genrec.experiment.ExperimentConfig;
import io.genrec.experiment.ExperimentRunner;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TrainContext;
import io.genrec.split.EvalSet;
import io.genrec.split.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code genrec perturb}: sensitivity of fitted models to perturbed input histories. */
@Command(name = "perturb", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure how sensitive models are to perturbed input histories.",
                "Fits every model once on clean training data, then queries it with test-user histories that were perturbed",
                "(drop: remove each interaction with probability s; shuffle: permute the order of a share s of positions;",
                "insert: add round(s*n) random unseen non-target items at random places) and reports the accuracy change and",
                "the Jaccard overlap of the top-k lists with those from the clean histories, per perturbation strength s."},
        footer = {"", "Example:",
                "  genrec perturb --data movielens:../shared/data/ml-100k --models sasrec,gru4rec --strengths 0.1,0.3,0.5"})
final class PerturbCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "SPEC", description = "Data spec as for eval (default: ${DEFAULT-VALUE}).")
    String data = "ml-latest-small";

    @Option(names = "--models", split = ",", paramLabel = "NAME", description = "Models (default: sasrec,gru4rec,bert4rec).")
    List<String> models = List.of("sasrec", "gru4rec", "bert4rec");

    @Option(names = "--param", paramLabel = "MODEL.KEY=VALUE", description = "Model hyperparameter as for eval (repeatable).")
    Map<String, String> params;

    @Option(names = "--protocol", paramLabel = "P", description = "Split protocol as for eval (default: ${DEFAULT-VALUE}).")
    String protocol = "leave-one-out";

    @Option(names = "--implicit", paramLabel = "RULE", description = "Which interactions are positives, as for eval (default: ${DEFAULT-VALUE}: all, in time order).")
    String implicit = "none";

    @Option(names = "--perturbations", split = ",", paramLabel = "TYPE", description = "drop, shuffle, insert (default: all three).")
    List<String> perturbations = List.of("drop", "shuffle", "insert");

    @Option(names = "--strengths", split = ",", paramLabel = "S", description = "Strengths in [0, 1] (default: 0.1,0.25,0.5).")
    List<Double> strengths = List.of(0.1, 0.25, 0.5);

    @Option(names = "--k", description = "List length for ndcg and the overlap (default: ${DEFAULT-VALUE}).")
    int k = 10;

    @Option(names = "--seed", description = "Seed of the split, the models and the perturbations (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--format", description = "table or json (default: ${DEFAULT-VALUE}).")
    EvalCommand.Format format = EvalCommand.Format.table;

    @Mixin
    CommonOptions common;

    record Row(String model, String perturbation, double strength, String metric, double clean, double perturbed, double listJaccard) { }

    @Override
    public Integer call() throws Exception {
        List<HistoryPerturbation.Type> types = perturbations.stream().map(HistoryPerturbation.Type::parse).toList();
        for (double s : strengths) if (!(s >= 0 && s <= 1)) throw new IllegalArgumentException("--strengths: " + s + " is not in [0, 1]");
        Map<String, Map<String, String>> modelParams = new LinkedHashMap<>();
        if (params != null)
            for (var e : params.entrySet()) {
                int dot = e.getKey().indexOf('.');
                if (dot <= 0) throw new IllegalArgumentException("--param '" + e.getKey() + "=" + e.getValue() + "': expected MODEL.KEY=VALUE");
                String m = e.getKey().substring(0, dot);
                if (!models.contains(m)) throw new IllegalArgumentException("--param names model '" + m + "', which is not in --models " + models);
                modelParams.computeIfAbsent(m, x -> new LinkedHashMap<>()).put(e.getKey().substring(dot + 1), e.getValue());
            }
        RecommenderRegistry registry = RecommenderRegistry.load();
        for (String m : models) registry.provider(m); // unknown names fail before any work
        ExperimentConfig d = ExperimentConfig.defaults();
        String metric = "ndcg@" + k;
        ExperimentConfig cfg = new ExperimentConfig(data, implicit, d.userCore(), d.itemCore(), protocol, Map.of(), models, modelParams,
                List.of(metric), seed, common.threads, null);
        Split split = new ExperimentRunner(registry, ProgressListener.NONE, this::log).prepare(cfg).split();
        EvalSet test = split.test();
        Evaluator evaluator = new Evaluator(List.of(metric), common.threads);
        int[] users = test.evaluatedUsers();
        List<Row> rows = new ArrayList<>();
        for (String m : models) {
            log("fitting " + m + " on " + split.train().name());
            FittedRecommender model = registry.create(m, new Params(modelParams.getOrDefault(m, Map.of()), "parameters of model '" + m + "'"))
                    .fit(new TrainContext(split.train(), split.validation(), seed, common.threads, ProgressListener.NONE, split.description()));
            double clean = evaluator.evaluate(model, test, split.train(), ProgressListener.NONE).metric(metric);
            for (HistoryPerturbation.Type t : types)
                for (double s : strengths) {
                    Dataset perturbed = HistoryPerturbation.apply(test.history(), test.targets(), t, s, seed);
                    // the exclusions stay the clean history's: a perturbation changes what the model sees, not the candidates
                    EvalSet p = new EvalSet(test.name() + "+" + t.key(), perturbed, test.targets(), test.excluded());
                    double after = evaluator.evaluate(model, p, split.train(), ProgressListener.NONE).metric(metric);
                    double overlap = HistoryPerturbation.meanListJaccard(model, test.history(), perturbed, test.excluded(), users, k);
                    rows.add(new Row(m, t.key(), s, metric, clean, after, overlap));
                    log(String.format(Locale.ROOT, "%s %s %.2f: %s %.4f -> %.4f, list jaccard %.4f", m, t.key(), s, metric, clean, after, overlap));
                }
        }
        if (format == EvalCommand.Format.json)
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(Map.of(
                    "data", data, "split", split.description(), "trainHash", split.train().contentHash(), "rows", rows)));
        else {
            StringBuilder sb = new StringBuilder("Split: " + split.description() + "\n\n| model | perturbation | strength | " + metric
                    + " clean | perturbed | change | list jaccard@" + k + " |\n|---|---|---:|---:|---:|---:|---:|\n");
            for (Row r : rows)
                sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.4f | %.4f | %+.4f | %.4f |%n", r.model(), r.perturbation(), r.strength(),
                        r.clean(), r.perturbed(), r.perturbed() - r.clean(), r.listJaccard()));
            System.out.print(sb);
        }
        return 0;
    }

    private void log(String msg) { if (!common.quiet) System.err.println("genrec: " + msg); }
}
