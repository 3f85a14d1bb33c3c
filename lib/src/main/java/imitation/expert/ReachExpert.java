package imitation.expert;

import imitation.env.PointReach;
import imitation.policy.Policy;

/**
 * A scripted expert of {@link PointReach}: it heads for the goal when the straight segment to it keeps at least
 * {@value #CLEARANCE} from the hill's centre, and otherwise for a waypoint (−0.35, 0.35) beside the hill, at full
 * speed, slowing only to stop on the goal. Its decision depends on the position alone (a Markov policy), and it is
 * deterministic ({@link #sample} is {@link #act}).
 */
public final class ReachExpert implements Policy {
    /** Distance from the hill's centre that a straight path to the goal must keep. */
    public static final double CLEARANCE = 0.5;
    private static final double[] WAYPOINT = {-0.35, 0.35};

    @Override
    public double[][] act(double[][] observations) {
        if (observations == null) {
            throw new IllegalArgumentException("observations is null; pass PointReach positions, one row each");
        }
        double[][] out = new double[observations.length][];
        for (int i = 0; i < out.length; i++) {
            double[] p = observations[i];
            if (p == null || p.length != 2) {
                throw new IllegalArgumentException("observations[" + i + "] must be a position (x, y), got "
                        + (p == null ? "null" : p.length + " values"));
            }
            double[] target = clear(p) ? PointReach.GOAL : WAYPOINT;
            double dx = target[0] - p[0];
            double dy = target[1] - p[1];
            double scale = Math.max(Math.hypot(dx, dy), PointReach.SPEED);
            out[i] = new double[] {dx / scale, dy / scale};
        }
        return out;
    }

    /** Whether the segment from {@code p} to the goal keeps {@link #CLEARANCE} from the hill. */
    private static boolean clear(double[] p) {
        double[] g = PointReach.GOAL;
        double[] o = PointReach.HILL;
        double dx = g[0] - p[0];
        double dy = g[1] - p[1];
        double f = ((o[0] - p[0]) * dx + (o[1] - p[1]) * dy) / (dx * dx + dy * dy + 1e-12);
        f = Math.max(0, Math.min(1, f));
        return Math.hypot(p[0] + f * dx - o[0], p[1] + f * dy - o[1]) >= CLEARANCE;
    }
}
