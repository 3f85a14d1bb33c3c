package imitation.irl;

import imitation.data.Trajectory;
import imitation.nn.Network;
import imitation.rl.Reward;
import java.util.Arrays;

/**
 * A learned per-state cost {@code c_θ(s)}: a network with one output over the standardised state
 * {@code (s − mean) / scale}. As a {@link Reward} it pays {@code −c_θ(s_{t+1})} for step t, the cost of the state
 * the step reaches (the convention of {@link imitation.env.PointReach}). Guided cost learning returns a frozen copy.
 */
public final class StateCost implements Reward {
    private final Network network;
    private final double[] mean;
    private final double[] scale;

    StateCost(Network network, double[] mean, double[] scale) {
        this.network = network;
        this.mean = mean;
        this.scale = scale;
    }

    /** {@code c_θ(s)} for each state ({@code [n][observationSize]}). */
    public double[] cost(double[][] states) {
        if (states == null) {
            throw new IllegalArgumentException("cost: states is null; pass one observation per row");
        }
        double[][] x = new double[states.length][];
        for (int i = 0; i < states.length; i++) {
            x[i] = standardise(states[i]);
        }
        double[][] out = network.predict(x);
        double[] c = new double[out.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = out[i][0];
        }
        return c;
    }

    /** {@code −c_θ(s_1), …, −c_θ(s_T)}. */
    @Override
    public double[] rewards(Trajectory trajectory) {
        double[][] obs = trajectory.observations();
        double[] c = cost(Arrays.copyOfRange(obs, 1, obs.length));
        for (int i = 0; i < c.length; i++) {
            c[i] = -c[i];
        }
        return c;
    }

    double[] standardise(double[] s) {
        if (s == null || s.length != mean.length) {
            throw new IllegalArgumentException("cost: a state has " + (s == null ? "no values" : s.length + " values")
                    + " but the cost reads " + mean.length + "; pass observations of the environment it was learned in");
        }
        double[] x = new double[s.length];
        for (int j = 0; j < s.length; j++) {
            x[j] = (s[j] - mean[j]) / scale[j];
        }
        return x;
    }

    /** A frozen, independent copy. */
    StateCost frozen() {
        return new StateCost(network.copy(), mean, scale);
    }
}
