package io.genrec.models.semanticid;

import io.genrec.data.Dataset;
import io.genrec.model.ProgressListener;
import io.genrec.model.TrainContext;
import io.genrec.models.training.NeuralTrainer;
import io.genrec.models.training.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Speed probe (not a regular test: runs only with {@code -Dgenrec.probe.tigerusers=USERS}): trains the Beauty TIGER
 * configuration of docs/results/tiger.md (dim 64, 2+2 layers, 4 heads, ff 256, dropout 0.1, 3x256 codes + 4th token,
 * batch 256, seed 42) for one epoch on synthetic data of Beauty's shapes (12,101 items, USERS users with 5-13 items),
 * (other sizes with {@code -Dgenrec.probe.tigersize=DIM,LAYERS,HEADS,FF}), and times 200 top-20 generations from a 20-item history. Prints wall and this thread's CPU time (one PyTorch
 * thread: the work runs on the calling thread, so CPU time is less sensitive to other processes than wall time) and
 * the epoch's mean loss (the same for two builds that train the same thing).
 */
class TigerSpeedProbe {
    /** Beauty's catalogue size. */
    static final int ITEMS = 12_101;

    /** {@code users} users of 5-13 uniformly random items each, drawn from {@code r} (which the caller keeps using). */
    static Dataset synthetic(int users, Random r) {
        Dataset.Builder b = new Dataset.Builder("probe", users * 10);
        for (int i = 0; i < ITEMS; i++) b.item("i" + i);
        for (int u = 0; u < users; u++) {
            int len = 5 + r.nextInt(9);
            for (int k = 0; k < len; k++) b.add("u" + u, "i" + r.nextInt(ITEMS), 1f, k);
        }
        return b.build();
    }

    @Test
    @EnabledIfSystemProperty(named = "genrec.probe.tigerusers", matches = "\\d+")
    void probe() {
        int users = Integer.getInteger("genrec.probe.tigerusers"), items = ITEMS;
        Random r = new Random(1);
        Dataset d = synthetic(users, r);
        int[][] codes = new int[items][3];
        for (int[] c : codes) for (int l = 0; l < 3; l++) c[l] = r.nextInt(256);
        // -Dgenrec.probe.tigersize=DIM,LAYERS,HEADS,FF overrides the model size (default 64,2,4,256)
        int[] size = Arrays.stream(System.getProperty("genrec.probe.tigersize", "64,2,4,256").split(",")).mapToInt(Integer::parseInt).toArray();
        TigerConfig c = new TigerConfig(size[0], size[1], size[2], size[3], 0.1, 20, "rqkmeans", 3, 256, 20, 2000, "",
                new TrainingConfig(1, 256, 0.002, 0, 0, 1, 10, 300));
        TigerNetwork net = new TigerNetwork(c, Tiger.ids(SemanticIds.of(codes, 256)), d);
        var bean = ManagementFactory.getThreadMXBean();
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        long w0 = System.nanoTime(), c0 = bean.getCurrentThreadCpuTime();
        var result = new NeuralTrainer(c.training()).train(net, new TrainContext(d, null, 42, 1, ProgressListener.NONE), w -> null);
        double wall = (System.nanoTime() - w0) / 1e9, cpu = (bean.getCurrentThreadCpuTime() - c0) / 1e9;
        var tok = ItemTokenizers.fit("rqkmeans", new float[][] {{0f}, {1f}}, 1, 2, 1); // only stored, never used to decode
        var fitted = new Tiger.Fitted(null, c, result.weights(), tok, codes);
        int[] hist = new int[20];
        for (int i = 0; i < hist.length; i++) hist[i] = r.nextInt(items);
        for (int i = 0; i < 20; i++) fitted.generate(0, hist, 20);
        long[] gw = new long[200], gc = new long[200];
        for (int i = 0; i < gw.length; i++) {
            long a = System.nanoTime(), e = bean.getCurrentThreadCpuTime();
            fitted.generate(i, hist, 20);
            gw[i] = System.nanoTime() - a;
            gc[i] = bean.getCurrentThreadCpuTime() - e;
        }
        Arrays.sort(gw);
        Arrays.sort(gc);
        System.out.printf(Locale.ROOT, "PROBE rows %d, epoch wall %.1f s (%.0f rows/s), thread CPU %.1f s (%.0f rows/CPU-s), mean loss %.6f; "
                        + "generate beam 20: wall p50 %.2f ms p99 %.2f ms, CPU p50 %.2f ms p99 %.2f ms%n",
                net.numRows(), wall, net.numRows() / wall, cpu, net.numRows() / cpu, result.epochs().get(0).meanLoss(),
                gw[100] / 1e6, gw[197] / 1e6, gc[100] / 1e6, gc[197] / 1e6);
        assertTrue(Double.isFinite(result.epochs().get(0).meanLoss()));
    }
}
