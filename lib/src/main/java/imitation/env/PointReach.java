package imitation.env;

import java.util.SplittableRandom;

/**
 * A point in the square [−1, 1]² that must reach a goal while keeping clear of a hill of cost: the continuous
 * task of guided cost learning. The true cost of a position is nonlinear,
 * <pre>
 * c(s) = |s − g| + h · exp(−|s − o|² / (2 w²))      goal g = (0.7, 0.7), hill at o = (0.1, −0.1), h = 3, w = 0.25
 * </pre>
 * and the reward of a step is {@code −c(s_{t+1})}, the cost of the position it reaches. The hill lies across the
 * straight line from the start to the goal, so the cheapest path bends around it.
 *
 * <p>Observation: the position {@code (x, y)}. Action: a velocity command in [−1, 1]²; the point moves by
 * {@code speed · a / max(1, |a|)} (speed 0.15) and stays inside the square. Each episode starts within ±0.1 of
 * (−0.75, −0.75) (drawn from the seed) and lasts exactly 30 steps (truncated at the horizon, never terminated),
 * so the return has no horizon leak; it counts as a success when the point ends within 0.1 of the goal.
 */
public final class PointReach implements Env {
    /** Largest distance the point moves in one step. */
    public static final double SPEED = 0.15;
    /** Number of steps of every episode. */
    public static final int HORIZON = 30;
    /** Goal position. */
    public static final double[] GOAL = {0.7, 0.7};
    /** Centre of the hill of cost. */
    public static final double[] HILL = {0.1, -0.1};
    /** Height of the hill. */
    public static final double HILL_HEIGHT = 3;
    /** Width (standard deviation) of the hill. */
    public static final double HILL_WIDTH = 0.25;
    /** Centre of the start region. */
    public static final double[] START = {-0.75, -0.75};
    /** Half-width of the square around {@link #START} where episodes start. */
    public static final double START_NOISE = 0.1;
    /** Distance to the goal at the end of an episode that counts as a success. */
    public static final double GOAL_RADIUS = 0.1;
    private static final Space OBSERVATIONS = Space.Box.of(2, -1, 1);
    private static final Space ACTIONS = Space.Box.of(2, -1, 1);

    private double x;
    private double y;
    private int t;
    private boolean running;

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

    /** The true cost {@code c(x, y)} of a position. */
    public static double cost(double x, double y) {
        double dx = x - HILL[0];
        double dy = y - HILL[1];
        return Math.hypot(x - GOAL[0], y - GOAL[1])
                + HILL_HEIGHT * Math.exp(-(dx * dx + dy * dy) / (2 * HILL_WIDTH * HILL_WIDTH));
    }

    /**
     * The position reached from {@code (x, y)} by {@code action}: a move of {@code SPEED · a / max(1, |a|)}, kept
     * inside the square. The dynamics of {@link #step}, for planners that know the model.
     */
    public static double[] next(double x, double y, double[] action) {
        double norm = Math.max(1, Math.hypot(action[0], action[1]));
        return new double[] {Math.max(-1, Math.min(1, x + SPEED * action[0] / norm)),
                Math.max(-1, Math.min(1, y + SPEED * action[1] / norm))};
    }

    @Override
    public double[] reset(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        x = START[0] + (2 * rng.nextDouble() - 1) * START_NOISE;
        y = START[1] + (2 * rng.nextDouble() - 1) * START_NOISE;
        t = 0;
        running = true;
        return new double[] {x, y};
    }

    @Override
    public Step step(double[] action) {
        if (!running) {
            throw new IllegalStateException("step called on a PointReach episode that is "
                    + (t == 0 ? "not started" : "over") + "; call reset(seed) first");
        }
        ACTIONS.check("action", action);
        double[] p = next(x, y, action);
        x = p[0];
        y = p[1];
        t++;
        running = t < HORIZON;
        return new Step(new double[] {x, y}, -cost(x, y), false, !running);
    }

    @Override
    public boolean succeeded() {
        return Math.hypot(x - GOAL[0], y - GOAL[1]) < GOAL_RADIUS;
    }
}
