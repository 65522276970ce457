package io.genrec.models.semanticid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.genrec.data.Dataset;
import io.genrec.models.training.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compute-budget probe (runs only with {@code -Dgenrec.probe.tigerflops=BEAUTY_user_sequence.txt}):
 * <ol>
 *   <li>counts the matrix-product FLOPs (2 per multiply-add) of one TIGER training epoch, batch by batch, through
 *   {@link TigerNetwork#batches} (so each batch's encoder runs at its longest history, as in training), for the
 *   synthetic data of {@link TigerSpeedProbe} and for Beauty's training sequences (every user's items but the last
 *   two, as the leave-one-out benchmark trains), for the small configuration (dim 64, 2+2 layers, 4 heads, ff 256),
 *   our paper-size default (dim 128, 4+4, 4 heads of 32, ff 1024) and the paper's T5 (dim 128, 4+4, 6 heads of 64 =
 *   attention width 384, ff 1024); a training step is counted as 3x the forward (backward = two products per
 *   forward product); element-wise ops, softmax and layer norm are not counted;</li>
 *   <li>times single-thread PyTorch matrix products of the shapes that dominate (thread CPU time).</li>
 * </ol>
 */
class TigerFlopsProbe {
    /** Forward matrix-product FLOPs of {@code n} rows with encoder length {@code len} (decoder length {@code L}). */
    static double forwardFlops(long n, long len, int L, int d, int layers, int attn, int ff, int codes) {
        double enc = layers * (2.0 * len * d * attn * 4      // q, k, v, o projections (d -> attn -> d)
                + 2.0 * 2 * len * len * attn                  // scores q k^T and weights x v, over all heads
                + 2.0 * 2 * len * d * ff);                    // feed-forward
        double dec = layers * (2.0 * L * d * attn * 4 + 2.0 * 2 * L * L * attn    // self-attention
                + 2.0 * L * d * attn * 2 + 2.0 * len * d * attn * 2                 // cross: q, o on L; k, v on len
                + 2.0 * 2 * L * len * attn                                          // cross scores and weights
                + 2.0 * 2 * L * d * ff);
        double out = 2.0 * L * d * codes;                     // tied output logits per level
        return n * (enc + dec + out);
    }

    record Size(String name, int d, int layers, int attn, int ff) { }

    static final List<Size> SIZES = List.of(new Size("small (dim 64, 2+2 layers, 4 heads, ff 256)", 64, 2, 64, 256),
            new Size("our paper-size default (dim 128, 4+4, 4 heads x 32, ff 1024)", 128, 4, 128, 1024),
            new Size("paper T5 (dim 128, 4+4, 6 heads x 64 = 384, ff 1024)", 128, 4, 384, 1024));

    static void count(String label, Dataset d, int items) {
        int[][] codes = new int[items][3];
        Random r = new Random(3);
        for (int[] c : codes) for (int l = 0; l < 3; l++) c[l] = r.nextInt(256);
        TigerConfig c = new TigerConfig(64, 2, 4, 256, 0.1, 20, "rqkmeans", 3, 256, 20, 2000, "",
                new TrainingConfig(1, 256, 0.002, 0, 0, 1, 10, 300));
        TigerNetwork net = new TigerNetwork(c, Tiger.ids(SemanticIds.of(codes, 256)), d);
        int[] ptr = d.userPointers();
        for (int seed = 0; seed < 3; seed++) {
            int n = net.numRows();
            int[] order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            SplittableRandom rng = new SplittableRandom(seed);
            for (int i = n - 1; i > 0; i--) { int j = rng.nextInt(i + 1), t = order[i]; order[i] = order[j]; order[j] = t; }
            double[] flops = new double[SIZES.size()];
            long tokens = 0, rows = 0, batches = 0;
            for (int[] batch : net.batches(order, 256, rng)) {
                int len = 0;
                for (int row : batch) {
                    len = Math.max(len, net.realEncoderTokens(historyOf(net, row, ptr)));
                }
                for (int s = 0; s < SIZES.size(); s++) {
                    Size z = SIZES.get(s);
                    flops[s] += 3 * forwardFlops(batch.length, len, 4, z.d(), z.layers(), z.attn(), z.ff(), 256);
                }
                tokens += (long) batch.length * len;
                rows += batch.length;
                batches++;
            }
            assertEquals(n, rows);
            StringBuilder sb = new StringBuilder();
            for (int s = 0; s < SIZES.size(); s++)
                sb.append(String.format(Locale.ROOT, "; %s: %.1f MFLOP/row, %.3f TFLOP/epoch", SIZES.get(s).name(), flops[s] / rows / 1e6, flops[s] / 1e12));
            System.out.printf(Locale.ROOT, "FLOPS %s, shuffle %d: %d rows, %d batches, mean padded encoder length %.1f tokens%s%n",
                    label, seed, rows, batches, tokens / (double) rows, sb);
        }
    }

