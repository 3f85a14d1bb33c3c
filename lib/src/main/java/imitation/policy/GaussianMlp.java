package imitation.policy;

import java.util.Arrays;

/**
 * A diagonal Gaussian over continuous actions, {@code π(a|s) = N(μ(s), diag(σ²))}: an {@link Mlp}
 * gives the mean and a learned vector {@code ρ = log σ} gives the spread, the same for every state.
 * Trained by negative log-likelihood, as behaviour cloning with a stochastic policy is.
 *
 * <p>Per sample, {@code −log π(a|s) = Σ_j [(a_j − μ_j)² / (2σ_j²) + ρ_j + ½ log 2π]}. The training
 * objective, as in the peer library's behaviour cloning (HumanCompatibleAI/imitation {@code bc.py}), is
 * the minibatch mean of that minus {@code entropyWeight} times the entropy
 * {@code H = Σ_j (ρ_j + ½ log 2πe)} (a small bonus that keeps σ from collapsing onto the data), plus
 * the network's own L2 penalty. Gradients: {@code ∂/∂μ_ij = (μ_ij − a_ij) / (n σ_j²)} (pushed through
 * the network with {@link Mlp#fitGradient}) and {@code ∂/∂ρ_j = mean_i[1 − (a_ij − μ_ij)²/σ_j²] − entropyWeight}
 * (an {@link Adam} step with the network's learning rate).
 *
 * <p>Why a state-independent σ: it is what the peer library's default policy uses, it cannot chase
 * individual samples (a state-dependent σ on a few hundred near-identical expert frames tends to shrink
 * towards zero and make the likelihood blow up), and at its optimum without the entropy bonus it is
 * exactly the root mean squared error of the mean per action dimension, which is easy to read.
 */
public final class GaussianMlp {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final Mlp mean;
    private final double[] logStd;
    private final double entropyWeight;
    private final Adam adam;

    /**
     * @param mean          the mean network (used, not copied: it must have a REGRESSION head)
     * @param initialLogStd starting value of every {@code ρ_j} (0 gives σ = 1, as the peer library)
     * @param entropyWeight weight of the entropy bonus, ≥ 0 (the peer library's default is 1e-3)
     */
    public GaussianMlp(Mlp mean, double initialLogStd, double entropyWeight) {
        if (mean == null || mean.head() != Mlp.Head.REGRESSION) {
            throw new IllegalArgumentException("GaussianMlp: the mean network must be an Mlp with a REGRESSION head, got "
                    + (mean == null ? "null" : mean.head()));
        }
        if (!Double.isFinite(initialLogStd)) {
            throw new IllegalArgumentException("GaussianMlp: initialLogStd = " + initialLogStd + " must be finite, e.g. 0 (sigma = 1)");
        }
        if (!(entropyWeight >= 0) || Double.isInfinite(entropyWeight)) {
            throw new IllegalArgumentException("GaussianMlp: entropyWeight = " + entropyWeight + " must be finite and >= 0, e.g. 1e-3");
        }
        this.mean = mean;
        this.logStd = new double[mean.outputs()];
        Arrays.fill(logStd, initialLogStd);
        this.entropyWeight = entropyWeight;
        this.adam = new Adam(logStd.length, mean.learningRate());
    }

    private GaussianMlp(GaussianMlp source) {
        this.mean = source.mean.copy();
        this.logStd = source.logStd.clone();
        this.entropyWeight = source.entropyWeight;
        this.adam = new Adam(logStd.length, mean.learningRate());
        this.adam.copyFrom(source.adam);
    }

    /**
     * One training step on the objective above for inputs {@code x} and actions {@code a}; returns the
     * mean negative log-likelihood of the minibatch before the step.
     */
    public double fit(double[][] x, double[][] a) {
        double[][] mu = mean.output(x);
        int n = x.length;
        int k = logStd.length;
        checkActions(a, n);
        double[][] dMu = new double[n][k];
        double[] dRho = new double[k];
        double nll = 0;
        for (int j = 0; j < k; j++) {
            double variance = Math.exp(2 * logStd[j]);
            double sumSquares = 0;
            for (int i = 0; i < n; i++) {
                double diff = mu[i][j] - a[i][j];
                sumSquares += diff * diff;
                dMu[i][j] = diff / (variance * n);
            }
            double meanSquare = sumSquares / (n * variance);
            nll += 0.5 * meanSquare + logStd[j] + HALF_LOG_2PI;
            dRho[j] = 1 - meanSquare - entropyWeight;
        }
        mean.fitGradient(x, dMu);
        adam.begin();
        for (int j = 0; j < k; j++) {
            logStd[j] = adam.update(j, logStd[j], dRho[j]);
        }
        return nll;
    }

    /** Mean negative log-likelihood {@code −(1/n) Σ_i log π(a_i | x_i)} (no entropy or L2 term): a validation loss. */
    public double loss(double[][] x, double[][] a) {
        double[][] mu = mean.output(x);
        checkActions(a, x.length);
        double nll = 0;
        for (int j = 0; j < logStd.length; j++) {
            double variance = Math.exp(2 * logStd[j]);
            double sumSquares = 0;
            for (int i = 0; i < x.length; i++) {
                double diff = mu[i][j] - a[i][j];
                sumSquares += diff * diff;
            }
            nll += 0.5 * sumSquares / (x.length * variance) + logStd[j] + HALF_LOG_2PI;
        }
        return nll;
    }

    /** Entropy {@code Σ_j (ρ_j + ½ log 2πe)} of the Gaussian (the same in every state). */
    public double entropy() {
        double h = 0;
        for (double rho : logStd) {
            h += rho + HALF_LOG_2PI + 0.5;
        }
        return h;
    }

    /** A copy of the mean network. */
    public Mlp mean() {
        return mean.copy();
    }

    /** The learned {@code log σ} per action dimension (a copy). */
    public double[] logStd() {
        return logStd.clone();
    }

    public double entropyWeight() {
        return entropyWeight;
    }

    /** An independent deep copy (network, log σ and optimiser state). */
    public GaussianMlp copy() {
        return new GaussianMlp(this);
    }

    private void checkActions(double[][] a, int n) {
        if (a == null || a.length != n) {
            throw new IllegalArgumentException("GaussianMlp: " + (a == null ? "no" : a.length) + " action rows for " + n
                    + " inputs; pass one action row per input row");
        }
        for (int i = 0; i < n; i++) {
            if (a[i] == null || a[i].length != logStd.length) {
                throw new IllegalArgumentException("GaussianMlp: action " + i + " has "
                        + (a[i] == null ? "no array" : a[i].length + " values") + " but the policy has " + logStd.length
                        + " action dimensions");
            }
            for (double v : a[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("GaussianMlp: action " + i + " holds " + v + "; actions must be finite");
                }
            }
        }
    }
}
