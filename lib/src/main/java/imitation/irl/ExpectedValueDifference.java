package imitation.irl;

import imitation.env.TabularMdp;

/**
 * Expected value difference (Levine et al. 2011): how much true reward is lost by acting optimally
 * for a learned reward instead of the true one,
 * EVD = E_{p₀}[V^{π*}_r] − E_{p₀}[V^{π̂}_r], where π* is optimal for the true reward r and π̂ is
 * optimal for the learned reward. Both values are Σ_s μ_π(s) r(s) from the MDP's initial
 * distribution. EVD ≥ 0 (up to rounding) and is 0 when the learned reward induces optimal behaviour.
 *
 * <p>An instance keeps its planning buffers so repeated evaluations do not allocate; it is not
 * thread-safe.
 */
public final class ExpectedValueDifference {
    private final double[] trueReward;
    private final double[] start;
    private final Planner planner;
    private final double optimalValue;

    /** An evaluator for an MDP that carries its true reward. */
    public ExpectedValueDifference(TabularMdp mdp) {
        if (mdp == null) {
            throw new IllegalArgumentException("ExpectedValueDifference: mdp is null; pass an MDP with a true reward");
        }
        trueReward = mdp.reward();
        start = mdp.initial();
        planner = new Planner(mdp);
        planner.hard(trueReward);
        planner.forward(start);
        optimalValue = planner.expectedReturn(trueReward);
    }

    /** EVD of one learned reward on an MDP with a true reward. */
    public static double between(TabularMdp mdp, double[] learnedReward) {
        return new ExpectedValueDifference(mdp).of(learnedReward);
    }

    /** Expected true return of the optimal policy. */
    public double optimalValue() {
        return optimalValue;
    }

    /** True return of the policy that is optimal for {@code learnedReward}. */
    public double valueOf(double[] learnedReward) {
        planner.hard(learnedReward);
        planner.forward(start);
        return planner.expectedReturn(trueReward);
    }

    /** The EVD of {@code learnedReward}. */
    public double of(double[] learnedReward) {
        return optimalValue - valueOf(learnedReward);
    }
}
