package io.genrec.models;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TopK;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.split.EvalSet;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark of a neural model on the DiffRec paper's ML-1M (clean) split: trains on train.tsv with early stopping on
 * valid.tsv, then ranks all items for each test user from the train vector, excluding train and valid items, and
 * reports Recall/NDCG@10/@20 as the authors' evaluation code defines them (recall = hits / |test items|, NDCG with
 * binary gains and ideal DCG over min(k, |test items|)), plus training speed and per-user scoring latency.
 *
 * <p>Usage: {@code NeuralBenchmark DATA_DIR MODEL SEED [key=value ...]}; prints one Markdown result line. With the
 * system property {@code genrec.benchmark.save=DIR} the fitted model is also saved to DIR (for later re-scoring).
 */
public final class NeuralBenchmark {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String model = args[1];
        long seed = Long.parseLong(args[2]);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            params.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Dataset[] split = load(dir);
        Dataset train = split[0], valid = split[1], test = split[2];
        System.out.printf("data: %s; valid %d, test %d interactions%n", train, valid.numInteractions(), test.numInteractions());
        Recommender r = RecommenderRegistry.load().create(model, new Params(params, "benchmark"));
        EvalSet validation = new EvalSet("ml-1m-diffrec valid", train, valid);
        // the protocol checks eval makes (a sequence model on these time-less files gets a warning), before fitting
        io.genrec.experiment.ProtocolCheck.checkSplit(new io.genrec.split.Split(train, validation, new EvalSet("test", train, test),
                "given(" + dir + ")"), List.of(r), w -> System.out.println("warning: " + w));
        long t0 = System.nanoTime();
        FittedRecommender m = r.fit(new TrainContext(train, validation, seed, 2, (stage, done, total, detail) -> {
            if (stage.equals("epoch")) System.out.printf("epoch %d/%d: %s%n", done, total, detail);
        }));
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        String saveTo = System.getProperty("genrec.benchmark.save");
        if (saveTo != null) m.save(Path.of(saveTo));
        Dataset excluded = train.union("train+valid", valid);
        long e0 = System.nanoTime();
        double[] metrics = evaluate(m, train, test, excluded);
        double evalSeconds = (System.nanoTime() - e0) / 1e9;
        double msPerUser = latency(m, train, 200);
        var t = m.provenance().timings();
        System.out.printf("RESULT | %s | %s | %d | %.0f | %.0f | %.1f | %.0f | %.4f | %.4f | %.4f | %.4f | %.2f | %.0f |%n",
                model, params, seed, t.get("epochs"), t.get("keptEpoch"), t.get("secondsPerEpoch"), t.get("examplesPerSecond"),
                metrics[0], metrics[1], metrics[2], metrics[3], msPerUser, fitSeconds);
        System.out.printf("evaluation of %d users took %.1fs%n", (int) metrics[4], evalSeconds);
    }

    /** Reads train/valid/test TSVs (header {@code user<TAB>item}, dense ids) over shared id maps. */
    public static Dataset[] load(Path dir) throws IOException {
        String[] names = {"train", "valid", "test"};
        List<int[]> cols = new ArrayList<>();
        int maxUser = -1, maxItem = -1;
        for (String n : names) {
            Path f = dir.resolve(n + ".tsv");
            List<Integer> us = new ArrayList<>(), is = new ArrayList<>();
            try (BufferedReader in = Files.newBufferedReader(f)) {
                String line = in.readLine();
                int no = 1;
                while ((line = in.readLine()) != null) {
                    no++;
                    String[] p = line.split("\t");
                    if (p.length != 2) throw new IOException(f + ":" + no + ": expected user<TAB>item, got '" + line + "'");
                    us.add(Integer.parseInt(p[0]));
                    is.add(Integer.parseInt(p[1]));
                }
            }
            int[] c = new int[us.size() * 2];
            for (int k = 0; k < us.size(); k++) {
                c[2 * k] = us.get(k);
                c[2 * k + 1] = is.get(k);
                maxUser = Math.max(maxUser, us.get(k));
                maxItem = Math.max(maxItem, is.get(k));
            }
            cols.add(c);
        }
        IdMap users = ids(maxUser + 1), items = ids(maxItem + 1);
        Dataset[] out = new Dataset[3];
        for (int s = 0; s < 3; s++) {
            int[] c = cols.get(s);
            int n = c.length / 2;
            int[] u = new int[n], i = new int[n];
            float[] v = new float[n];
            long[] t = new long[n];
            for (int k = 0; k < n; k++) { u[k] = c[2 * k]; i[k] = c[2 * k + 1]; v[k] = 1f; t[k] = k; }
            out[s] = Dataset.fromColumns("ml-1m-diffrec-" + names[s], users, items, null, null, n, u, i, v, t);
        }
        return out;
    }

    private static IdMap ids(int n) {
        List<String> l = new ArrayList<>(n);
        for (int k = 0; k < n; k++) l.add(Integer.toString(k));
        return IdMap.of(l);
    }

    /** Recall@10, NDCG@10, Recall@20, NDCG@20 (DiffRec's definitions) and the number of users, on 2 threads. */
    public static double[] evaluate(FittedRecommender m, Dataset input, Dataset targets, Dataset excluded) throws InterruptedException {
        int[] ks = {10, 20};
        double[][] sums = new double[2][4];
        AtomicInteger next = new AtomicInteger();
        int[] counts = new int[2];
        Thread[] workers = new Thread[2];
        for (int w = 0; w < workers.length; w++) {
            int id = w;
            workers[w] = new Thread(() -> {
                float[] scores = new float[m.numItems()];
                for (int u; (u = next.getAndIncrement()) < targets.numUsers(); ) {
                    int[] target = targets.itemsOf(u);
                    if (target.length == 0) continue;
                    m.scoreAll(UserContext.of(input, u), scores);
                    TopK top = TopK.select(scores, 20, ItemFilter.excluding(excluded.itemsOf(u)));
                    BitSet tg = new BitSet();
                    for (int it : target) tg.set(it);
                    for (int ki = 0; ki < ks.length; ki++) {
                        int k = ks[ki], hits = 0;
                        double dcg = 0, idcg = 0;
                        for (int r = 0; r < Math.min(k, top.size()); r++)
                            if (tg.get(top.items()[r])) { hits++; dcg += 1 / log2(r + 2); }
                        for (int r = 0; r < Math.min(k, tg.cardinality()); r++) idcg += 1 / log2(r + 2);
                        sums[id][2 * ki] += hits / (double) tg.cardinality();
                        sums[id][2 * ki + 1] += dcg / idcg;
                    }
                    counts[id]++;
                }
            });
            workers[w].start();
        }
        for (Thread t : workers) t.join();
        int n = counts[0] + counts[1];
        double[] out = new double[5];
        for (int j = 0; j < 4; j++) out[j] = (sums[0][j] + sums[1][j]) / n;
        out[4] = n;
        return out;
    }

    /** Mean milliseconds of one single-threaded scoreAll over {@code users} users (after a warm-up pass). */
    static double latency(FittedRecommender m, Dataset input, int users) {
        float[] scores = new float[m.numItems()];
        for (int u = 0; u < Math.min(50, input.numUsers()); u++) m.scoreAll(UserContext.of(input, u), scores);
        long t0 = System.nanoTime();
        int n = Math.min(users, input.numUsers());
        for (int u = 0; u < n; u++) m.scoreAll(UserContext.of(input, u), scores);
        return (System.nanoTime() - t0) / 1e6 / n;
    }

    private static double log2(double x) { return Math.log(x) / Math.log(2); }
}
