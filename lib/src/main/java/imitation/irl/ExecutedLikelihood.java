package imitation.irl;

import imitation.data.Trajectory;
import imitation.env.Space;
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

    private ExecutedLikelihood() {}

    /**
     * ℓ of every step of {@code trajectories}, in order, in one batched pass of the policy (on a box, the head's
     * {@link imitation.policy.Distribution#executedLogProb}).
     */
    public static double[] of(NetPolicy policy, List<Trajectory> trajectories) {
        Pairs steps = Pairs.of(trajectories, 1);
        if (steps.size() == 0) {
            return new double[0];
        }
        double[][] obs = steps.obs();
        double[][] act = steps.act();
        if (!(policy.actionSpace() instanceof Space.Box box)) {
            return policy.logProb(obs, act);
        }
        for (int i = 0; i < act.length; i++) {
            if (act[i].length != box.size()) {
                throw new IllegalArgumentException("executed likelihood: step " + i + " has an action of " + act[i].length
                        + " values but the policy's actions have " + box.size() + "; pass trajectories of the policy's environment");
            }
        }
        return policy.distribution(obs).executedLogProb(act, box);
    }
}
