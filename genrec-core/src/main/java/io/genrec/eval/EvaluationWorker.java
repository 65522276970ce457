package io.genrec.eval;

import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.RatingPredictor;
import io.genrec.model.TopK;
import io.genrec.model.UserContext;
import io.genrec.model.WarningSource;
import io.genrec.split.EvalSet;

/**
 * Evaluates users one at a time for one worker thread, reusing its score buffer and scratch arrays. Per-user results
 * go into arrays shared by all workers at the user's position (disjoint writes); catalog exposure counts are kept per
 * worker and summed by the {@link Evaluator}, so results do not depend on how users are spread over threads.
 */
final class EvaluationWorker {
    private final FittedRecommender model;
    private final EvalSet set;
    private final EvaluationPlan plan;
    private final Outputs out;
    private final TrainPopularity popularity;
    private final ItemSimilarity similarity;
    private final Calibration.Scratch calibrationScratch;
    private final Calibration calibration;
    private int user;
    private final RatingPredictor ratings;
    private final boolean excludeSeen;

    /** The current user's scores: a row of {@link #batch}. */
    private float[] scores;
    /** Score rows of one batch of users ({@link FittedRecommender#scoreBatch}); one row when the model does not batch. */
    private final float[][] batch;
    private final UserContext[] batchUsers;
    private final ItemMarks excluded;
    private final ItemMarks targets;
    /** Draws the user's negatives in sampled mode; null for full ranking. */
    private final NegativeSampler sampler;
    private final ItemMarks candidates;
    private int[] targetItems = new int[16];
    private float[] targetScores = new float[16];
    private final boolean[] hits;
    /** Exposure counts per catalog cutoff, summed over this worker's users. */
    final int[][] exposure;
    /** The model's per-thread warning channel, or null; read on this worker's thread right after each request. */
    private final WarningSource warnings;
    /** Users of this worker for whom the model scored no item with a finite score (every item -infinity). */
    int usersWithoutFiniteScores;
    /** Users of this worker whose request degraded, by warning text. */
    final java.util.Map<String, Integer> degraded = new java.util.HashMap<>();

    /** Per-user result arrays shared by all workers, indexed by position in the evaluated-user array. */
    record Outputs(double[][] perUser, double[] squaredError, double[] absoluteError, int[] ratingCount,
                   int[] targetCount, int[] excludedTargets) {
        Outputs(EvaluationPlan plan, int users) {
            this(new double[plan.perUser.length][users], plan.ratings ? new double[users] : null,
                    plan.ratings ? new double[users] : null, plan.ratings ? new int[users] : null, new int[users], new int[users]);
        }
    }

    /** @param sampled sampled-candidates mode with its item weights ({@link NegativeSampler#weights}), or null */
    EvaluationWorker(FittedRecommender model, EvalSet set, EvaluationPlan plan, Outputs out,
                     TrainPopularity popularity, ItemSimilarity.Factory similarity, SampledCandidates sampled, int[] weights,
                     boolean excludeSeen) {
        this(model, set, plan, out, popularity, similarity, sampled, weights, excludeSeen, null);
    }

    /** @param calibration the category data of miscal@k, or null when not requested */
    EvaluationWorker(FittedRecommender model, EvalSet set, EvaluationPlan plan, Outputs out,
                     TrainPopularity popularity, ItemSimilarity.Factory similarity, SampledCandidates sampled, int[] weights,
                     boolean excludeSeen, Calibration calibration) {
        this.calibration = calibration;
        this.calibrationScratch = calibration == null ? null : calibration.scratch();
        this.model = model;
        this.excludeSeen = excludeSeen;
        this.set = set;
        this.plan = plan;
        this.out = out;
        this.popularity = popularity;
        this.similarity = plan.ildMaxK > 0 ? similarity.create(plan.ildMaxK) : null;
        this.ratings = plan.ratings ? (RatingPredictor) model : null;
        int n = model.numItems();
        batch = new float[batchSize(model, plan, n)][n];
        batchUsers = new UserContext[batch.length];
        scores = batch[0];
        excluded = new ItemMarks(n);
        targets = new ItemMarks(n);
        sampler = sampled == null ? null : new NegativeSampler(sampled, set, weights);
        candidates = sampled == null ? null : new ItemMarks(n);
        hits = new boolean[plan.maxK];
        exposure = new int[plan.catalogCutoffs.length][n];
        warnings = model instanceof WarningSource w ? w : null;
    }

