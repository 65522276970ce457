package io.genrec.eval;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Thread CPU time per user of the two exact AUC pair counts of {@link FullRanking} on 3,000 random scores, for
 * growing numbers of targets: the evidence behind {@link FullRanking#COUNTING_MAX_TARGETS}. A main class, not a test.
 */
public final class AucPairCountBenchmark {
    private AucPairCountBenchmark() { }

    public static void main(String[] args) {
        int n = 3000;
        System.out.println("| targets | counting ms/user | search ms/user |");
        System.out.println("|---:|---:|---:|");
        for (int m : new int[] {10, 30, 100, 400}) {
            SplittableRandom r = new SplittableRandom(m);
            float[] scores = new float[n];
            for (int i = 0; i < n; i++) scores[i] = r.nextFloat();
            ItemMarks excluded = new ItemMarks(n), targets = new ItemMarks(n);
            float[] targetScores = new float[m];
            for (int t = 0; t < m; t++) {
                targets.add(t * 7);
                targetScores[t] = scores[t * 7];
            }
            int reps = 400_000 / m;
            double sink = 0, counting = 0, search = 0;
            for (int round = 0; round < 3; round++) { // the first two rounds warm up the JIT
                long c0 = cpuNanos();
                for (int k = 0; k < reps; k++) sink += FullRanking.correctPairsByCounting(scores, 0, targetScores.clone(), m);
                long c1 = cpuNanos();
                for (int k = 0; k < reps; k++) sink += FullRanking.correctPairsBySearch(scores, excluded, targets, targetScores.clone(), m);
                long c2 = cpuNanos();
                counting = (c1 - c0) / 1e6 / reps;
                search = (c2 - c1) / 1e6 / reps;
            }
            System.out.printf(Locale.ROOT, "| %d | %.3f | %.3f |%n", m, counting, search);
            if (sink == 42) System.out.println(); // keeps the results live
        }
    }

    private static long cpuNanos() { return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }
}
