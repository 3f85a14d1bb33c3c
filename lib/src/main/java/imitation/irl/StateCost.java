package imitation.irl;

import imitation.data.Trajectory;
import imitation.nn.Network;
import imitation.rl.Reward;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    /** Every trajectory's {@code −c_θ(s_1..s_T)}, the states of all of them in one batched pass of the network. */
    @Override
    public List<double[]> rewards(List<Trajectory> trajectories) {
        int n = 0;
        for (Trajectory t : trajectories) {
            n += t.length();
        }
        double[][] states = new double[n][];
        int k = 0;
        for (Trajectory t : trajectories) {
            double[][] obs = t.observations();
            for (int i = 1; i < obs.length; i++) {
                states[k++] = obs[i];
            }
        }
        double[] c = cost(states);
        List<double[]> out = new ArrayList<>(trajectories.size());
        k = 0;
        for (Trajectory t : trajectories) {
            double[] r = new double[t.length()];
            for (int i = 0; i < r.length; i++) {
                r[i] = -c[k++];
            }
            out.add(r);
        }
        return out;
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
