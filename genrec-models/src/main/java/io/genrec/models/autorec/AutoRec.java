package io.genrec.models.autorec;

import io.genrec.config.ConfigBinder;
import io.genrec.data.Dataset;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.models.NeuralProvenance;
import io.genrec.models.training.CsrRows;
import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.NeuralFitted;
import io.genrec.models.training.NeuralTrainer;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainingResult;
import io.genrec.provenance.Provenance;
import io.genrec.util.VectorMath;

import java.util.EnumSet;
import java.util.Set;

/**
 * I-AutoRec ({@code autorec}): Sedhain et al., WWW 2015, trained by the shared {@link NeuralTrainer}. The prediction
 * for user u and item i is output u of the item's reconstruction, so the item codes sigmoid(r_i W + mu) are computed
 * once after training and stored with the weights; scoring a user is one product of the codes with the user's
 * decoder column. Users are output units, so there is no fold-in: a user unknown at training time (or with an id
 * outside the training range) is scored with the mean decoder column (an "average user").
 */
public final class AutoRec implements Recommender {
    private final AutoRecConfig config;

    public AutoRec(AutoRecConfig config) { this.config = config; }

    @Override public String name() { return "autorec"; }
    /** No fold-in: users are the output units, so a user unseen in training has no trained column. */
    @Override public Set<Capability> capabilities() { return Fitted.CAPABILITIES; }
    @Override public AutoRecConfig config() { return config; }

    @Override
    public FittedRecommender fit(TrainContext ctx) {
        long t0 = System.nanoTime();
        Dataset train = ctx.train();
        CsrRows items = CsrRows.items(train);
        TrainingResult r = new NeuralTrainer(config.training()).train(new AutoRecNetwork(items, config), ctx,
                w -> new Fitted(null, config, withCodes(w, items)));
        Provenance p = NeuralProvenance.capture(name(), config, ctx, r, (System.nanoTime() - t0) / 1e9);
        return new Fitted(p, config, withCodes(r.weights(), items));
    }

    /** The weights plus {@code codes} [items, hidden] = sigmoid(r_i W + mu) for every item. */
    static ParameterSet withCodes(ParameterSet w, CsrRows items) {
        DenseLayer enc = DenseLayer.of(w, "enc");
        int n = items.numRows(), h = enc.out();
        float[] codes = new float[n * h];
        float[] row = new float[h];
        for (int i = 0; i < n; i++) {
            enc.forward(items.dense(new int[] {i}, false), row);
            for (int k = 0; k < h; k++) codes[i * h + k] = (float) (1 / (1 + Math.exp(-row[k])));
        }
        ParameterSet out = w.copy();
        out.add("codes", codes, n, h);
        return out;
    }

    /** A trained I-AutoRec. */
    static final class Fitted extends NeuralFitted {
        private final float[] codesT; // [hidden, items]: the item codes, transposed for the batched product
        private final int hidden;
        private final int numUsers;
        private final float[] dec;
        private final float[] decBias;
        private final float[] meanColumn;
        private final float meanBias;

        Fitted(Provenance p, AutoRecConfig config, ParameterSet w) {
            super("autorec", w.shape("codes")[0], p, ConfigBinder.toParams(config), w);
            float[] codes = w.get("codes");
            hidden = w.shape("codes")[1];
            int n = w.shape("codes")[0];
            codesT = new float[codes.length];
            for (int i = 0; i < n; i++) for (int k = 0; k < hidden; k++) codesT[k * n + i] = codes[i * hidden + k];
            w.requireShape("dec.w", hidden, w.shape("dec.b")[0]);
            numUsers = w.shape("dec.b")[0];
            dec = w.get("dec.w");
            decBias = w.get("dec.b");
            meanColumn = new float[hidden];
            double bias = 0;
            for (int k = 0; k < hidden; k++) {
                double s = 0;
                for (int u = 0; u < numUsers; u++) s += dec[k * numUsers + u];
                meanColumn[k] = (float) (s / numUsers);
            }
            for (float b : decBias) bias += b;
            meanBias = (float) (bias / numUsers);
        }

        static final Set<Capability> CAPABILITIES = java.util.Collections.unmodifiableSet(
                EnumSet.of(Capability.PERSISTENCE, Capability.INTERACTION_VALUES));

        @Override
        public Set<Capability> capabilities() { return CAPABILITIES; }

        @Override
        protected void score(UserContext user, float[] out) {
            score(new UserContext[] {user}, new float[][] {out}, 1);
        }

        /**
         * A batch of users is one product of their decoder columns with the transposed item codes, which reads the
         * codes once per batch (a scalar loop per user and item was most of a fit's time: the per-epoch validation
         * scores every user). Per user and item the sum is the same chain for any batch size.
         */
        @Override
        protected void score(UserContext[] users, float[][] out, int count) {
            float[][] columns = new float[count][];
            for (int r = 0; r < count; r++) {
                int u = users[r].user();
                boolean known = u >= 0 && u < numUsers;
                columns[r] = known ? new float[hidden] : meanColumn;
                if (known) for (int k = 0; k < hidden; k++) columns[r][k] = dec[k * numUsers + u];
                java.util.Arrays.fill(out[r], known ? decBias[u] : meanBias);
            }
            VectorMath.addRowsTimesMatrix(columns, count, hidden, codesT, numItems(), out);
        }
    }
}