    /**
     * Rows per batch: the model's preference, capped so a worker's rows stay near 16 MB; 1 when the model reports a
     * warning per request (read right after each one) or predicts ratings (scored one user at a time).
     */
    private static int batchSize(FittedRecommender model, EvaluationPlan plan, int numItems) {
        if (model instanceof WarningSource || plan.ratings || !plan.ranks()) return 1;
        return Math.max(1, Math.min(model.preferredBatch(), 4_000_000 / Math.max(1, numItems)));
    }

    /** Users scored per model call. */
    int batchRows() { return batch.length; }

    /** Evaluates {@code users[from..to)} (positions {@code from..to}), scoring them in batches when the model batches. */
    void evaluate(int[] users, int from, int to) {
        if (batch.length == 1) {
            for (int pos = from; pos < to; pos++) evaluate(pos, users[pos]);
            return;
        }
        for (int start = from; start < to; start += batch.length) {
            int count = Math.min(batch.length, to - start);
            for (int i = 0; i < count; i++) batchUsers[i] = UserContext.of(set.history(), users[start + i]);
            model.scoreBatch(batchUsers, batch, count);
            for (int i = 0; i < count; i++) {
                this.user = users[start + i];
                scores = batch[i];
                judge(start + i, users[start + i]);
            }
        }
    }

    void evaluate(int pos, int user) {
        this.user = user;
        UserContext ctx = UserContext.of(set.history(), user);
        if (ratings != null) rate(pos, user, ctx);
        if (!plan.ranks()) return;
        model.scoreAll(ctx, scores);
        if (warnings != null) warnings.lastWarning().ifPresent(w -> degraded.merge(w, 1, Integer::sum));
        judge(pos, user);
    }

    /** Everything after scoring: NaN check, exclusion, top-k and the per-user metrics of {@link #scores}. */
    private void judge(int pos, int user) {
        boolean anyFinite = false;
        for (int item = 0; item < scores.length; item++) {
            if (Float.isNaN(scores[item]))
                throw new IllegalStateException("model '" + model.name() + "' scored NaN for user " + set.history().userIds().externalId(user)
                        + ", item " + set.history().itemIds().externalId(item));
            anyFinite |= Float.isFinite(scores[item]);
        }
        if (!anyFinite) usersWithoutFiniteScores++;
        excluded.clear();
        int excludedCount = 0;
        if (excludeSeen) {
            Dataset ex = set.excluded();
            int[] ptr = ex.userPointers(), idx = ex.itemIndices();
            for (int k = ptr[user]; k < ptr[user + 1]; k++) {
                if (excluded.add(idx[k])) excludedCount++;
                scores[idx[k]] = Float.NEGATIVE_INFINITY;
            }
        }
        int numTargets = markTargets(user);
        int excludedTargets = 0;
        for (int t = 0; t < numTargets; t++) if (excluded.contains(targetItems[t])) excludedTargets++;
        out.targetCount()[pos] = numTargets;
        out.excludedTargets()[pos] = excludedTargets;
        if (sampler != null) excludedCount = keepSampledCandidates(user, excludedCount);
        TopK top = TopK.select(scores, plan.maxK, ItemFilter.ALL);
        int[] list = top.items();
        int n = list.length;
        for (int r = 0; r < n; r++) hits[r] = targets.contains(list[r]);
        if (similarity != null) similarity.load(list, Math.min(n, plan.ildMaxK));
        for (int m = 0; m < plan.perUser.length; m++) out.perUser()[m][pos] = value(plan.perUser[m], list, n, numTargets, excludedCount);
        for (int c = 0; c < plan.catalogCutoffs.length; c++) {
            int[] e = exposure[c];
            for (int r = 0, end = Math.min(n, plan.catalogCutoffs[c]); r < end; r++) e[list[r]]++;
        }
    }

