package io.genrec.eval;

import io.genrec.data.Dataset;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;
import io.genrec.model.ItemFilter;
import io.genrec.model.RatingPredictor;
import io.genrec.model.SlateGenerator;
import io.genrec.model.UserContext;
import io.genrec.split.EvalSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Full-ranking evaluation: for every user with targets, the model scores all items, the user's excluded items
 * ({@link EvalSet#excluded()}) are removed, and the metrics are computed on the resulting ranking (ties broken by
 * the lower item id, as {@link io.genrec.model.TopK} does). No sampling of negatives unless asked for (below).
 *
 * <p>Targets are the user's distinct target items; a target that is also excluded stays in the denominators but can
 * never be a hit. Such targets (re-consumption: the user listened to or bought the item before) are counted in
 * {@link EvaluationResult#excludedTargets()}; with {@code excludeSeen = false} nothing is excluded and seen items are
 * ranked like any other. Metric definitions: {@link MetricSpec} lists the names, {@link RankingMetrics} the accuracy
 * formulas, {@link FullRanking} AUC and full-list MRR, {@link ListMetrics} novelty/ARP/ILD (per user, averaged) and
 * {@link CatalogMetrics} coverage/Gini (one aggregate over all users' top-k lists). RMSE and MAE are pooled over all
 * target interactions (sqrt(sum err^2 / count), sum |err| / count) and need a model with
 * {@link Capability#RATING_PREDICTION}.
 *
 * <p>With {@link SampledCandidates} (for comparing with papers that report sampled metrics; never the default) each
 * user's targets are ranked among sampled negatives only, and every ranking metric is reported under a labelled
 * name ({@link #metricNames()}).
 *
 * <p>Users are evaluated in parallel in fixed chunks; each per-user value is stored at the user's position and means
 * are summed in user order, so results are identical for any thread count.
 *
 * <p>Cost per user beyond the model's {@code scoreAll}: O(numItems) to exclude, check for NaN and select the top k;
 * O(numItems · |T|) for {@code auc}; O(numItems) for {@code mrr} without cutoff; O(k² · numUsers / 64) for
 * {@code ild@k} with the cosine similarity (bitsets of training users); in sampled mode another O(numItems) to draw
 * the negatives and exclude the non-candidates. A model scoring NaN is an error naming the model, user and item; so
 * is a model that scores no item finitely for any user (it ranks nothing; its metrics would only look like a result).
 */
public final class Evaluator {
    private static final int CHUNK = 64;

    private final EvaluationPlan plan;
    private final int threads;
    private final SampledCandidates sampled;
    private final boolean excludeSeen;

    /** Parses the metric specs (an unknown one is an error listing the valid forms); duplicates are computed once. */
    public Evaluator(List<String> metricSpecs, int threads) { this(metricSpecs, threads, null); }

    /** The same with sampled candidates instead of full ranking; {@code sampled} null means full ranking. */
    public Evaluator(List<String> metricSpecs, int threads, SampledCandidates sampled) { this(metricSpecs, threads, sampled, true); }

    /**
     * The same, choosing whether each user's excluded items ({@link EvalSet#excluded()}, normally the history) are
     * removed from the ranking ({@code excludeSeen = true}, the default) or ranked like any other item (for data with
     * re-consumption, where the target may be an item the user already has).
     */
    public Evaluator(List<String> metricSpecs, int threads, SampledCandidates sampled, boolean excludeSeen) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.plan = new EvaluationPlan(metricSpecs);
        this.threads = threads;
        this.sampled = sampled;
        this.excludeSeen = excludeSeen;
    }

    /** Whether seen (excluded) items are removed from the ranking. */
    public boolean excludeSeen() { return excludeSeen; }

    /** The parsed metrics, in request order. */
    public List<MetricSpec> metrics() { return plan.specs; }

    /** The sampled-candidates mode, or null for full ranking. */
    public SampledCandidates sampled() { return sampled; }

    /**
     * The names the metrics are reported under in {@link EvaluationResult}, in request order: the spec names, and in
     * sampled mode the ranking metrics labelled with {@link SampledCandidates#labelled}.
     */
    public List<String> metricNames() {
        List<String> names = new ArrayList<>();
        for (MetricSpec s : plan.specs) names.add(reportedName(s));
        return names;
    }

    private String reportedName(MetricSpec s) { return sampled == null ? s.name() : sampled.labelled(s); }

    /**
     * Evaluates {@code model} on every user of {@code set} with targets. {@code train} is the training data behind
     * the popularity and similarity of novelty, ARP and ILD (may be null when none of them is requested).
     */
    public EvaluationResult evaluate(FittedRecommender model, EvalSet set, Dataset train, ProgressListener listener) {
        return evaluate(model, set, train, set.evaluatedUsers(), listener);
    }

    /** Evaluates the given users only (dense ids, each with at least one target), in the given order. */
    public EvaluationResult evaluate(FittedRecommender model, EvalSet set, Dataset train, int[] users,
                                     ProgressListener listener) {
        long t0 = System.nanoTime();
        check(model, set, train, users);
        ProgressListener progress = listener == null ? ProgressListener.NONE : listener;
        TrainPopularity popularity = plan.needsTrain ? new TrainPopularity(train) : null;
        ItemSimilarity.Factory similarity = plan.ildMaxK > 0 ? ItemSimilarity.forTrain(train) : null;
        Calibration calibration = plan.calibration ? new Calibration(train) : null;
        EvaluationWorker.Outputs out = new EvaluationWorker.Outputs(plan, users.length);
        List<EvaluationWorker> workers = new ArrayList<>();
        int poolSize = Math.max(1, Math.min(threads, (users.length + CHUNK - 1) / CHUNK));
        int[] weights = sampled == null ? null : NegativeSampler.weights(sampled, set);
        for (int w = 0; w < poolSize; w++)
            workers.add(new EvaluationWorker(model, set, plan, out, popularity, similarity, sampled, weights, excludeSeen, calibration));
        run(workers, users, model.name(), progress);
        requireSomeFiniteScores(model, set, workers, users.length);

        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, double[]> perUser = new LinkedHashMap<>();
        for (int m = 0; m < plan.perUser.length; m++) perUser.put(reportedName(plan.perUser[m]), out.perUser()[m]);
        for (MetricSpec s : plan.specs) {
            double v = switch (s.kind()) {
                case COVERAGE -> CatalogMetrics.coverage(exposure(workers, s.k()));
                case GINI -> CatalogMetrics.gini(exposure(workers, s.k()));
                case LONG_TAIL_COVERAGE -> CatalogMetrics.longTailCoverage(exposure(workers, s.k()), popularity.buckets());
                case SLATE_HIT, SLATE_PRECISION, SLATE_DIVERSITY, SLATE_DUPLICATES -> Double.NaN; // filled in below
                case RMSE -> Math.sqrt(pooled(out.squaredError(), out.ratingCount()));
                case MAE -> pooled(out.absoluteError(), out.ratingCount());
                default -> meanIgnoringNaN(perUser.get(reportedName(s)));
            };
            metrics.put(reportedName(s), v);
        }
        slateMetrics(model, set, train, users, metrics, perUser);
        long targets = 0, excludedTargets = 0;
        int affected = 0;
        for (int p = 0; p < users.length; p++) {
            targets += out.targetCount()[p];
            excludedTargets += out.excludedTargets()[p];
            if (out.excludedTargets()[p] > 0) affected++;
        }
        return new EvaluationResult(metrics, perUser, users.clone(), users.length, (System.nanoTime() - t0) / 1e9,
                targets, excludedTargets, affected, fallback(workers, users.length));
    }

    /**
     * The slate metrics: one slate of size k per user from the model's {@link SlateGenerator} (excluded items filtered
     * out, users in order on the calling thread), scored by {@link SlateMetrics}; hit, precision and diversity also
     * per user. Duplicates is the total count over users.
     */
    private void slateMetrics(FittedRecommender model, EvalSet set, Dataset train, int[] users, Map<String, Double> metrics,
                              Map<String, double[]> perUser) {
        Map<Integer, SlateMetrics.Result> byK = new LinkedHashMap<>();
        for (MetricSpec s : plan.specs) {
            if (!s.slate()) continue;
            SlateMetrics.Result r = byK.computeIfAbsent(s.k(), k -> {
                int[][] slates = new int[users.length][];
                for (int n = 0; n < users.length; n++) {
                    UserContext ctx = UserContext.of(set.history(), users[n]);
                    slates[n] = ((SlateGenerator) model).generateSlate(ctx, k, ItemFilter.excluding(set.excluded().itemsOf(users[n])));
                }
                return SlateMetrics.evaluate(slates, users, k, set.targets(), train);
            });
            String name = reportedName(s);
            switch (s.kind()) {
                case SLATE_HIT -> { metrics.put(name, r.hitRate()); perUser.put(name, r.perUserHit()); }
                case SLATE_PRECISION -> { metrics.put(name, r.precision()); perUser.put(name, r.perUserPrecision()); }
                case SLATE_DIVERSITY -> { metrics.put(name, r.diversity()); perUser.put(name, r.perUserDiversity()); }
                default -> metrics.put(name, (double) r.duplicates());
            }
        }
    }

    /**
     * A model that scored no item finitely for any user ranked nothing: its metrics would be zeros or NaN that look like
     * a result. That is an error naming the model, not a row (users with some finite scores are evaluated as usual).
     */
    private void requireSomeFiniteScores(FittedRecommender model, EvalSet set, List<EvaluationWorker> workers, int numUsers) {
        if (!plan.ranks() || numUsers == 0) return;
        int none = 0;
        for (EvaluationWorker w : workers) none += w.usersWithoutFiniteScores;
        if (none == numUsers)
            throw new IllegalStateException("model '" + model.name() + "' produced no finite score (every item -infinity) for any of the "
                    + numUsers + " users of eval set '" + set.name() + "': it ranks nothing, so it has no metrics; check its parameters"
                    + " and training data");
    }

    /** The users served by a substitute, summed over the workers; the reason is the most frequent warning (ties: first alphabetically). */
    private static Fallback fallback(List<EvaluationWorker> workers, int numUsers) {
        Map<String, Integer> byReason = new java.util.TreeMap<>();
        for (EvaluationWorker w : workers) w.degraded.forEach((k, v) -> byReason.merge(k, v, Integer::sum));
        if (byReason.isEmpty()) return null;
        int total = 0;
        String reason = null;
        for (var e : byReason.entrySet()) {
            total += e.getValue();
            if (reason == null || e.getValue() > byReason.get(reason)) reason = e.getKey();
        }
        return new Fallback(total, numUsers == 0 ? 0 : (double) total / numUsers, reason);
    }

    private void check(FittedRecommender model, EvalSet set, Dataset train, int[] users) {
        Dataset history = set.history();
        if (model.numItems() != history.numItems())
            throw new IllegalArgumentException("model '" + model.name() + "' has " + model.numItems() + " items, eval set '"
                    + set.name() + "' has " + history.numItems());
        if (sampled != null && sampled.negatives() >= history.numItems())
            throw new IllegalArgumentException("sampled candidates: " + sampled.negatives() + " negatives requested, but eval set '"
                    + set.name() + "' has only " + history.numItems() + " items; the number must be smaller than the catalogue");
        if (plan.needsTrain) {
            if (train == null) throw new IllegalArgumentException("novelty, arp, ild and the popularity/calibration metrics need the training data, got null");
            if (train.itemIds() != history.itemIds() || train.userIds() != history.userIds())
                throw new IllegalArgumentException("training data '" + train.name() + "' and eval set '" + set.name() + "' must share id maps");
        }
        if (plan.ratings) {
            for (MetricSpec s : plan.specs) {
                if ((s.kind() == MetricSpec.Kind.RMSE || s.kind() == MetricSpec.Kind.MAE)
                        && (!model.capabilities().contains(Capability.RATING_PREDICTION) || !(model instanceof RatingPredictor)))
                    throw new IllegalArgumentException("metric '" + s.name() + "' needs rating predictions, but model '"
                            + model.name() + "' does not support " + Capability.RATING_PREDICTION);
            }
        }
        for (MetricSpec s : plan.specs) {
            if (!s.slate()) continue;
            if (!(model instanceof SlateGenerator) || !model.capabilities().contains(Capability.LIST_GENERATION))
                throw new IllegalArgumentException("metric '" + s.name() + "' scores generated slates, but model '" + model.name()
                        + "' does not generate slates (it ranks items); slate metrics need a slate model such as listcvae");
            if (sampled != null)
                throw new IllegalArgumentException("metric '" + s.name() + "' is not defined with sampled candidates; drop --sampled-candidates");
            if (train == null) throw new IllegalArgumentException("metric '" + s.name() + "' needs the training data (item similarity), got null");
        }
        int[] ptr = set.targets().userPointers();
        for (int u : users) {
            if (u < 0 || u >= history.numUsers())
                throw new IllegalArgumentException("user index " + u + " out of range [0," + history.numUsers() + ")");
            if (ptr[u + 1] == ptr[u])
                throw new IllegalArgumentException("user '" + history.userIds().externalId(u) + "' has no targets in eval set '" + set.name() + "'");
        }
    }

    /** Workers take chunks of users from a shared counter; the caller's thread does the work when there is one worker. */
    private static void run(List<EvaluationWorker> workers, int[] users, String model, ProgressListener progress) {
        AtomicInteger nextChunk = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        // a chunk holds at least one of the model's scoring batches (a batch never spans chunks)
        int chunk = Math.max(CHUNK, workers.get(0).batchRows());
        int chunks = (users.length + chunk - 1) / chunk;
        progress.progress("eval", 0, users.length, model);
        if (workers.size() == 1) {
            drain(workers.get(0), users, chunk, nextChunk, chunks, done, model, progress);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers.size(), r -> {
            Thread t = new Thread(r, "genrec-eval");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (EvaluationWorker w : workers) futures.add(pool.submit(() -> drain(w, users, chunk, nextChunk, chunks, done, model, progress)));
            for (Future<?> f : futures) f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException("evaluation of '" + model + "' failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation of '" + model + "' interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void drain(EvaluationWorker worker, int[] users, int chunk, AtomicInteger nextChunk, int chunks, AtomicLong done,
                              String model, ProgressListener progress) {
        try {
            for (int c = nextChunk.getAndIncrement(); c < chunks; c = nextChunk.getAndIncrement()) {
                int from = c * chunk, to = Math.min(users.length, from + chunk);
                worker.evaluate(users, from, to);
                progress.progress("eval", done.addAndGet(to - from), users.length, model);
            }
        } catch (RuntimeException | Error e) {
            nextChunk.set(chunks); // the other workers stop after their current chunk
            throw e;
        }
    }

    private int[] exposure(List<EvaluationWorker> workers, int k) {
        int c = plan.catalogIndex(k);
        int[] sum = new int[workers.get(0).exposure[c].length];
        for (EvaluationWorker w : workers) {
            int[] e = w.exposure[c];
            for (int i = 0; i < sum.length; i++) sum[i] += e[i];
        }
        return sum;
    }

    private static double pooled(double[] errors, int[] counts) {
        double sum = 0;
        long n = 0;
        for (int p = 0; p < errors.length; p++) {
            sum += errors[p];
            n += counts[p];
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * The head/mid/tail split of {@code train}'s items ({@link PopularityBuckets}): the reference the exposure shares
     * (headshare@k, ...) are read against.
     */
    public static PopularityBuckets popularityBuckets(Dataset train) { return new TrainPopularity(train).buckets(); }

    /** Mean of the defined values, in order; NaN when none is defined. */
    public static double meanIgnoringNaN(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (Double.isNaN(v)) continue;
            sum += v;
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
