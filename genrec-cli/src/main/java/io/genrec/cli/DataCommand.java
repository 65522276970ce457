package io.genrec.cli;

import io.genrec.data.Dataset;
import io.genrec.data.io.DataSpecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code genrec data info}: what a data spec contains. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Inspect data sets.",
        subcommands = DataCommand.Info.class)
final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Print size, density, history lengths, popularity and value statistics of a data spec.")
    static final class Info implements Callable<Integer> {
        @Option(names = "--data", paramLabel = "SPEC", description = "Data spec (default: ${DEFAULT-VALUE}).")
        String data = "ml-latest-small";

        @picocli.CommandLine.Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            long t0 = System.nanoTime();
            DataSpecs.LoadedData loaded = DataSpecs.load(data);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.println("source:        " + loaded.description());
            System.out.printf(Locale.ROOT, "load time:     %.2f s%n", secs);
            if (loaded.given() != null) {
                var s = loaded.given();
                describe("train", s.train());
                if (s.validation() != null) describe("validation", s.validation().targets());
                describe("test", s.test().targets());
            } else {
                describe("all", loaded.data());
            }
            return 0;
        }

        private static void describe(String label, Dataset d) {
            int users = d.numActiveUsers();
            System.out.printf(Locale.ROOT, "%n[%s] %s%n", label, d.name());
            System.out.printf(Locale.ROOT, "users:         %,d (%,d with interactions)%n", d.numUsers(), users);
            System.out.printf(Locale.ROOT, "items:         %,d%n", d.numItems());
            System.out.printf(Locale.ROOT, "interactions:  %,d%n", d.numInteractions());
            System.out.printf(Locale.ROOT, "density:       %.4f%%%n", 100.0 * d.numInteractions() / Math.max(1.0, (double) d.numUsers() * d.numItems()));
            int[] lens = new int[d.numUsers()];
            for (int u = 0; u < lens.length; u++) lens[u] = d.historyLength(u);
            System.out.println("history len:   " + quantiles(lens));
            System.out.println("item pop.:     " + quantiles(d.itemPopularity().clone()));
            float[] v = d.values();
            if (v.length > 0) {
                float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
                double sum = 0;
                for (float x : v) { min = Math.min(min, x); max = Math.max(max, x); sum += x; }
                System.out.printf(Locale.ROOT, "values:        min %.2f, mean %.3f, max %.2f%n", min, sum / v.length, max);
            }
            long withTitle = 0;
            for (int i = 0; i < d.numItems(); i++) if (!d.catalog().get(i).title().isEmpty()) withTitle++;
            System.out.printf(Locale.ROOT, "item metadata: %,d of %,d items have a title%n", withTitle, d.numItems());
            System.out.println("content hash:  " + d.contentHash());
        }

        private static String quantiles(int[] x) {
            if (x.length == 0) return "n/a";
            Arrays.sort(x);
            long sum = 0;
            for (int a : x) sum += a;
            return String.format(Locale.ROOT, "min %d, median %d, mean %.1f, p90 %d, max %d", x[0], x[x.length / 2],
                    (double) sum / x.length, x[(int) (x.length * 0.9)], x[x.length - 1]);
        }
    }
}
