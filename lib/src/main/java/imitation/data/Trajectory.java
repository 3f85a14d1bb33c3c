package imitation.data;

import java.util.Arrays;

/**
 * One episode: T+1 observations, the T actions taken between them and the T rewards received.
 *
 * <p>Immutable: arrays are copied on the way in and on the way out. The constructor checks the
 * shapes (observations = actions + 1 = rewards + 1, equal row widths) and that every number is
 * finite, and names the offending row when it is not.
 *
 * @param observations {@code [T+1][obsSize]}
 * @param actions      {@code [T][actSize]}
 * @param rewards      {@code [T]}
 * @param terminal     true when the episode ended inside the task (failure or success), false when it
 *                     was cut by a time limit or collection stopped
 */
public record Trajectory(double[][] observations, double[][] actions, double[] rewards, boolean terminal) {

    public Trajectory {
        if (observations == null || actions == null || rewards == null) {
            throw new IllegalArgumentException("Trajectory: observations, actions and rewards must not be null");
        }
        if (observations.length != actions.length + 1) {
            throw new IllegalArgumentException("Trajectory: " + observations.length + " observations and "
                    + actions.length + " actions; a trajectory of T steps has T+1 observations (include the final one)");
        }
        if (rewards.length != actions.length) {
            throw new IllegalArgumentException("Trajectory: " + rewards.length + " rewards and " + actions.length
                    + " actions; give one reward per action");
        }
        observations = copyChecked("observations", observations);
        actions = copyChecked("actions", actions);
        rewards = rewards.clone();
        for (int t = 0; t < rewards.length; t++) {
            if (!Double.isFinite(rewards[t])) {
                throw new IllegalArgumentException("Trajectory: rewards[" + t + "] = " + rewards[t]
                        + " is not finite; check the environment's reward");
            }
        }
    }

    /** Number of steps T (actions taken). */
    public int length() {
        return actions.length;
    }

    /** Sum of the rewards. */
    public double totalReward() {
        double sum = 0;
        for (double r : rewards) {
            sum += r;
        }
        return sum;
    }

    /** Width of one observation row. */
    public int observationSize() {
        return observations[0].length;
    }

    /** Width of one action row (0 for a trajectory without steps and therefore without action rows). */
    public int actionSize() {
        return actions.length == 0 ? 0 : actions[0].length;
    }

    /** Observation at time {@code t} in 0..T (a copy). */
    public double[] observation(int t) {
        return observations[t].clone();
    }

    /** Action at time {@code t} in 0..T-1 (a copy). */
    public double[] action(int t) {
        return actions[t].clone();
    }

    /** The first {@code steps} steps as a trajectory of their own (not terminal). */
    public Trajectory prefix(int steps) {
        if (steps < 0 || steps > length()) {
            throw new IllegalArgumentException("prefix: steps = " + steps + " must be in [0, " + length() + "]");
        }
        return new Trajectory(Arrays.copyOf(observations, steps + 1), Arrays.copyOf(actions, steps),
                Arrays.copyOf(rewards, steps), terminal && steps == length());
    }

    @Override
    public double[][] observations() {
        return deepCopy(observations);
    }

    @Override
    public double[][] actions() {
        return deepCopy(actions);
    }

    @Override
    public double[] rewards() {
        return rewards.clone();
    }

    /** Rows of observations without copying, for bulk readers in this package. */
    double[][] observationRows() {
        return observations;
    }

    /** Rows of actions without copying, for bulk readers in this package. */
    double[][] actionRows() {
        return actions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Trajectory t && terminal == t.terminal && Arrays.deepEquals(observations, t.observations)
                && Arrays.deepEquals(actions, t.actions) && Arrays.equals(rewards, t.rewards);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(observations) * 31 + Arrays.deepHashCode(actions) + Arrays.hashCode(rewards);
    }

    @Override
    public String toString() {
        return "Trajectory[T=" + length() + ", return=" + totalReward() + ", terminal=" + terminal + "]";
    }

    private static double[][] copyChecked(String what, double[][] rows) {
        double[][] copy = new double[rows.length][];
        int width = -1;
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            if (row == null) {
                throw new IllegalArgumentException("Trajectory: " + what + "[" + i + "] is null");
            }
            if (width < 0) {
                width = row.length;
                if (width == 0) {
                    throw new IllegalArgumentException("Trajectory: " + what + "[0] is empty; rows need at least one value");
                }
            } else if (row.length != width) {
                throw new IllegalArgumentException("Trajectory: " + what + "[" + i + "] has " + row.length
                        + " values but " + what + "[0] has " + width + "; every row must have the same size");
            }
            for (int j = 0; j < row.length; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException("Trajectory: " + what + "[" + i + "][" + j + "] = " + row[j]
                            + " is not finite; drop or repair that step before building the trajectory");
                }
            }
            copy[i] = row.clone();
        }
        return copy;
    }

    static double[][] deepCopy(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }
}
