package imitation.irl;

import imitation.env.TabularMdp;
import imitation.policy.Policy;
import java.util.SplittableRandom;

/**
 * Demonstrations on a tabular MDP: for each episode the states s₀..s_{T−1} and the actions
 * a₀..a_{T−1} taken in them (one action per visited state, so both rows have the same length).
 *
 * @param states  states[i][t], the state of demonstration i at step t
 * @param actions actions[i][t], the action taken there
 */
public record TabularDemonstrations(int[][] states, int[][] actions) {
    public TabularDemonstrations {
        if (states == null || actions == null || states.length != actions.length || states.length == 0) {
            throw new IllegalArgumentException("demonstrations: need as many state rows as action rows, at least one; got "
                    + (states == null ? "null" : states.length) + " and " + (actions == null ? "null" : actions.length));
        }
        int[][] s = new int[states.length][];
        int[][] a = new int[actions.length][];
        for (int i = 0; i < states.length; i++) {
            if (states[i] == null || actions[i] == null || states[i].length != actions[i].length || states[i].length == 0) {
                throw new IllegalArgumentException("demonstration " + i + ": needs one action per state and at least one "
                        + "step; got " + (states[i] == null ? "null" : states[i].length) + " states and "
                        + (actions[i] == null ? "null" : actions[i].length) + " actions");
            }
            s[i] = states[i].clone();
            a[i] = actions[i].clone();
        }
        states = s;
        actions = a;
    }

    /**
     * Samples {@code count} episodes of {@code mdp.horizon()} steps, starting from the MDP's initial
     * distribution, with actions drawn by {@link Policy#sample} on observations {state, time}.
     */
    public static TabularDemonstrations sample(TabularMdp mdp, Policy policy, int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("count = " + count + " demonstrations; ask for at least 1");
        }
        if (mdp == null || policy == null) {
            throw new IllegalArgumentException("sample: " + (mdp == null ? "mdp" : "policy") + " is null; pass an MDP "
                    + "and the expert policy acting in it (e.g. ValueIteration.optimal(mdp, mdp.reward()).policy())");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int horizon = mdp.horizon();
        int[][] s = new int[count][horizon];
        int[][] a = new int[count][horizon];
        double[][] obs = new double[1][2];
        for (int i = 0; i < count; i++) {
            int state = mdp.sampleInitial(rng);
            for (int t = 0; t < horizon; t++) {
                obs[0][0] = state;
                obs[0][1] = t;
                int action = (int) policy.sample(obs, rng)[0][0];
                s[i][t] = state;
                a[i][t] = action;
                state = mdp.sampleNext(state, action, rng);
            }
        }
        return new TabularDemonstrations(s, a);
    }

    /** Number of demonstrations. */
    public int count() {
        return states.length;
    }

    @Override
    public int[][] states() {
        return deepCopy(states);
    }

    @Override
    public int[][] actions() {
        return deepCopy(actions);
    }

    /** The first {@code n} demonstrations. */
    public TabularDemonstrations first(int n) {
        if (n < 1 || n > states.length) {
            throw new IllegalArgumentException("first(" + n + "): have " + states.length + " demonstrations; pick 1.."
                    + states.length);
        }
        return new TabularDemonstrations(java.util.Arrays.copyOf(states, n), java.util.Arrays.copyOf(actions, n));
    }

    /**
     * Checks the demonstrations fit {@code mdp}: states and actions in range, every step possible under the
     * dynamics (P(s_{t+1} | s_t, a_t) &gt; 0) and, for a finite horizon, every episode exactly T steps long
     * (MaxEnt IRL compares visitations over the whole horizon).
     */
    public void check(TabularMdp mdp) {
        if (mdp == null) {
            throw new IllegalArgumentException("demonstrations: mdp is null; pass the MDP they were recorded on");
        }
        for (int i = 0; i < states.length; i++) {
            if (mdp.hasFiniteHorizon() && states[i].length != mdp.horizon()) {
                throw new IllegalArgumentException("demonstration " + i + " has " + states[i].length
                        + " steps but the MDP's horizon is " + mdp.horizon() + "; record demonstrations over the full horizon");
            }
            for (int t = 0; t < states[i].length; t++) {
                if (states[i][t] < 0 || states[i][t] >= mdp.states()) {
                    throw new IllegalArgumentException("demonstration " + i + ", step " + t + ": state " + states[i][t]
                            + " is outside [0, " + mdp.states() + "); were these recorded on another MDP?");
                }
                if (actions[i][t] < 0 || actions[i][t] >= mdp.actions()) {
                    throw new IllegalArgumentException("demonstration " + i + ", step " + t + ": action " + actions[i][t]
                            + " is outside [0, " + mdp.actions() + "); were these recorded on another MDP?");
                }
                if (t > 0 && mdp.probability(states[i][t - 1], actions[i][t - 1], states[i][t]) == 0) {
                    throw new IllegalArgumentException("demonstration " + i + ", step " + t + ": state " + states[i][t]
                            + " cannot follow state " + states[i][t - 1] + " under action " + actions[i][t - 1]
                            + " (transition probability 0 in this MDP); were these recorded on another MDP or with "
                            + "another wind?");
                }
            }
        }
    }

    /** Empirical visitation μ_D(s) = (1/N) Σ_i Σ_t γ^t [s_t^i = s], comparable to {@link Visitation}. */
    public double[] visitation(TabularMdp mdp) {
        check(mdp);
        double[] mu = new double[mdp.states()];
        for (int[] episode : states) {
            double w = 1;
            for (int s : episode) {
                mu[s] += w / states.length;
                w *= mdp.discount();
            }
        }
        return mu;
    }

    /** Empirical distribution of start states. */
    public double[] startDistribution(TabularMdp mdp) {
        check(mdp);
        double[] p = new double[mdp.states()];
        for (int[] episode : states) {
            p[episode[0]] += 1.0 / states.length;
        }
        return p;
    }

    private static int[][] deepCopy(int[][] m) {
        int[][] c = new int[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
