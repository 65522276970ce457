package io.genrec.experiment;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.data.io.DataSpecs;
import io.genrec.data.prep.Preprocessing;
import io.genrec.eval.EvaluationResult;
import io.genrec.eval.Evaluator;
import io.genrec.model.DataBinding;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TrainContext;
import io.genrec.provenance.Provenance;
import io.genrec.split.EvalSet;
import io.genrec.split.Split;
import io.genrec.split.Splitter;
import io.genrec.split.Splitters;
import io.genrec.split.TemporalSplitter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one pipeline every experiment runs, whatever the model: load → preprocess → split → (fit → evaluate) per model
 * → paired comparisons → report. All randomness derives from {@link ExperimentConfig#seed()}.
 */
public final class ExperimentRunner {
    private final RecommenderRegistry registry;
    private final ProgressListener listener;
    private final Consumer<String> log;
    /** Called with the data and split before any model is fitted (checks and analyses that need the data); may be null. */
    private Consumer<Prepared> onPrepared;
    /** How each fitted model is evaluated on the test phase; the single-JVM {@link Evaluator} unless replaced. */
    private TestEvaluation testEvaluation = (evaluator, model, set, train, progress) -> evaluator.evaluate(model, set, train, progress);

    /**
     * Evaluates one fitted model on the test phase with the run's {@link Evaluator} (its metrics and settings). Another
     * implementation (e.g. one spreading users over a cluster) must return what {@link Evaluator#evaluate} would.
     */
    @FunctionalInterface
    public interface TestEvaluation {
        EvaluationResult evaluate(Evaluator evaluator, FittedRecommender model, EvalSet set, Dataset train, ProgressListener progress);
    }

    /** Replaces how fitted models are evaluated on the test phase (fitting, splitting and the report stay the same). */
    public ExperimentRunner evaluateWith(TestEvaluation evaluation) {
        this.testEvaluation = java.util.Objects.requireNonNull(evaluation);
        return this;
    }

    public ExperimentRunner(RecommenderRegistry registry, ProgressListener listener, Consumer<String> log) {
        this.registry = registry;
        this.listener = listener;
        this.log = log;
    }

    /**
     * Loads, preprocesses and splits the data as the config says, with the protocol checked against (or, for
     * {@code auto}, chosen from) the config's models as {@link ProtocolCheck} says.
     */
    public Prepared prepare(ExperimentConfig cfg) {
        List<Recommender> models = new ArrayList<>();
        createAll(cfg).values().forEach(models::addAll);
        return prepare(cfg, models);
    }

    /** The same for these models; nothing is fitted. */
    public Prepared prepare(ExperimentConfig cfg, List<Recommender> models) {
        DataSpecs.LoadedData loaded = DataSpecs.load(cfg.data());
        ProtocolCheck.Choice choice = ProtocolCheck.choose(cfg.protocol(), loaded.given() != null, models);
        log.accept(choice.describe());
        if (loaded.given() != null) {
            if (!choice.protocol().equals("given"))
                throw new IllegalArgumentException("data '" + cfg.data() + "' is pre-split; use --protocol given (got '" + cfg.protocol() + "')");
            Split s = loaded.given();
            DataChecks.requireTestUsers(s, loaded::data, cfg.protocolParams());
            ProtocolCheck.checkSplit(s, models, w -> log.accept("warning: " + w));
            // the union of the parts is hashed, not built: at 100M interactions it would be 1.6 GB more heap
            return new Prepared(s, loaded.description(), "as given",
                    DataBinding.of(cfg.data(), "none", Preprocessing.NONE, Dataset.unionHash(s.interactionParts()),
                            s.train().userIds(), s.train().itemIds(), s.description()),
                    "pre-split data: values as given, no implicit conversion", choice);
        }
        if (choice.protocol().equals("given"))
            throw new IllegalArgumentException("--protocol given needs pre-split data (presplit:DIR); '" + cfg.data() + "' is not");
        ImplicitChoice implicit = detectImplicit(cfg.implicit(), loaded.data());
        log.accept(implicit.reason());
        Float threshold = implicit.threshold();
        String protocol = choice.protocol();
        Splitter splitter = Splitters.create(protocol, new Params(cfg.protocolParams(), "protocol " + protocol));
        Preprocessing applied = new Preprocessing(threshold, cfg.userCore(), cfg.itemCore(), cfg.duplicatePolicy());
        Dataset data;
        if (splitter instanceof TemporalSplitter temporal && (cfg.userCore() > 0 || cfg.itemCore() > 0)) {
            TrainingPartCore c = coreOnTrainingPart(loaded.data(), applied, temporal);
            applied = c.preprocessing();
            splitter = c.splitter();
            data = c.data();
        } else {
            data = applied.equals(Preprocessing.NONE) ? loaded.data() : applied.apply(loaded.data());
        }
        log.accept("data: " + data + " after " + describe(threshold, cfg) + (applied.coreBefore() == null ? "" : " (on the training part)"));
        DataChecks.requireInteractions(loaded.description(), loaded.data(), data, threshold, cfg.userCore(), cfg.itemCore());
        Split split = splitter.split(data, cfg.seed());
        DataChecks.requireTestUsers(split, data, cfg.protocolParams());
        ProtocolCheck.checkSplit(split, models, w -> log.accept("warning: " + w));
        return new Prepared(split, loaded.description(), describe(threshold, cfg) + (applied.coreBefore() == null ? "" : " on the training part"),
                DataBinding.of(cfg.data(), cfg.implicit(), applied, data, split.description()), implicit.reason(), choice);
    }

    /** The temporal protocol's preprocessing, the splitter cutting where the k-core was counted, and the data. */
    private record TrainingPartCore(Preprocessing preprocessing, TemporalSplitter splitter, Dataset data) { }

    /**
     * Temporal protocol: the k-core counts only the training part (before the first cut), so interactions of the
     * validation and test periods cannot decide which users and items survive. The cut is taken on the data before
     * the k-core and kept fixed, so the training part is the one the k-core counted. Later interactions of users or
     * items that do not meet the core in the training part are dropped; the log says how many.
     */
    private TrainingPartCore coreOnTrainingPart(Dataset loaded, Preprocessing prep, TemporalSplitter temporal) {
        Dataset unfiltered = new Preprocessing(prep.implicitThreshold(), 0, 0, prep.duplicates()).apply(loaded);
        long[] cuts = temporal.cuts(unfiltered);
        Preprocessing onTrain = prep.withCoreBefore(cuts[0]);
        Dataset data = onTrain.apply(loaded); // from the loaded data: the threshold is applied once (its positives are 1s)
        long[] before = laterPeriod(unfiltered, cuts[0]), after = laterPeriod(data, cuts[0]);
        log.accept(String.format(Locale.ROOT, "temporal: the %d/%d-core counts only the training part (time < %d), so later"
                        + " interactions do not decide who survives; it dropped %,d of the %,d validation/test interactions"
                        + " (%,d of %,d users and %,d of %,d items there are not in the filtered training part)",
                prep.userCore(), prep.itemCore(), cuts[0], before[0] - after[0], before[0], before[1] - after[1], before[1],
                before[2] - after[2], before[2]));
        return new TrainingPartCore(onTrain, temporal.at(cuts), data);
    }

    /** {interactions, distinct users, distinct items} at time {@code >= t}. */
    private static long[] laterPeriod(Dataset d, long t) {
        int[] ptr = d.userPointers(), items = d.itemIndices();
        long[] times = d.timestamps();
        boolean[] item = new boolean[d.numItems()];
        long n = 0, users = 0, distinctItems = 0;
        for (int u = 0; u < d.numUsers(); u++) {
            boolean seen = false;
            for (int k = ptr[u]; k < ptr[u + 1]; k++) {
                if (times[k] < t) continue;
                n++;
                seen = true;
                if (!item[items[k]]) { item[items[k]] = true; distinctItems++; }
            }
            if (seen) users++;
        }
        return new long[] {n, users, distinctItems};
    }

    /** Runs the whole experiment; with {@code cfg.outputDir()} set, writes there as {@link RunOutput} says. */
    public ExperimentReport run(ExperimentConfig cfg) {
        return run(cfg, cfg.outputDir() == null ? null : RunOutput.open(cfg.outputDir(), false));
    }

    /** Runs the whole experiment, writing each model's archive and the results so far to {@code output} (may be null). */
    public ExperimentReport run(ExperimentConfig cfg, RunOutput output) {
        long t0 = System.nanoTime();
        // Create every model (and every grid combination) first, so a typo in a name or parameter fails before any
        // training time is spent.
        Map<String, List<Recommender>> candidates = createAll(cfg);
        List<Recommender> all = new ArrayList<>();
        candidates.values().forEach(all::addAll);
        // the protocol is checked against every candidate before any of them is fitted
        Prepared prepared = prepare(cfg, all);
        if (onPrepared != null) onPrepared.accept(prepared);
        Split split = prepared.split();
        Evaluator evaluator = new Evaluator(cfg.metrics(), cfg.threads(), cfg.sampled(), cfg.excludeSeen());
        ExperimentReport.ExcludedTargets excluded = null;
        WeightsCheck weights = new WeightsCheck(split.train());
        if (cfg.sampled() != null) log.accept(cfg.sampled().description());
        Dataset train = split.train();
        var summary = new ExperimentReport.DatasetSummary(train.name(), prepared.source(), train.numUsers(),
                train.numItems(), train.numInteractions(), split.test().evaluatedUsers().length, train.contentHash(),
                prepared.preprocessing(), prepared.implicitDetection());
        beginOutput(output);
        List<String> pending = new ArrayList<>(candidates.keySet());
        List<ModelResult> results = new ArrayList<>();
        for (var entry : candidates.entrySet()) {
            List<TuningTrial> trials = new ArrayList<>();
            HeapMeter.start();
            long f0 = System.nanoTime();
            FittedRecommender fitted = entry.getValue().size() == 1
                    ? fit(entry.getValue().get(0), split, cfg)
                    : tune(entry.getKey(), entry.getValue(), split, cfg, trials);
            double fitSeconds = (System.nanoTime() - f0) / 1e9;
            EvaluationResult ev = testEvaluation.evaluate(evaluator, fitted, split.test(), split.train(), listener);
            log.accept(String.format("%s: fit %.2f s, eval %.2f s", entry.getKey(), fitSeconds, ev.seconds()));
            weights.record(entry.getKey(), fitted, log);
            if (excluded == null) {
                // The same for every model: it depends on the split only.
                excluded = new ExperimentReport.ExcludedTargets(cfg.excludeSeen(), ev.targets(), ev.excludedTargets(), ev.numUsers(), ev.usersWithExcludedTargets());
                if (excluded.describe() != null) log.accept("warning: " + excluded.describe());
            }
            results.add(new ModelResult(entry.getKey(), ev.metrics(), fitSeconds, ev.seconds(), HeapMeter.peakMb(),
                    ev.numUsers(), fitted.provenance(), trials, ev.users(), ev.perUser(), ev.fallback()));
            pending.remove(entry.getKey());
            if (output != null) saveResult(output, entry.getKey(), fitted, prepared,
                    report(results, List.of(), summary, prepared, cfg, t0, excluded, weights), pending);
        }
        List<Comparison> comparisons = Comparisons.againstBest(results, evaluator.metricNames(), cfg.seed());
        return report(results, comparisons, summary, prepared, cfg, t0, excluded, weights);
    }

    /** Every model and grid combination of the config, created (not fitted) so a bad name or parameter fails first. */
    private Map<String, List<Recommender>> createAll(ExperimentConfig cfg) {
        Map<String, List<Recommender>> candidates = new LinkedHashMap<>();
        for (String name : cfg.models()) {
            List<Recommender> list = new ArrayList<>();
            for (Map<String, String> combo : ParameterGrid.expand(name, cfg.modelParams().getOrDefault(name, Map.of())))
                list.add(registry.create(name, new Params(combo, "parameters of model '" + name + "'")));
            candidates.put(name, list);
        }
        return candidates;
    }

    private static ExperimentReport report(List<ModelResult> results, List<Comparison> comparisons,
                                           ExperimentReport.DatasetSummary summary, Prepared prepared, ExperimentConfig cfg, long t0,
                                           ExperimentReport.ExcludedTargets excluded, WeightsCheck weights) {
        return new ExperimentReport(List.copyOf(results), comparisons, summary, prepared.split().description(), cfg,
                (System.nanoTime() - t0) / 1e9, Provenance.BuildInfo.VERSION, Provenance.BuildInfo.GIT_COMMIT,
                Instant.now().toString(), machine(),
                excluded != null ? excluded : new ExperimentReport.ExcludedTargets(cfg.excludeSeen(), 0, 0, 0, 0),
                weights.report(), prepared.protocol().protocol(), prepared.protocol().reason());
    }

    private FittedRecommender fit(Recommender r, Split split, ExperimentConfig cfg) {
        log.accept("fitting " + r.name() + " " + Provenance.recordToMap(r.config()));
        return r.fit(new TrainContext(split.train(), split.validation(), cfg.seed(), cfg.threads(), listener, split.description()));
    }

    /**
     * Fits every combination and keeps the one with the best validation score on the first metric (sampled like the
     * test metrics when the experiment samples candidates); the test set is never looked at while choosing.
     */
    private FittedRecommender tune(String name, List<Recommender> grid, Split split, ExperimentConfig cfg, List<TuningTrial> trials) {
        if (split.validation() == null)
            throw new IllegalArgumentException("model '" + name + "': a parameter grid needs a validation set, and split " + split.description() + " has none");
        Evaluator validator = new Evaluator(List.of(cfg.metrics().get(0)), cfg.threads(), cfg.sampled(), cfg.excludeSeen());
        String metric = validator.metricNames().get(0);
        FittedRecommender best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Recommender r : grid) {
            long f0 = System.nanoTime();
            FittedRecommender f = fit(r, split, cfg);
            double secs = (System.nanoTime() - f0) / 1e9;
            double score = validator.evaluate(f, split.validation(), split.train(), ProgressListener.NONE).metrics().get(metric);
            Map<String, String> params = new LinkedHashMap<>();
            Provenance.recordToMap(r.config()).forEach((k, v) -> params.put(k, String.valueOf(v)));
            trials.add(new TuningTrial(params, metric, score, secs));
            log.accept(String.format("%s: validation %s = %.4f for %s", name, metric, score, params));
            if (score > bestScore) {
                bestScore = score;
                best = f;
            }
        }
        log.accept(String.format("%s: chose %s (validation %s = %.4f)", name, best.provenance().config(), metric, bestScore));
        return best;
    }

    private static void beginOutput(RunOutput output) {
        if (output == null) return;
        try {
            output.begin();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create --output " + output.dir(), e);
        }
    }

    private void saveResult(RunOutput output, String name, FittedRecommender fitted, Prepared prepared,
                            ExperimentReport soFar, List<String> pending) {
        try {
            output.modelDone(name, fitted, prepared.binding(), soFar, List.copyOf(pending));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model '" + name + "' or the results to " + output.dir(), e);
        }
    }

    /** Applies the positives threshold ({@code auto|none|T}) and k-core filters the same way for every command. */
    public static Dataset preprocess(Dataset data, String implicit, int userCore, int itemCore) {
        return preprocess(data, implicit, userCore, itemCore, Preprocessing.DuplicatePolicy.KEEP_ALL);
    }

    /** {@link #preprocess(Dataset, String, int, int)} with repeated (user, item) pairs handled by {@code duplicates} first. */
    public static Dataset preprocess(Dataset data, String implicit, int userCore, int itemCore, Preprocessing.DuplicatePolicy duplicates) {
        Float threshold = resolveThreshold(implicit, data);
        if (threshold == null && userCore == 0 && itemCore == 0 && duplicates == Preprocessing.DuplicatePolicy.KEEP_ALL) return data;
        return new Preprocessing(threshold, userCore, itemCore, duplicates).apply(data);
    }

    public static Float resolveThreshold(String implicit, Dataset data) { return detectImplicit(implicit, data).threshold(); }

    /**
     * The positives threshold and why it was chosen.
     *
     * @param threshold keep values {@code >= threshold} as positives; null keeps every interaction
     * @param reason    one line for stderr and the report, e.g. why {@code auto} decided as it did
     */
    public record ImplicitChoice(Float threshold, String reason) { }

    /** Share of values that must look like ratings for {@code auto} to treat the data as explicit ratings. */
    static final double RATING_SHARE = 0.99;

    /**
     * {@code auto}: binarise at 4 when the values look like explicit 1–5 ratings, as Liang et al. (2018) do for
     * MovieLens; keep everything for implicit data. "Look like ratings" = at least {@link #RATING_SHARE} of the values
     * are half steps in [0.5, 5] and not all of them are 1; deciding from the share (not from every value) keeps one
     * outlier from silently switching binarisation off. Play counts and other weights have many values above 5.
     */
    public static ImplicitChoice detectImplicit(String implicit, Dataset data) {
        if (implicit.equals("none")) return new ImplicitChoice(null, "implicit=none: all interactions as positives");
        if (!implicit.equals("auto")) {
            float t = Float.parseFloat(implicit);
            return new ImplicitChoice(t, "implicit=" + implicit + ": values >= " + t + " as positives");
        }
        float[] values = data.values();
        long ratingLike = 0, notOne = 0, outside = 0;
        float maxOutside = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            if (v >= 0.5f && v <= 5f && v * 2 == Math.rint(v * 2)) {
                ratingLike++;
                if (v != 1f) notOne++;
            } else {
                outside++;
                maxOutside = Math.max(maxOutside, v);
            }
        }
        if (values.length == 0) return new ImplicitChoice(null, "implicit=auto: no interactions; all interactions as positives");
        double share = (double) ratingLike / values.length;
        String outsideText = outside == 0 ? "none outside" : String.format(Locale.ROOT, "%d value%s outside (largest %s)",
                outside, outside == 1 ? "" : "s", WeightsCheck.format(maxOutside));
        if (notOne == 0 && outside == 0) return new ImplicitChoice(null, "implicit=auto: all values are 1 (implicit data); all interactions as positives");
        if (share >= RATING_SHARE && notOne > 0)
            return new ImplicitChoice(4f, String.format(Locale.ROOT, "implicit=auto: %.2f%% of %d values look like 0.5-5 ratings (%s);"
                    + " ratings >= 4 as positives", 100 * share, values.length, outsideText));
        return new ImplicitChoice(null, String.format(Locale.ROOT, "implicit=auto: only %.2f%% of %d values look like 0.5-5 ratings (%s;"
                + " needs %.0f%%), so the values are taken as counts or weights: all interactions as positives (--implicit T to binarise)",
                100 * share, values.length, outsideText, 100 * RATING_SHARE));
    }

    private static String describe(Float threshold, ExperimentConfig cfg) {
        String s = threshold == null ? "all interactions as positives" : "ratings >= " + threshold + " as positives";
        if (cfg.duplicatePolicy() != Preprocessing.DuplicatePolicy.KEEP_ALL) s = "duplicates=" + cfg.duplicates() + ", " + s;
        if (cfg.userCore() > 0 || cfg.itemCore() > 0) s += ", " + cfg.userCore() + "/" + cfg.itemCore() + "-core";
        return s;
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ", Java "
                + Runtime.version();
    }

    /**
     * Calls {@code hook} in {@link #run} with the prepared data and split, before any model is fitted (so a check on
     * the data can fail early; user-group analyses keep the split).
     */
    public ExperimentRunner onPrepared(Consumer<Prepared> hook) {
        this.onPrepared = hook;
        return this;
    }

    /** A split ready to run, with where it came from, what saved models are tied to and why the positives threshold is what it is. */
    public record Prepared(Split split, String source, String preprocessing, DataBinding binding, String implicitDetection,
                           ProtocolCheck.Choice protocol) { }
}
