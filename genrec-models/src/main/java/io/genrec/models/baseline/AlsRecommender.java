package io.genrec.models.baseline;

import io.genrec.data.DataFormatException;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ModelArchive;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import io.genrec.util.Parallel;
import io.genrec.util.VectorMath;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Implicit-feedback matrix factorisation by alternating least squares (Hu, Koren, Volinsky, ICDM 2008) with the
 * conjugate-gradient row solver of Takács et al. (RecSys 2011), see {@link ConfidenceWeightedSolver}. The preference
 * matrix is binary; the confidence of an observed entry follows {@link AlsConfig#weighting()}: {@code 1 + alpha} by
 * default (repeats and values ignored), or from the summed interaction values (play counts, ratings) as in Hu et al.
 * Rows are solved in parallel over users, then over items, on the context's threads.
 *
 * <p>Scoring folds the request's history in: the user factor is solved from the item factors for the same row
 * objective as a training sweep, but not by the same steps: a sweep takes {@code cgSteps} CG steps warm-started from
 * the previous factor, fold-in starts from zero and takes up to {@code factors} steps (the exact minimiser in exact
 * arithmetic). So a known user's fold-in factor can differ from the one training left; known users, unseen users and
 * strong-generalisation users are treated alike, and the model keeps only the item side. Cost per request: O(f² + |history| f) per CG step
 * plus O(items × f) for the scores.
 */
public final class AlsRecommender implements Recommender {
    public static final String NAME = "als";
    private final AlsConfig config;

    public AlsRecommender(AlsConfig config) { this.config = config; }

    @Override public String name() { return NAME; }
    @Override public AlsConfig config() { return config; }
    @Override public Set<Capability> capabilities() { return capabilities(config.weighting()); }

    /** Fold-in: a user's factors are solved from the history at scoring time; the values count unless binary. */
    static Set<Capability> capabilities(String weighting) {
        return weighting.equals("binary") ? EnumSet.of(Capability.FOLD_IN, Capability.PERSISTENCE)
                : EnumSet.of(Capability.FOLD_IN, Capability.PERSISTENCE, Capability.INTERACTION_VALUES);
    }

    @Override
    public FittedRecommender fit(TrainContext context) {
        long start = System.nanoTime();
        BinaryMatrix x = BinaryMatrix.of(context.train());
        int f = config.factors(), numUsers = x.numUsers(), numItems = x.numItems();
        float alpha = (float) config.alpha(), lambda = (float) config.regularization();
        // c - 1 per observed entry, aligned with the user-major and the item-major entries; null for binary confidence
        float[] userConf = null, itemConf = null;
        if (!config.weighting().equals("binary")) {
            userConf = confidences(context.train(), x, config.weighting(), alpha);
            itemConf = x.itemMajor(userConf);
        }
        Random random = new Random(context.seed());
        float[] userF = gaussian(random, numUsers * f, config.initStd());
        float[] itemF = gaussian(random, numItems * f, config.initStd());
        double[] loss = new double[config.iterations() + 1];
        float[] itemGram = ConfidenceWeightedSolver.gram(itemF, numItems, f);
        loss[0] = loss(x, userConf, userF, itemF, itemGram, f, alpha, lambda);
        for (int it = 0; it < config.iterations(); it++) {
            sweep(userF, itemF, itemGram, x.userPointers(), x.userItems(), userConf, numUsers, f, context.threads());
            float[] userGram = ConfidenceWeightedSolver.gram(userF, numUsers, f);
            sweep(itemF, userF, userGram, x.itemPointers(), x.itemUsers(), itemConf, numItems, f, context.threads());
            itemGram = ConfidenceWeightedSolver.gram(itemF, numItems, f);
            loss[it + 1] = loss(x, userConf, userF, itemF, itemGram, f, alpha, lambda);
            context.listener().progress("als", it + 1, config.iterations(), "loss " + loss[it + 1]);
        }
        Provenance p = BaselineArchive.provenance(this, context, Map.of(), Map.of("fit", BaselineArchive.secondsSince(start)));
        return new Fitted(f, itemF, itemGram, alpha, lambda, config.weighting(), loss, p);
    }

    private void sweep(float[] solved, float[] fixed, float[] fixedGram, int[] ptr, int[] idx, float[] conf, int rows, int f, int threads) {
        float alpha = (float) config.alpha(), lambda = (float) config.regularization();
        Parallel.forRange(rows, threads, 64, () -> new ConfidenceWeightedSolver(f), (solver, from, to) -> {
            for (int r = from; r < to; r++)
                solver.solve(solved, r * f, fixedGram, fixed, idx, conf, ptr[r], ptr[r + 1], alpha, lambda, config.cgSteps());
        });
    }

    /** {@code c - 1} of one observed entry whose values sum to {@code w}. */
    static float confidence(String weighting, float alpha, double w) {
        return switch (weighting) {
            case "linear" -> (float) (alpha * w);
            case "log" -> (float) (alpha * Math.log1p(w));
            default -> alpha;
        };
    }

    /** {@code c - 1} per user-major entry of {@code x}, from the summed values of each (user, item); values must be >= 0. */
    static float[] confidences(io.genrec.data.Dataset data, BinaryMatrix x, String weighting, float alpha) {
        float[] conf = BinaryMatrix.summedValues(data, x, "als (weighting=" + weighting + ")");
        for (int m = 0; m < conf.length; m++) conf[m] = confidence(weighting, alpha, conf[m]);
        return conf;
    }

    private static float[] gaussian(Random random, int n, double std) {
        float[] a = new float[n];
        for (int k = 0; k < n; k++) a[k] = (float) (random.nextGaussian() * std);
        return a;
    }

    /**
     * The training objective {@code Σ_{u,i} c_ui (p_ui - x_u·y_i)² + λ(Σ|x_u|² + Σ|y_i|²)}, summed in
     * O(users f² + entries f) as {@code Σ_u x_uᵀ(YᵀY)x_u + Σ_obs [(1+α)(1-s)² - s²]} plus the penalty.
     */
    static double loss(BinaryMatrix x, float[] conf, float[] userF, float[] itemF, float[] itemGram, int f, float alpha, float lambda) {
        int[] ptr = x.userPointers(), items = x.userItems();
        float[] gx = new float[f];
        double sum = 0;
        for (int u = 0; u < x.numUsers(); u++) {
            int o = u * f;
            for (int a = 0; a < f; a++) gx[a] = VectorMath.dot(itemGram, a * f, userF, o, f);
            sum += VectorMath.dot(gx, 0, userF, o, f);
            for (int m = ptr[u]; m < ptr[u + 1]; m++) {
                double s = VectorMath.dot(userF, o, itemF, items[m] * f, f);
                sum += (1 + (conf == null ? alpha : conf[m])) * (1 - s) * (1 - s) - s * s;
            }
        }
        return sum + lambda * (squaredNorm(userF) + squaredNorm(itemF));
    }

    private static double squaredNorm(float[] a) {
        double s = 0;
        for (float v : a) s += (double) v * v;
        return s;
    }

    static FittedRecommender load(Path dir) throws IOException {
        ModelArchive.Loaded a = BaselineArchive.read(dir, NAME);
        int f = a.number("factors").intValue();
        float[] itemF = a.floats("itemFactors");
        if (f < 1 || itemF.length % f != 0)
            throw new DataFormatException(a.file(), 0, "itemFactors", "length " + itemF.length + " is not a multiple of factors " + f);
        float[] gram = ConfidenceWeightedSolver.gram(itemF, itemF.length / f, f);
        // archives written before weighting existed used binary confidence
        Object weighting = a.header().extra().getOrDefault("weighting", "binary");
        if (!AlsConfig.WEIGHTINGS.contains(String.valueOf(weighting)))
            throw new DataFormatException(a.file(), 0, "weighting", "got '" + weighting + "', expected one of " + AlsConfig.WEIGHTINGS);
        return new Fitted(f, itemF, gram, a.number("alpha").floatValue(), a.number("regularization").floatValue(),
                String.valueOf(weighting), a.doubles("trainingLoss"), a.header().provenance());
    }

    /** The item factors (row-major, f per item), their Gram matrix, and what fold-in needs. */
    static final class Fitted implements FittedRecommender {
        private final int f;
        private final float[] itemF, itemGram;
        private final float alpha, lambda;
        private final String weighting;
        private final double[] trainingLoss;
        private final Provenance provenance;

        Fitted(int f, float[] itemF, float[] itemGram, float alpha, float lambda, String weighting, double[] trainingLoss, Provenance provenance) {
            this.f = f;
            this.weighting = weighting;
            this.itemF = itemF;
            this.itemGram = itemGram;
            this.alpha = alpha;
            this.lambda = lambda;
            this.trainingLoss = trainingLoss;
            this.provenance = provenance;
        }

        @Override public String name() { return NAME; }
        @Override public int numItems() { return itemF.length / f; }
        @Override public Provenance provenance() { return provenance; }

        /** The training objective before the first sweep and after each sweep. */
        public double[] trainingLoss() { return trainingLoss.clone(); }

        /** The user factor solved from {@code history} with the item factors fixed. */
        float[] foldIn(int[] history) { return foldIn(new UserContext(-1, history, null, "")); }

        /** The same with the request's values as confidences when the model is weighted. */
        float[] foldIn(UserContext request) {
            int[] items = HistoryItems.distinct(request.history(), numItems());
            float[] conf = null;
            if (!weighting.equals("binary")) {
                double[] sum = new double[items.length];
                int[] h = request.history();
                for (int k = 0; k < h.length; k++) sum[java.util.Arrays.binarySearch(items, h[k])] += request.value(k);
                conf = new float[items.length];
                for (int m = 0; m < items.length; m++) {
                    if (!(sum[m] >= 0)) throw new IllegalArgumentException("als: weighting=" + weighting + " needs values >= 0, got " + sum[m]
                            + " for history item " + items[m]);
                    conf[m] = confidence(weighting, alpha, sum[m]);
                }
            }
            float[] user = new float[f];
            new ConfidenceWeightedSolver(f).solve(user, 0, itemGram, itemF, items, conf, 0, items.length, alpha, lambda, f);
            return user;
        }

        @Override
        public void scoreAll(UserContext user, float[] out) {
            checkBuffer(out);
            float[] u = foldIn(user);
            for (int j = 0; j < out.length; j++) out[j] = VectorMath.dot(itemF, j * f, u, 0, f);
        }

        @Override
        public Set<Capability> capabilities() { return AlsRecommender.capabilities(weighting); }

        @Override
        public void save(Path dir) throws IOException {
            new ModelArchive().putExtra("factors", f).putExtra("alpha", alpha).putExtra("regularization", lambda).putExtra("weighting", weighting)
                    .putFloats("itemFactors", itemF).putDoubles("trainingLoss", trainingLoss)
                    .write(dir, NAME, provenance);
        }
    }
}
