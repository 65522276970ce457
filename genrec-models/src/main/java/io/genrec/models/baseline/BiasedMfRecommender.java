package io.genrec.models.baseline;

import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ModelArchive;
import io.genrec.model.RatingPredictor;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import io.genrec.util.VectorMath;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Biased matrix factorisation for explicit ratings (Koren, Bell, Volinsky, IEEE Computer 2009, eq. 5):
 * {@code r̂_ui = μ + b_u + b_i + p_u·q_i}, fitted by SGD on the squared error with L2 weight λ, one update per rating
 * in a seeded shuffled order, as in Surprise's {@code SVD}. It predicts ratings ({@link RatingPredictor}, so
 * {@code rmse}/{@code mae} apply), clipped to the training data's rating range. A user without training ratings
 * (unseen, or held out by the split) gets {@code μ + b_i}: the history carries no rating values to fold in, so the
 * model does not declare fold-in.
 *
 * <p>Fitting refuses data whose training values are all equal (implicit or binarised data): every prediction would
 * be that value, and the rating metrics meaningless. Use {@code --implicit none} to keep the ratings.
 */
public final class BiasedMfRecommender implements Recommender {
    public static final String NAME = "biasedmf";
    private final BiasedMfConfig config;

    public BiasedMfRecommender(BiasedMfConfig config) { this.config = config; }

    /** No fold-in: user biases and factors are fitted parameters; an unseen user gets the global and item biases. */
    @Override public Set<Capability> capabilities() { return Fitted.CAPABILITIES; }
    @Override public String name() { return NAME; }
    @Override public BiasedMfConfig config() { return config; }

