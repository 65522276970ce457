package io.genrec.llm.index;

import io.genrec.model.TopK;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;

/**
 * Manual benchmark (not a unit test): exact brute force versus Lucene HNSW on {@code n} clustered unit vectors
 * (Gaussian noise around 200 random centres, like embeddings of a catalogue with topics). Reports build time, recall@10
 * of HNSW against the exact result over 200 queries from the same distribution, queries per second (one thread) for
 * several {@code efSearch} values, heap and disk size; writes {@code docs/results/ann-index.md}.
 * Arguments: {@code [output file] [n, default 100000] [dimension, default 384]}.
 */
public final class VectorIndexBenchmark {
    static final long SEED = 42;
    static final int QUERIES = 200, K = 10, CENTRES = 200;
    static final float NOISE = 0.6f;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/results/ann-index.md");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int dim = args.length > 2 ? Integer.parseInt(args[2]) : 384;
        Random r = new Random(SEED);
        float[][] centres = gaussian(r, CENTRES, dim, 1f);
        float[][] data = clustered(r, centres, n, dim);
        float[][] queries = clustered(r, centres, QUERIES, dim);

        StringBuilder md = new StringBuilder("# Vector index: exact vs Lucene HNSW\n\nCommand (from the repository root):\n\n```\n"
                + "GENREC_JAVA_OPTS=-Xmx3g ./genrec bench vector-index" + (args.length > 0 ? " " + String.join(" ", args) : "") + "\n```\n\n");
        md.append(BenchmarkInfo.markdown());
        md.append(String.format(Locale.ROOT, "- data: %d vectors x %d dimensions, %d Gaussian centres (unit variance per coordinate) plus "
                + "Gaussian noise (sigma %.1f), then L2-normalised; %d queries from the same distribution; seed %d%n"
                + "- searches run on one thread after one untimed warm-up pass over the queries; recall@%d = |HNSW top %d intersect exact top %d| / %d, averaged over queries%n%n",
                n, dim, CENTRES, NOISE, QUERIES, SEED, K, K, K, K));

        // Exact index: the oracle.
        long heap0 = usedHeap();
        long t0 = System.nanoTime();
        ExactVectorIndex exact = new ExactVectorIndex(dim);
        for (int i = 0; i < n; i++) exact.add(i, data[i]);
        double exactBuild = seconds(t0);
        long exactHeap = usedHeap() - heap0;
        int[][] truth = new int[QUERIES][];
        for (float[] q : queries) exact.search(q, K); // warm-up pass, untimed
        double exactQps = 0;
        for (int pass = 0; pass < 3; pass++) {
            t0 = System.nanoTime();
            for (int q = 0; q < QUERIES; q++) truth[q] = exact.search(queries[q], K).items();
            exactQps = Math.max(exactQps, QUERIES / seconds(t0));
        }
        md.append("## Exact (brute force, VectorMath dot product)\n\n");
        md.append(String.format(Locale.ROOT, "- build: %.2f s; heap: %.0f MiB measured (%.0f MiB by the index's own estimate)%n"
                + "- %.1f queries/s (best of 3 timed passes)%n%n", exactBuild, exactHeap / 1048576.0, exact.heapBytes() / 1048576.0, exactQps));

        // HNSW on disk.
        LuceneHnswIndex.Config config = LuceneHnswIndex.Config.DEFAULT;
        Path dir = Files.createTempDirectory("genrec-hnsw-bench");
        heap0 = usedHeap();
        t0 = System.nanoTime();
        try (LuceneHnswIndex hnsw = LuceneHnswIndex.create(dir, dim, config)) {
            for (int i = 0; i < n; i++) hnsw.add(i, data[i]);
            hnsw.commit();
            double build = seconds(t0);
            long hnswHeap = usedHeap() - heap0;
            // keep the raw data and the exact index alive up to here, so the heap delta is the HNSW index's alone
            java.lang.ref.Reference.reachabilityFence(data);
            java.lang.ref.Reference.reachabilityFence(exact);
            md.append("## Lucene HNSW (Lucene ").append(org.apache.lucene.util.Version.LATEST).append(", FSDirectory)\n\n");
            md.append(String.format(Locale.ROOT, "- settings: maxConn (M) %d, beamWidth (efConstruction) %d, RAM buffer %.0f MB%n"
                    + "- build (add %d documents one by one on one thread, then commit): %.1f s; %d segment(s)%n"
                    + "- disk: %.1f MiB; heap retained after the build: %.0f MiB (the files are memory-mapped, not on the heap)%n%n",
                    config.maxConn(), config.beamWidth(), config.ramBufferMb(), n, build, hnsw.segments(),
                    hnsw.diskBytes() / 1048576.0, hnswHeap / 1048576.0));
            searchTable(md, hnsw, queries, truth, "after build");
            if (hnsw.segments() > 1) {
                t0 = System.nanoTime();
                hnsw.forceMerge();
                hnsw.commit();
                md.append(String.format(Locale.ROOT, "%nforceMerge to one segment: %.1f s, disk %.1f MiB%n%n", seconds(t0), hnsw.diskBytes() / 1048576.0));
                searchTable(md, hnsw, queries, truth, "after forceMerge");
            }
        }
        md.append("\nLoad average at the end: ").append(BenchmarkInfo.loadAverage()).append("\n");
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md);
        System.out.println(md);
    }

    /**
     * Measures recall against the exact result and throughput for several efSearch values: one untimed warm-up pass
     * over all settings, then the best of three timed passes per setting (the machine is shared, so the best pass is
     * the least disturbed one).
     */
    private static void searchTable(StringBuilder md, LuceneHnswIndex hnsw, float[][] queries, int[][] truth, String when) {
        int[] efs = {10, 50, 100, 200};
        for (int ef : efs) for (float[] q : queries) hnsw.search(q, K, ef);
        md.append("| ").append(when).append(": efSearch | recall@10 | queries/s (best of 3) |\n|---|---|---|\n");
        for (int ef : efs) {
            TopK[] results = new TopK[queries.length];
            double qps = 0;
            for (int pass = 0; pass < 3; pass++) {
                long t0 = System.nanoTime();
                for (int q = 0; q < queries.length; q++) results[q] = hnsw.search(queries[q], K, ef);
                qps = Math.max(qps, queries.length / seconds(t0));
            }
            long found = 0;
            for (int q = 0; q < queries.length; q++) found += overlap(results[q].items(), truth[q]);
            md.append(String.format(Locale.ROOT, "| %d | %.3f | %.1f |%n", ef, (double) found / (queries.length * K), qps));
        }
    }

    static int overlap(int[] a, int[] b) {
        int c = 0;
        for (int x : a) for (int y : b) if (x == y) { c++; break; }
        return c;
    }

    private static float[][] gaussian(Random r, int n, int dim, float sigma) {
        float[][] v = new float[n][dim];
        for (float[] row : v) for (int d = 0; d < dim; d++) row[d] = (float) (sigma * r.nextGaussian());
        return v;
    }

    private static float[][] clustered(Random r, float[][] centres, int n, int dim) {
        float[][] v = new float[n][dim];
        for (float[] row : v) {
            float[] c = centres[r.nextInt(centres.length)];
            double norm = 0;
            for (int d = 0; d < dim; d++) { row[d] = c[d] + (float) (NOISE * r.nextGaussian()); norm += (double) row[d] * row[d]; }
            float inv = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < dim; d++) row[d] *= inv;
        }
        return v;
    }

    private static double seconds(long t0) { return (System.nanoTime() - t0) / 1e9; }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) { System.gc(); Thread.sleep(100); }
        return rt.totalMemory() - rt.freeMemory();
    }
}
