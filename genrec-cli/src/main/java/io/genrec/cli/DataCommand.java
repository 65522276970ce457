package io.genrec.cli;

import io.genrec.data.Dataset;
import io.genrec.data.io.DataSpecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code genrec data info}: what a data spec contains. */
@Command(name = "data", mixinStandardHelpOptions = true, description = {"Inspect data sets.",
        "Data specs: ml-latest-small (bundled), movielens:DIR, presplit:DIR, sequences:FILE, lcrec:DIR,",
        "csv:FILE / tsv:FILE / jsonl:FILE?user=COL&item=COL&rating=COL&time=COL&header=true|false&delimiter=C.",
        "A csv:/tsv: spec takes an item file for titles and text (then search and titles work on any data):",
        "items=FILE&item_id=COL&item_title=COL&item_text=COL[,COL...]&item_categories=COL&item_category_separator=C."},
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

        @Option(names = "--format", description = "table or json (default: ${DEFAULT-VALUE}).")
        EvalCommand.Format format = EvalCommand.Format.table;

        @picocli.CommandLine.Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            long t0 = System.nanoTime();
            DataSpecs.LoadedData loaded = DataSpecs.load(data);
            double secs = (System.nanoTime() - t0) / 1e9;
            List<Map<String, Object>> parts = new ArrayList<>();
            if (loaded.given() != null) {
                var s = loaded.given();
                parts.add(describe("train", s.train()));
                if (s.validation() != null) parts.add(describe("validation", s.validation().targets()));
                parts.add(describe("test", s.test().targets()));
            } else {
                parts.add(describe("all", loaded.data()));
            }
            if (format == EvalCommand.Format.json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("source", loaded.description());
                doc.put("loadSeconds", secs);
                doc.put("parts", parts);
                System.out.println(ItemListOutput.json(doc));
                return 0;
            }
            System.out.println("source:        " + loaded.description());
            System.out.printf(Locale.ROOT, "load time:     %.2f s%n", secs);
            for (Map<String, Object> p : parts) print(p);
            return 0;
        }

        /** One part's statistics, by the names the JSON uses. */
        private static Map<String, Object> describe(String label, Dataset d) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("part", label);
            m.put("name", d.name());
            m.put("users", d.numUsers());
            m.put("activeUsers", d.numActiveUsers());
            m.put("items", d.numItems());
            m.put("interactions", d.numInteractions());
            m.put("density", (double) d.numInteractions() / Math.max(1.0, (double) d.numUsers() * d.numItems()));
            int[] lens = new int[d.numUsers()];
            for (int u = 0; u < lens.length; u++) lens[u] = d.historyLength(u);
            m.put("historyLength", quantiles(lens));
            m.put("itemPopularity", quantiles(d.itemPopularity().clone()));
            float[] v = d.values();
            Map<String, Object> values = null;
            if (v.length > 0) {
                float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
                double sum = 0;
                for (float x : v) { min = Math.min(min, x); max = Math.max(max, x); sum += x; }
                values = new LinkedHashMap<>();
                values.put("min", min);
                values.put("mean", sum / v.length);
                values.put("max", max);
            }
            m.put("values", values);
            int withTitle = 0;
            for (int i = 0; i < d.numItems(); i++) if (!d.catalog().get(i).title().isEmpty()) withTitle++;
            m.put("itemsWithTitle", withTitle);
            int withText = 0; // what the text encoders can use: a title, categories or any text field
            for (int i = 0; i < d.numItems(); i++) {
                var it = d.catalog().get(i);
                if (!it.title().isEmpty() || !it.categories().isEmpty() || !it.text().isEmpty()) withText++;
            }
            m.put("itemsWithText", withText);
            m.put("contentHash", d.contentHash());
            return m;
        }

        @SuppressWarnings("unchecked")
        private static void print(Map<String, Object> p) {
            System.out.printf(Locale.ROOT, "%n[%s] %s%n", p.get("part"), p.get("name"));
            System.out.printf(Locale.ROOT, "users:         %,d (%,d with interactions)%n", p.get("users"), p.get("activeUsers"));
            System.out.printf(Locale.ROOT, "items:         %,d%n", p.get("items"));
            System.out.printf(Locale.ROOT, "interactions:  %,d%n", p.get("interactions"));
            System.out.printf(Locale.ROOT, "density:       %.4f%%%n", 100 * (Double) p.get("density"));
            System.out.println("history len:   " + quantileText((Map<String, Object>) p.get("historyLength")));
            System.out.println("item pop.:     " + quantileText((Map<String, Object>) p.get("itemPopularity")));
            if (p.get("values") instanceof Map<?, ?> v)
                System.out.printf(Locale.ROOT, "values:        min %.2f, mean %.3f, max %.2f%n", v.get("min"), v.get("mean"), v.get("max"));
            System.out.printf(Locale.ROOT, "item metadata: %,d of %,d items have a title%n", p.get("itemsWithTitle"), p.get("items"));
            System.out.printf(Locale.ROOT, "item text:     %,d of %,d items have text (title, categories or text fields)%n", p.get("itemsWithText"), p.get("items"));
            System.out.println("content hash:  " + p.get("contentHash"));
        }

        /** min, median, mean, p90, max; null for no values. */
        private static Map<String, Object> quantiles(int[] x) {
            if (x.length == 0) return null;
            Arrays.sort(x);
            long sum = 0;
            for (int a : x) sum += a;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("min", x[0]);
            m.put("median", x[x.length / 2]);
            m.put("mean", (double) sum / x.length);
            m.put("p90", x[(int) (x.length * 0.9)]);
            m.put("max", x[x.length - 1]);
            return m;
        }

        private static String quantileText(Map<String, Object> q) {
            if (q == null) return "n/a";
            return String.format(Locale.ROOT, "min %d, median %d, mean %.1f, p90 %d, max %d", q.get("min"), q.get("median"),
                    q.get("mean"), q.get("p90"), q.get("max"));
        }
    }
}
