package io.genrec.eval;

import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;
import io.genrec.model.UserContext;
import io.genrec.split.EvalSet;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times full-ranking evaluation of a random-score model on synthetic data: 6,000 users x 3,000 items, histories of
 * 0..200 items (excluded), 1..40 targets, 10 metrics, on 1 and 2 threads. Prints one Markdown table row per setting
 * (median and best wall time of {@code reps} runs after one warm-up run, and the median CPU time of the JVM
 * process, which other load on a shared machine inflates less than the wall time), plus the time of the model's scoring alone, so the
 * evaluator's own cost can be read off. Not a JUnit test: run it as a main class (see docs/results/evaluator-speed.md).
 *
 * <p>Arguments: {@code [reps=5] [seed=42] [metrics=comma list, default the 10 above]}.
 */
public final class EvaluatorBenchmark {
    static final int USERS = 6000, ITEMS = 3000;
    static final List<String> DEFAULT_METRICS = List.of("recall@20", "ndcg@10", "ndcg@20", "precision@10", "hit@10", "mrr",
            "map@20", "auc", "coverage@20", "gini@20");

    private EvaluatorBenchmark() { }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        List<String> metrics = args.length > 2 ? List.of(args[2].split(",")) : DEFAULT_METRICS;
        EvalSet set = EvalFixtures.randomEvalSet(USERS, ITEMS, 200, 40, seed);
        FittedRecommender model = new EvalFixtures.RandomScores(ITEMS, seed, 0);
        System.out.printf(Locale.ROOT, "data: %d users, %d items, %d history (excluded) and %d target interactions, seed %d%n",
                USERS, ITEMS, set.history().numInteractions(), set.targets().numInteractions(), seed);
        System.out.println("metrics: " + String.join(", ", metrics));
        System.out.println();
        System.out.println("| setting | threads | median wall s | best wall s | median process CPU s | users/s (median wall) |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        row("scoreAll only (model cost)", 1, reps, () -> scoreOnly(model, set));
        for (int threads : new int[] {1, 2}) {
            Evaluator evaluator = new Evaluator(metrics, threads);
            double[] check = new double[1];
            row("evaluate, " + metrics.size() + " metrics", threads, reps, () -> check[0] = evaluator.evaluate(model, set, set.history(), ProgressListener.NONE).metric(metrics.get(0)));
            System.err.printf(Locale.ROOT, "(%s of the random model with %d threads: %.6f)%n", metrics.get(0), threads, check[0]);
        }
    }

    private static void row(String setting, int threads, int reps, Runnable task) {
        task.run(); // warm-up
        double[] t = new double[reps], cpu = new double[reps];
        for (int r = 0; r < reps; r++) {
            long c0 = processCpuNanos(), t0 = System.nanoTime();
            task.run();
            t[r] = (System.nanoTime() - t0) / 1e9;
            cpu[r] = (processCpuNanos() - c0) / 1e9;
        }
        Arrays.sort(t);
        Arrays.sort(cpu);
        double median = t[reps / 2];
        System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.0f |%n", setting, threads, median, t[0],
                cpu[reps / 2], USERS / median);
    }

    /** CPU time of the whole JVM (all threads, including JIT and GC), robust to other processes on a shared machine. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void scoreOnly(FittedRecommender model, EvalSet set) {
        float[] scores = new float[model.numItems()];
        for (int u : set.evaluatedUsers()) model.scoreAll(UserContext.of(set.history(), u), scores);
    }
}
