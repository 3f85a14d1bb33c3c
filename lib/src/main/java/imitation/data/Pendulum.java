package imitation.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * State sequences {@code [θ, ω]} of a damped pendulum, {@code θ'' = −sin θ − 0.1 θ'}, integrated with
 * semi-implicit Euler steps of 0.1 s from a start angle uniform in ±2.5 rad and a start velocity uniform in
 * ±1 rad/s: the data of a next-step sequence model that is then run free (scheduled sampling).
 */
public final class Pendulum {
    private static final double DT = 0.1;
    private static final double DAMPING = 0.1;

    private Pendulum() {}

    /** {@code count} sequences of {@code steps ≥ 2} states each, drawn from {@code seed}. */
    public static List<double[][]> sequences(int count, int steps, long seed) {
        if (count < 1 || steps < 2) {
            throw new IllegalArgumentException("Pendulum.sequences: count = " + count + ", steps = " + steps
                    + "; pass at least 1 sequence of at least 2 states");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<double[][]> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            double[][] s = new double[steps][];
            double theta = rng.nextDouble(-2.5, 2.5);
            double omega = rng.nextDouble(-1, 1);
            for (int t = 0; t < steps; t++) {
                s[t] = new double[] {theta, omega};
                omega += DT * (-Math.sin(theta) - DAMPING * omega);
                theta += DT * omega;
            }
            out.add(s);
        }
        return out;
    }
}
