package imitation.policy;

import imitation.env.Space;
import imitation.nn.Batch;
import java.util.random.RandomGenerator;

/**
 * The action distributions {@code π(·|s_i)} for a batch of observations, as given by a {@link Head}. Actions
 * are rows as in {@link imitation.env.Space}: a discrete action is a one-element row holding its index.
 */
public interface Distribution {

    /** Number of observations (rows). */
    int size();

    /** The most likely action of each row (the mean for a Gaussian). */
    double[][] mode();

    /** One action per row drawn from the distribution. */
    double[][] sample(RandomGenerator rng);

    /** {@code log π(a_i|s_i)} for each row. */
    double[] logProb(double[][] actions);

    /**
     * {@code log π(a|s_i)} for every action {@code a} of a discrete head ({@code [n][actions]}); heads over
     * continuous actions have no such table and throw.
     */
    default double[][] logProbabilities() {
        throw new UnsupportedOperationException("logProbabilities: this head's actions are continuous;"
                + " use logProb(actions) for given actions");
    }

    /** The entropy of each row's distribution (0 for a deterministic head). */
    double[] entropy();

    /**
     * {@code KL(π_i ‖ other_i)} for each row, where {@code other} comes from the same head over the same
     * observations (e.g. the policy before and after a step). Heads without a density throw.
     */
    default double[] kl(Distribution other) {
        throw new UnsupportedOperationException("kl: this head has no density; use a categorical or Gaussian head");
    }

    /**
     * The Fisher metric of each row's distribution with respect to its raw outputs, applied to {@code v}
     * ({@code [n][rawSize]}): {@code M_i v_i} with {@code M_i = ∂²KL(π_i ‖ π(raw′))/∂raw′²} at
     * {@code raw′ = raw_i}. With the network's Jacobian {@code J}, {@code Jᵀ M J} is the Fisher matrix of the
     * parameters that a natural-gradient (TRPO) step needs. Heads without a density throw.
     */
    default double[][] fisherProduct(double[][] v) {
        throw new UnsupportedOperationException("fisherProduct: this head has no density; use a categorical or Gaussian head");
    }

    /**
     * {@code log} of the likelihood of the action an environment with actions in {@code box} <em>executed</em>, for
     * each row: the drawn action clipped to the box. By default the drawn action's {@code log π(a|s)}; a Gaussian head
     * overrides it with the density inside the box and the mass {@code Φ} of each bound at the bound (every draw
     * beyond a bound executes the bound). {@code actions} are the executed (clipped) or drawn values.
     */
    default double[] executedLogProb(double[][] actions, Space.Box box) {
        return logProb(actions);
    }

    /**
     * {@code log Φ(z)} of the standard normal, finite far into both tails: {@code Φ(z) = ½ erfc(−z/√2)} with erfc
     * from a Chebyshev fit in log form (relative error below 1.2e-7; Press et al., Numerical Recipes, §6.2).
     */
    static double logNormalCdf(double z) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("logNormalCdf: z is NaN; a policy with a NaN mean or log σ has diverged");
        }
        double x = -z / Math.sqrt(2);
        if (x >= 0) {
            return logErfc(x) - Math.log(2);
        }
        return Math.log1p(-0.5 * Math.exp(logErfc(-x)));
    }

    /** {@code log erfc(x)} for {@code x ≥ 0}. */
    private static double logErfc(double x) {
        double t = 1 / (1 + 0.5 * x);
        double poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        return Math.log(t) - x * x + poly;
    }

    /** {@code log Σ_j exp(v_j)} without overflow ({@code −∞} when every value is {@code −∞}). */
    static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (double x : v) {
            s += Math.exp(x - max);
        }
        return max + Math.log(s);
    }

    /** Checks the argument of {@link #fisherProduct}: {@code [size()][rawSize]} finite values. */
    static void checkFisherArgument(Distribution d, double[][] v, int rawSize) {
        if (v == null || v.length != d.size()) {
            throw new IllegalArgumentException("v has " + (v == null ? "no array" : v.length + " rows") + " but there are "
                    + d.size() + " observations; pass one row of raw-output directions per observation");
        }
        for (int i = 0; i < v.length; i++) {
            if (v[i] == null || v[i].length != rawSize) {
                throw new IllegalArgumentException("v[" + i + "] has " + (v[i] == null ? "no array" : v[i].length + " values")
                        + " but this head has " + rawSize + " raw outputs per observation");
            }
        }
    }

    /** Checks the argument of {@link #kl}: a distribution of the same class over as many rows. */
    static void checkKlArgument(Distribution d, Distribution other) {
        if (other == null || other.getClass() != d.getClass() || other.size() != d.size()) {
            throw new IllegalArgumentException("kl: other is " + (other == null ? "null" : other.getClass().getSimpleName()
                    + " over " + other.size() + " rows") + "; pass a distribution of the same head over the same "
                    + d.size() + " observations");
        }
    }

    /**
     * The loss {@code L = −Σ_i w_i log π(a_i|s_i) − c·Σ_i H(π(·|s_i))} and its gradient with respect to the
     * raw outputs, written into {@code dRaw} ({@code [n, rawSize]}). Behaviour cloning passes
     * {@code w_i = 1/n}; a policy-gradient step passes advantages. Returns {@code L}.
     */
    double lossGradient(double[][] actions, double[] weights, double entropyWeight, Batch dRaw);

    /** Checks the arguments of {@link #lossGradient} the same way for every head. */
    static void checkLossArguments(Distribution d, double[][] actions, double[] weights, double entropyWeight,
            Batch dRaw, int rawSize, int actionSize) {
        int n = d.size();
        if (actions == null || actions.length != n) {
            throw new IllegalArgumentException("actions has " + (actions == null ? "no array" : actions.length + " rows")
                    + " but there are " + n + " observations; pass one action row per observation");
        }
        if (weights == null || weights.length != n) {
            throw new IllegalArgumentException("weights has " + (weights == null ? "no array" : weights.length + " entries")
                    + " but there are " + n + " observations; pass one weight per observation (1/n for a mean)");
        }
        if (!Double.isFinite(entropyWeight)) {
            throw new IllegalArgumentException("entropyWeight = " + entropyWeight + "; pass a finite weight (0 for none)");
        }
        if (dRaw == null || dRaw.rows() != n || dRaw.cols() != rawSize) {
            throw new IllegalArgumentException("dRaw is " + (dRaw == null ? "null" : dRaw.rows() + " × " + dRaw.cols())
                    + " but must be " + n + " × " + rawSize + " (one row of raw outputs per observation)");
        }
        for (int i = 0; i < n; i++) {
            if (actions[i] == null || actions[i].length != actionSize) {
                throw new IllegalArgumentException("actions[" + i + "] has " + (actions[i] == null ? "no array"
                        : actions[i].length + " values") + " but this head's actions have " + actionSize);
            }
            for (int j = 0; j < actionSize; j++) {
                if (!Double.isFinite(actions[i][j])) {
                    throw new IllegalArgumentException("actions[" + i + "][" + j + "] = " + actions[i][j]
                            + "; actions must be finite: repair or drop that row");
                }
            }
            if (!Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("weights[" + i + "] = " + weights[i] + "; weights must be finite");
            }
        }
    }
}
