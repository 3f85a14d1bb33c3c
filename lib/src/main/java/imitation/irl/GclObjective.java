package imitation.irl;

/**
 * The sample-based maximum-entropy IOC objective of guided cost learning, in the form of Finn, Christiano,
 * Abbeel and Levine (2016), and the discriminator it equals. Inputs are per trajectory: the learned cost
 * {@code C(τ) = Σ_t c_θ(s_t)} and the log-density {@code log q(τ)} of the current policy (with deterministic
 * dynamics and a common start distribution, {@code Σ_t log π(a_t|s_t)} up to a constant shared by all).
 *
 * <p>MaxEnt IOC models demonstrations as {@code p(τ) = exp(−C(τ)) / Z}. Its loss is
 * <pre>
 * L_IOC = mean_demos C(τ) + log Z,     Z ≈ Σ_j α_j exp(−C(τ_j)) / μ̃(τ_j)     (importance sampling)
 * </pre>
 * over the demonstrations and the policy's samples together, drawn from the mixture {@code μ = ½ demos + ½ q}
 * ({@code α_j = 1/(2N)} for each of N demonstrations, {@code 1/(2M)} for each of M samples). The density of the
 * demonstrations is unknown, so μ̃ uses the model's own {@code p̃ = exp(−C)/Z} for it:
 * {@code μ̃ = ½ exp(−C)/Z + ½ q}. Z appears on both sides; its value is the fixed point, found in log space by
 * bisection. The importance weights are then bounded by 2Z. With a separate density model p̂ of the
 * demonstrations (Finn, Levine and Abbeel 2016), {@code μ = ½ p̂ + ½ q} instead, and no fixed point is needed.
 *
 * <p>The discriminator {@code D(τ) = (exp(−C)/Z) / (exp(−C)/Z + q)} (probability that τ is a demonstration)
 * with the cross-entropy {@code L_D = −mean_demos log D − mean_samples log(1 − D)} has, at that same Z, a zero
 * derivative in log Z and the same derivative in every cost as L_IOC (with the sampling density μ̃ held fixed,
 * as importance sampling does): GCL is a GAN whose discriminator has this special form.
 */
public final class GclObjective {
    private static final int BISECTION_STEPS = 200;

    private GclObjective() {}

    /**
     * The IOC loss and its gradient.
     *
     * @param loss           {@code mean_demos C + log Ẑ}
     * @param partition      the importance-sampled estimate of Z (demonstrations first, then samples), with its
     *                       effective sample size and normalised weights
     * @param logDensity     {@code log μ̃(τ_j)}, the sampling density used for each trajectory (demonstrations first)
     * @param demoGradient   {@code ∂L/∂C(τ)} for each demonstration: {@code 1/N − w̃_j}
     * @param sampleGradient {@code ∂L/∂C(τ)} for each sample: {@code −w̃_j}
     */
    public record Ioc(double loss, PartitionEstimate partition, double[] logDensity, double[] demoGradient,
            double[] sampleGradient) {
        public double logZ() {
            return partition.logZ();
        }
    }

    /**
     * The discriminator's loss and its gradient at a given log Z.
     *
     * @param loss           {@code −mean_demos log D − mean_samples log(1 − D)}
     * @param demoD          D for each demonstration
     * @param sampleD        D for each sample
     * @param demoGradient   {@code ∂L_D/∂C(τ)} for each demonstration: {@code (1 − D)/N}
     * @param sampleGradient {@code ∂L_D/∂C(τ)} for each sample: {@code −D/M}
     * @param logZGradient   {@code ∂L_D/∂log Z}: {@code mean_demos(1 − D) − mean_samples D}
     */
    public record Adversarial(double loss, double[] demoD, double[] sampleD, double[] demoGradient, double[] sampleGradient,
            double logZGradient) {}

    /**
     * The IOC loss at the self-consistent Z, with its gradient in each trajectory's cost: the mixture form below with
     * the model's own density for the demonstrations, {@code log p̂(τ) = −C(τ) − log Z}.
     */
    public static Ioc ioc(double[] demoCost, double[] demoLogQ, double[] sampleCost, double[] sampleLogQ) {
        check(demoCost, demoLogQ, sampleCost, sampleLogQ);
        double logZ = selfConsistentLogZ(demoCost, demoLogQ, sampleCost, sampleLogQ);
        double[] demoLogP = new double[demoCost.length];
        double[] sampleLogP = new double[sampleCost.length];
        for (int j = 0; j < demoLogP.length; j++) {
            demoLogP[j] = -demoCost[j] - logZ;
        }
        for (int j = 0; j < sampleLogP.length; j++) {
            sampleLogP[j] = -sampleCost[j] - logZ;
        }
        return ioc(demoCost, demoLogQ, demoLogP, sampleCost, sampleLogQ, sampleLogP);
    }

