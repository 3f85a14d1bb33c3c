package imitation.irl;

import imitation.data.Trajectory;
import imitation.env.Space;
import imitation.policy.Head;
import imitation.policy.NetPolicy;
import java.util.List;

/**
 * The log-likelihood of the action the environment <em>executed</em>, per step, under a stochastic policy: what the
 * density of a trajectory of states depends on. A Gaussian policy on a box draws {@code a ~ N(μ, σ²)} per dimension
 * and the environment executes {@code clip(a, low, high)}, so the executed value has a density inside the box and a
 * mass at each bound:
 * <pre>
 * ℓ_j = log N(a_j; μ_j, σ_j)           low_j &lt; a_j &lt; high_j
 *     = log Φ((low_j − μ_j) / σ_j)      a_j ≤ low_j        (every draw below the bound executes the bound)
 *     = log Φ((μ_j − high_j) / σ_j)     a_j ≥ high_j
 * </pre>
 * summed over dimensions. Unlike {@code log π(a)} of the drawn value, {@code −ℓ} is bounded above on average: a
 * policy whose mean sits far outside the box executes the bound with probability 1 and earns no entropy from σ,
 * however large. For any other head or a discrete action space the executed action is the drawn one, and ℓ is
 * {@code log π(a|s)}.
 */
public final class ExecutedLikelihood {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private ExecutedLikelihood() {}

    /** ℓ of every step of {@code trajectories}, in order, in one batched pass of the policy. */
    public static double[] of(NetPolicy policy, List<Trajectory> trajectories) {
        int n = 0;
        for (Trajectory t : trajectories) {
            n += t.length();
        }
        if (n == 0) {
            return new double[0];
        }
        double[][] obs = new double[n][];
        double[][] act = new double[n][];
        int k = 0;
        for (Trajectory t : trajectories) {
            double[][] o = t.observations();
            double[][] a = t.actions();
            for (int i = 0; i < t.length(); i++) {
                obs[k] = o[i];
                act[k++] = a[i];
            }
        }
        Space space = policy.actionSpace();
        if (!(space instanceof Space.Box box) || !policy.head().equals(Head.gaussian(space.size()))) {
            return policy.logProb(obs, act);
        }
        double[][] raw = policy.outputs(obs);
        double[] low = box.low();
        double[] high = box.high();
        int d = space.size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            if (act[i].length != d) {
                throw new IllegalArgumentException("executed likelihood: step " + i + " has an action of " + act[i].length
                        + " values but the policy's actions have " + d + "; pass trajectories of the policy's environment");
            }
            double s = 0;
            for (int j = 0; j < d; j++) {
                double mu = raw[i][j];
                double rho = raw[i][d + j];
                double sigma = Math.exp(rho);
                double a = act[i][j];
                if (a <= low[j]) {
                    s += logNormalCdf((low[j] - mu) / sigma);
                } else if (a >= high[j]) {
                    s += logNormalCdf((mu - high[j]) / sigma);
                } else {
                    double z = (a - mu) / sigma;
                    s += -0.5 * z * z - rho - HALF_LOG_2PI;
                }
            }
            out[i] = s;
        }
        return out;
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
}
