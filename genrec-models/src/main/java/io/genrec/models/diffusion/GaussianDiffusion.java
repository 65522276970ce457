package io.genrec.models.diffusion;

/**
 * The Gaussian diffusion schedule of DiffRec (Wang et al. 2023, Sec. 3; Ho et al. 2020): betas from the
 * linear or linear-variance schedule (variance of x_t grows linearly from noise_scale*noise_min to
 * noise_scale*noise_max), beta_1 fixed to 1e-5 as in the authors' DiffRec code (not in their L-DiffRec code: see
 * {@code betaFixed}), and the derived alpha-bar, posterior
 * coefficients and signal-to-noise ratios. Pure arithmetic in double precision; immutable.
 */
public final class GaussianDiffusion {
    private final int steps;
    private final double noiseScale;
    private final double[] alphaBar;
    private final double[] coef1;
    private final double[] coef2;

    public GaussianDiffusion(String schedule, double noiseScale, double noiseMin, double noiseMax, int steps) {
        this(schedule, noiseScale, noiseMin, noiseMax, steps, true);
    }

    /** As above; {@code betaFixed} replaces beta_1 by 1e-5 (the authors' DiffRec code does, their L-DiffRec code does not). */
    public GaussianDiffusion(String schedule, double noiseScale, double noiseMin, double noiseMax, int steps, boolean betaFixed) {
        this.steps = steps;
        this.noiseScale = noiseScale;
        alphaBar = new double[steps];
        coef1 = new double[steps];
        coef2 = new double[steps];
        if (noiseScale == 0) return;
        double[] betas = betas(schedule, noiseScale * noiseMin, noiseScale * noiseMax, steps);
        if (betaFixed) betas[0] = 1e-5;
        double prod = 1;
        for (int t = 0; t < steps; t++) {
            prod *= 1 - betas[t];
            alphaBar[t] = prod;
        }
        for (int t = 0; t < steps; t++) {
            double prev = t == 0 ? 1 : alphaBar[t - 1];
            coef1[t] = betas[t] * Math.sqrt(prev) / (1 - alphaBar[t]);
            coef2[t] = (1 - prev) * Math.sqrt(1 - betas[t]) / (1 - alphaBar[t]);
        }
    }

    static double[] betas(String schedule, double start, double end, int steps) {
        double[] lin = new double[steps];
        for (int t = 0; t < steps; t++) lin[t] = steps == 1 ? start : start + (end - start) * t / (steps - 1);
        if (schedule.equals("linear")) return lin;
        double[] b = new double[steps];
        b[0] = lin[0];
        for (int t = 1; t < steps; t++) b[t] = Math.min(1 - (1 - lin[t]) / (1 - lin[t - 1]), 0.999);
        return b;
    }

    public int steps() { return steps; }

    /** True when noise_scale is 0: no noising, the denoiser is applied repeatedly. */
    public boolean noiseless() { return noiseScale == 0; }

    public double alphaBar(int t) { return alphaBar[t]; }

    /** sqrt(alpha-bar_t): the signal weight of q(x_t | x_0). */
    public double signal(int t) { return Math.sqrt(alphaBar[t]); }

    /** sqrt(1 - alpha-bar_t): the noise weight of q(x_t | x_0). */
    public double noise(int t) { return Math.sqrt(1 - alphaBar[t]); }

    /** Posterior mean coefficient of the predicted x_0 in q(x_{t-1} | x_t, x_0). */
    public double posteriorCoefX0(int t) { return coef1[t]; }

    /** Posterior mean coefficient of x_t in q(x_{t-1} | x_t, x_0). */
    public double posteriorCoefXt(int t) { return coef2[t]; }

    public double snr(int t) { return alphaBar[t] / (1 - alphaBar[t]); }

    /** The x0-loss weight of step t with reweighting: SNR(t-1) - SNR(t), and 1 at t = 0. */
    public double lossWeight(int t) { return t == 0 ? 1 : snr(t - 1) - snr(t); }
}
