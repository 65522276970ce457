package io.genrec.models.training;

import java.util.Set;

/**
 * One part of an epoch: {@code passes} shuffled passes over the training rows that update only {@code parameters},
 * with an Adam state of its own. Models trained by alternating updates (RecVAE: several encoder passes, then one
 * decoder pass) declare several phases; every other model has the single phase {@link #all}. Separate Adam states
 * per phase are what separate optimizers over parameter groups give in PyTorch (each with its own step count).
 *
 * @param name       shown in progress messages
 * @param passes     passes over the rows per epoch
 * @param parameters names of the parameters this phase trains; the others are inputs without gradients
 */
public record TrainingPhase(String name, int passes, Set<String> parameters) {
    public TrainingPhase {
        if (passes < 1) throw new IllegalArgumentException("phase '" + name + "' needs >= 1 passes, got " + passes);
        if (parameters.isEmpty()) throw new IllegalArgumentException("phase '" + name + "' trains no parameter");
        parameters = Set.copyOf(parameters);
    }

    /** One pass per epoch updating every parameter of {@code params}. */
    public static TrainingPhase all(ParameterSet params) {
        return new TrainingPhase("all", 1, Set.copyOf(params.names()));
    }
}
