package io.genrec.models.training;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;

/**
 * The shared loop's settings, embedded in every neural model's config.
 *
 * @param epochs          maximum number of passes over the training rows
 * @param batchSize       rows per mini-batch
 * @param learningRate    Adam step size
 * @param weightDecay     L2 coefficient added to the gradient ({@code g += wd * w}, PyTorch Adam semantics)
 * @param patience        stop after this many validations without improvement (0 = never stop early)
 * @param validateEvery   validate every this many epochs (when the context has a validation set)
 * @param validationK     cut-off of the validation NDCG
 * @param validationUsers at most this many (evenly strided) validation users, 0 = all
 * @param lrSchedule      {@code constant}, or {@code inverse_sqrt}: linear warm-up to {@code lr} over
 *                        {@code warmupSteps} updates, then {@code lr * sqrt(warmupSteps / step)} (the Transformer /
 *                        T5 schedule TIGER trains with)
 * @param warmupSteps     warm-up updates of {@code inverse_sqrt}
 */
public record TrainingConfig(@Param(min = 1, doc = "maximum passes over the training rows") int epochs,
                             @Param(min = 1, doc = "rows per mini-batch") int batchSize,
                             @Param(name = "lr", min = 0, minExclusive = true, doc = "Adam step size") double learningRate,
                             @Param(min = 0, doc = "L2 coefficient added to the gradient") double weightDecay,
                             @Param(min = 0, doc = "validations without improvement before stopping (0 = never)") int patience,
                             @Param(min = 1, doc = "validate every this many epochs") int validateEvery,
                             @Param(min = 1, doc = "cut-off of the validation NDCG") int validationK,
                             @Param(min = 0, doc = "at most this many validation users (0 = all)") int validationUsers,
                             @Param(choices = {"constant", "inverse_sqrt"}, doc = "learning-rate schedule: constant, or linear warm-up then 1/sqrt(step) decay") String lrSchedule,
                             @Param(min = 1, when = "lr_schedule=inverse_sqrt", doc = "warm-up updates of the inverse_sqrt schedule") int warmupSteps) {
    public TrainingConfig {
        ConfigBinder.check(TrainingConfig.class, epochs, batchSize, learningRate, weightDecay, patience, validateEvery,
                validationK, validationUsers, lrSchedule, warmupSteps);
    }

    /** A constant learning rate (every model's default). */
    public TrainingConfig(int epochs, int batchSize, double learningRate, double weightDecay, int patience, int validateEvery,
                          int validationK, int validationUsers) {
        this(epochs, batchSize, learningRate, weightDecay, patience, validateEvery, validationK, validationUsers, "constant", 1000);
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(e, batchSize, learningRate, weightDecay, patience, validateEvery, validationK, validationUsers,
                lrSchedule, warmupSteps);
    }

    /** The learning rate of update {@code step} (1 = the first). */
    public double learningRateAt(long step) {
        if (!"inverse_sqrt".equals(lrSchedule)) return learningRate;
        if (step < warmupSteps) return learningRate * step / warmupSteps;
        return learningRate * Math.sqrt((double) warmupSteps / step);
    }
}
