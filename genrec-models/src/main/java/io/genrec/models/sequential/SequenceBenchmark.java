package io.genrec.models.sequential;

import io.genrec.config.Params;
import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import io.genrec.data.io.MovieLensLoader;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.split.EvalSet;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Leave-one-out benchmark of a sequence model on a P5/TIGER-style {@code user_sequence.txt} (one line per user:
 * {@code user item item ...} in time order): the last item of each user is the test target, the second-to-last the
 * validation target, training uses everything before the validation item, and the test history is everything before
 * the test item. Ranking is over all items (no sampled candidates); metrics are reported both with the history items
 * excluded from the ranking and without exclusion. Also measures training throughput (target tokens per second) and
 * the p50/p99 latency of one next-item prediction from a 200-item history.
 *
 * <p>Usage: {@code SequenceBenchmark <user_sequence.txt | MovieLens dir | sequences:FILE?items=ITEMS.jsonl | lcrec:DIR> <results.md> <model> [key=value ...]};
 * appends a section to the results file (the data spec form attaches item text, which TIGER needs). System
 * properties: {@code genrec.benchmark.save=DIR} saves the fitted model, {@code genrec.benchmark.load=DIR} evaluates a
 * saved model instead of fitting, {@code genrec.bench.users=N} evaluates N evenly strided test users,
 * {@code genrec.bench.beams=B1,B2} re-evaluates a TIGER model at other beam widths. A directory is read with {@link MovieLensLoader} (every rating is an
 * interaction, in time order, as in SASRec's MovieLens preprocessing). {@code -Dgenrec.threads=N} sets the training context's threads (PyTorch intra-op threads;
 * default 1).
 */
public final class SequenceBenchmark {
    private static final long SEED = 42;

    public static void main(String[] args) throws IOException {
        if (args.length < 3) throw new IllegalArgumentException("usage: SequenceBenchmark <user_sequence.txt> <results.md> <model> [key=value ...]");
        Path out = Path.of(args[1]);
        String model = args[2];
        Map<String, String> kv = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 1) throw new IllegalArgumentException("argument '" + args[i] + "' is not key=value");
            kv.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        long t0 = System.nanoTime();
        Dataset all = load(args[0]);
        LeaveOneOut split = LeaveOneOut.of(all);
        System.out.printf("%s; read+split %.1fs%n", all, (System.nanoTime() - t0) / 1e9);

        var rec = RecommenderRegistry.load().create(model, new Params(kv, "command line"));
        ProgressListener log = (stage, done, total, detail) -> {
            if (stage.equals("epoch")) System.out.printf("epoch %d/%d %s%n", done, total, detail);
            else if (stage.equals("train") && (done / 128) % 25 == 0) System.out.printf("  %d/%d %s%n", done, total, detail);
        };
        long f0 = System.nanoTime();
        int threads = Integer.getInteger("genrec.threads", 1);
        // -Dgenrec.benchmark.load=DIR evaluates a model saved by an earlier run (-Dgenrec.benchmark.save) instead of fitting
        String loadFrom = System.getProperty("genrec.benchmark.load");
        FittedRecommender fitted = loadFrom != null ? RecommenderRegistry.load().provider(model).load(Path.of(loadFrom))
                : rec.fit(new TrainContext(split.train, split.validation, SEED, threads, log));
        double fitSeconds = loadFrom != null ? fitted.provenance().timings().getOrDefault("fit", Double.NaN) : (System.nanoTime() - f0) / 1e9;
        String saveTo = System.getProperty("genrec.benchmark.save");
        if (saveTo != null) fitted.save(Path.of(saveTo));

        long e0 = System.nanoTime();
        double[][] both = evaluate(fitted, split.test);
        double[] excl = both[0], incl = both[1];
        double evalSeconds = (System.nanoTime() - e0) / 1e9;

        SequenceBatches rows = new SequenceBatches(split.train, maxLen(rec.config()));
        long tokens = 0;
        for (int r = 0; r < rows.numRows(); r++) tokens += rows.targetCount(r);
        double rowsPerSecond = fitted.provenance().timings().getOrDefault("examplesPerSecond", Double.NaN);
        double tokensPerSecond = rowsPerSecond * tokens / rows.numRows();
        if (fitted instanceof io.genrec.models.semanticid.Tiger.Fitted t) {
            // TIGER's rows are single predictions (every training item after a user's first), each of idLength target tokens
            tokens = 0;
            int[] ptr = split.train.userPointers();
            for (int u = 0; u < split.train.numUsers(); u++) tokens += Math.max(0, ptr[u + 1] - ptr[u] - 1);
            tokensPerSecond = rowsPerSecond * t.semanticIds().levels();
        }
        double[] lat = latency(fitted, all.numItems());
        double[] lat200 = null;
        if (rec.config() instanceof SasRecConfig c && c.maxLen() != 200) {
            // Latency depends on the shapes only: an untrained SASRec of the same size attending over 200 positions.
            SasRecConfig c200 = new SasRecConfig(c.hiddenSize(), c.blocks(), c.heads(), 200, c.dropout(), c.loss(), c.training());
            var w = new SasRecNetwork(new SequenceBatches(split.train, 200), c200).initialParameters(new Random(SEED));
            lat200 = latency(new SasRec.Fitted(fitted.provenance(), c200, all.numItems(), w), all.numItems());
        }

        String sha = System.getProperty("genrec.sha", run("git", "rev-parse", "HEAD"));
        StringBuilder md = new StringBuilder();
        md.append("\n## ").append(model).append(' ').append(kv).append("\n\n");
        md.append("- date: ").append(Instant.now()).append(", git: ").append(sha).append(", machine: 2 shared cores (")
                .append(Runtime.getRuntime().availableProcessors()).append(" visible), training threads ").append(threads).append(", OMP_NUM_THREADS=")
                .append(System.getenv().getOrDefault("OMP_NUM_THREADS", "unset")).append(", seed ").append(SEED).append('\n');
        md.append("- load average at the end (1/5/15 min): ").append(loadAverage()).append('\n');
        md.append("- data: ").append(all).append(", train ").append(split.train.numInteractions()).append(" interactions\n");
        md.append("- config: ").append(fitted.provenance().config()).append('\n');
        if (loadFrom != null) md.append("- model loaded from ").append(loadFrom).append(" (trained by an earlier run; fit time and throughput below are that run's)\n");
        md.append(String.format("- fit: %.1f s wall (%s epochs run, kept epoch %s, %.1f s/epoch), test evaluation %.1f s for 2 passes%n",
                fitSeconds, fmt(fitted, "epochs"), fmt(fitted, "keptEpoch"), fitted.provenance().timings().getOrDefault("secondsPerEpoch", Double.NaN), evalSeconds));
        if (fitted instanceof io.genrec.models.semanticid.Tiger.Fitted t)
            md.append(String.format("- training throughput: %.0f predictions/s = %.0f target tokens/s (%d next-item predictions of %d semantic-ID tokens per epoch)%n",
                    rowsPerSecond, tokensPerSecond, tokens, t.semanticIds().levels()));
        else
            md.append(String.format("- training throughput: %.0f sequences/s = %.0f target tokens/s (%d tokens in %d sequences per epoch)%n",
                    rowsPerSecond, tokensPerSecond, tokens, rows.numRows()));
        md.append(String.format("- next-item latency (scoreAll over %d items, 200-item history, 1 thread%s): wall p50 %.3f ms, p99 %.3f ms; thread CPU p50 %.3f ms, p99 %.3f ms%n",
                all.numItems(), lat[4] < 2000 ? ", " + (int) lat[4] + " calls" : "", lat[0], lat[1], lat[2], lat[3]));
        if (lat200 != null)
            md.append(String.format("- same with max_len=200 (all 200 items attended; untrained weights of the same shapes): wall p50 %.3f ms, p99 %.3f ms; thread CPU p50 %.3f ms, p99 %.3f ms%n",
                    lat200[0], lat200[1], lat200[2], lat200[3]));
        md.append(String.format("- test users evaluated: %d of %d%s%n", testUsers(split.test).length, split.test.evaluatedUsers().length,
                testUsers(split.test).length < split.test.evaluatedUsers().length ? " (evenly strided, -Dgenrec.bench.users)" : ""));
        md.append("\n| test ranking | Recall@5 | NDCG@5 | Recall@10 | NDCG@10 |\n|---|---:|---:|---:|---:|\n");
        md.append(String.format("| history excluded | %.4f | %.4f | %.4f | %.4f |%n", excl[0], excl[1], excl[2], excl[3]));
        md.append(String.format("| nothing excluded | %.4f | %.4f | %.4f | %.4f |%n", incl[0], incl[1], incl[2], incl[3]));
        if (fitted instanceof io.genrec.models.semanticid.Tiger.Fitted t && System.getProperty("genrec.bench.beams") != null)
            for (String b : System.getProperty("genrec.bench.beams").split(",")) { // beam-width ablation on the same weights
                double[] r = evaluate(t.withBeam(Integer.parseInt(b.trim())), split.test)[0];
                md.append(String.format("| history excluded, beam %s | %.4f | %.4f | %.4f | %.4f |%n", b.trim(), r[0], r[1], r[2], r[3]));
                System.out.print(md);
            }
        System.out.print(md);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static String fmt(FittedRecommender m, String timing) {
        Double v = m.provenance().timings().get(timing);
        return v == null ? "?" : Long.toString(Math.round(v));
    }

    private static int maxLen(Record config) {
        Object v = io.genrec.provenance.Provenance.recordToMap(config).get("maxLen");
        return v instanceof Integer i ? i : 50;
    }

    /** One user per line, items in time order; the position in the line is the timestamp. */
    /**
     * A data spec ({@code sequences:FILE?items=ITEMS.jsonl} or {@code lcrec:DIR}, both carrying item text for TIGER;
     * LC-Rec sequences are in time order, positions as timestamps), a MovieLens directory, or a bare
     * {@code user_sequence.txt}.
     */
    static Dataset load(String spec) throws IOException {
        if (spec.startsWith("sequences:") || spec.startsWith("lcrec:")) return io.genrec.data.io.DataSpecs.load(spec).data();
        Path file = Path.of(spec);
        return Files.isDirectory(file) ? MovieLensLoader.load(file) : read(file);
    }

    static Dataset read(Path file) throws IOException {
        Dataset.Builder b = new Dataset.Builder(file.getParent().getFileName() + "/" + file.getFileName(), 200_000);
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                String[] f = line.trim().split("\\s+");
                if (f.length < 2) throw new DataFormatException(file, no, "items", "a user line needs a user id and at least one item, got '" + line + "'");
                for (int k = 1; k < f.length; k++) b.add(f[0], f[k], 1f, k);
            }
        }
        return b.build();
    }

    /** The leave-one-out split: validation = second-to-last item, test = last item. */
    record LeaveOneOut(Dataset train, EvalSet validation, EvalSet test) {
        static LeaveOneOut of(Dataset all) {
            int n = all.numInteractions();
            boolean[] train = new boolean[n], val = new boolean[n], testHist = new boolean[n], test = new boolean[n];
            int[] ptr = all.userPointers();
            for (int u = 0; u < all.numUsers(); u++) {
                int len = ptr[u + 1] - ptr[u];
                for (int k = ptr[u]; k < ptr[u + 1]; k++) {
                    int pos = k - ptr[u];
                    if (len < 3) { train[k] = true; testHist[k] = true; continue; }
                    train[k] = pos < len - 2;
                    val[k] = pos == len - 2;
                    testHist[k] = pos < len - 1;
                    test[k] = pos == len - 1;
                }
            }
            Dataset tr = all.filter("train", train);
            return new LeaveOneOut(tr, new EvalSet("validation", tr, all.filter("validation-targets", val)),
                    new EvalSet("test", all.filter("test-history", testHist), all.filter("test-targets", test)));
        }
    }

    /**
     * Mean Recall@5, NDCG@5, Recall@10, NDCG@10 over the test users (one target each), with the history excluded
     * ({@code [0]}) and with nothing excluded ({@code [1]}), from one {@code scoreAll} per user; ties rank by lower
     * item id. A target scored {@code -infinity} (not ranked, e.g. not generated by TIGER) is a miss, whatever its id.
     */
    static double[][] evaluate(FittedRecommender m, EvalSet set) {
        int[] users = testUsers(set);
        float[] s = new float[m.numItems()];
        double[][] sums = new double[2][4];
        for (int u : users) {
            int[] hist = set.history().itemsOf(u);
            m.scoreAll(new UserContext(u, hist, null, ""), s);
            int target = set.targets().itemsOf(u)[0];
            float st = s[target];
            for (int pass = 1; pass >= 0; pass--) { // nothing excluded first: exclusion overwrites the scores
                boolean excludeHistory = pass == 0;
                if (excludeHistory) for (int h : hist) if (h != target) s[h] = Float.NEGATIVE_INFINITY;
                int rank = 0;
                for (int i = 0; i < s.length; i++) if (s[i] > st || (s[i] == st && i < target)) rank++;
                if (excludeHistory && contains(hist, target)) rank = Integer.MAX_VALUE; // a repeated target was removed with the history
                if (st == Float.NEGATIVE_INFINITY) rank = Integer.MAX_VALUE;
                double gain = 1 / (Math.log(rank + 2) / Math.log(2));
                if (rank < 5) { sums[pass][0]++; sums[pass][1] += gain; }
                if (rank < 10) { sums[pass][2]++; sums[pass][3] += gain; }
            }
        }
        for (double[] row : sums) for (int k = 0; k < 4; k++) row[k] /= users.length;
        return sums;
    }

    /**
     * The evaluated users, or with {@code -Dgenrec.bench.users=N} at most N of them, evenly strided (for models whose
     * scoring is too slow for all users on a shared machine; the results file states it).
     */
    static int[] testUsers(EvalSet set) {
        int[] all = set.evaluatedUsers();
        int n = Integer.getInteger("genrec.bench.users", 0);
        if (n <= 0 || n >= all.length) return all;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = all[(int) ((long) i * all.length / n)];
        return out;
    }

    private static boolean contains(int[] a, int x) {
        for (int v : a) if (v == x) return true;
        return false;
    }

    /**
     * p50 and p99 in ms of scoreAll with a random 200-item history (after warm-up): wall time, then the calling
     * thread's CPU time (which excludes waiting for a core on a shared machine).
     */
    static double[] latency(FittedRecommender m, int numItems) {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        Random r = new Random(SEED);
        int[] hist = new int[200];
        for (int i = 0; i < hist.length; i++) hist[i] = r.nextInt(numItems);
        UserContext ctx = UserContext.ofHistory(hist);
        float[] out = new float[numItems];
        // TIGER's beam search costs tens of ms per call: fewer calls keep the benchmark's tail short
        boolean slow = m instanceof io.genrec.models.semanticid.Tiger.Fitted;
        for (int i = 0; i < (slow ? 20 : 300); i++) m.scoreAll(ctx, out);
        long[] ns = new long[slow ? 200 : 2000], cpu = new long[ns.length];
        for (int i = 0; i < ns.length; i++) {
            long c = bean.getCurrentThreadCpuTime(), t = System.nanoTime();
            m.scoreAll(ctx, out);
            ns[i] = System.nanoTime() - t;
            cpu[i] = bean.getCurrentThreadCpuTime() - c;
        }
        Arrays.sort(ns);
        Arrays.sort(cpu);
        return new double[] {ns[ns.length / 2] / 1e6, ns[(int) (ns.length * 0.99)] / 1e6,
                cpu[cpu.length / 2] / 1e6, cpu[(int) (cpu.length * 0.99)] / 1e6, ns.length};
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            return new String(p.getInputStream().readAllBytes()).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

}
