package io.genrec.cli;

import io.genrec.experiment.ExperimentConfig;
import io.genrec.experiment.ExperimentConfigFile;
import io.genrec.experiment.ExperimentReport;
import io.genrec.experiment.ExperimentRunner;
import io.genrec.experiment.ReportWriter;
import io.genrec.experiment.RunOutput;
import io.genrec.config.Params;
import io.genrec.model.RecommenderRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code genrec eval}: fit and evaluate models on one split and print a leaderboard. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit models, evaluate them on one split and print a leaderboard.",
                "Ranking is full, over all items (training items excluded); --sampled-candidates switches to labelled",
                "sampled metrics, only to compare with papers that use them.",
                "With no options: the bundled MovieLens latest-small, ratings >= 4 as positives, 5-core filtering,",
                "a seeded per-user random holdout (20%% test, 10%% of the rest validation), and the baselines",
                "mostpop, itemknn, ease, als. With a sequence model in --models the default protocol is leave-one-out."},
        footer = {"", "Examples:",
                "  genrec eval",
                "  genrec eval --data presplit:../shared/data/ml-1m-diffrec --metrics recall@10,recall@20,ndcg@10,ndcg@20",
                "  genrec eval --data movielens:../shared/data/ml-100k --protocol strong-generalization --models ease,multvae",
                "  genrec eval --models ease --param ease.lambda=200 --format json",
                "  genrec eval --data sequences:FILE --protocol leave-one-out --models sasrec --negatives irgan",
                "  genrec eval --data sequences:FILE --protocol leave-one-out --models sasrec --sampled-candidates 100 --sampling popularity"})
class EvalCommand implements Callable<Integer> {
    @Mixin
    DataOptions dataOptions;

    @Option(names = "--protocol", paramLabel = "P", description = {"Split protocol: random-holdout, leave-one-out, temporal,",
            "strong-generalization, given (pre-split data). Default: chosen from the models and printed: leave-one-out",
            "when a sequence model is among them, else random-holdout; given for presplit data. A model is refused",
            "under a protocol it cannot honour (sequence models need a time-ordered history; models without fold-in",
            "cannot run strong-generalization)."})
    String protocol;

    @Option(names = "--protocol-param", paramLabel = "KEY=VALUE", description = "Protocol parameter, e.g. test=0.2 (repeatable).")
    Map<String, String> protocolParams;

    @Option(names = "--models", split = ",", paramLabel = "NAME", description = "Models to run, comma separated (see 'genrec models').")
    List<String> models;

    @Option(names = "--param", paramLabel = "MODEL.KEY=VALUE", description = "Model hyperparameter, e.g. ease.lambda=200 (repeatable).")
    Map<String, String> params;

    @Option(names = "--negatives", paramLabel = "SAMPLER", description = {"Negative sampling of the models trained with sampled negatives:",
            "uniform or irgan (IRGAN generator). Sets MODEL.negatives for every model in --models and fails",
            "for a model without sampled negatives."})
    String negatives;

    @Option(names = "--metrics", split = ",", paramLabel = "M@K", description = "Metrics, e.g. ndcg@10,recall@20,mrr,auc,coverage@10.")
    List<String> metrics;

    @Option(names = "--groups", split = ",", paramLabel = "G", description = {"Per-group metrics for user groups: gender, age, occupation",
            "(user attributes, e.g. MovieLens 100K/1M), activity (history-length terciles), mainstream (terciles of",
            "the mean popularity percentile of the user's training items); gaps, Welch p-values, 95 percent bootstrap intervals."})
    List<String> groups;

    @Option(names = "--harm", description = {"Add the popularity-bias and provider-exposure metrics at k=10: headshare, midshare,",
            "tailshare (head = items holding the top fifth of training interactions, tail = the bottom fifth), poplift,",
            "ltcoverage, gini (item exposure) and miscal (Steck 2018 genre miscalibration; needs item genres)."})
    boolean harm;

    @Option(names = "--sampled-candidates", paramLabel = "N", description = {"Rank each user's targets among N sampled negatives",
            "instead of all items, only to compare with papers that report sampled metrics (e.g. 100). Every metric",
            "is then labelled, e.g. 'recall@10 (sampled: 100 popularity negatives)'; not comparable to full ranking."})
    Integer sampledCandidates;

