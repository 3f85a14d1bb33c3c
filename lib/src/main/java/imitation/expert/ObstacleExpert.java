package imitation.expert;

import imitation.env.ObstacleLane;
import imitation.policy.Policy;
import java.util.random.RandomGenerator;

/**
 * The expert of {@link ObstacleLane}: it keeps to the centre of the lane until {@code y = 0.26}, then swerves late to
 * {@code x = ±0.3}, passes the obstacle there and returns to the centre after {@code y = 0.65}. Its steering
 * command is {@code (target − x) / LATERAL_SPEED} clipped to [-1, 1]. Where it is still in the centre
 * ({@code |x| < 0.03}) at or after {@code y = 0.26} it picks the side at random, left or right with equal chance;
 * once it has moved, its position tells the side. The choice is not in the observation. The swerve is late on
 * purpose: at full steering rate the expert clears the obstacle with one step to spare, so a learner that
 * hesitates in the centre for two steps hits it.
 *
 * <p>{@link #sample} draws the side and adds Gaussian noise of standard deviation {@link #noise()} to the
 * command, clipped to [-1, 1]. {@link #act} is deterministic: in the centre it passes on the right, no noise.
 */
public final class ObstacleExpert implements Policy {
    /** Where the expert decides: from this height on, in the centre. */
    public static final double DECISION_Y = 0.26;
    private static final double CENTRE = 0.03;
    private static final double OFFSET = 0.3;
    private static final double RETURN_Y = 0.65;

    private final double noise;

    /** @param noise standard deviation of the steering noise of {@link #sample} (≥ 0) */
    public ObstacleExpert(double noise) {
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise = " + noise + " must be finite and >= 0 (0 for none)");
        }
        this.noise = noise;
    }

    public double noise() {
        return noise;
    }

    @Override
    public double[][] act(double[][] observations) {
        double[][] out = new double[check(observations)][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[] {steer(observations[i], 1)};
        }
        return out;
    }

    @Override
    public double[][] sample(double[][] observations, RandomGenerator rng) {
        if (rng == null) {
            throw new IllegalArgumentException("rng is null; pass a seeded random generator");
        }
        double[][] out = new double[check(observations)][];
        for (int i = 0; i < out.length; i++) {
            double side = rng.nextBoolean() ? 1 : -1;
            double a = steer(observations[i], side) + noise * rng.nextGaussian();
            out[i] = new double[] {Math.max(-1, Math.min(1, a))};
        }
        return out;
    }

    /** The clean command at {@code p}, passing on {@code side} (±1) if the choice is still open there. */
    private static double steer(double[] p, double side) {
        double x = p[0];
        double y = p[1];
        double target = 0;
        if (y >= DECISION_Y && y < RETURN_Y) {
            target = OFFSET * (Math.abs(x) < CENTRE ? side : Math.signum(x));
        }
        return Math.max(-1, Math.min(1, (target - x) / ObstacleLane.LATERAL_SPEED));
    }

    private static int check(double[][] observations) {
        if (observations == null) {
            throw new IllegalArgumentException("observations is null; pass ObstacleLane positions, one row each");
        }
        for (int i = 0; i < observations.length; i++) {
            if (observations[i] == null || observations[i].length != 2) {
                throw new IllegalArgumentException("observation " + i + " has " + (observations[i] == null ? "no array"
                        : observations[i].length + " values") + "; the obstacle expert reads positions (x, y)");
            }
        }
        return observations.length;
    }
}