    @Override
    public FittedRecommender fit(TrainContext context) {
        long start = System.nanoTime();
        Dataset train = context.train();
        float[] values = train.values();
        int[] ptr = train.userPointers(), idx = train.itemIndices();
        int n = values.length, numUsers = train.numUsers(), numItems = train.numItems(), f = config.factors();
        if (n == 0) throw new IllegalArgumentException("biasedmf: training data '" + train.name() + "' has no ratings");
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        double sum = 0;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        if (min == max)
            throw new IllegalArgumentException("biasedmf: all " + n + " training values of '" + train.name() + "' are " + min
                    + "; it fits explicit ratings, so implicit or binarised data makes every prediction that value"
                    + " (keep the ratings with --implicit none)");
        float mu = (float) (sum / n);
        int[] userOf = new int[n], userRatings = new int[numUsers];
        for (int u = 0; u < numUsers; u++) {
            userRatings[u] = ptr[u + 1] - ptr[u];
            for (int k = ptr[u]; k < ptr[u + 1]; k++) userOf[k] = u;
        }
        Random random = new Random(context.seed());
        float[] userF = gaussian(random, numUsers * f, config.initStd());
        float[] itemF = gaussian(random, numItems * f, config.initStd());
        float[] userB = new float[numUsers], itemB = new float[numItems];
        float lr = (float) config.learningRate(), reg = (float) config.regularization();
        int[] order = new int[n];
        for (int k = 0; k < n; k++) order[k] = k;
        double[] trainingRmse = new double[config.epochs()];
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            for (int k = n - 1; k > 0; k--) {
                int j = random.nextInt(k + 1), t = order[k];
                order[k] = order[j];
                order[j] = t;
            }
            double squared = 0;
            for (int k : order) {
                int u = userOf[k], i = idx[k], uo = u * f, io = i * f;
                float err = values[k] - (mu + userB[u] + itemB[i] + VectorMath.dot(userF, uo, itemF, io, f));
                squared += (double) err * err;
                userB[u] += lr * (err - reg * userB[u]);
                itemB[i] += lr * (err - reg * itemB[i]);
                for (int a = 0; a < f; a++) {
                    float pu = userF[uo + a], qi = itemF[io + a];
                    userF[uo + a] += lr * (err * qi - reg * pu);
                    itemF[io + a] += lr * (err * pu - reg * qi);
                }
            }
            trainingRmse[epoch] = Math.sqrt(squared / n);
            context.listener().progress(NAME, epoch + 1, config.epochs(), "training rmse " + (float) trainingRmse[epoch]);
        }
        Provenance p = BaselineArchive.provenance(this, context, Map.of(), Map.of("fit", BaselineArchive.secondsSince(start)));
        return new Fitted(f, new double[] {mu, min, max}, userB, itemB, userF, itemF, userRatings, trainingRmse, p);
    }

    private static float[] gaussian(Random random, int n, double std) {
        float[] a = new float[n];
        for (int k = 0; k < n; k++) a[k] = (float) (random.nextGaussian() * std);
        return a;
    }

    static FittedRecommender load(Path dir) throws IOException {
        ModelArchive.Loaded a = BaselineArchive.read(dir, NAME);
        int f = a.number("factors").intValue();
        float[] userB = a.floats("userBias"), itemB = a.floats("itemBias"), userF = a.floats("userFactors"),
                itemF = a.floats("itemFactors");
        double[] scale = a.doubles("meanMinMax");
        if (scale.length != 3)
            throw new DataFormatException(a.file(), 0, "meanMinMax", "expected 3 values (mean, min, max), got " + scale.length);
        if (userF.length != (long) userB.length * f || itemF.length != (long) itemB.length * f)
            throw new DataFormatException(a.file(), 0, "userFactors/itemFactors",
                    "lengths " + userF.length + "/" + itemF.length + " do not match " + userB.length + "/" + itemB.length
                            + " users/items × " + f + " factors");
        return new Fitted(f, scale, userB, itemB, userF, itemF, a.ints("userRatings"), a.doubles("trainingRmse"),
                a.header().provenance());
    }

    /** Global mean and rating range, biases, factors (row-major, f per row), and each user's training rating count. */
    static final class Fitted implements FittedRecommender, RatingPredictor {
        private final int f;
        private final double[] meanMinMax;
        private final float mu, min, max;
        private final float[] userB, itemB, userF, itemF;
        private final int[] userRatings;
        private final double[] trainingRmse;
        private final Provenance provenance;

        Fitted(int f, double[] meanMinMax, float[] userB, float[] itemB, float[] userF, float[] itemF, int[] userRatings,
               double[] trainingRmse, Provenance provenance) {
            this.f = f;
            this.meanMinMax = meanMinMax;
            this.mu = (float) meanMinMax[0];
            this.min = (float) meanMinMax[1];
            this.max = (float) meanMinMax[2];
            this.userB = userB;
            this.itemB = itemB;
            this.userF = userF;
            this.itemF = itemF;
            this.userRatings = userRatings;
            this.trainingRmse = trainingRmse;
            this.provenance = provenance;
        }

        @Override public String name() { return NAME; }
        @Override public int numItems() { return itemB.length; }
        @Override public Provenance provenance() { return provenance; }

        /** Training RMSE during each epoch's pass (before each update). */
        public double[] trainingRmse() { return trainingRmse.clone(); }

        /** The dense user index when the user had training ratings, else -1. */
        private int known(UserContext user) {
            int u = user.user();
            return u >= 0 && u < userRatings.length && userRatings[u] > 0 ? u : -1;
        }

        private float raw(int u, int item) {
            if (u < 0) return mu + itemB[item];
            return mu + userB[u] + itemB[item] + VectorMath.dot(userF, u * f, itemF, item * f, f);
        }

        @Override
        public float predictRating(UserContext user, int item) {
            if (item < 0 || item >= itemB.length)
                throw new IllegalArgumentException("item index " + item + " out of range [0, " + itemB.length + ")");
            return Math.max(min, Math.min(max, raw(known(user), item)));
        }

        /** Ranks by the unclipped prediction, so items predicted above the top of the scale keep their order. */
        @Override
        public void scoreAll(UserContext user, float[] out) {
            checkBuffer(out);
            HistoryItems.distinct(user.history(), itemB.length);
            int u = known(user);
            for (int j = 0; j < out.length; j++) out[j] = raw(u, j);
        }

        @Override
        public Set<Capability> capabilities() { return CAPABILITIES; }

        static final Set<Capability> CAPABILITIES = java.util.Collections.unmodifiableSet(
                EnumSet.of(Capability.RATING_PREDICTION, Capability.PERSISTENCE));

        @Override
        public void save(Path dir) throws IOException {
            new ModelArchive().putExtra("factors", f).putDoubles("meanMinMax", meanMinMax)
                    .putFloats("userBias", userB).putFloats("itemBias", itemB)
                    .putFloats("userFactors", userF).putFloats("itemFactors", itemF)
                    .putInts("userRatings", userRatings).putDoubles("trainingRmse", trainingRmse)
                    .write(dir, NAME, provenance);
        }
    }
}