    @Option(names = "--sampling", paramLabel = "uniform|popularity", description = {"How --sampled-candidates draws negatives from the",
            "items the user never interacted with: uniform (SASRec's protocol, the default) or popularity (BERT4Rec's)."})
    String sampling;

    @Option(names = "--exclude-seen", paramLabel = "true|false", arity = "1", description = {"Remove each user's history items from the",
            "ranking (default true). With re-consumption data (re-listens, re-purchases) a target the user already has",
            "can then never be hit: the run warns and reports how many targets that affects; false ranks seen items too."})
    Boolean excludeSeen;

    @Option(names = "--k-core", paramLabel = "K", description = "Iterative k-core filter on users and items (default 5; 0 = off; not applied to pre-split data).")
    Integer kCore;

    @Option(names = "--seed", description = "Seed for the split and the models.")
    Long seed;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON experiment file; command-line options override it.")
    Path config;

    @Option(names = "--output", paramLabel = "DIR", description = {"Write results.json, results.md and saved models (models/NAME)",
            "here, each as soon as its model is evaluated. DIR must be new, empty or an earlier run's output."})
    Path output;

    @Option(names = "--overwrite", description = "Replace the results of an earlier run in --output (otherwise refused).")
    boolean overwrite;

    @Option(names = "--format", description = "Output on stdout: table or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.table;

    @Mixin
    CommonOptions common;

    enum Format { table, json }

    private static final String NEGATIVES = "negatives";

    @Override
    public Integer call() throws Exception {
        ExperimentConfig cfg = config();
        RunOutput out = cfg.outputDir() == null ? null : RunOutput.open(cfg.outputDir(), overwrite); // before any fitting
        SavedOutputs.watch(cfg.outputDir());
        ProgressBar bar = new ProgressBar(System.err);
        ExperimentRunner runner = new ExperimentRunner(RecommenderRegistry.load(), common.quiet ? io.genrec.model.ProgressListener.NONE : bar,
                msg -> { bar.finishLine(); if (!common.quiet) System.err.println("genrec: " + msg); });
        configure(runner, cfg);
        if (out != null) out.onWarning(w -> { bar.finishLine(); System.err.println("genrec: warning: " + w); });
        List<String> groupNames = groupNames();
        var harmAnalysis = new HarmAnalysis(groupNames, cfg.seed());
        runner.onPrepared(harmAnalysis::check);
        ExperimentReport report = runner.run(cfg, out);
        bar.finishLine();
        Warnings.report(report);
        var sections = harmAnalysis.sections(report, msg -> { if (!common.quiet) System.err.println("genrec: " + msg); });
        if (out != null) {
            sections.forEach(out::addSection);
            out.finish(report).forEach(p -> System.err.println("genrec: wrote " + p));
        }
        if (format == Format.json) System.out.println(harmAnalysis.json(ReportWriter.json(report), sections));
        else System.out.println(ReportWriter.markdown(report) + harmAnalysis.tables(report));
        return 0;
    }

    /** Lets a variant of this command change how the runner evaluates ({@code genrec spark eval}); nothing here. */
    void configure(ExperimentRunner runner, ExperimentConfig cfg) { }

    /** --groups, else the config file's "groups" field, else none. */
    private List<String> groupNames() throws java.io.IOException {
        if (groups != null) return groups;
        if (config != null) {
            List<String> fromFile = ExperimentConfigFile.read(config).groups();
            if (fromFile != null) return fromFile;
        }
        return List.of();
    }

    ExperimentConfig config() throws java.io.IOException {
        ExperimentConfig base = ExperimentConfig.defaults();
        if (config != null) base = ExperimentConfigFile.merge(base, ExperimentConfigFile.read(config));
        String dataSpec = dataOptions.data(base.data());
        String proto = protocol != null ? protocol : base.protocol(); // "auto" unless the config names one: chosen from the models
        if (protocol == null && dataSpec.startsWith("presplit:") && !"auto".equals(proto)) proto = "given";
        Map<String, Map<String, String>> modelParams = new LinkedHashMap<>(base.modelParams());
        List<String> modelList = models != null ? models : base.models();
        if (params != null) {
            for (var e : params.entrySet()) {
                int dot = e.getKey().indexOf('.');
                if (dot < 0 && modelList.size() == 1) { // the old KEY=VALUE form is unambiguous for one model
                    System.err.println("genrec: warning: --param " + e.getKey() + "=" + e.getValue() + " is deprecated; write --param "
                            + modelList.get(0) + "." + e.getKey() + "=" + e.getValue());
                    modelParams.computeIfAbsent(modelList.get(0), k -> new LinkedHashMap<>()).put(e.getKey(), e.getValue());
                    continue;
                }
                if (dot <= 0) throw new IllegalArgumentException("--param '" + e.getKey() + "=" + e.getValue() + "': expected MODEL.KEY=VALUE");
                modelParams.computeIfAbsent(e.getKey().substring(0, dot), k -> new LinkedHashMap<>()).put(e.getKey().substring(dot + 1), e.getValue());
            }
        }
        for (String m : modelParams.keySet())
            if (!modelList.contains(m)) throw new IllegalArgumentException("--param names model '" + m + "', which is not in --models " + modelList);
        if (negatives != null) applyNegatives(modelList, modelParams);
        if (dataOptions.duplicates != null) dataOptions.duplicates(null); // a bad value fails naming --duplicates
        return new ExperimentConfig(dataSpec, dataOptions.implicit(base.implicit()),
                kCore != null ? kCore : base.userCore(), kCore != null ? kCore : base.itemCore(), proto,
                protocolParams != null ? protocolParams : base.protocolParams(), modelList, modelParams,
                withHarm(metrics != null ? metrics : base.metrics()), seed != null ? seed : base.seed(), common.threads,
                output != null ? output : base.outputDir(),
                sampledCandidates != null ? sampledCandidates : base.sampledCandidates(),
                sampling != null ? sampling : base.sampling(),
                excludeSeen != null ? excludeSeen : base.excludeSeen(),
                dataOptions.duplicates != null ? dataOptions.duplicates : base.duplicates());
    }

    /** The metrics plus, with --harm, the popularity-bias and exposure metrics not already asked for. */
    private List<String> withHarm(List<String> metricList) {
        if (!harm) return metricList;
        List<String> all = new java.util.ArrayList<>(metricList);
        for (String m : HarmAnalysis.HARM_METRICS) if (!all.contains(m)) all.add(m);
        return all;
    }

    /**
     * Puts {@code negatives=<--negatives>} into every model's parameters, after checking that the model reads that key
     * (creating it with only that parameter is cheap: models train in fit, not in create).
     */
    private void applyNegatives(List<String> modelList, Map<String, Map<String, String>> modelParams) {
        RecommenderRegistry registry = RecommenderRegistry.load();
        for (String model : modelList) {
            var provider = registry.provider(model); // an unknown name fails here, naming the known models
            Params probe = new Params(Map.of(NEGATIVES, negatives), "--negatives");
            try {
                provider.create(probe);
            } catch (IllegalArgumentException e) {
                if (!probe.wasRead(NEGATIVES))
                    throw new IllegalArgumentException("--negatives " + negatives + ": model '" + model + "' does not train with sampled"
                            + " negatives (it has no '" + NEGATIVES + "' parameter); drop it from --models or use --param MODEL."
                            + NEGATIVES + "=" + negatives + " for the models that have it (e.g. sasrec)");
                throw new IllegalArgumentException("--negatives " + negatives + ": model '" + model + "': " + e.getMessage(), e);
            }
            Map<String, String> p = modelParams.computeIfAbsent(model, k -> new LinkedHashMap<>());
            String explicit = p.get(NEGATIVES);
            if (explicit != null && !explicit.equals(negatives))
                throw new IllegalArgumentException("--negatives " + negatives + " conflicts with --param " + model + "." + NEGATIVES + "=" + explicit);
            p.put(NEGATIVES, negatives);
        }
    }
}
