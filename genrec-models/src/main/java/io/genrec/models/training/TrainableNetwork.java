package io.genrec.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * What a model gives the shared {@link NeuralTrainer}: its initial weights, the number of training rows (users for
 * autoencoders and diffusion, items for I-AutoRec, sequences for sequence models) and the differentiable loss of one
 * mini-batch. The network builds its own input from the rows ({@link CsrRows} helps for multi-hot input) and draws
 * all randomness (dropout masks, noise, timesteps) from {@link Batch#rng()}, so a seed fixes the whole run.
 * One instance serves one fit and may keep state across batches (e.g. DiffRec's loss history).
 */
public interface TrainableNetwork {
    /** Fresh weights drawn from {@code rng}. */
    ParameterSet initialParameters(Random rng);

    /** Number of training rows; batches are drawn from {@code 0..numRows()-1}. */
    int numRows();

    /** The scalar (mean) loss of the batch, built from {@link Batch#param} arrays so gradients flow to them. */
    NDArray loss(Batch batch);

    /**
     * The phases of every epoch, run in this order ({@link Batch#phase()} tells the loss which one it serves).
     * Default: one pass updating every parameter.
     */
    default List<TrainingPhase> phases(ParameterSet params) { return List.of(TrainingPhase.all(params)); }

    /** Called after each phase with the updated weights (RecVAE refreshes its prior's copy of the encoder here). */
    default void afterPhase(TrainingPhase phase, ParameterSet params) { }

    /**
     * One epoch's mini-batches, given every row once in a fresh seeded random order. The default cuts
     * {@code shuffled} into consecutive batches of {@code batchSize} and draws nothing from {@code rng}. A network
     * whose cost grows with a per-row size may group similar rows instead (sequence models group windows of similar
     * length so padding can be cut); every row must appear exactly once, and the plan may depend only on
     * {@code shuffled} and {@code rng} so that a seed still fixes the run.
     */
    default List<int[]> batches(int[] shuffled, int batchSize, SplittableRandom rng) {
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < shuffled.length; from += batchSize)
            out.add(Arrays.copyOfRange(shuffled, from, Math.min(shuffled.length, from + batchSize)));
        return out;
    }

    /**
     * Whether {@link #validationScores} is implemented; then the trainer's per-epoch validation scores users with
     * libtorch on the fit's own weights instead of building the Java model's forward pass.
     */
    default boolean scoresNatively() { return false; }

    /**
     * Scores {@code [histories.length, items]} of users given by their distinct history items, from {@code weights}
     * (constants: no gradients) in {@code manager}; the same function as the fitted model's Java forward pass up to
     * float rounding (no dropout or noise). Why: on Mult-VAE the Java pass made each validation cost as much as an
     * epoch of training, while libtorch's matrix products run ~1.5x faster on weights that are already native.
     */
    default NDArray validationScores(NDManager manager, Map<String, NDArray> weights, int[][] histories) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no native validation scores");
    }
}
