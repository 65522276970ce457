package io.genrec.experiment;

import io.genrec.data.prep.Preprocessing;
import io.genrec.eval.SampledCandidates;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One experiment: data → preprocessing → split → for each model fit → evaluate → report. Built from CLI flags or a
 * JSON config file ({@link ExperimentConfigFile}); the same record is written into every results file.
 *
 * @param data               data spec, e.g. {@code ml-latest-small}, {@code movielens:DIR}, {@code presplit:DIR}
 * @param implicit           {@code auto}, {@code none} or a number t: keep interactions with value ≥ t as positives
 *                           (value 1). {@code auto} uses 4 for explicit 1–5 ratings (Liang et al. 2018 binarise
 *                           MovieLens at ≥ 4) and keeps everything for data that is already implicit
 * @param userCore           iterative k-core on users (0 = off)
 * @param itemCore           iterative k-core on items (0 = off)
 * @param protocol           split protocol name; {@code given} for pre-split data; {@code auto} (the default): chosen
 *                           from the models ({@link ProtocolCheck}: leave-one-out when a model is a sequence model,
 *                           else random holdout; {@code given} for pre-split data)
 * @param protocolParams     protocol parameters (e.g. {@code test=0.2})
 * @param models             model names in run order
 * @param modelParams        per-model hyperparameters by model name
 * @param metrics            metric specs, e.g. {@code ndcg@10}
 * @param seed               seed for the split and every model
 * @param threads            worker threads for fitting and evaluation
 * @param outputDir          where JSON + Markdown results go (null = do not write files)
 * @param sampledCandidates  0 (the default): full ranking; N > 0: rank each user's targets among N sampled negatives
 *                           instead ({@link SampledCandidates}; only for comparing with papers that report it, and
 *                           every metric is then labelled)
 * @param sampling           {@code uniform} or {@code popularity} with {@code sampledCandidates} (default uniform);
 *                           null without
 * @param excludeSeen        true (the default): each user's history items are removed from the ranking, so a test
 *                           target the user already has (a re-listen, a re-purchase) cannot be hit; the run warns
 *                           and reports how many targets that affects. false: seen items are ranked like any other
 * @param duplicates         repeated (user, item) pairs, {@link Preprocessing.DuplicatePolicy#key()}: {@code keep} (the
 *                           default) all, or one: {@code first}, {@code last}, {@code sum} or {@code max} of the values
 */