    /**
     * The IOC loss with an explicit density estimate of the demonstrations: every trajectory, demonstration or
     * sample, is weighted against the mixture it was drawn from, {@code μ(τ) = ½ p̂(τ) + ½ q(τ)}, with
     * {@code log p̂(τ)} given per trajectory (e.g. {@code Σ_t log π_BC(a_t|s_t)} of a Gaussian behaviour-cloning fit
     * to the demonstrations), as in Finn, Levine and Abbeel (2016). Unlike {@link #ioc(double[], double[], double[],
     * double[])} no fixed point is needed: {@code Ẑ = Σ_j α_j exp(−C_j) / μ_j} directly, and a demonstration the
     * policy cannot produce no longer takes all of Ẑ (its weight is bounded by {@code 2 exp(−C)/p̂}, not {@code 2Z}).
     */
    public static Ioc ioc(double[] demoCost, double[] demoLogQ, double[] demoLogP, double[] sampleCost, double[] sampleLogQ,
            double[] sampleLogP) {
        check(demoCost, demoLogQ, sampleCost, sampleLogQ);
        if (demoLogP == null || demoLogP.length != demoCost.length || sampleLogP == null || sampleLogP.length != sampleCost.length) {
            throw new IllegalArgumentException("GCL objective: pass one log p̂ (demonstration density) per trajectory: "
                    + demoCost.length + " demonstrations with " + (demoLogP == null ? "null" : demoLogP.length) + " log p̂, "
                    + sampleCost.length + " samples with " + (sampleLogP == null ? "null" : sampleLogP.length));
        }
        finite("demoLogP", demoLogP);
        finite("sampleLogP", sampleLogP);
        int n = demoCost.length;
        int m = sampleCost.length;
        double[] logF = new double[n + m];
        double[] logMu = new double[n + m];
        double[] logAlpha = new double[n + m];
        double demoMean = 0;
        for (int j = 0; j < n + m; j++) {
            boolean demo = j < n;
            double c = demo ? demoCost[j] : sampleCost[j - n];
            logF[j] = -c;
            logMu[j] = logAddExp(demo ? demoLogP[j] : sampleLogP[j - n], demo ? demoLogQ[j] : sampleLogQ[j - n]) - Math.log(2);
            logAlpha[j] = -Math.log(2.0 * (demo ? n : m));
            if (demo) {
                demoMean += c / n;
            }
        }
        PartitionEstimate z = PartitionEstimate.of(logF, logMu, logAlpha);
        double[] w = z.weights();
        double[] dDemo = new double[n];
        double[] dSample = new double[m];
        for (int j = 0; j < n; j++) {
            dDemo[j] = 1.0 / n - w[j];
        }
        for (int j = 0; j < m; j++) {
            dSample[j] = -w[n + j];
        }
        return new Ioc(demoMean + z.logZ(), z, logMu, dDemo, dSample);
    }

    /** The discriminator {@code D = σ(−C − log Z − log q)}, its cross-entropy and gradients at {@code logZ}. */
    public static Adversarial discriminator(double[] demoCost, double[] demoLogQ, double[] sampleCost, double[] sampleLogQ,
            double logZ) {
        check(demoCost, demoLogQ, sampleCost, sampleLogQ);
        if (!Double.isFinite(logZ)) {
            throw new IllegalArgumentException("discriminator: logZ = " + logZ + " must be finite; pass the IOC fixed point ioc(...).logZ()");
        }
        int n = demoCost.length;
        int m = sampleCost.length;
        double[] dDemo = new double[n];
        double[] dSample = new double[m];
        double[] pDemo = new double[n];
        double[] pSample = new double[m];
        double loss = 0;
        double dLogZ = 0;
        for (int j = 0; j < n; j++) {
            double l = -demoCost[j] - logZ - demoLogQ[j];
            pDemo[j] = Discriminator.sigmoid(l);
            loss += Discriminator.softplus(-l) / n;
            dDemo[j] = (1 - pDemo[j]) / n;
            dLogZ += (1 - pDemo[j]) / n;
        }
        for (int j = 0; j < m; j++) {
            double l = -sampleCost[j] - logZ - sampleLogQ[j];
            pSample[j] = Discriminator.sigmoid(l);
            loss += Discriminator.softplus(l) / m;
            dSample[j] = -pSample[j] / m;
            dLogZ -= pSample[j] / m;
        }
        return new Adversarial(loss, pDemo, pSample, dDemo, dSample, dLogZ);
    }

