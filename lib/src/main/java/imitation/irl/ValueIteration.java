package imitation.irl;

import imitation.env.TabularMdp;
import imitation.policy.TabularPolicy;

/**
 * Value iteration on a {@link TabularMdp} for a state reward r(s), in two flavours.
 *
 * <p>{@link #optimal}: the hard Bellman backup V(s) = r(s) + max_a γ E[V(s')], whose greedy policy is
 * optimal. {@link #soft}: the soft backup V(s) = log Σ_a exp(r(s) + γ E[V(s')]) of maximum
 * (causal) entropy RL (Ziebart et al. 2008, 2010), whose policy π(a|s) = exp(Q(s,a) − V(s)) is the
 * MaxEnt model of an expert under reward r. With a finite horizon both run T backward steps and give a
 * time-dependent policy; without one they iterate to a fixed point (tolerance 1e-10).
 */
public final class ValueIteration {
    private ValueIteration() {}

    /** Optimal values and a deterministic optimal policy (ties to the lowest action index). */
    public static Plan optimal(TabularMdp mdp, double[] reward) {
        Planner p = new Planner(mdp);
        p.hard(reward);
        return Plan.of(p);
    }

    /**
     * Threads that planning uses per call, the caller included: the system property
     * {@code -Dimitation.threads=N} when set, otherwise the number of available processors. Each time
     * step's loop over states is split across them; results are identical for every thread count.
     */
    public static int threads() {
        return Workers.shared().threads();
    }

    /**
     * Optimal Q-values of the infinite-horizon problem discounted by {@code discount} on {@code mdp}'s
     * dynamics, for state reward r(s): the fixed point of Q(s,a) = r(s) + γ Σ_s' P(s'|s,a) max_a' Q(s',a'),
     * as {@code q[s][a]}. The MDP's own horizon and discount are not used, so an episodic task can be given
     * the scores of its discounted, stationary counterpart (as the teachers of policy distillation are).
     * {@link #greedy} turns them into a policy.
     *
     * @param discount γ in (0, 1)
     */
    public static double[][] qValues(TabularMdp mdp, double[] reward, double discount) {
        if (!(discount > 0 && discount < 1)) {
            throw new IllegalArgumentException("discount = " + discount + " has no fixed point without a horizon;"
                    + " pass a discount in (0, 1), e.g. 0.95");
        }
        Planner p = new Planner(mdp, discount);
        p.hard(reward);
        return p.qValues(reward);
    }

    /**
     * The stationary policy that takes, in each state s, the action with the highest {@code q[s][a]} (ties to
     * the lowest action index): a {@link TabularPolicy} for observations {@code {state, time}} or {@code {state}}.
     */
    public static TabularPolicy greedy(double[][] q) {
        if (q == null || q.length == 0) {
            throw new IllegalArgumentException("q is " + (q == null ? "null" : "empty")
                    + "; pass one row of action scores per state, e.g. from ValueIteration.qValues");
        }
        double[][] pi = new double[q.length][];
        for (int s = 0; s < q.length; s++) {
            if (q[s] == null || q[s].length != q[0].length || q[s].length == 0) {
                throw new IllegalArgumentException("q[" + s + "] has " + (q[s] == null ? "no row" : q[s].length + " actions")
                        + " but q[0] has " + q[0].length + "; give every state the same number of actions (at least one)");
            }
            int best = 0;
            for (int a = 0; a < q[s].length; a++) {
                if (Double.isNaN(q[s][a])) {
                    throw new IllegalArgumentException("q[" + s + "][" + a + "] is NaN; greedy needs comparable scores");
                }
                if (q[s][a] > q[s][best]) {
                    best = a;
                }
            }
            pi[s] = new double[q[s].length];
            pi[s][best] = 1;
        }
        return TabularPolicy.stationary(pi);
    }

    /** Soft values and the MaxEnt policy. */
    public static Plan soft(TabularMdp mdp, double[] reward) {
        Planner p = new Planner(mdp);
        p.soft(reward);
        return Plan.of(p);
    }
}
