package io.genrec.models.baseline;

import ai.djl.engine.Engine;
import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import io.genrec.eval.QuickValidation;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.split.EvalSet;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Speed and sanity benchmark of the classic baselines on the DiffRec ML-1M split (train/valid/test TSV with a
 * {@code user\titem} header), outside the CLI: fit time, mean {@code scoreAll} time per test user (one thread),
 * peak heap, and NDCG@20 on validation (history = train) and test (history = train, exclusions = train + valid).
 * Prints a Markdown table. Usage: {@code BaselineBenchmark <dir with train.tsv valid.tsv test.tsv> [threads] [seed]}.
 */
public final class BaselineBenchmark {
    private BaselineBenchmark() { }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/ml-1m-diffrec");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        Dataset all = load(dir);
        Dataset train = phase(all, "train", 0), valid = phase(all, "valid", 1), test = phase(all, "test", 2);
        EvalSet validSet = new EvalSet("valid", train, valid, train);
        EvalSet testSet = new EvalSet("test", train, test, train.union("train+valid", valid));
        System.out.printf("data %s: %s; valid %d, test %d interactions; threads %d, seed %d; %s, %d cores, max heap %d MB%n",
                dir, train, valid.numInteractions(), test.numInteractions(), threads, seed,
                System.getProperty("os.arch") + " " + Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);

        Map<String, Recommender> models = new LinkedHashMap<>();
        models.put("mostpop", new MostPopularRecommender(MostPopularConfig.defaults()));
        models.put("itemknn", new ItemKnnRecommender(ItemKnnConfig.defaults()));
        models.put("ease float32", new EaseRecommender(new EaseConfig(500, EaseConfig.FLOAT32)));
        models.put("ease float64", new EaseRecommender(new EaseConfig(500, EaseConfig.FLOAT64)));
        models.put("als", new AlsRecommender(AlsConfig.defaults()));
        for (String extra : args.length > 3 ? args[3].split(",") : new String[0]) models.putAll(variant(extra));

        System.out.println("| model | config | fit s | timings s | score ms/user | peak heap MB | NDCG@20 valid | NDCG@20 test |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        int[] users = testSet.evaluatedUsers();
        FittedRecommender ease32 = null;
        for (var e : models.entrySet()) {
            System.gc();
            resetPeakHeap();
            FittedRecommender m = e.getValue().fit(new TrainContext(train, validSet, seed, threads, ProgressListener.NONE));
            float[] scores = new float[m.numItems()];
            for (int k = 0; k < Math.min(200, users.length); k++) m.scoreAll(UserContext.of(train, users[k]), scores);
            long start = System.nanoTime();
            for (int u : users) m.scoreAll(UserContext.of(train, u), scores);
            double msPerUser = (System.nanoTime() - start) / 1e6 / users.length;
            long peak = peakHeapBytes();
            double ndcgValid = QuickValidation.ndcg(m, validSet, 20, 0);
            double ndcgTest = QuickValidation.ndcg(m, testSet, 20, 0);
            System.out.printf("| %s | %s | %.2f | %s | %.3f | %d | %.4f | %.4f |%n", e.getKey(), m.provenance().config(),
                    m.provenance().timings().get("fit"), m.provenance().timings(), msPerUser, peak >> 20, ndcgValid, ndcgTest);
            if (e.getKey().equals("ease float32")) ease32 = m;
            else if (e.getKey().equals("ease float64") && ease32 != null) reportPrecisionGap(ease32, m, train, users);
        }
        timeInverse(train, threads);
    }

