package imitation.policy;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A policy over a finite state set: π_t(a|s) for time steps t = 0..steps−1, or one table for all
 * times ({@code steps() == 1}, stationary). Finite-horizon planning gives time-dependent policies;
 * infinite-horizon planning gives stationary ones.
 *
 * <p>Observations follow {@link imitation.env.TabularMdp}: {state index, time step}; a time step past
 * the last table uses the last table, and a one-element observation {state} uses time 0.
 * {@link #act} returns the most probable action (lowest index on ties), {@link #sample} draws one.
 */
public final class TabularPolicy implements Policy {
    private static final double TOLERANCE = 1e-9;
    private final int steps;
    private final int states;
    private final int actions;
    private final double[] p;

    private TabularPolicy(int steps, int states, int actions, double[] p) {
        this.steps = steps;
        this.states = states;
        this.actions = actions;
        this.p = p;
    }

    /** A stationary policy from rows π(·|s) (each non-negative, summing to 1). */
    public static TabularPolicy stationary(double[][] pi) {
        return timeDependent(new double[][][] {pi});
    }

    /** A time-dependent policy from {@code pi[t][s][a]}. */
    public static TabularPolicy timeDependent(double[][][] pi) {
        if (pi == null || pi.length == 0 || pi[0] == null || pi[0].length == 0 || pi[0][0] == null) {
            throw new IllegalArgumentException("policy table: need at least one time step and one state");
        }
        int states = pi[0].length;
        int actions = pi[0][0].length;
        double[] flat = new double[pi.length * states * actions];
        for (int t = 0; t < pi.length; t++) {
            if (pi[t] == null || pi[t].length != states) {
                throw new IllegalArgumentException("policy table: time step " + t + " has "
                        + (pi[t] == null ? "null" : pi[t].length) + " rows, expected " + states);
            }
            for (int s = 0; s < states; s++) {
                if (pi[t][s] == null || pi[t][s].length != actions) {
                    throw new IllegalArgumentException("policy table: row (t " + t + ", state " + s + ") has "
                            + (pi[t][s] == null ? "null" : pi[t][s].length) + " entries, expected " + actions);
                }
                System.arraycopy(pi[t][s], 0, flat, (t * states + s) * actions, actions);
            }
        }
        return ofFlat(pi.length, states, actions, flat);
    }

    /**
     * A policy from a flat table, entry (t, s, a) at {@code (t·states + s)·actions + a}; the array is
     * copied and every row is checked to be a distribution.
     */
    public static TabularPolicy ofFlat(int steps, int states, int actions, double[] table) {
        if (steps < 1 || states < 1 || actions < 1 || table == null || table.length != steps * states * actions) {
            throw new IllegalArgumentException("policy table: steps = " + steps + ", states = " + states + ", actions = "
                    + actions + " need a table of length " + (long) steps * states * actions + ", got "
                    + (table == null ? "null" : table.length));
        }
        for (int row = 0; row < steps * states; row++) {
            double sum = 0;
            for (int a = 0; a < actions; a++) {
                double v = table[row * actions + a];
                if (!(v >= 0) || !Double.isFinite(v)) {
                    throw new IllegalArgumentException("policy table: π(action " + a + " | state " + row % states
                            + ", t " + row / states + ") = " + v + " is not a probability");
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > TOLERANCE) {
                throw new IllegalArgumentException("policy table: row (state " + row % states + ", t " + row / states
                        + ") sums to " + sum + ", not 1; normalise it");
            }
        }
        return new TabularPolicy(steps, states, actions, table.clone());
    }

    /** Number of time-step tables (1 for a stationary policy). */
    public int steps() {
        return steps;
    }

    public int states() {
        return states;
    }

    public int actions() {
        return actions;
    }

    /** π_t(a|s); times past the last table use the last one. */
    public double probability(int t, int s, int a) {
        check(s, a);
        return p[(Math.min(Math.max(t, 0), steps - 1) * states + s) * actions + a];
    }

    /** The table {@code [steps][states][actions]} (a copy). */
    public double[][][] probabilities() {
        double[][][] out = new double[steps][states][];
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < states; s++) {
                int from = (t * states + s) * actions;
                out[t][s] = Arrays.copyOfRange(p, from, from + actions);
            }
        }
        return out;
    }

    @Override
    public double[][] act(double[][] observations) {
        double[][] out = new double[observations.length][];
        for (int i = 0; i < observations.length; i++) {
            int row = row(observations[i]);
            int best = 0;
            for (int a = 1; a < actions; a++) {
                if (p[row + a] > p[row + best]) {
                    best = a;
                }
            }
            out[i] = new double[] {best};
        }
        return out;
    }

    @Override
    public double[][] sample(double[][] observations, RandomGenerator rng) {
        double[][] out = new double[observations.length][];
        for (int i = 0; i < observations.length; i++) {
            int row = row(observations[i]);
            double u = rng.nextDouble();
            int chosen = -1;
            for (int a = 0; a < actions && chosen < 0; a++) {
                if (p[row + a] > 0) {
                    u -= p[row + a];
                    if (u < 0) {
                        chosen = a;
                    }
                }
            }
            if (chosen < 0) { // rounding left u a hair above 0: take the last possible action
                chosen = actions - 1;
                while (p[row + chosen] == 0) {
                    chosen--;
                }
            }
            out[i] = new double[] {chosen};
        }
        return out;
    }

    private int row(double[] obs) {
        if (obs == null || obs.length < 1 || obs.length > 2) {
            throw new IllegalArgumentException("tabular observation: expected {state} or {state, time}, got "
                    + (obs == null ? "null" : Arrays.toString(obs)));
        }
        double s = obs[0];
        if (s != Math.rint(s) || s < 0 || s >= states) {
            throw new IllegalArgumentException("tabular observation: state " + s + " is not an index in [0, " + states + ")");
        }
        int t = obs.length == 2 ? (int) Math.min(Math.max(obs[1], 0), steps - 1) : 0;
        return (t * states + (int) s) * actions;
    }

    private void check(int s, int a) {
        if (s < 0 || s >= states || a < 0 || a >= actions) {
            throw new IllegalArgumentException("(state " + s + ", action " + a + ") is outside [0, " + states + ") × [0, "
                    + actions + ")");
        }
    }
}
