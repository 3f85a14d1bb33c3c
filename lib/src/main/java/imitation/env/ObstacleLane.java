package imitation.env;

import imitation.data.Trajectory;
import java.util.SplittableRandom;

/**
 * The lecture's obstacle ("Multimodal behaviour"), in two dimensions: a point drives up a lane at constant
 * forward speed and steers sideways; an obstacle sits in the middle of the lane, and going round it on the left
 * or on the right are equally good. An expert that picks a side at random ({@link imitation.expert.ObstacleExpert})
 * makes its steering bimodal where it decides, and the average of the two steering commands leads straight into
 * the obstacle.
 *
 * <p>Observation: the position {@code (x, y)}, lateral and along the lane. Action: a steering command {@code a};
 * the point moves sideways by {@code LATERAL_SPEED · a / max(1, |a|)} (commands beyond ±1 steer at full rate; the
 * action space is unbounded) and forward by {@code FORWARD_SPEED}. Episodes start at {@code y = 0} with {@code x}
 * within ±0.02 of the centre (drawn from the seed). They end, terminated, when the point comes within
 * {@link #OBSTACLE_RADIUS} of the obstacle at {@code (0, OBSTACLE_Y)} or leaves the lane ({@code |x| > 0.5}), both
 * failures, or when it reaches {@code y = 1} (success, reward 1). The horizon (30 steps) is never reached: the
 * end of the lane comes after 25.
 */
public final class ObstacleLane implements Env {
    public static final double FORWARD_SPEED = 0.04;
    public static final double LATERAL_SPEED = 0.06;
    public static final double OBSTACLE_Y = 0.5;
    public static final double OBSTACLE_RADIUS = 0.12;
    public static final double HALF_WIDTH = 0.5;
    private static final int HORIZON = 30;
    private static final Space OBSERVATIONS = Space.Box.unbounded(2);
    private static final Space ACTIONS = Space.Box.unbounded(1);

    private double x;
    private double y;
    private int t;
    private boolean running;
    private boolean passed;

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
        x = (2 * new SplittableRandom(seed).nextDouble() - 1) * 0.02;
        y = 0;
        t = 0;
        running = true;
        passed = false;
        return new double[] {x, y};
    }

    @Override
    public Step step(double[] action) {
        if (!running) {
            throw new IllegalStateException("step called on an ObstacleLane episode that is "
                    + (t == 0 ? "not started" : "over") + "; call reset(seed) first");
        }
        ACTIONS.check("action", action);
        x += LATERAL_SPEED * action[0] / Math.max(1, Math.abs(action[0]));
        y += FORWARD_SPEED;
        t++;
        boolean crashed = hits(x, y) || Math.abs(x) > HALF_WIDTH;
        passed = !crashed && y >= 1 - 1e-9;
        boolean terminated = crashed || passed;
        running = !terminated && t < HORIZON;
        return new Step(new double[] {x, y}, passed ? 1 : 0, terminated, !terminated && !running);
    }

    @Override
    public boolean succeeded() {
        return passed;
    }

    /** Whether the position {@code (px, py)} touches the obstacle. */
    public static boolean hits(double px, double py) {
        return Math.hypot(px, py - OBSTACLE_Y) < OBSTACLE_RADIUS;
    }

    /**
     * The side on which an episode passed the obstacle's height: −1 left, +1 right, 0 if it never got past it
     * (it crashed or stopped before).
     */
    public static int sideOf(Trajectory trajectory) {
        if (trajectory == null || trajectory.observationSize() != 2) {
            throw new IllegalArgumentException("sideOf: pass a trajectory of ObstacleLane positions (2 values per"
                    + " observation), got " + (trajectory == null ? "null" : trajectory.observationSize() + " values"));
        }
        for (double[] p : trajectory.observations()) {
            if (p[1] >= OBSTACLE_Y && !hits(p[0], p[1])) {
                return p[0] < 0 ? -1 : 1;
            }
            if (hits(p[0], p[1])) {
                return 0;
            }
        }
        return 0;
    }
}
