package imitation.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A drifting quantity and a noisy sensor on it, the data of a tracker that conditions on its own previous
 * estimate: {@code y_0 = 0}, {@code y_t = y_{t−1} + u_t} with steps {@code u_t} Gaussian of standard deviation
 * {@code drift}, and readings {@code o_t = y_t + n_t} with {@code n_t} Gaussian of standard deviation {@code noise}.
 * Knowing the true {@code y_{t−1}}, the best guess of {@code y_t} barely uses the reading when {@code drift} is
 * small against {@code noise} (the Kalman gain {@code drift² / (drift² + noise²)}); knowing only an estimate of
 * {@code y_{t−1}} that has drifted, it must use the reading more.
 */
public final class RandomWalk {

    /** Sequences {@code y} ({@code [T][1]}) and the sensor's readings {@code o} ({@code [T][1]}), one pair per episode. */
    public record Tracking(List<double[][]> values, List<double[][]> readings) {
        public Tracking {
            values = List.copyOf(values);
            readings = List.copyOf(readings);
        }
    }

    private RandomWalk() {}

    /** {@code count} walks of {@code steps ≥ 2} values with their readings, drawn from {@code seed}. */
    public static Tracking sample(int count, int steps, double drift, double noise, long seed) {
        if (count < 1 || steps < 2) {
            throw new IllegalArgumentException("RandomWalk.sample: count = " + count + ", steps = " + steps
                    + "; pass at least 1 walk of at least 2 values");
        }
        if (!(drift >= 0) || !Double.isFinite(drift) || !(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("RandomWalk.sample: drift = " + drift + ", noise = " + noise
                    + "; pass finite standard deviations ≥ 0");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<double[][]> values = new ArrayList<>();
        List<double[][]> readings = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            double[][] y = new double[steps][1];
            double[][] o = new double[steps][1];
            for (int t = 0; t < steps; t++) {
                y[t][0] = t == 0 ? 0 : y[t - 1][0] + drift * rng.nextGaussian();
                o[t][0] = y[t][0] + noise * rng.nextGaussian();
            }
            values.add(y);
            readings.add(o);
        }
        return new Tracking(values, readings);
    }
}
