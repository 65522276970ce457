package io.genrec.models.training;

import io.genrec.config.Params;

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
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, double weightDecay, int patience,
                             int validateEvery, int validationK, int validationUsers) {
    public TrainingConfig {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        if (patience < 0) throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        if (validateEvery < 1) throw new IllegalArgumentException("validateEvery must be >= 1, got " + validateEvery);
        if (validationK < 1) throw new IllegalArgumentException("validationK must be >= 1, got " + validationK);
        if (validationUsers < 0) throw new IllegalArgumentException("validationUsers must be >= 0, got " + validationUsers);
    }

    /** Reads the loop's keys ({@code epochs, batch_size, lr, weight_decay, patience, validate_every, validation_k, validation_users}) over {@code def}. */
    public static TrainingConfig from(Params p, TrainingConfig def) {
        return new TrainingConfig(p.getInt("epochs", def.epochs), p.getInt("batch_size", def.batchSize),
                p.getDouble("lr", def.learningRate), p.getDouble("weight_decay", def.weightDecay),
                p.getInt("patience", def.patience), p.getInt("validate_every", def.validateEvery),
                p.getInt("validation_k", def.validationK), p.getInt("validation_users", def.validationUsers));
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(e, batchSize, learningRate, weightDecay, patience, validateEvery, validationK, validationUsers);
    }
}