    /** Times the EASE inverse alone on this data's Gram matrix (+500 I), after a warm-up of each precision. */
    private static void timeInverse(Dataset train, int threads) {
        BinaryMatrix x = BinaryMatrix.of(train);
        int n = x.numItems();
        float[] g = EaseRecommender.gram(x, threads);
        for (int j = 0; j < n; j++) g[j * n + j] += 500;
        DenseInverse.invert(g, n);
        DenseInverse.invertInDouble(g, n);
        int repeats = 5;
        double[] t32 = new double[repeats], t64 = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long s = System.nanoTime();
            DenseInverse.invert(g, n);
            t32[r] = (System.nanoTime() - s) / 1e9;
            s = System.nanoTime();
            DenseInverse.invertInDouble(g, n);
            t64[r] = (System.nanoTime() - s) / 1e9;
        }
        Arrays.sort(t32);
        Arrays.sort(t64);
        System.out.printf("inverse of the %d×%d Gram matrix via DJL %s / PyTorch %s, %d runs after warm-up: "
                        + "float32 min %.3f s median %.3f s; float64 (incl. conversions) min %.3f s median %.3f s%n",
                n, n, Engine.getDjlVersion(), Engine.getEngine("PyTorch").getVersion(),
                repeats, t32[0], t32[repeats / 2], t64[0], t64[repeats / 2]);
    }

    /** An extra configuration from the command line, e.g. {@code ease:100} or {@code als:0.1:10} (λ, then α). */
    private static Map<String, Recommender> variant(String spec) {
        String[] p = spec.split(":");
        Recommender r = switch (p[0]) {
            case "ease" -> new EaseRecommender(new EaseConfig(Double.parseDouble(p[1]), EaseConfig.FLOAT32));
            case "itemknn" -> new ItemKnnRecommender(new ItemKnnConfig(Integer.parseInt(p[1]), Double.parseDouble(p[2])));
            case "als" -> {
                AlsConfig d = AlsConfig.defaults();
                yield new AlsRecommender(new AlsConfig(d.factors(), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
                        d.iterations(), d.cgSteps(), d.initStd()));
            }
            default -> throw new IllegalArgumentException("unknown variant '" + spec + "'");
        };
        return Map.of(spec, r);
    }

    /** Largest score difference between the float32 and float64 EASE fits over the test users, relative to the score range. */
    private static void reportPrecisionGap(FittedRecommender a, FittedRecommender b, Dataset train, int[] users) {
        float[] sa = new float[a.numItems()], sb = new float[b.numItems()];
        double maxDiff = 0, maxAbs = 0;
        for (int u : users) {
            a.scoreAll(UserContext.of(train, u), sa);
            b.scoreAll(UserContext.of(train, u), sb);
            for (int j = 0; j < sa.length; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(sa[j] - sb[j]));
                maxAbs = Math.max(maxAbs, Math.abs(sb[j]));
            }
        }
        System.out.printf("| (ease float32 vs float64) | max score difference %.3g, max abs score %.3g | | | | | | |%n", maxDiff, maxAbs);
    }

    /** All three files in one dataset with shared ids; the timestamp records the file (0 train, 1 valid, 2 test). */
    private static Dataset load(Path dir) throws IOException {
        Dataset.Builder b = new Dataset.Builder("ml-1m-diffrec", 600_000);
        String[] files = {"train.tsv", "valid.tsv", "test.tsv"};
        for (int f = 0; f < files.length; f++) {
            Path file = dir.resolve(files[f]);
            try (BufferedReader in = Files.newBufferedReader(file)) {
                String header = in.readLine();
                if (!"user\titem".equals(header)) throw new DataFormatException(file, 1, null, "expected header 'user<TAB>item', got '" + header + "'");
                String line;
                long lineNo = 1;
                while ((line = in.readLine()) != null) {
                    lineNo++;
                    int tab = line.indexOf('\t');
                    if (tab <= 0 || tab == line.length() - 1 || line.indexOf('\t', tab + 1) >= 0)
                        throw new DataFormatException(file, lineNo, null, "expected two tab-separated fields, got '" + line + "'");
                    b.add(line.substring(0, tab), line.substring(tab + 1), 1f, f);
                }
            }
        }
        return b.build();
    }

    private static Dataset phase(Dataset all, String name, long phase) {
        long[] t = all.timestamps();
        boolean[] keep = new boolean[t.length];
        for (int k = 0; k < t.length; k++) keep[k] = t[k] == phase;
        return all.filter(name, keep);
    }

    private static void resetPeakHeap() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
    }

    /** Sum of the heap pools' peaks since the reset: an upper bound on the simultaneous peak. Excludes native memory. */
    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
        return sum;
    }
}
