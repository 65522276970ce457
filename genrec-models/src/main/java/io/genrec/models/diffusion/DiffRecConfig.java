package io.genrec.models.diffusion;

import io.genrec.config.Params;
import io.genrec.models.training.NeuralArchive;
import io.genrec.models.training.TrainingConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hyperparameters of DiffRec (Wang et al., "Diffusion Recommender Model", SIGIR 2023). Defaults are the authors'
 * released ML-1M (clean) setting from their code's inference script: MLP denoiser dims [200,600] (input→600→200→600→
 * output), time embedding 10, x0 prediction, 40 steps, linear-var schedule with noise_scale 0.005, noise_min 0.005,
 * noise_max 0.01, sampling_steps 0, no sampling noise, SNR reweighting on, importance-sampled timesteps, input dropout
 * 0.5, Adam lr 1e-3, no weight decay, batch 400, up to 1000 epochs, validation every 5 epochs, stop after 20 epochs
 * (4 validations) without improvement. Deviation: model selection by validation NDCG@20 (the authors use Recall@20).
 *
 * <p>Inference is the authors' {@code p_sample} (their code, checked in {@code DiffRec/models/gaussian_diffusion.py}):
 * with sampling_steps = 0 the reverse process starts from the history itself (no noise is added), otherwise from
 * q(x_t | history) at t = sampling_steps-1; the reverse loop then always runs all T steps t = T-1..0 (independent of
 * sampling_steps), taking the posterior mean without sampling noise; with noise_scale = 0 each step is the denoiser's
 * output. {@code reverse_steps} is a GenRec extension (not in the authors' code): R &lt; T runs only t = R-1..0, i.e.
 * treats the start as x_R; the default 0 means R = T, the authors' process (on ML-1M fewer steps cost a little
 * accuracy: docs/results/diffrec-scoring-speed.md). Where the authors' code fails
 * (noise_scale = 0 with sampling_steps &gt; 0: no schedule to noise with), GenRec starts from the history.
 *
 * @param dims             denoiser hidden widths of the decoder half, as the authors' {@code --dims}
 * @param embSize          timestep embedding width
 * @param steps            diffusion steps T
 * @param noiseSchedule    {@code linear-var} (the paper's) or {@code linear}
 * @param samplingSteps    forward noising steps applied to the input at inference (0 = start from the history)
 * @param reverseSteps     reverse steps at inference, in [0, steps]; 0 = all {@code steps} (the authors' setting)
 * @param reweight         weight the x0 loss by SNR(t-1)-SNR(t) (the paper's reweighting)
 * @param importanceSampling sample timesteps by loss history (else uniformly)
 * @param dropout          input dropout of the denoiser
 */
public record DiffRecConfig(List<Integer> dims, int embSize, int steps, String noiseSchedule, double noiseScale,
                            double noiseMin, double noiseMax, int samplingSteps, int reverseSteps, boolean reweight,
                            boolean importanceSampling, double dropout, TrainingConfig training) {
    public DiffRecConfig {
        dims = List.copyOf(dims);
        if (dims.isEmpty()) throw new IllegalArgumentException("dims must not be empty");
        for (int d : dims) if (d < 1) throw new IllegalArgumentException("dims entries must be >= 1, got " + dims);
        if (embSize < 1) throw new IllegalArgumentException("emb_size must be >= 1, got " + embSize);
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        if (!noiseSchedule.equals("linear-var") && !noiseSchedule.equals("linear"))
            throw new IllegalArgumentException("noise_schedule must be linear-var or linear, got " + noiseSchedule);
        if (!(noiseScale >= 0)) throw new IllegalArgumentException("noise_scale must be >= 0, got " + noiseScale);
        if (!(noiseMin > 0 && noiseMin < noiseMax)) throw new IllegalArgumentException("noise_min must be > 0 and < noise_max (" + noiseMax + "), got " + noiseMin);
        if (noiseScale * noiseMax >= 1) throw new IllegalArgumentException("noise_scale * noise_max must be < 1, got " + noiseScale * noiseMax);
        if (reverseSteps < 0 || reverseSteps > steps) throw new IllegalArgumentException("reverse_steps must be in [0, steps=" + steps + "] (0 = all steps), got " + reverseSteps);
        int reverse = reverseSteps == 0 ? steps : reverseSteps;
        if (samplingSteps < 0 || samplingSteps > reverse) throw new IllegalArgumentException("sampling_steps must be in [0, " + reverse + "] (the reverse steps), got " + samplingSteps);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0,1), got " + dropout);
    }

    public static DiffRecConfig defaults() {
        return new DiffRecConfig(List.of(200, 600), 10, 40, "linear-var", 0.005, 0.005, 0.01, 0, 0, true, true, 0.5,
                new TrainingConfig(1000, 400, 1e-3, 0.0, 4, 5, 20, 0));
    }

    public static DiffRecConfig from(Params p, DiffRecConfig d) {
        return new DiffRecConfig(NeuralArchive.intList(p, "dims", d.dims), p.getInt("emb_size", d.embSize), p.getInt("steps", d.steps),
                p.getString("noise_schedule", d.noiseSchedule), p.getDouble("noise_scale", d.noiseScale),
                p.getDouble("noise_min", d.noiseMin), p.getDouble("noise_max", d.noiseMax), p.getInt("sampling_steps", d.samplingSteps),
                p.getInt("reverse_steps", d.reverseSteps),
                p.getBoolean("reweight", d.reweight), p.getBoolean("importance_sampling", d.importanceSampling),
                p.getDouble("dropout", d.dropout), TrainingConfig.from(p, d.training));
    }

    /** This config with {@code reverse_steps} replaced (inference only: the trained weights do not depend on it). */
    public DiffRecConfig withReverseSteps(int reverse) {
        return new DiffRecConfig(dims, embSize, steps, noiseSchedule, noiseScale, noiseMin, noiseMax, samplingSteps, reverse,
                reweight, importanceSampling, dropout, training);
    }

    /** The number of reverse steps run at inference: {@code reverse_steps}, or all {@code steps} when it is 0. */
    public int effectiveReverseSteps() { return reverseSteps == 0 ? steps : reverseSteps; }

    public Map<String, String> toParams() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dims", NeuralArchive.join(dims));
        m.put("emb_size", Integer.toString(embSize));
        m.put("steps", Integer.toString(steps));
        m.put("noise_schedule", noiseSchedule);
        m.put("noise_scale", Double.toString(noiseScale));
        m.put("noise_min", Double.toString(noiseMin));
        m.put("noise_max", Double.toString(noiseMax));
        m.put("sampling_steps", Integer.toString(samplingSteps));
        m.put("reverse_steps", Integer.toString(reverseSteps));
        m.put("reweight", Boolean.toString(reweight));
        m.put("importance_sampling", Boolean.toString(importanceSampling));
        m.put("dropout", Double.toString(dropout));
        m.putAll(NeuralArchive.toParams(training));
        return m;
    }
}
