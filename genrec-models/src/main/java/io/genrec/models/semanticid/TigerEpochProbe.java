package io.genrec.models.semanticid;

import io.genrec.data.Dataset;
import io.genrec.model.TrainContext;
import io.genrec.split.EvalSet;

import java.util.List;
import java.util.Locale;

/**
 * A diagnostic, off unless {@code -Dgenrec.tiger.probe=N}: after every epoch's validation it prints to stderr, for the
 * model of that epoch and the same constrained beam search that scores users, Recall@10 and NDCG@10 (history
 * excluded) on
 * <ul>
 *   <li>N evenly strided <em>training</em> examples: each user's last training item predicted from the training items
 *       before it (an example the loss saw every epoch), and</li>
 *   <li>N evenly strided <em>validation</em> users: the validation item predicted from the whole training history,</li>
 * </ul>
 * plus, for both, the share of the beam's first 10 items that are already in the input history (before exclusion).
 * Training recall rising while validation recall falls is overfitting (memorising training targets); both falling
 * or training recall far below what the loss suggests points to a train/inference mismatch.
 */
final class TigerEpochProbe {
    static final String PROPERTY = "genrec.tiger.probe";
    private static final int K = 10;
    private final Dataset train;
    private final EvalSet validation;
    private final int users;
    private int epoch;

    private TigerEpochProbe(Dataset train, EvalSet validation, int users) {
        this.train = train;
        this.validation = validation;
        this.users = users;
    }

    /** The probe the system property asks for, or null. */
    static TigerEpochProbe fromProperty(TrainContext ctx) {
        Integer n = Integer.getInteger(PROPERTY);
        return n == null || n <= 0 || ctx.validation() == null ? null : new TigerEpochProbe(ctx.train(), ctx.validation(), n);
    }

    void run(Tiger.Fitted model, int beam) {
        epoch++;
        long t0 = System.nanoTime();
        int[] trainUsers = java.util.stream.IntStream.range(0, train.numUsers()).filter(u -> train.historyLength(u) >= 2).toArray();
        double[] tr = new double[3];
        int[] pickedTrain = strided(trainUsers, users);
        for (int u : pickedTrain) {
            int[] h = train.itemsOf(u);
            add(tr, measure(model, u, java.util.Arrays.copyOf(h, h.length - 1), h[h.length - 1], beam));
        }
        double[] va = new double[3];
        int[] pickedVal = strided(validation.evaluatedUsers(), users);
        for (int u : pickedVal) add(va, measure(model, u, validation.history().itemsOf(u), validation.targets().itemsOf(u)[0], beam));
        System.err.printf(Locale.ROOT, "tiger probe epoch %d: training examples R@10 %.4f NDCG@10 %.4f history share of top-10 %.3f (%d users) | "
                        + "validation R@10 %.4f NDCG@10 %.4f history share of top-10 %.3f (%d users) | %.1f s%n",
                epoch, tr[0] / pickedTrain.length, tr[1] / pickedTrain.length, tr[2] / pickedTrain.length, pickedTrain.length,
                va[0] / pickedVal.length, va[1] / pickedVal.length, va[2] / pickedVal.length, pickedVal.length, (System.nanoTime() - t0) / 1e9);
    }

    private static int[] strided(int[] all, int n) {
        int stride = all.length > n ? all.length / n : 1;
        int[] out = new int[(all.length + stride - 1) / stride];
        for (int i = 0; i < out.length; i++) out[i] = all[i * stride];
        return out;
    }

    private static void add(double[] acc, double[] x) { for (int i = 0; i < acc.length; i++) acc[i] += x[i]; }

    /** {hit@10, NDCG@10, share of the beam's first 10 that are input items}, history excluded for the first two. */
    static double[] measure(Tiger.Fitted model, int user, int[] input, int target, int beam) {
        List<ConstrainedBeamSearch.Hit> gen = model.generate(user, input, beam);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i : input) seen.add(i);
        int inHistory = 0;
        for (int r = 0; r < Math.min(K, gen.size()); r++) if (seen.contains(gen.get(r).item())) inHistory++;
        int rank = 0;
        double hit = 0, ndcg = 0;
        for (ConstrainedBeamSearch.Hit h : gen) {
            if (seen.contains(h.item())) continue;
            if (rank >= K) break;
            if (h.item() == target) { hit = 1; ndcg = 1 / (Math.log(rank + 2) / Math.log(2)); break; }
            rank++;
        }
        return new double[] {hit, ndcg, gen.isEmpty() ? 0 : inHistory / (double) Math.min(K, gen.size())};
    }
}
