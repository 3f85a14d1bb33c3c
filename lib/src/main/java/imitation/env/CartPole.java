package imitation.env;

import java.util.SplittableRandom;

/**
 * The cart-pole balancing task with the standard dynamics (Barto, Sutton and Anderson 1983, as in
 * Gym): Euler steps of 0.02 s, gravity 9.8, cart mass 1.0, pole mass 0.1, pole half-length 0.5,
 * push force ±10; the pole is lost beyond ±12° or the cart beyond ±2.4. Observation
 * {@code [x, ẋ, θ, θ̇]}; action 0 pushes left, 1 pushes right. The start state is uniform in ±0.05.
 *
 * <p>Two variants:
 * <ul>
 *   <li>{@link #classic()}: reward 1 per step, the episode ends when the pole is lost, 200-step limit
 *       (CartPole-v0, the setting of the GAIL paper);</li>
 *   <li>{@link #fixedHorizon()}: 500 steps always, reward 1 while within the limits and 0 outside, no
 *       early termination (the seals variant: episode length tells nothing about success). The pole
 *       angle is wrapped into [−π, π), so a pole that spins a full turn and comes back upright earns 1
 *       again.</li>
 * </ul>
 * {@link #succeeded()} is true when the pole was never lost.
 */
public final class CartPole implements Env {
    static final double GRAVITY = 9.8;
    static final double CART_MASS = 1.0;
    static final double POLE_MASS = 0.1;
    static final double TOTAL_MASS = CART_MASS + POLE_MASS;
    static final double HALF_LENGTH = 0.5;
    static final double POLE_MASS_LENGTH = POLE_MASS * HALF_LENGTH;
    static final double FORCE = 10.0;
    static final double DT = 0.02;
    /** Pole angle limit: 12 degrees in radians. */
    public static final double THETA_LIMIT = 12 * 2 * Math.PI / 360;
    /** Cart position limit. */
    public static final double X_LIMIT = 2.4;

    private static final Space OBSERVATION_SPACE = Space.Box.unbounded(4);
    private static final Space ACTION_SPACE = new Space.Discrete(2);

    private final boolean fixed;
    private final int horizon;
    private final double[] state = new double[4];
    private int t;
    private boolean lost;
    private boolean running;

    private CartPole(boolean fixed, int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon = " + horizon + " must be at least 1");
        }
        this.fixed = fixed;
        this.horizon = horizon;
    }

    /** Ends on failure, 200-step limit, reward 1 per step (CartPole-v0). */
    public static CartPole classic() {
        return new CartPole(false, 200);
    }

    /** Always 500 steps, reward 1 while within the limits (seals CartPole). */
    public static CartPole fixedHorizon() {
        return new CartPole(true, 500);
    }

    /** The same variant with another time limit. */
    public CartPole withHorizon(int steps) {
        return new CartPole(fixed, steps);
    }

    /** Whether this is the fixed-horizon (no early termination) variant. */
    public boolean isFixedHorizon() {
        return fixed;
    }

    /** {@code count} episodes of this variant stepped together, without per-step allocation. */
    public VecEnv vec(int count) {
        return new CartPoleVec(count, fixed, horizon);
    }

    @Override
    public Space observationSpace() {
        return OBSERVATION_SPACE;
    }

    @Override
    public Space actionSpace() {
        return ACTION_SPACE;
    }

    @Override
    public int horizon() {
        return horizon;
    }

    @Override
    public double[] reset(long seed) {
        initialState(seed, state, 0);
        t = 0;
        lost = false;
        running = true;
        return state.clone();
    }

    @Override
    public Step step(double[] action) {
        if (!running) {
            throw new IllegalStateException("step called on a CartPole episode that is "
                    + (t == 0 ? "not started" : "over") + "; call reset(seed) first");
        }
        ACTION_SPACE.check("action", action);
        boolean out = advance(state, 0, action[0] == 1.0);
        t++;
        lost |= out;
        boolean terminated = !fixed && out;
        boolean truncated = !terminated && t >= horizon;
        running = !(terminated || truncated);
        double reward = fixed ? (out ? 0 : 1) : 1;
        return new Step(state.clone(), reward, terminated, truncated);
    }

    @Override
    public boolean succeeded() {
        return !lost && t >= horizon;
    }

    /** Writes the start state drawn from {@code seed}: four values uniform in [-0.05, 0.05). */
    static void initialState(long seed, double[] s, int off) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < 4; i++) {
            s[off + i] = rng.nextDouble(-0.05, 0.05);
        }
    }

    /**
     * One Euler step of the dynamics on {@code s[off..off+3]}, in place, with the angle wrapped into
     * [−π, π) (as seals does; the classic variant ends long before the angle could reach π); returns whether
     * the new state is outside the limits.
     */
    static boolean advance(double[] s, int off, boolean pushRight) {
        double x = s[off];
        double xDot = s[off + 1];
        double theta = s[off + 2];
        double thetaDot = s[off + 3];
        double force = pushRight ? FORCE : -FORCE;
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double temp = (force + POLE_MASS_LENGTH * thetaDot * thetaDot * sin) / TOTAL_MASS;
        double thetaAcc = (GRAVITY * sin - cos * temp)
                / (HALF_LENGTH * (4.0 / 3.0 - POLE_MASS * cos * cos / TOTAL_MASS));
        double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cos / TOTAL_MASS;
        x += DT * xDot;
        xDot += DT * xAcc;
        theta += DT * thetaDot;
        if (theta < -Math.PI || theta >= Math.PI) {   // wrap into [-π, π): a pole that spun a full turn is upright again
            theta -= 2 * Math.PI * Math.floor((theta + Math.PI) / (2 * Math.PI));
        }
        thetaDot += DT * thetaAcc;
        s[off] = x;
        s[off + 1] = xDot;
        s[off + 2] = theta;
        s[off + 3] = thetaDot;
        return x < -X_LIMIT || x > X_LIMIT || theta < -THETA_LIMIT || theta > THETA_LIMIT;
    }
}
