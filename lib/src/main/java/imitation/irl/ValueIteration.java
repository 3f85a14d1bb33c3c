package imitation.irl;

import imitation.env.TabularMdp;

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

    /** Soft values and the MaxEnt policy. */
    public static Plan soft(TabularMdp mdp, double[] reward) {
        Planner p = new Planner(mdp);
        p.soft(reward);
        return Plan.of(p);
    }
}
