package imitation.expert;

import imitation.env.ThreeRoutes;
import imitation.policy.Policy;
import java.util.random.RandomGenerator;

/**
 * The expert of {@link ThreeRoutes}: near the start it picks a route at random with fixed probabilities
 * (default 0.3 right-then-up, 0.4 diagonal, 0.3 up-then-right); anywhere else it follows the route nearest to
 * the point, steering at the path point {@code 0.15} ahead of it at full speed (a unit command, slower only
 * within one step of the goal). The choice is not in the observation, so the demonstrated action at the start
 * is multimodal; once the point has moved, its position tells the route.
 *
 * <p>{@link #sample} draws the route at the start and adds Gaussian noise of standard deviation
 * {@link #noise()} to each command, clipped to [-1, 1] per coordinate (the demonstrations stay inside the box
 * a discretised head covers). {@link #act} is deterministic: the most likely route, no noise.
 */
public final class RoutesExpert implements Policy {
    /** Distance from (0, 0) within which the expert is at the start and chooses a route. */
    public static final double START_ZONE = 0.05;
    private static final double LOOKAHEAD = 0.15;

    private final double[] probabilities;
    private final double noise;

    /**
     * @param probabilities the chance of each route (three non-negative numbers summing to 1)
     * @param noise         standard deviation of the action noise of {@link #sample} (≥ 0)
     */
    public RoutesExpert(double[] probabilities, double noise) {
        if (probabilities == null || probabilities.length != ThreeRoutes.routes()) {
            throw new IllegalArgumentException("probabilities must hold one chance per route (3), got "
                    + (probabilities == null ? "null" : probabilities.length + " values"));
        }
        double sum = 0;
        for (int r = 0; r < probabilities.length; r++) {
            if (!(probabilities[r] >= 0)) {
                throw new IllegalArgumentException("probabilities[" + r + "] = " + probabilities[r]
                        + "; chances must be >= 0");
            }
            sum += probabilities[r];
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("probabilities sum to " + sum + "; they must sum to 1, e.g. 0.3, 0.4, 0.3");
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise = " + noise + " must be finite and >= 0 (0 for none)");
        }
        this.probabilities = probabilities.clone();
        this.noise = noise;
    }

    /** The expert of the issue: routes 0.3 / 0.4 / 0.3, action noise 0.05. */
    public static RoutesExpert standard() {
        return new RoutesExpert(new double[] {0.3, 0.4, 0.3}, 0.05);
    }

    /** The chance of each route (a copy). */
    public double[] probabilities() {
        return probabilities.clone();
    }

    public double noise() {
        return noise;
    }

    @Override
    public double[][] act(double[][] observations) {
        int likeliest = 0;
        for (int r = 1; r < probabilities.length; r++) {
            if (probabilities[r] > probabilities[likeliest]) {
                likeliest = r;
            }
        }
        double[][] out = new double[check(observations)][];
        for (int i = 0; i < out.length; i++) {
            double[] p = observations[i];
            out[i] = command(atStart(p) ? likeliest : ThreeRoutes.nearestRoute(p[0], p[1]), p);
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
            double[] p = observations[i];
            int route = atStart(p) ? draw(rng) : ThreeRoutes.nearestRoute(p[0], p[1]);
            double[] a = command(route, p);
            for (int j = 0; j < 2; j++) {
                a[j] = Math.max(-1, Math.min(1, a[j] + noise * rng.nextGaussian()));
            }
            out[i] = a;
        }
        return out;
    }

    private static boolean atStart(double[] p) {
        return Math.hypot(p[0], p[1]) < START_ZONE;
    }

    private int draw(RandomGenerator rng) {
        double u = rng.nextDouble();
        double c = 0;
        for (int r = 0; r < probabilities.length; r++) {
            c += probabilities[r];
            if (u < c) {
                return r;
            }
        }
        return probabilities.length - 1;
    }

    /** The clean command along {@code route} from position {@code p}. */
    private static double[] command(int route, double[] p) {
        double[] target = ThreeRoutes.pointAhead(route, p[0], p[1], LOOKAHEAD);
        double dx = target[0] - p[0];
        double dy = target[1] - p[1];
        double scale = Math.max(Math.hypot(dx, dy), ThreeRoutes.SPEED);
        return new double[] {dx / scale, dy / scale};
    }

    private static int check(double[][] observations) {
        if (observations == null) {
            throw new IllegalArgumentException("observations is null; pass ThreeRoutes positions, one row each");
        }
        for (int i = 0; i < observations.length; i++) {
            if (observations[i] == null || observations[i].length != 2) {
                throw new IllegalArgumentException("observation " + i + " has " + (observations[i] == null ? "no array"
                        : observations[i].length + " values") + "; the routes expert reads positions (x, y)");
            }
        }
        return observations.length;
    }
}
