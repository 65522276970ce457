package io.genrec.models.diffusion;

import io.genrec.config.ConfigBinder;
import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.UserContext;
import io.genrec.models.NeuralBenchmark;
import io.genrec.models.training.NeuralArchive;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Scoring speed and accuracy of a saved DiffRec model on the DiffRec paper's ML-1M (clean) split, per number of
 * reverse steps: single-threaded {@code scoreAll} time per user (wall clock and the thread's CPU time, p50 / p99 /
 * mean, after a warm-up; on a shared machine the CPU time shows the cost without time lost to other processes) and the test
 * Recall/NDCG@10/@20 of {@link NeuralBenchmark#evaluate} (train vector as input, train+valid excluded, full
 * ranking). For the model's own setting it also reports the largest score difference to the literal reverse process
 * of the training graph ({@link ReverseProcessReference}) on the first users.
 *
 * <p>Usage: {@code DiffRecSpeedBenchmark DATA_DIR MODEL_DIR [REVERSE_STEPS,...|-] [LATENCY_USERS] [accuracy|latency]};
 * {@code -} scores the model as saved, loaded through its provider only (so this also runs against older builds).
 */
public final class DiffRecSpeedBenchmark {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]), modelDir = Path.of(args[1]);
        String steps = args.length > 2 ? args[2] : "-";
        int users = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        boolean accuracy = args.length <= 4 || args[4].equals("accuracy");
        Dataset[] split = NeuralBenchmark.load(data);
        Dataset train = split[0], excluded = train.union("train+valid", split[1]);
        if (steps.equals("-")) {
            report("as saved", RecommenderRegistry.load().load(modelDir), train, split[2], excluded, users, accuracy);
            return;
        }
        NeuralArchive.Loaded l = NeuralArchive.load(modelDir);
        DiffRecConfig saved = ConfigBinder.bind(DiffRecConfig.defaults(), l.params());
        int numItems = l.weights().shape("out" + (saved.dims().size() - 1) + ".b")[0];
        for (String s : steps.split(",")) {
            DiffRecConfig c = saved.withReverseSteps(Integer.parseInt(s));
            long t0 = System.nanoTime();
            DiffRec.Fitted m = new DiffRec.Fitted(numItems, l.header().provenance(), c, l.weights(), l.header().provenance().seed());
            System.out.printf("reverse_steps=%d: scorer built in %.0f ms%n", c.diffusion().effectiveReverseSteps(), (System.nanoTime() - t0) / 1e6);
            if (c.diffusion().effectiveReverseSteps() == c.diffusion().steps() && c.diffusion().samplingSteps() == 0) System.out.printf("max |score - reference| over 8 users: %.2e%n", referenceGap(m, l, c, train));
            report("reverse_steps=" + c.diffusion().effectiveReverseSteps(), m, train, split[2], excluded, users, accuracy);
        }
    }

    private static void report(String label, FittedRecommender m, Dataset train, Dataset test, Dataset excluded, int users,
                               boolean accuracy) throws InterruptedException {
        double[][] times = latencies(m, train, users);
        String metrics = " - | - | - | - |";
        if (accuracy) {
            double[] r = NeuralBenchmark.evaluate(m, train, test, excluded);
            metrics = String.format(" %.4f | %.4f | %.4f | %.4f |", r[0], r[1], r[2], r[3]);
        }
        System.out.printf("RESULT | %s | %d | %s | %s |%s%n", label, times[0].length, summary(times[0]), summary(times[1]), metrics);
    }

    /** "p50 | p99 | mean" of {@code ms}. */
    private static String summary(double[] ms) {
        double mean = Arrays.stream(ms).average().orElse(Double.NaN);
        double[] s = ms.clone();
        Arrays.sort(s);
        return String.format("%.2f | %.2f | %.2f", s[s.length / 2], s[(int) Math.ceil(0.99 * s.length) - 1], mean);
    }

    /**
     * Wall-clock and thread-CPU milliseconds of one single-threaded scoreAll for each of the first {@code users} users,
     * after 500 warm-up calls.
     */
    static double[][] latencies(FittedRecommender m, Dataset input, int users) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        float[] scores = new float[m.numItems()];
        int n = Math.min(users, input.numUsers());
        for (int k = 0; k < 500; k++) m.scoreAll(UserContext.of(input, k % input.numUsers()), scores);
        double[][] ms = new double[2][n];
        for (int u = 0; u < n; u++) {
            UserContext ctx = UserContext.of(input, u);
            long c0 = cpu.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            m.scoreAll(ctx, scores);
            ms[0][u] = (System.nanoTime() - t0) / 1e6;
            ms[1][u] = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        return ms;
    }

    private static double referenceGap(DiffRec.Fitted m, NeuralArchive.Loaded l, DiffRecConfig c, Dataset train) {
        int users = 8, n = m.numItems();
        float[][] starts = new float[users][n];
        for (int u = 0; u < users; u++) for (int item : train.itemsOf(u)) starts[u][item] = 1f;
        float[][] expected = ReverseProcessReference.reverse(l.weights(), "", c.dims().size(), c.diffusion().embSize(), DiffRec.diffusion(c),
                c.diffusion().effectiveReverseSteps(), starts);
        double gap = 0;
        float[] got = new float[n];
        for (int u = 0; u < users; u++) {
            m.scoreAll(UserContext.of(train, u), got);
            for (int j = 0; j < n; j++) gap = Math.max(gap, Math.abs(got[j] - expected[u][j]));
        }
        return gap;
    }
}