    private double value(MetricSpec s, int[] list, int n, int numTargets, int excludedCount) {
        int k = s.k();
        return switch (s.kind()) {
            case RECALL -> RankingMetrics.recall(hits, n, k, numTargets);
            case TRUNCATED_RECALL -> RankingMetrics.truncatedRecall(hits, n, k, numTargets);
            case PRECISION -> RankingMetrics.precision(hits, n, k);
            case HIT -> RankingMetrics.hit(hits, n, k);
            case NDCG -> RankingMetrics.ndcg(hits, n, k, numTargets);
            case MAP -> RankingMetrics.averagePrecision(hits, n, k, numTargets);
            case MRR -> k == 0 ? FullRanking.reciprocalRank(scores, targetItems, numTargets) : RankingMetrics.reciprocalRank(hits, n, k);
            case AUC -> FullRanking.auc(scores, excluded, excludedCount, targets, targetItems, numTargets, targetScores);
            case NOVELTY -> ListMetrics.novelty(list, Math.min(n, k), popularity);
            case ARP -> ListMetrics.averagePopularity(list, Math.min(n, k), popularity);
            case ILD -> ListMetrics.intraListDiversity(Math.min(n, k), similarity);
            case HEAD_SHARE -> ListMetrics.bucketShare(list, Math.min(n, k), popularity, PopularityBuckets.HEAD);
            case MID_SHARE -> ListMetrics.bucketShare(list, Math.min(n, k), popularity, PopularityBuckets.MID);
            case TAIL_SHARE -> ListMetrics.bucketShare(list, Math.min(n, k), popularity, PopularityBuckets.TAIL);
            case POPULARITY_LIFT -> ListMetrics.popularityLift(user, list, Math.min(n, k), popularity);
            case MISCALIBRATION -> calibration.miscalibration(user, list, Math.min(n, k), calibrationScratch);
            default -> throw new IllegalStateException("not a per-user metric: " + s.name());
        };
    }

    /**
     * Sampled mode: every item that is neither one of the user's targets nor one of its sampled negatives is excluded
     * like a history item (score -infinity, counted for AUC), so the ranking and every metric see only the
     * candidates. Returns the new number of excluded items.
     */
    private int keepSampledCandidates(int user, int excludedCount) {
        candidates.clear();
        for (int item : sampler.sample(user, excluded, targets)) candidates.add(item);
        for (int item = 0; item < scores.length; item++) {
            if (targets.contains(item) || candidates.contains(item)) continue;
            scores[item] = Float.NEGATIVE_INFINITY;
            if (excluded.add(item)) excludedCount++;
        }
        return excludedCount;
    }

    /** Marks the user's distinct target items; returns how many there are. */
    private int markTargets(int user) {
        targets.clear();
        Dataset t = set.targets();
        int[] ptr = t.userPointers(), idx = t.itemIndices();
        int count = 0;
        for (int k = ptr[user]; k < ptr[user + 1]; k++) {
            if (!targets.add(idx[k])) continue;
            if (count == targetItems.length) {
                targetItems = java.util.Arrays.copyOf(targetItems, count * 2);
                targetScores = new float[count * 2];
            }
            targetItems[count++] = idx[k];
        }
        return count;
    }

    /** Errors of the predicted ratings against every target interaction's value. */
    private void rate(int pos, int user, UserContext ctx) {
        Dataset t = set.targets();
        int[] ptr = t.userPointers(), idx = t.itemIndices();
        float[] values = t.values();
        double sq = 0, abs = 0;
        for (int k = ptr[user]; k < ptr[user + 1]; k++) {
            double err = ratings.predictRating(ctx, idx[k]) - values[k];
            sq += err * err;
            abs += Math.abs(err);
        }
        out.squaredError()[pos] = sq;
        out.absoluteError()[pos] = abs;
        out.ratingCount()[pos] = ptr[user + 1] - ptr[user];
    }
}
