package io.genrec.data.io;

import io.genrec.data.Dataset;
import io.genrec.data.prep.Preprocessing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks "25M interactions load in under 1 GB of heap": writes a synthetic MovieLens-25M-shaped {@code ratings.csv}
 * (25,000,000 rows, header {@code userId,movieId,rating,timestamp}, rows grouped by user and sorted by movie inside a
 * user as in the GroupLens file, so timestamps are out of order and the per-user time sort does real work) unless it
 * exists, then loads it with {@link MovieLensLoader} and prints load time, heap after load (after a full GC), and the
 * highest heap use sampled every 5 ms during the load; then applies the usual preprocessing (ratings >= 4 as
 * positives, 5-core) with the loaded data still alive. Run with {@code -Xmx1g}: finishing at all is the main check.
 *
 * <p>Usage: {@code java -Xmx1g -cp ... io.genrec.data.io.LoadMemoryBenchmark [dir] [rows] [seed]}
 * (default {@code /tmp/genrec-bench/ml-25m-synthetic}, 25,000,000, 42).
 */
public final class LoadMemoryBenchmark {
    private static final int USERS = 162_541, MOVIES = 59_047; // the ML-25M counts

    private LoadMemoryBenchmark() { }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/genrec-bench/ml-25m-synthetic");
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 25_000_000L;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
        Path file = dir.resolve("ratings.csv");
        if (!Files.exists(file)) {
            long g0 = System.nanoTime();
            generate(file, rows, seed);
            System.out.printf(Locale.ROOT, "generated %s (%,d rows, %,d bytes) in %.1f s%n", file, rows, Files.size(file), (System.nanoTime() - g0) / 1e9);
        }
        Runtime rt = Runtime.getRuntime();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
        AtomicLong maxSampled = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                maxSampled.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Dataset d = MovieLensLoader.load(dir);
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpuSecs = (os.getProcessCpuTime() - c0) / 1e9;
        sampler.interrupt();
        sampler.join();
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        long poolPeaks = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) poolPeaks += p.getPeakUsage().getUsed();
        System.out.println("loaded: " + d);
        System.out.printf(Locale.ROOT, "max heap (-Xmx):                 %,d MB%n", rt.maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "load time:                       %.1f s wall, %.1f s process CPU (all threads, incl. GC)%n", secs, cpuSecs);
        System.out.printf(Locale.ROOT, "machine:                         %d cores, load average before run %.1f%n", os.getAvailableProcessors(), loadBefore);
        System.out.printf(Locale.ROOT, "heap used before load (after GC): %,d MB%n", before >> 20);
        System.out.printf(Locale.ROOT, "heap used after load (after GC):  %,d MB%n", after >> 20);
        System.out.printf(Locale.ROOT, "max heap used, sampled every 5 ms during load (incl. garbage): %,d MB%n", maxSampled.get() >> 20);
        System.out.printf(Locale.ROOT, "sum of heap pool peaks (upper bound): %,d MB%n", poolPeaks >> 20);
        System.out.printf(Locale.ROOT, "content hash: %s%n", d.contentHash());

        Preprocessing prep = new Preprocessing(4f, 5, 5, Preprocessing.DuplicatePolicy.KEEP_ALL);
        maxSampled.set(0);
        Thread sampler2 = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                maxSampled.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long p0 = System.nanoTime(), pc0 = os.getProcessCpuTime();
        Dataset positives = prep.apply(d);
        double prepSecs = (System.nanoTime() - p0) / 1e9, prepCpu = (os.getProcessCpuTime() - pc0) / 1e9;
        sampler2.interrupt();
        sampler2.join();
        System.out.println("preprocessed (" + prep.description() + "): " + positives);
        System.out.printf(Locale.ROOT, "preprocessing time:              %.1f s wall, %.1f s process CPU%n", prepSecs, prepCpu);
        System.out.printf(Locale.ROOT, "max heap used during preprocessing, sampled (incl. garbage; input still alive): %,d MB%n", maxSampled.get() >> 20);
    }

    /** Skewed user activity and item popularity; each user's movies ascending, timestamps random. */
    static void generate(Path file, long rows, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        Random rnd = new Random(seed);
        double meanExtra = Math.max(1, rows / (double) USERS - 20);
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            w.write("userId,movieId,rating,timestamp\n");
            StringBuilder sb = new StringBuilder(64);
            long written = 0;
            int[] movies = new int[8192];
            for (int user = 1; written < rows; user++) {
                int k = (int) Math.min(Math.min(movies.length, rows - written), 20 + (long) (-meanExtra * Math.log(1 - rnd.nextDouble())));
                if (user >= USERS) k = (int) Math.min(movies.length, rows - written);
                for (int j = 0; j < k; j++) movies[j] = 1 + (int) (MOVIES * Math.pow(rnd.nextDouble(), 2));
                Arrays.sort(movies, 0, k);
                for (int j = 1; j < k; j++) if (movies[j] <= movies[j - 1]) movies[j] = movies[j - 1] + 1;
                for (int j = 0; j < k; j++) {
                    int half = 1 + rnd.nextInt(10);
                    sb.setLength(0);
                    sb.append(user).append(',').append(movies[j]).append(',').append(half / 2).append(half % 2 == 0 ? ".0" : ".5")
                            .append(',').append(789_652_009L + (long) (rnd.nextDouble() * 785_000_000L)).append('\n');
                    w.append(sb);
                }
                written += k;
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
