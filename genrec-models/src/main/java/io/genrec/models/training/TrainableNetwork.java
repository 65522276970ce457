package io.genrec.models.training;

import ai.djl.ndarray.NDArray;

import java.util.List;
import java.util.Random;

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
}
