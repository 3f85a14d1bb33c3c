package imitation.irl;

import imitation.policy.TabularPolicy;

/**
 * What value iteration returns for one reward: the state values V_0(s) at the start of an episode
 * (or the stationary V(s) without a horizon) and the policy, time-dependent for a finite horizon.
 *
 * @param values V(s), one per state
 * @param policy the optimal (hard) or MaxEnt (soft) policy
 */
public record Plan(double[] values, TabularPolicy policy) {
    public Plan {
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    static Plan of(Planner planner) {
        return new Plan(planner.values,
                TabularPolicy.ofFlat(planner.steps, planner.states, planner.actions, planner.policy));
    }
}
