package imitation.irl;

import imitation.env.TabularMdp;
import imitation.policy.TabularPolicy;

/**
 * Expected state visitation frequencies μ(s) = Σ_t γ^t P(s_t = s) of a policy, by the forward pass
 * D_{t+1}(s') = Σ_{s,a} D_t(s) π_t(a|s) P(s'|s,a) from a start distribution D_0. They sum to
 * Σ_{t&lt;T} γ^t (T when γ = 1), or to 1/(1−γ) without a horizon, and Σ_s μ(s) r(s) is the policy's
 * expected return under r. This is the E[μ] of MaxEnt IRL; {@link TabularDemonstrations#visitation}
 * gives the empirical μ_D.
 */
public final class Visitation {
    private Visitation() {}

    /** μ of {@code policy} from the MDP's initial distribution. */
    public static double[] expected(TabularMdp mdp, TabularPolicy policy) {
        if (mdp == null) {
            throw new IllegalArgumentException("Visitation.expected: mdp is null; pass the TabularMdp the policy acts in");
        }
        return expected(mdp, policy, mdp.initial());
    }

    /** μ of {@code policy} from the start distribution {@code start}. */
    public static double[] expected(TabularMdp mdp, TabularPolicy policy, double[] start) {
        if (mdp == null || policy == null) {
            throw new IllegalArgumentException("Visitation.expected: " + (mdp == null ? "mdp" : "policy") + " is null; "
                    + "pass a TabularMdp and a TabularPolicy planned on it (e.g. ValueIteration.soft(mdp, r).policy())");
        }
        if (policy.states() != mdp.states() || policy.actions() != mdp.actions()) {
            throw new IllegalArgumentException("policy has " + policy.states() + " states and " + policy.actions()
                    + " actions but the MDP has " + mdp.states() + " and " + mdp.actions() + "; plan on this MDP");
        }
        double[] start0 = mdp.withInitial(start).initial();
        Planner p = new Planner(mdp);
        double[] flat = new double[policy.steps() * mdp.states() * mdp.actions()];
        double[][][] table = policy.probabilities();
        for (int t = 0; t < table.length; t++) {
            for (int s = 0; s < mdp.states(); s++) {
                System.arraycopy(table[t][s], 0, flat, (t * mdp.states() + s) * mdp.actions(), mdp.actions());
            }
        }
        p.forward(start0, flat, policy.steps());
        return p.visitation.clone();
    }
}