    /** Items before training row {@code row}'s target (its history length), via the network's own example builder. */
    static int historyOf(TigerNetwork net, int row, int[] ptr) {
        int[] enc = new int[net.encoderLength()], dec = new int[4];
        net.example(row, enc, 0, enc.length, dec, 0);
        int real = 0;
        for (int t : enc) if (t != net.pad()) real++;
        return (real - 1) / 4;
    }

    @Test
    @EnabledIfSystemProperty(named = "genrec.probe.tigerflops", matches = ".+")
    void probe() throws IOException {
        // 1a. TigerSpeedProbe's synthetic data (the same data for the same users and seed)
        count("TigerSpeedProbe synthetic", TigerSpeedProbe.synthetic(2000, new Random(1)), TigerSpeedProbe.ITEMS);
        // 1b. Beauty: each line "user item item ..." in time order; training = all but the last two items
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("genrec.probe.tigerflops")));
        Dataset.Builder beauty = new Dataset.Builder("beauty", 200_000);
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            for (int k = 1; k < f.length; k++) beauty.item(f[k]);
        }
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            for (int k = 1; k < f.length - 2; k++) beauty.add(f[0], f[k], 1f, k);
        }
        Dataset bd = beauty.build();
        count("Beauty training sequences", bd, bd.numItems());
        // 2. single-thread matrix products (thread CPU time)
        var bean = ManagementFactory.getThreadMXBean();
        long[][] shapes = {{256 * 41, 64, 256}, {256 * 41, 256, 64}, {256 * 41, 64, 64}, {256 * 41, 128, 1024}, {256 * 41, 1024, 128}, {1024, 1024, 1024}};
        try (NDManager m = NDManager.newBaseManager()) {
            for (long[] s : shapes) {
                NDArray a = m.randomUniform(-1, 1, new Shape(s[0], s[1])), w = m.randomUniform(-1, 1, new Shape(s[1], s[2]));
                for (int i = 0; i < 3; i++) try (NDArray y = a.matMul(w)) { assertTrue(y.getShape().size() > 0); }
                int reps = 20;
                long c0 = bean.getCurrentThreadCpuTime();
                for (int i = 0; i < reps; i++) try (NDArray y = a.matMul(w)) { assertTrue(y.getShape().size() > 0); }
                double sec = (bean.getCurrentThreadCpuTime() - c0) / 1e9;
                System.out.printf(Locale.ROOT, "SGEMM [%d x %d] x [%d x %d]: %.1f GFLOP/s (thread CPU)%n", s[0], s[1], s[1], s[2],
                        2.0 * s[0] * s[1] * s[2] * reps / sec / 1e9);
            }
            // batched attention scores of the encoder at length 81: [256*4, 81, 16] x [256*4, 16, 81]
            NDArray q = m.randomUniform(-1, 1, new Shape(1024, 81, 16)), k = m.randomUniform(-1, 1, new Shape(1024, 16, 81));
            for (int i = 0; i < 3; i++) q.matMul(k).close();
            long c0 = bean.getCurrentThreadCpuTime();
            for (int i = 0; i < 20; i++) q.matMul(k).close();
            double sec = (bean.getCurrentThreadCpuTime() - c0) / 1e9;
            System.out.printf(Locale.ROOT, "SGEMM batched [1024 x 81 x 16] x [16 x 81]: %.1f GFLOP/s (thread CPU)%n", 2.0 * 1024 * 81 * 16 * 81 * 20 / sec / 1e9);
        }
    }
}
