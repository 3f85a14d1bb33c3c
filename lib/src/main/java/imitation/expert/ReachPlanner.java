package imitation.expert;

import imitation.data.Interruption;
import imitation.env.PointReach;
import imitation.policy.RecurrentPolicy;
import java.util.function.Function;

/**
 * The optimal policy of a given cost of positions on {@link PointReach}, computed by dynamic programming with the
 * task's known dynamics ({@link PointReach#next}): what a learned cost asks for, free of the local optima of a
 * policy-gradient learner. The return of this policy in the environment, scored by the true cost, is the true
 * return of the cost's optimum.
 *
 * <pre>
 * grid: G × G positions over [−1, 1]²; actions: stay, and 32 directions at 3 speeds (1, 0.5, 0.2)
 * V_T = 0
 * for t = T−1 … 0, every grid position s:  V_t(s) = min_a  c(s') + V_{t+1}(s'),  s' = next(s, a)
 *                                          (V between grid positions by bilinear interpolation)
 * acting at step t from position s: the a minimising c(s') + V_{t+1}(s'), with c evaluated at s' itself
 * </pre>
 *
 * The horizon is {@link PointReach#HORIZON}, so the policy depends on the step: it is a {@link RecurrentPolicy}
 * whose state is each episode's step count (evaluate it with {@code Evaluation.run(RecurrentPolicy)}). It is
 * optimal among the discrete actions up to the interpolation error of the grid (spacing 2/(G−1)); on the true cost
 * it is at least as good as the scripted {@link ReachExpert}.
 *
 * <pre>{@code
 * ReachPlanner best = ReachPlanner.optimalFor(gcl.cost()::cost);        // the learned cost's optimal policy
 * double learned = evaluation.run(best).meanReturn();           // scored by the environment's true reward
 * double optimum = evaluation.run(ReachPlanner.trueCost()).meanReturn();
 * }</pre>
 */
public final class ReachPlanner extends RecurrentPolicy {
    /** Default number of grid positions per side. */
    public static final int GRID = 61;
    private static final double[] SPEEDS = {1, 0.5, 0.2};
    private static final int DIRECTIONS = 32;
    private static final double[][] ACTIONS = actions();

    private final Function<double[][], double[]> cost;
    private final int grid;
    /** V_t at grid position (i, j) (x = −1 + 2i/(G−1), y likewise): values[t][i·G + j], t = 0..T. */
    private final double[][] values;

    private ReachPlanner(Function<double[][], double[]> cost, int grid) {
        this.cost = cost;
        this.grid = grid;
        int states = grid * grid;
        int a = ACTIONS.length;
        double[][] next = new double[states * a][];
        for (int i = 0; i < grid; i++) {
            for (int j = 0; j < grid; j++) {
                for (int k = 0; k < a; k++) {
                    next[(i * grid + j) * a + k] = PointReach.next(coordinate(i), coordinate(j), ACTIONS[k]);
                }
            }
        }
        double[] c = costs(next);
        // each transition's interpolation cell (index of its lower corner) and position in it, found once
        int[] corner = new int[next.length];
        double[] u = new double[next.length];
        double[] w = new double[next.length];
        for (int m = 0; m < next.length; m++) {
            double fx = scaled(next[m][0]);
            double fy = scaled(next[m][1]);
            int i = cell(fx);
            int j = cell(fy);
            corner[m] = i * grid + j;
            u[m] = fx - i;
            w[m] = fy - j;
        }
        values = new double[PointReach.HORIZON + 1][states];
        for (int t = PointReach.HORIZON - 1; t >= 0; t--) {
            Interruption.check("ReachPlanner", PointReach.HORIZON - 1 - t, "backups");
            double[] later = values[t + 1];
            for (int s = 0; s < states; s++) {
                double best = Double.POSITIVE_INFINITY;
                for (int m = s * a; m < (s + 1) * a; m++) {
                    best = Math.min(best, c[m] + interpolate(later, corner[m], u[m], w[m]));
                }
                values[t][s] = best;
            }
        }
    }

    /**
     * The optimal policy of {@code cost}: a function from positions (one {@code (x, y)} row each) to their costs,
     * such as a learned {@code StateCost::cost}. The cost is read once per grid transition here and at every
     * candidate move when acting.
     */
    public static ReachPlanner optimalFor(Function<double[][], double[]> cost) {
        return optimalFor(cost, GRID);
    }

    /** The same on a grid of {@code grid × grid} positions ({@code grid ≥ 2}). */
    public static ReachPlanner optimalFor(Function<double[][], double[]> cost, int grid) {
        if (cost == null) {
            throw new IllegalArgumentException("ReachPlanner.optimalFor: cost is null; pass a function from positions to costs,"
                    + " e.g. learned::cost or ReachPlanner.trueCost()");
        }
        if (grid < 2) {
            throw new IllegalArgumentException("ReachPlanner.optimalFor: grid = " + grid + " positions per side; pass at least 2"
                    + " (default " + GRID + ")");
        }
        return new ReachPlanner(cost, grid);
    }

