package io.genrec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.eval.Evaluator;
import io.genrec.eval.PopularityBuckets;
import io.genrec.eval.robustness.ShillingAttack;
import io.genrec.eval.robustness.TargetHitRatio;
import io.genrec.experiment.ExperimentConfig;
import io.genrec.experiment.ExperimentRunner;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TrainContext;
import io.genrec.split.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/** {@code genrec attack}: shilling (data-poisoning) attacks on the training data, per model. */
@Command(name = "attack", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure robustness to shilling (data-poisoning) attacks.",
                "Injects fake user profiles (random, average, bandwagon) that push one target item into the TRAINING data",
                "only, refits every model and reports the target's hit ratio",
                "(share of test users, without the target in their history, who get it in their top k) and the accuracy",
                "change on the untouched test set, against the same model fitted on clean data."},
        footer = {"", "Example:",
                "  genrec attack --data movielens:../shared/data/ml-100k --models mostpop,itemknn,ease,als --fake-users 10"})
final class AttackCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "SPEC", description = "Data spec as for eval (default: ${DEFAULT-VALUE}).")
    String data = "ml-latest-small";

    @Option(names = "--models", split = ",", paramLabel = "NAME", description = "Models (default: mostpop,itemknn,ease,als).")
    List<String> models = ExperimentConfig.DEFAULT_MODELS;

    @Option(names = "--attacks", split = ",", paramLabel = "TYPE", description = "random, average, bandwagon (default: all three).")
    List<String> attacks = List.of("random", "average", "bandwagon");

    @Option(names = "--fake-users", paramLabel = "N", description = "Fake profiles per attack (default: ${DEFAULT-VALUE}).")
    int fakeUsers = 10;

    @Option(names = "--filler", paramLabel = "N", description = "Filler items per fake profile (default: ${DEFAULT-VALUE}).")
    int filler = 30;

    @Option(names = "--target", paramLabel = "ITEM", description = {"Target item id; default: a tail item (PopularityBuckets) with at",
            "least one training interaction, drawn with the seed."})
    String target;

    @Option(names = "--k", description = "List length for the hit ratio and ndcg (default: ${DEFAULT-VALUE}).")
    int k = 10;

    @Option(names = "--seed", description = "Seed of the split, the models and the fake profiles (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--format", description = "table or json (default: ${DEFAULT-VALUE}).")
    EvalCommand.Format format = EvalCommand.Format.table;

    @Mixin
    CommonOptions common;

    /** One model under one attack, against the same model on clean data. */
    record Row(String model, String attack, int fakeUsers, int filler, String target, int k, double cleanHitRatio,
               double poisonedHitRatio, String accuracyMetric, double cleanAccuracy, double poisonedAccuracy) { }

    @Override
    public Integer call() throws Exception {
        List<ShillingAttack.Type> types = attacks.stream().map(ShillingAttack.Type::parse).toList();
        RecommenderRegistry registry = RecommenderRegistry.load();
        for (String m : models) registry.provider(m); // unknown names fail before any work
        ExperimentConfig d = ExperimentConfig.defaults();
        ExperimentConfig cfg = new ExperimentConfig(data, d.implicit(), d.userCore(), d.itemCore(), "auto", Map.of(), models, Map.of(),
                List.of("ndcg@" + k), seed, common.threads, null);
        ExperimentRunner runner = new ExperimentRunner(registry, ProgressListener.NONE, this::log);
        Split split = runner.prepare(cfg).split();
        Dataset train = split.train();
        int targetItem = target != null ? train.itemIds().require(target, "--target item") : autoTarget(train);
        String targetId = train.itemIds().externalId(targetItem);
        log("target item " + targetId + " (" + train.itemPopularity()[targetItem] + " training interactions, "
                + PopularityBuckets.NAMES[Evaluator.popularityBuckets(train).bucket(targetItem)] + " bucket)");
        Evaluator evaluator = new Evaluator(List.of("ndcg@" + k), common.threads);
        String metric = "ndcg@" + k;
        List<Row> rows = new ArrayList<>();
        for (String m : models) {
            FittedRecommender clean = fit(registry, m, train, split);
            double cleanHit = TargetHitRatio.of(clean, split.test(), targetItem, k);
            double cleanAcc = evaluator.evaluate(clean, split.test(), train, ProgressListener.NONE).metric(metric);
            for (ShillingAttack.Type t : types) {
                Dataset poisoned = ShillingAttack.inject(train, t, targetItem, fakeUsers, filler, seed);
                FittedRecommender p = fit(registry, m, poisoned, split);
                rows.add(new Row(m, t.key(), fakeUsers, filler, targetId, k, cleanHit, TargetHitRatio.of(p, split.test(), targetItem, k),
                        metric, cleanAcc, evaluator.evaluate(p, split.test(), train, ProgressListener.NONE).metric(metric)));
                log(String.format(Locale.ROOT, "%s under %s: target hit ratio %.4f -> %.4f", m, t.key(), cleanHit, rows.getLast().poisonedHitRatio()));
            }
        }
        if (format == EvalCommand.Format.json)
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(Map.of(
                    "data", data, "split", split.description(), "trainHash", train.contentHash(), "rows", rows)));
        else System.out.print(table(rows, split.description()));
        return 0;
    }

    private FittedRecommender fit(RecommenderRegistry registry, String model, Dataset train, Split split) {
        log("fitting " + model + " on " + train.name());
        return registry.create(model, new Params(Map.of(), "parameters of model '" + model + "'"))
                .fit(new TrainContext(train, split.validation(), seed, common.threads, ProgressListener.NONE, split.description()));
    }

    /** A tail item with at least one training interaction, drawn with the seed. */
    private int autoTarget(Dataset train) {
        PopularityBuckets b = Evaluator.popularityBuckets(train);
        int[] pop = train.itemPopularity();
        List<Integer> tail = new ArrayList<>();
        for (int i = 0; i < pop.length; i++) if (b.bucket(i) == PopularityBuckets.TAIL && pop[i] > 0) tail.add(i);
        if (tail.isEmpty()) throw new IllegalArgumentException("data '" + data + "' has no tail item with a training interaction; give --target");
        return tail.get(new SplittableRandom(seed).nextInt(tail.size()));
    }

    static String table(List<Row> rows, String split) {
        StringBuilder sb = new StringBuilder("Split: " + split + "\n\n| model | attack | fake users | filler | target hit@k clean | poisoned | "
                + (rows.isEmpty() ? "ndcg" : rows.get(0).accuracyMetric()) + " clean | poisoned | change |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows)
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.4f | %.4f | %.4f | %.4f | %+.4f |%n", r.model(), r.attack(), r.fakeUsers(),
                    r.filler(), r.cleanHitRatio(), r.poisonedHitRatio(), r.cleanAccuracy(), r.poisonedAccuracy(), r.poisonedAccuracy() - r.cleanAccuracy()));
        return sb.toString();
    }

    private void log(String msg) { if (!common.quiet) System.err.println("genrec: " + msg); }
}
