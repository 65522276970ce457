package io.genrec.models.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.genrec.eval.QuickValidation;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Interruption;
import io.genrec.model.ProgressListener;
import io.genrec.model.TrainContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The one training loop of every neural model: seeded shuffling into mini-batches, a forward/backward pass per batch
 * in the PyTorch engine, Adam on the host weights, progress (loss, examples/s, ETA) through the context's
 * {@link ProgressListener}, validation NDCG ({@link QuickValidation}) on the context's validation set, best-checkpoint
 * keeping and early stopping.
 *
 * <p>Per batch the weights are uploaded into a fresh sub-manager of one root manager, gradients are read back with
 * one copy per parameter, and the sub-manager is closed: nothing native outlives a step. The seed fixes the weights'
 * initialisation, the shuffling and the network's own randomness ({@link Batch#rng()}). PyTorch's intra-op thread
 * count is set to the context's {@code threads} (a process-wide setting of the engine).
 *
 * <p>An epoch runs the network's {@link TrainingPhase}s in order (one phase, one pass, all parameters unless the
 * network declares more), each pass reshuffled, each phase updating only its parameters with its own Adam state;
 * after each phase the network's {@link TrainableNetwork#afterPhase} hook sees the weights.
 *
 * <p>A stop request ({@link Interruption}, SIGINT/SIGTERM in the CLI) ends training at the next batch boundary with
 * {@link Interruption.StoppedException}, after the native managers are closed.
 */
public final class NeuralTrainer {
    private final TrainingConfig config;

    public NeuralTrainer(TrainingConfig config) { this.config = config; }

    /**
     * Trains {@code network}. {@code asModel} turns weights into a scorer for validation (called only when the
     * context has a validation set).
     */
    public TrainingResult train(TrainableNetwork network, TrainContext ctx, Function<ParameterSet, FittedRecommender> asModel) {
        Engine.getInstance(); // loads the native library before configuring it
        // An explicit -Dai.djl.pytorch.num_threads wins: one thread makes training bit-reproducible (the tests use it).
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) JniUtils.setNumThreads(ctx.threads());
        Random init = new Random(ctx.seed());
        ParameterSet params = network.initialParameters(init);
        List<TrainingPhase> phases = network.phases(params);
        List<AdamOptimizer> optimizers = new ArrayList<>();
        int passesPerEpoch = 0;
        for (TrainingPhase phase : phases) {
            for (String name : phase.parameters()) params.get(name); // fails naming an unknown parameter
            optimizers.add(new AdamOptimizer(config.learningRate(), config.weightDecay()));
            passesPerEpoch += phase.passes();
        }
        SplittableRandom rng = new SplittableRandom(ctx.seed() ^ 0x9E3779B97F4A7C15L);
        EarlyStopping stopping = new EarlyStopping(config.patience());
        ProgressListener listener = ctx.listener();
        List<EpochStats> log = new ArrayList<>();
        int n = network.numRows();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        long step = 0;
        ParameterSet best = null;
        int leftOver;
        long total = (long) config.epochs() * n * passesPerEpoch;
        long done = 0;
        long started = System.nanoTime();
        // The section tells a shutdown hook to wait until the root manager is closed (see Interruption); the stop
        // check sits between batches, where no native call is running and every array is owned by a manager.
        try (Interruption.NativeSection section = Interruption.enterNative(); NDManager root = NDManager.newBaseManager()) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long t0 = System.nanoTime();
                double lossSum = 0;
                int batches = 0;
                for (int ph = 0; ph < phases.size(); ph++) {
                    TrainingPhase phase = phases.get(ph);
                    String label = phases.size() == 1 ? "" : " " + phase.name();
                    for (int pass = 0; pass < phase.passes(); pass++) {
                        shuffle(order, rng);
                        for (int[] rows : network.batches(order, config.batchSize(), rng)) {
                            Interruption.check();
                            lossSum += step(network, params, phase, optimizers.get(ph), root, rows, rng, epoch, step++);
                            batches++;
                            done += rows.length;
                            double secs = (System.nanoTime() - started) / 1e9;
                            double rate = done / Math.max(secs, 1e-9);
                            // no ETA here: the listener computes the one ETA from done/total
                            listener.progress("train", done, total, String.format("epoch %d/%d%s loss %.4f, %.0f examples/s",
                                    epoch, config.epochs(), label, lossSum / batches, rate));
                        }
                    }
                    network.afterPhase(phase, params);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                double validation = Double.NaN;
                if (ctx.validation() != null && epoch % config.validateEvery() == 0) {
                    validation = QuickValidation.ndcg(asModel.apply(params), ctx.validation(), config.validationK(), config.validationUsers());
                    if (stopping.record(epoch, validation)) best = params.copy();
                }
                EpochStats stats = new EpochStats(epoch, lossSum / batches, seconds, (double) n * passesPerEpoch / seconds, validation, root.getManagedArrays().size());
                log.add(stats);
                listener.progress("epoch", epoch, config.epochs(), String.format("loss %.4f, %.1fs, %.0f examples/s%s",
                        stats.meanLoss(), seconds, stats.examplesPerSecond(),
                        Double.isNaN(validation) ? "" : String.format(", validation NDCG@%d %.4f (best %.4f at epoch %d)",
                                config.validationK(), validation, stopping.best(), stopping.bestEpoch())));
                if (stopping.shouldStop()) break;
            }
            leftOver = root.getManagedArrays().size();
        }
        if (best == null) return new TrainingResult(params, log.size(), Double.NaN, log, leftOver);
        return new TrainingResult(best, stopping.bestEpoch(), stopping.best(), log, leftOver);
    }

    /** One forward/backward/update of the phase's parameters; returns the batch loss. */
    private static double step(TrainableNetwork network, ParameterSet params, TrainingPhase phase, AdamOptimizer adam,
                               NDManager root, int[] rows, SplittableRandom rng, int epoch, long step) {
        Map<String, float[]> grads = new LinkedHashMap<>();
        double lossValue;
        try (NDManager bm = root.newSubManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            Map<String, NDArray> live = new LinkedHashMap<>();
            for (String name : params.names()) {
                int[] s = params.shape(name);
                long[] shape = new long[s.length];
                for (int i = 0; i < s.length; i++) shape[i] = s[i];
                NDArray a = OwnedArrays.floats(bm, params.get(name), shape);
                if (phase.parameters().contains(name)) a.setRequiresGradient(true);
                live.put(name, a);
            }
            NDArray loss = network.loss(new Batch(rows, bm, live, rng, epoch, step, phase));
            collector.backward(loss);
            lossValue = loss.getFloat();
            if (!Double.isFinite(lossValue))
                throw new IllegalStateException("loss became " + lossValue + " at epoch " + epoch + ", step " + step + " (lower the learning rate?)");
            for (var e : live.entrySet()) {
                if (!phase.parameters().contains(e.getKey())) continue;
                NDArray g = e.getValue().getGradient();
                grads.put(e.getKey(), g.toFloatArray());
                g.close();
            }
        }
        adam.step(params, grads);
        return lossValue;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
    }
}
