package io.genrec.models.sequential;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.GradientCollector;
import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.UserContext;
import io.genrec.models.training.EpochStats;
import io.genrec.models.training.NativeMemoryChurn;
import io.genrec.models.training.NeuralTrainer;
import io.genrec.models.training.TrainingConfig;
import io.genrec.models.training.TrainingResult;

import java.util.Arrays;

/**
 * The measurements behind docs/results/sasrec-same-seed.md (issue 4).
 * <ul>
 * <li>{@code repeat N DROPOUT PRESSURE}: N same-seed SASRec fits (the contract test's model and data, 25 epochs) in
 * one JVM; counts the fits whose scores for the first five users differ from the first fit's, and fits that died with
 * a non-finite loss. With {@code PRESSURE=true} a daemon thread allocates garbage all the time, so collections often
 * fall between a step's forward and backward pass.</li>
 * <li>{@code speed}: SASRec training throughput (optimizer steps per second per epoch) on synthetic sequences, 2,000
 * users over 300 items, hidden 64, 2 blocks, max length 50, batch 128, dropout 0.2, 5 epochs.</li>
 * <li>{@code masks N}: reseeds the engine and draws a dropout mask over 5,120 ones N times; counts masks that differ
 * from the first (the engine's seeded generator on its own).</li>
 * <li>{@code scalar N}: N times {@code y = sum(x.mul(3f))} with DJL's number overload, a collection plus reuse of
 * freed native memory, then backward; prints every gradient that is not 3 (the bug {@link
 * io.genrec.models.training.TorchScalar} avoids).</li>
 * </ul>
 */
public final class SasRecSameSeedBenchmark {
    private static volatile Object sink;

    public static void main(String[] args) {
        if (args.length >= 1 && args[0].equals("speed")) speed();
        else if (args.length == 2 && args[0].equals("masks")) masks(Integer.parseInt(args[1]));
        else if (args.length == 2 && args[0].equals("scalar")) scalar(Integer.parseInt(args[1]));
        else if (args.length == 4 && args[0].equals("repeat"))
            repeat(Integer.parseInt(args[1]), Double.parseDouble(args[2]), Boolean.parseBoolean(args[3]));
        else throw new IllegalArgumentException("usage: SasRecSameSeedBenchmark repeat N DROPOUT PRESSURE | speed | masks N | scalar N");
    }

    private static void repeat(int n, double dropout, boolean pressure) {
        Thread churn = new Thread(() -> {
            while (true) {
                byte[][] junk = new byte[64][];
                for (int k = 0; k < junk.length; k++) junk[k] = new byte[1 << 16];
                sink = junk;
            }
        }, "garbage");
        churn.setDaemon(true);
        if (pressure) churn.start();
        Dataset d = SequenceTestData.cyclic(80, 24, 4, 14, 3);
        SasRecConfig c = new SasRecConfig(16, 2, 2, 10, dropout, "bce", new TrainingConfig(25, 32, 5e-3, 0, 0, 1, 10, 0), "random");
        float[] first = null;
        int differing = 0, failed = 0;
        for (int i = 0; i < n; i++) {
            float[] s;
            try {
                FittedRecommender m = new SasRec(c).fit(SequenceTestData.ctx(d, 11));
                s = new float[5 * m.numItems()];
                float[] one = new float[m.numItems()];
                for (int u = 0; u < 5; u++) {
                    m.scoreAll(UserContext.of(d, u), one);
                    System.arraycopy(one, 0, s, u * one.length, one.length);
                }
            } catch (IllegalStateException e) {
                failed++;
                System.out.println("fit " + i + ": " + e.getMessage());
                continue;
            }
            if (first == null) first = s;
            else if (!Arrays.equals(first, s)) differing++;
        }
        System.out.printf("repeat: %d fits, dropout %.2f, GC pressure %s: %d differ from the first, %d failed%n",
                n, dropout, pressure, differing, failed);
    }

    private static void speed() {
        Dataset d = SequenceTestData.cyclic(2000, 300, 20, 60, 9);
        SasRecConfig c = new SasRecConfig(64, 2, 1, 50, 0.2, "bce", new TrainingConfig(5, 128, 1e-3, 0, 0, 1, 10, 0), "random");
        SasRecNetwork net = new SasRecNetwork(new SequenceBatches(d, c.maxLen()), c);
        TrainingResult r = new NeuralTrainer(c.training()).train(net, SequenceTestData.ctx(d, 1), w -> null);
        int steps = (net.numRows() + c.training().batchSize() - 1) / c.training().batchSize();
        for (EpochStats e : r.epochs())
            System.out.printf("speed: epoch %d, %d steps, %.3f s, %.2f steps/s%n", e.epoch(), steps, e.seconds(), steps / e.seconds());
    }

    private static void masks(int n) {
        float[] ones = new float[5120];
        Arrays.fill(ones, 1f);
        float[] first = null;
        int differing = 0;
        try (NDManager root = NDManager.newBaseManager()) {
            for (int i = 0; i < n; i++) {
                try (NDManager m = root.newSubManager()) {
                    Engine.getInstance().setRandomSeed(12345);
                    float[] mask = Dropout.dropout(m.create(ones, new Shape(ones.length)), 0.1f, true).get(0).toFloatArray();
                    if (first == null) first = mask;
                    else if (!Arrays.equals(first, mask)) differing++;
                }
            }
        }
        System.out.printf("masks: %d seeded dropout masks, %d differ from the first%n", n, differing);
    }

    private static void scalar(int n) {
        int wrong = 0;
        try (NDManager root = NDManager.newBaseManager()) {
            for (int i = 0; i < n; i++) {
                try (NDManager m = root.newSubManager(); GradientCollector c = Engine.getInstance().newGradientCollector()) {
                    NDArray x = m.create(new float[] {1f, 2f, 3f, 4f}, new Shape(4));
                    x.setRequiresGradient(true);
                    NDArray y = x.mul(3f).sum();
                    NativeMemoryChurn.collectAndReuse();
                    c.backward(y);
                    float g = x.getGradient().toFloatArray()[0];
                    if (g != 3f) {
                        wrong++;
                        System.out.println("scalar: round " + i + ", gradient of 3x is " + g);
                    }
                }
            }
        }
        System.out.printf("scalar: %d rounds, %d wrong gradients%n", n, wrong);
    }
}
