package io.genrec.models.sequential;

import io.genrec.config.Params;

import java.util.LinkedHashMap;
import java.util.Map;

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
public record NegativeSamplingConfig(String kind, int dim, double temperature, double mix, double lr, int warmup,
                                     int generatorBatch) {
    public static final String UNIFORM = "uniform", IRGAN = "irgan";
    private static final String[] IRGAN_KEYS = {"irgan_dim", "irgan_temperature", "irgan_mix", "irgan_lr", "irgan_warmup", "irgan_batch"};

    public NegativeSamplingConfig {
        if (!UNIFORM.equals(kind) && !IRGAN.equals(kind))
            throw new IllegalArgumentException("negatives must be 'uniform' or 'irgan', got '" + kind + "'");
        if (dim < 1) throw new IllegalArgumentException("irgan_dim must be >= 1, got " + dim);
        if (!(temperature > 0)) throw new IllegalArgumentException("irgan_temperature must be > 0, got " + temperature);
        if (!(mix >= 0 && mix < 1)) throw new IllegalArgumentException("irgan_mix must be in [0,1), got " + mix);
        if (!(lr > 0)) throw new IllegalArgumentException("irgan_lr must be > 0, got " + lr);
        if (warmup < 0) throw new IllegalArgumentException("irgan_warmup must be >= 0, got " + warmup);
        if (generatorBatch < 1) throw new IllegalArgumentException("irgan_batch must be >= 1, got " + generatorBatch);
    }

    /** Uniform negatives (the generator settings are the {@code irgan} defaults, unused). */
    public static NegativeSamplingConfig uniform() { return new NegativeSamplingConfig(UNIFORM, 32, 1.0, 0.2, 0.01, 5, 256); }

    /** IRGAN negatives with the default generator settings. */
    public static NegativeSamplingConfig irgan() { return uniform().withKind(IRGAN); }

    public NegativeSamplingConfig withKind(String k) {
        return new NegativeSamplingConfig(k, dim, temperature, mix, lr, warmup, generatorBatch);
    }

    public boolean isIrgan() { return IRGAN.equals(kind); }

    /** Keys {@code negatives} and {@code irgan_*} over {@code def}. */
    public static NegativeSamplingConfig from(Params p, NegativeSamplingConfig def) {
        String kind = p.getString("negatives", def.kind).trim().toLowerCase();
        if (!IRGAN.equals(kind))
            for (String key : IRGAN_KEYS)
                if (p.has(key)) throw new IllegalArgumentException(p.source() + ": parameter '" + key + "' needs negatives=irgan (negatives=" + kind + ")");
        return new NegativeSamplingConfig(kind, p.getInt("irgan_dim", def.dim), p.getDouble("irgan_temperature", def.temperature),
                p.getDouble("irgan_mix", def.mix), p.getDouble("irgan_lr", def.lr), p.getInt("irgan_warmup", def.warmup),
                p.getInt("irgan_batch", def.generatorBatch));
    }

    /** The sampler for {@code batches}. */
    public NegativeSampler create(SequenceBatches batches) {
        return isIrgan() ? new IrganNegatives(batches, this) : new UniformNegatives(batches);
    }

    /** {@code negatives}, plus the generator's keys when it is {@code irgan}. */
    public Map<String, String> toParams() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("negatives", kind);
        if (isIrgan()) {
            m.put("irgan_dim", Integer.toString(dim));
            m.put("irgan_temperature", Double.toString(temperature));
            m.put("irgan_mix", Double.toString(mix));
            m.put("irgan_lr", Double.toString(lr));
            m.put("irgan_warmup", Integer.toString(warmup));
            m.put("irgan_batch", Integer.toString(generatorBatch));
        }
        return m;
    }
}