    /** The optimal policy of the task's true cost {@link PointReach#cost}. */
    public static ReachPlanner trueCost() {
        return optimalFor(positions -> {
            double[] c = new double[positions.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = PointReach.cost(positions[i][0], positions[i][1]);
            }
            return c;
        });
    }

    /** The optimal cost-to-go {@code V_t(x, y)} (interpolated between grid positions), {@code 0 ≤ t ≤ T}. */
    public double costToGo(int t, double x, double y) {
        if (t < 0 || t > PointReach.HORIZON) {
            throw new IllegalArgumentException("costToGo: t = " + t + "; pass a step from 0 to " + PointReach.HORIZON);
        }
        return interpolate(values[t], new double[] {x, y});
    }

    private record Steps(int[] steps) implements State {
        @Override
        public int size() {
            return steps.length;
        }
    }

    @Override
    protected State newState(int n) {
        return new Steps(new int[n]);
    }

    @Override
    protected Output step(double[][] observations, State state, boolean[] episodeStart) {
        int[] steps = own(state, Steps.class).steps();
        int n = observations.length;
        int a = ACTIONS.length;
        double[][] next = new double[n * a][];
        for (int r = 0; r < n; r++) {
            double[] p = observations[r];
            if (p == null || p.length != 2) {
                throw new IllegalArgumentException("observations[" + r + "] must be a position (x, y), got "
                        + (p == null ? "null" : p.length + " values"));
            }
            for (int k = 0; k < a; k++) {
                next[r * a + k] = PointReach.next(p[0], p[1], ACTIONS[k]);
            }
        }
        double[] c = costs(next);
        double[][] actions = new double[n][];
        int[] after = new int[n];
        for (int r = 0; r < n; r++) {
            int t = episodeStart[r] ? 0 : steps[r];
            double[] later = values[Math.min(t + 1, PointReach.HORIZON)];
            int best = 0;
            double lowest = Double.POSITIVE_INFINITY;
            for (int k = 0; k < a; k++) {
                double q = c[r * a + k] + interpolate(later, next[r * a + k]);
                if (q < lowest) {
                    lowest = q;
                    best = k;
                }
            }
            actions[r] = ACTIONS[best].clone();
            after[r] = t + 1;
        }
        return new Output(actions, new Steps(after));
    }

    private double[] costs(double[][] positions) {
        double[] c = cost.apply(positions);
        if (c == null || c.length != positions.length) {
            throw new IllegalArgumentException("ReachPlanner: the cost gave " + (c == null ? "no array" : c.length
                    + " values") + " for " + positions.length + " positions; it must return one cost per row");
        }
        for (int i = 0; i < c.length; i++) {
            if (!Double.isFinite(c[i])) {
                throw new IllegalArgumentException("ReachPlanner: the cost of (" + positions[i][0] + ", " + positions[i][1]
                        + ") is " + c[i] + "; a cost to plan with must be finite everywhere in the square");
            }
        }
        return c;
    }

    private double coordinate(int i) {
        return -1 + 2.0 * i / (grid - 1);
    }

    /** Bilinear interpolation of grid values {@code v} at position {@code p}. */
    private double interpolate(double[] v, double[] p) {
        double fx = scaled(p[0]);
        double fy = scaled(p[1]);
        int i = cell(fx);
        int j = cell(fy);
        return interpolate(v, i * grid + j, fx - i, fy - j);
    }

    /** Bilinear interpolation of {@code v} in the cell with lower corner {@code corner}, at fractions (u, w) across it. */
    private double interpolate(double[] v, int corner, double u, double w) {
        return (1 - u) * (1 - w) * v[corner] + u * (1 - w) * v[corner + grid]
                + (1 - u) * w * v[corner + 1] + u * w * v[corner + grid + 1];
    }

    /** A coordinate in grid units: 0 at −1, G − 1 at 1. */
    private double scaled(double coordinate) {
        return (coordinate + 1) / 2 * (grid - 1);
    }

    /** Index of the grid cell (its lower corner) holding a position {@code f} in grid units, the edge cells beyond. */
    private int cell(double f) {
        return Math.max(0, Math.min(grid - 2, (int) Math.floor(f)));
    }

    private static double[][] actions() {
        double[][] a = new double[1 + SPEEDS.length * DIRECTIONS][];
        a[0] = new double[] {0, 0};
        int k = 1;
        for (double speed : SPEEDS) {
            for (int d = 0; d < DIRECTIONS; d++) {
                double angle = 2 * Math.PI * d / DIRECTIONS;
                a[k++] = new double[] {speed * Math.cos(angle), speed * Math.sin(angle)};
            }
        }
        return a;
    }

    @Override
    public String toString() {
        return "ReachPlanner[" + grid + " × " + grid + " grid, " + ACTIONS.length + " actions, horizon " + PointReach.HORIZON + "]";
    }
}