    /**
     * The per-step form of the discriminator (Finn, Christiano, Abbeel and Levine 2016, the form adversarial IRL
     * trains): each transition of a demonstration or a sample is classified on its own,
     * <pre>
     * D(s_t, a_t, s_{t+1}) = exp(−c(s_{t+1})) / (exp(−c(s_{t+1})) + π(a_t|s_t)),   loss −mean_demo steps log D − mean_sample steps log(1 − D)
     * </pre>
     * with {@code π(a_t|s_t)} the sampler's density of the executed step (log given as {@code ℓ}). The per-step
     * normaliser is a constant the cost's bias absorbs, so no Z is estimated. Where the trajectory form weighs a
     * trajectory by a product of T per-step ratios, this weighs each step by one: the estimate no longer rests on
     * the few trajectories whose products happen to dominate. The gradient in each step's cost is {@code (1 − D)/N}
     * on a demonstration step and {@code −D/M} on a sample step (N, M: the numbers of steps); its
     * {@code logZGradient} is the derivative in a common shift of every step's logit.
     */
    public static Adversarial perStep(double[] demoCost, double[] demoLogPi, double[] sampleCost, double[] sampleLogPi) {
        return discriminator(demoCost, demoLogPi, sampleCost, sampleLogPi, 0);
    }

    /**
     * The Z with {@code Z = Σ α_j exp(−C_j) / μ̃_j}, equivalently {@code ½ mean_demos D + ½ mean_samples D = ½}:
     * the left side falls monotonically in log Z from 1 to 0, so bisection finds it.
     */
    static double selfConsistentLogZ(double[] demoCost, double[] demoLogQ, double[] sampleCost, double[] sampleLogQ) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < demoCost.length; j++) {
            lo = Math.min(lo, -demoCost[j] - demoLogQ[j]);
            hi = Math.max(hi, -demoCost[j] - demoLogQ[j]);
        }
        for (int j = 0; j < sampleCost.length; j++) {
            lo = Math.min(lo, -sampleCost[j] - sampleLogQ[j]);
            hi = Math.max(hi, -sampleCost[j] - sampleLogQ[j]);
        }
        lo -= 50;
        hi += 50;
        for (int k = 0; k < BISECTION_STEPS && hi - lo > 1e-12 * Math.max(1, Math.abs(lo)); k++) {
            double mid = 0.5 * (lo + hi);
            if (meanD(demoCost, demoLogQ, mid) + meanD(sampleCost, sampleLogQ, mid) > 1) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static double meanD(double[] cost, double[] logQ, double logZ) {
        double s = 0;
        for (int j = 0; j < cost.length; j++) {
            s += Discriminator.sigmoid(-cost[j] - logZ - logQ[j]) / cost.length;
        }
        return s;
    }

    static double logAddExp(double a, double b) {
        double max = Math.max(a, b);
        return max + Math.log1p(Math.exp(Math.min(a, b) - max));
    }

    private static void check(double[] demoCost, double[] demoLogQ, double[] sampleCost, double[] sampleLogQ) {
        if (demoCost == null || demoCost.length == 0) {
            throw new IllegalArgumentException("GCL objective: demoCost is " + (demoCost == null ? "null" : "empty")
                    + "; the objective needs at least one demonstration");
        }
        if (sampleCost == null || sampleCost.length == 0) {
            throw new IllegalArgumentException("GCL objective: sampleCost is " + (sampleCost == null ? "null" : "empty")
                    + "; the objective needs at least one trajectory of the policy");
        }
        if (demoLogQ == null || demoLogQ.length != demoCost.length || sampleLogQ == null || sampleLogQ.length != sampleCost.length) {
            throw new IllegalArgumentException("GCL objective: pass one log q per trajectory: " + demoCost.length
                    + " demonstrations with " + (demoLogQ == null ? "null" : demoLogQ.length) + " log q, "
                    + sampleCost.length + " samples with " + (sampleLogQ == null ? "null" : sampleLogQ.length));
        }
        finite("demoCost", demoCost);
        finite("demoLogQ", demoLogQ);
        finite("sampleCost", sampleCost);
        finite("sampleLogQ", sampleLogQ);
    }

    private static void finite(String name, double[] v) {
        for (int j = 0; j < v.length; j++) {
            if (!Double.isFinite(v[j])) {
                throw new IllegalArgumentException("GCL objective: " + name + "[" + j + "] = " + v[j]
                        + " is not finite; a diverged cost network gives NaN (lower costLearningRate), and a policy"
                        + " that cannot produce an action gives log q = −∞");
            }
        }
    }
}
