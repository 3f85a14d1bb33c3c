package imitation.env;

import imitation.data.Trajectory;
import java.util.SplittableRandom;

/**
 * A point in the plane that travels from the start (0, 0) to the goal (1, 1) by one of three routes: right
 * then up, straight along the diagonal, or up then right (the "multi_route" task of Behaviour Transformers,
 * Shafiullah et al. 2022, scaled to the unit square). An expert that picks a route at random at the start
 * ({@link imitation.expert.RoutesExpert}) makes the demonstrated action at the start multimodal, and the route
 * shares of a learner can be compared with the expert's.
 *
 * <p>Observation: the position {@code (x, y)}. Action: a velocity command {@code (ax, ay)}; the point moves by
 * {@code speed · a / max(1, |a|)}, so commands longer than 1 move it at full speed (the action space is
 * unbounded and nothing is rejected for its length). Each episode starts within ±{@code 0.02} of (0, 0) (drawn
 * from the seed) and ends, terminated and successful with reward 1, once the point is within {@code 0.1} of
 * the goal; otherwise it is truncated at the horizon of 40 steps (reward 0 per step).
 */
public final class ThreeRoutes implements Env {
    /** Largest distance the point moves in one step. */
    public static final double SPEED = 0.1;
    /** Distance to the goal that ends an episode successfully. */
    public static final double GOAL_RADIUS = 0.1;
    /** Half-width of the square around (0, 0) where episodes start. */
    public static final double START_NOISE = 0.02;
    private static final int HORIZON = 40;
    private static final Space OBSERVATIONS = Space.Box.unbounded(2);
    private static final Space ACTIONS = Space.Box.unbounded(2);

    /** The routes, in the order of their indices: right then up (0), diagonal (1), up then right (2). */
    public static final String[] ROUTE_NAMES = {"right-then-up", "diagonal", "up-then-right"};
    private static final double[][][] ROUTES = {
        {{0, 0}, {1, 0}, {1, 1}},
        {{0, 0}, {1, 1}},
        {{0, 0}, {0, 1}, {1, 1}},
    };

    private double x;
    private double y;
    private int t;
    private boolean running;
    private boolean reached;

    @Override
    public Space observationSpace() {
        return OBSERVATIONS;
    }

    @Override
    public Space actionSpace() {
        return ACTIONS;
    }

    @Override
    public int horizon() {
        return HORIZON;
    }

    @Override
    public double[] reset(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        x = (2 * rng.nextDouble() - 1) * START_NOISE;
        y = (2 * rng.nextDouble() - 1) * START_NOISE;
        t = 0;
        running = true;
        reached = false;
        return new double[] {x, y};
    }

    @Override
    public Step step(double[] action) {
        if (!running) {
            throw new IllegalStateException("step called on a ThreeRoutes episode that is "
                    + (t == 0 ? "not started" : "over") + "; call reset(seed) first");
        }
        ACTIONS.check("action", action);
        double norm = Math.max(1, Math.hypot(action[0], action[1]));
        x += SPEED * action[0] / norm;
        y += SPEED * action[1] / norm;
        t++;
        reached = Math.hypot(1 - x, 1 - y) < GOAL_RADIUS;
        running = !reached && t < HORIZON;
        return new Step(new double[] {x, y}, reached ? 1 : 0, reached, !reached && !running);
    }

    @Override
    public boolean succeeded() {
        return reached;
    }

    /** Number of routes (3). */
    public static int routes() {
        return ROUTES.length;
    }

    /** The corners of route {@code r} from the start to the goal (a copy). */
    public static double[][] route(int r) {
        double[][] corners = ROUTES[checkRoute(r)];
        double[][] out = new double[corners.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = corners[i].clone();
        }
        return out;
    }

    /** The route nearest to the position {@code (px, py)} (ties go to the lower index). */
    public static int nearestRoute(double px, double py) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int r = 0; r < ROUTES.length; r++) {
            double d = distance(r, px, py);
            if (d < bestDistance) {
                bestDistance = d;
                best = r;
            }
        }
        return best;
    }

    /**
     * The route an episode took: the route whose path lies nearest on average to the positions it visited
     * (its observations).
     */
    public static int routeOf(Trajectory trajectory) {
        if (trajectory == null || trajectory.observationSize() != 2) {
            throw new IllegalArgumentException("routeOf: pass a trajectory of ThreeRoutes positions (2 values per"
                    + " observation), got " + (trajectory == null ? "null" : trajectory.observationSize() + " values"));
        }
        double[][] obs = trajectory.observations();
        int best = 0;
        double bestMean = Double.POSITIVE_INFINITY;
        for (int r = 0; r < ROUTES.length; r++) {
            double sum = 0;
            for (double[] p : obs) {
                sum += distance(r, p[0], p[1]);
            }
            if (sum < bestMean) {
                bestMean = sum;
                best = r;
            }
        }
        return best;
    }

    /** Distance from {@code (px, py)} to the path of route {@code r}. */
    public static double distance(int r, double px, double py) {
        double[][] c = ROUTES[checkRoute(r)];
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < c.length; i++) {
            double[] q = closest(c[i], c[i + 1], px, py);
            best = Math.min(best, Math.hypot(px - q[0], py - q[1]));
        }
        return best;
    }

    /**
     * The point of route {@code r} that lies {@code ahead} further along the path than the point of the path
     * nearest to {@code (px, py)} (the goal if that runs past it): a carrot to steer at.
     */
    public static double[] pointAhead(int r, double px, double py, double ahead) {
        double[][] c = ROUTES[checkRoute(r)];
        double bestDistance = Double.POSITIVE_INFINITY;
        double along = 0;
        double start = 0;
        for (int i = 0; i + 1 < c.length; i++) {
            double[] q = closest(c[i], c[i + 1], px, py);
            double d = Math.hypot(px - q[0], py - q[1]);
            if (d < bestDistance) {
                bestDistance = d;
                along = start + Math.hypot(q[0] - c[i][0], q[1] - c[i][1]);
            }
            start += Math.hypot(c[i + 1][0] - c[i][0], c[i + 1][1] - c[i][1]);
        }
        double s = along + ahead;
        for (int i = 0; i + 1 < c.length; i++) {
            double len = Math.hypot(c[i + 1][0] - c[i][0], c[i + 1][1] - c[i][1]);
            if (s <= len) {
                double f = s / len;
                return new double[] {c[i][0] + f * (c[i + 1][0] - c[i][0]), c[i][1] + f * (c[i + 1][1] - c[i][1])};
            }
            s -= len;
        }
        return c[c.length - 1].clone();
    }

    private static double[] closest(double[] a, double[] b, double px, double py) {
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double f = ((px - a[0]) * dx + (py - a[1]) * dy) / (dx * dx + dy * dy);
        f = Math.max(0, Math.min(1, f));
        return new double[] {a[0] + f * dx, a[1] + f * dy};
    }

    private static int checkRoute(int r) {
        if (r < 0 || r >= ROUTES.length) {
            throw new IllegalArgumentException("route = " + r + "; routes are 0 (right then up), 1 (diagonal) and"
                    + " 2 (up then right)");
        }
        return r;
    }
}
