package imitation.irl;

import imitation.data.Trajectory;
import imitation.policy.NetPolicy;
import imitation.rl.Reward;
import java.util.ArrayList;
import java.util.List;

/**
 * The entropy-regularised reward {@code r_t − α ℓ_t} of a stochastic policy π, with {@code ℓ_t} the log-likelihood
 * of the executed action ({@link ExecutedLikelihood}; {@code log π(a_t|s_t)} unless a Gaussian's draw was clipped to
 * a box): the reward under which the expected return is {@code E[Σ_t r_t] + α Σ_t H_t}, H the entropy of the
 * executed action. With a learned cost ({@code r_t = −c(s_{t+1})}) and
 * {@code α = 1} its optimum over trajectories is {@code q(τ) ∝ exp(−C(τ))} (deterministic dynamics): the
 * maximum-entropy distribution that guided cost learning's importance sampling needs for its proposal. A policy
 * trained on {@code −c} alone collapses towards a point, under which the demonstrations are vanishingly improbable
 * and the estimate of Z stops depending on the samples.
 *
 * <p>π is the policy that drew the trajectories (a snapshot). The score-function gradient stays unbiased with this
 * reward: {@code E[∇ℓ] = 0} under the executed action's own distribution.
 *
 * @param reward      the reward without entropy, e.g. a {@link StateCost}
 * @param policy      the sampling policy
 * @param temperature α, in the reward's units per nat ({@code ≥ 0}; 0 gives {@code reward} unchanged)
 */
public record SoftReward(Reward reward, NetPolicy policy, double temperature) implements Reward {

    public SoftReward {
        if (reward == null || policy == null) {
            throw new IllegalArgumentException("SoftReward: " + (reward == null ? "reward" : "policy")
                    + " is null; pass the reward without entropy and the policy that drew the trajectories");
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("SoftReward: temperature = " + temperature
                    + "; pass a finite α >= 0 (1 for a cost in nats, 0 for no entropy term)");
        }
    }

    @Override
    public double[] rewards(Trajectory trajectory) {
        return rewards(List.of(trajectory)).get(0);
    }

    /** All trajectories' {@code log π} in one batched pass of the policy. */
    @Override
    public List<double[]> rewards(List<Trajectory> trajectories) {
        List<double[]> base = reward.rewards(trajectories);
        if (temperature == 0) {
            return base;
        }
        double[] logP = ExecutedLikelihood.of(policy, trajectories);
        List<double[]> out = new ArrayList<>(trajectories.size());
        int k = 0;
        for (int j = 0; j < trajectories.size(); j++) {
            int len = trajectories.get(j).length();
            double[] r = base.get(j);
            if (r == null || r.length != len) {
                throw new IllegalArgumentException("SoftReward: the reward gave " + (r == null ? "no array" : r.length
                        + " values") + " for a trajectory of " + len + " steps; a Reward returns one value per step");
            }
            double[] soft = new double[len];
            for (int i = 0; i < len; i++) {
                soft[i] = r[i] - temperature * logP[k++];
            }
            out.add(soft);
        }
        return out;
    }
}
