package io.genrec.models.sequential;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;

/**
 * How a sampled-loss sequence model draws its negatives: {@code negatives=uniform} ({@link UniformNegatives}, the
 * default) or {@code negatives=irgan} ({@link IrganNegatives}) with the generator's settings below (keys
 * {@code irgan_*}; they are rejected unless {@code negatives=irgan}, so a setting cannot be silently ignored).
 *
 * @param kind           {@code uniform} or {@code irgan}
 * @param dim            generator embedding width ({@code irgan_dim})
 * @param temperature    softmax temperature of {@code p_G} ({@code irgan_temperature}); lower = peakier negatives
 * @param mix            importance-sampling weight of the true next item in the generator's proposal ({@code irgan_mix})
 * @param lr             generator Adam learning rate ({@code irgan_lr})
 * @param warmup         epochs of uniform negatives before the generator's are used ({@code irgan_warmup})
 * @param generatorBatch positions per generator step, drawn from each batch ({@code irgan_batch})
 */
public record NegativeSamplingConfig(@Param(name = "negatives", choices = {NegativeSamplingConfig.UNIFORM, NegativeSamplingConfig.IRGAN}) String kind,
                                     @Param(name = "irgan_dim", min = 1, when = "negatives=irgan") int dim,
                                     @Param(name = "irgan_temperature", min = 0, minExclusive = true, when = "negatives=irgan") double temperature,
                                     @Param(name = "irgan_mix", min = 0, max = 1, maxExclusive = true, when = "negatives=irgan") double mix,
                                     @Param(name = "irgan_lr", min = 0, minExclusive = true, when = "negatives=irgan") double lr,
                                     @Param(name = "irgan_warmup", min = 0, when = "negatives=irgan") int warmup,
                                     @Param(name = "irgan_batch", min = 1, when = "negatives=irgan") int generatorBatch) {
    public static final String UNIFORM = "uniform", IRGAN = "irgan";

    public NegativeSamplingConfig {
        ConfigBinder.check(NegativeSamplingConfig.class, kind, dim, temperature, mix, lr, warmup, generatorBatch);
    }

    /** Uniform negatives (the generator settings are the {@code irgan} defaults, unused). */
    public static NegativeSamplingConfig uniform() { return new NegativeSamplingConfig(UNIFORM, 32, 1.0, 0.2, 0.01, 5, 256); }

    /** IRGAN negatives with the default generator settings. */
    public static NegativeSamplingConfig irgan() { return uniform().withKind(IRGAN); }

    public NegativeSamplingConfig withKind(String k) {
        return new NegativeSamplingConfig(k, dim, temperature, mix, lr, warmup, generatorBatch);
    }

    public boolean isIrgan() { return IRGAN.equals(kind); }

    /** The sampler for {@code batches}. */
    public NegativeSampler create(SequenceBatches batches) {
        return isIrgan() ? new IrganNegatives(batches, this) : new UniformNegatives(batches);
    }
}