public record ExperimentConfig(String data, String implicit, int userCore, int itemCore,
                               String protocol, Map<String, String> protocolParams, List<String> models,
                               Map<String, Map<String, String>> modelParams, List<String> metrics, long seed,
                               int threads, Path outputDir, int sampledCandidates, String sampling, boolean excludeSeen,
                               String duplicates) {
    public static final List<String> DEFAULT_MODELS = List.of("mostpop", "itemknn", "ease", "als");
    public static final List<String> DEFAULT_METRICS =
            List.of("recall@10", "recall@20", "ndcg@10", "ndcg@20", "precision@10", "mrr", "coverage@20");

    public ExperimentConfig {
        if (data == null || data.isBlank()) throw new IllegalArgumentException("config field 'data' must be set");
        if (models == null || models.isEmpty()) throw new IllegalArgumentException("config field 'models' must name at least one model");
        if (metrics == null || metrics.isEmpty()) throw new IllegalArgumentException("config field 'metrics' must name at least one metric");
        implicit = implicit == null ? "auto" : implicit.trim();
        if (!implicit.equals("auto") && !implicit.equals("none")) {
            try {
                Float.parseFloat(implicit);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("config field 'implicit' = '" + implicit + "': expected auto, none or a number");
            }
        }
        if (threads < 1) throw new IllegalArgumentException("config field 'threads' must be >= 1, got " + threads);
        if (userCore < 0 || itemCore < 0) throw new IllegalArgumentException("k-core values must be >= 0, got user=" + userCore + " item=" + itemCore);
        if (sampledCandidates < 0)
            throw new IllegalArgumentException("sampledCandidates (--sampled-candidates) must be >= 0 (0 = full ranking), got " + sampledCandidates);
        if (sampledCandidates == 0 && sampling != null)
            throw new IllegalArgumentException("sampling (--sampling) = '" + sampling + "' needs sampledCandidates (--sampled-candidates) > 0; sampled metrics are off");
        if (sampledCandidates > 0) sampling = SampledCandidates.Sampling.parse(sampling == null ? "uniform" : sampling).key();
        duplicates = duplicatePolicy(duplicates).key();
        protocolParams = protocolParams == null ? Map.of() : Map.copyOf(protocolParams);
        modelParams = modelParams == null ? Map.of() : Map.copyOf(modelParams);
        models = List.copyOf(models);
        metrics = List.copyOf(metrics);
    }

    /** All duplicate (user, item) rows kept (the default). */
    public ExperimentConfig(String data, String implicit, int userCore, int itemCore, String protocol,
                            Map<String, String> protocolParams, List<String> models,
                            Map<String, Map<String, String>> modelParams, List<String> metrics, long seed, int threads,
                            Path outputDir, int sampledCandidates, String sampling, boolean excludeSeen) {
        this(data, implicit, userCore, itemCore, protocol, protocolParams, models, modelParams, metrics, seed, threads,
                outputDir, sampledCandidates, sampling, excludeSeen, null);
    }

    /** Seen items excluded (the default). */
    public ExperimentConfig(String data, String implicit, int userCore, int itemCore, String protocol,
                            Map<String, String> protocolParams, List<String> models,
                            Map<String, Map<String, String>> modelParams, List<String> metrics, long seed, int threads,
                            Path outputDir, int sampledCandidates, String sampling) {
        this(data, implicit, userCore, itemCore, protocol, protocolParams, models, modelParams, metrics, seed, threads,
                outputDir, sampledCandidates, sampling, true);
    }

    /** Full-ranking evaluation (no sampled candidates): the form every caller used before sampled metrics existed. */
    public ExperimentConfig(String data, String implicit, int userCore, int itemCore, String protocol,
                            Map<String, String> protocolParams, List<String> models,
                            Map<String, Map<String, String>> modelParams, List<String> metrics, long seed, int threads,
                            Path outputDir) {
        this(data, implicit, userCore, itemCore, protocol, protocolParams, models, modelParams, metrics, seed, threads,
                outputDir, 0, null);
    }

    /** The duplicate policy named by {@code key}; null means the default, keep all. */
    private static Preprocessing.DuplicatePolicy duplicatePolicy(String key) {
        return key == null ? Preprocessing.DuplicatePolicy.KEEP_ALL : Preprocessing.DuplicatePolicy.parse(key, "config field 'duplicates' (--duplicates)");
    }

    /** The duplicate policy of {@link #duplicates()}. */
    public Preprocessing.DuplicatePolicy duplicatePolicy() { return duplicatePolicy(duplicates); }

    /** The sampled-candidates mode with the experiment's seed, or null for full ranking (the default). */
    public SampledCandidates sampled() {
        return sampledCandidates == 0 ? null
                : new SampledCandidates(sampledCandidates, SampledCandidates.Sampling.parse(sampling), seed);
    }

    /**
     * The embedded defaults: bundled MovieLens latest-small, ratings ≥ 4 as positives, iterative 5-core on users and
     * items (the usual filtering; it also keeps EASE's dense item–item solve small), the protocol chosen from the
     * models (seeded per-user random holdout for these), four baselines.
     */
    public static ExperimentConfig defaults() {
        return new ExperimentConfig("ml-latest-small", "auto", 5, 5, "auto", Map.of(), DEFAULT_MODELS,
                Map.of(), DEFAULT_METRICS, 42L, Math.max(1, Runtime.getRuntime().availableProcessors()), null);
    }
}
