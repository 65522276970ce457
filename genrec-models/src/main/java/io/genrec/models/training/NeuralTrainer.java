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
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The one training loop of every neural model: seeded shuffling into mini-batches, a forward/backward pass per batch
 * in the PyTorch engine, Adam on native weights ({@link NativeAdam}), progress (loss, examples/s, ETA) through the context's
 * {@link ProgressListener}, the learning rate of {@link TrainingConfig#learningRateAt} per update, validation NDCG
 * ({@link QuickValidation}) on the context's validation set (scored by libtorch when the network
 * {@link TrainableNetwork#scoresNatively can}), best-checkpoint
 * keeping and early stopping.
 *
 * <p>The weights and Adam moments live in one root manager for the whole fit ({@link NativeWeights}); per batch only
 * the input is uploaded, into a fresh sub-manager that is closed after the update: nothing else native outlives a
 * step. The host {@link ParameterSet} is refreshed after every phase (for the hook, validation and the result). The seed fixes the weights'
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
        List<NativeAdam> optimizers = new ArrayList<>();
        Set<String> trainable = new HashSet<>();
        int passesPerEpoch = 0;
        for (TrainingPhase phase : phases) {
            for (String name : phase.parameters()) params.get(name); // fails naming an unknown parameter
            trainable.addAll(phase.parameters());
            optimizers.add(new NativeAdam(config.weightDecay()));
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
            NativeWeights weights = new NativeWeights(root, params, trainable);
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
                            lossSum += step(network, weights, phase, optimizers.get(ph), root, rows, rng, epoch, step,
                                    config.learningRateAt(step + 1));
                            step++;
                            batches++;
                            done += rows.length;
                            double secs = (System.nanoTime() - started) / 1e9;
                            double rate = done / Math.max(secs, 1e-9);
                            // no ETA here: the listener computes the one ETA from done/total
                            listener.progress("train", done, total, String.format("epoch %d/%d%s loss %.4f, %.0f examples/s",
                                    epoch, config.epochs(), label, lossSum / batches, rate));
                        }
                    }
                    weights.download(params); // the hook, validation and the result read the host copy
                    network.afterPhase(phase, params);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                double validation = Double.NaN, validationSeconds = 0;
                if (ctx.validation() != null && epoch % config.validateEvery() == 0) {
                    FittedRecommender model = asModel.apply(params);
                    int threads = ctx.threads();
                    if (network.scoresNatively()) { // one evaluator thread: libtorch's threads run the products
                        model = new NativeScoredModel(model, network, weights, root);
                        threads = 1;
                    }
                    long v0 = System.nanoTime();
                    validation = QuickValidation.ndcg(model, ctx.validation(), config.validationK(), config.validationUsers(), threads);
                    validationSeconds = (System.nanoTime() - v0) / 1e9;
                    if (stopping.record(epoch, validation)) best = params.copy();
                }
                EpochStats stats = new EpochStats(epoch, lossSum / batches, seconds, (double) n * passesPerEpoch / seconds, validation, validationSeconds,
                        transientArrays(root, weights, optimizers));
                log.add(stats);
                listener.progress("epoch", epoch, config.epochs(), String.format("loss %.4f, %.1fs, %.0f examples/s%s",
                        stats.meanLoss(), seconds, stats.examplesPerSecond(),
                        Double.isNaN(validation) ? "" : String.format(", validation NDCG@%d %.4f in %.1fs (best %.4f at epoch %d)",
                                config.validationK(), validation, validationSeconds, stopping.best(), stopping.bestEpoch())));
                if (stopping.shouldStop()) break;
            }
            leftOver = transientArrays(root, weights, optimizers);
        }
        if (best == null) return new TrainingResult(params, log.size(), Double.NaN, log, leftOver);
        return new TrainingResult(best, stopping.bestEpoch(), stopping.best(), log, leftOver);
    }

    /** Native arrays in the root beyond the fit's weights and optimizer moments (0 unless a step leaked one). */
    private static int transientArrays(NDManager root, NativeWeights weights, List<NativeAdam> optimizers) {
        int kept = weights.size();
        for (NativeAdam a : optimizers) kept += a.arrays();
        return root.getManagedArrays().size() - kept;
    }

    /** One forward/backward/update of the phase's parameters; returns the batch loss. */
    private static double step(TrainableNetwork network, NativeWeights weights, TrainingPhase phase, NativeAdam adam,
                               NDManager root, int[] rows, SplittableRandom rng, int epoch, long step, double lr) {
        double lossValue;
        try (NDManager bm = root.newSubManager()) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = network.loss(new Batch(rows, bm, weights.forBatch(bm, phase), rng, epoch, step, phase));
                collector.backward(loss);
                lossValue = loss.getFloat();
            }
            if (!Double.isFinite(lossValue))
                throw new IllegalStateException("loss became " + lossValue + " at epoch " + epoch + ", step " + step + " (lower the learning rate?)");
            adam.step(weights, phase.parameters(), root, bm, lr);
            weights.zeroGradients();
        }
        return lossValue;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
    }
}
