package imitation.env.driving;

import imitation.env.BufferedVecEnv;
import imitation.env.Space;
import imitation.env.VecEnv;
import java.util.SplittableRandom;

/**
 * Many cars of one {@link DrivingWorld} stepped together. The state lives in parallel arrays (one entry
 * per slot), the step loop allocates nothing, and the single {@link DrivingEnv} is this class with one
 * slot, so both run the same dynamics code. See {@link DrivingWorld} for the model.
 *
 * <p>Besides the {@link VecEnv} contract it exposes each car's true state, its
 * {@linkplain #features() feature vector} whatever the observation kind (what an expert with the true
 * state reads), renders from shifted cameras, and reports per-episode {@link DrivingMetrics}.
 */
public final class DrivingVecEnv extends BufferedVecEnv {
    private final DrivingWorld world;
    private final Track track;
    private final double stepLength;
    private final double halfWidth;
    private final double[] lookAheads;
    private final boolean camera;
    private final Camera cam;
    private final boolean fixedHorizon;
    private final boolean obstacle;
    private final double obstacleX;
    private final double obstacleY;
    private final double obstacleRadius;

    private final double[] x;
    private final double[] y;
    private final double[] heading;
    private final int[] nearest;
    private final double[] arc;
    private final double[] offset;
    private final double[] headingError;
    private final double[] progress;
    private final double[] sumAbsOffset;
    private final int[] steps;
    private final boolean[] leftRoad;
    private final int[] offRoadSteps;
    private final boolean[] collided;
    private final double[][] features;

    DrivingVecEnv(DrivingWorld world, int count) {
        super(new double[checkedCount("vec: count", count)][world.observationSpace().size()]);
        this.world = world;
        this.track = world.track();
        this.stepLength = world.speed() * world.dt();
        this.halfWidth = track.halfWidth();
        this.lookAheads = world.lookAheads();
        this.camera = world.observation() == ObservationKind.CAMERA;
        this.fixedHorizon = world.isFixedHorizon();
        this.obstacle = world.hasObstacle();
        this.obstacleX = obstacle ? world.obstacleCentre().x() : Double.NaN;
        this.obstacleY = obstacle ? world.obstacleCentre().y() : Double.NaN;
        this.obstacleRadius = world.obstacleRadius();
        this.cam = new Camera(world.cameraHeight(), world.cameraWidth(), world.cameraNear(), world.cameraFar(),
                world.cameraSpan());
        x = new double[count];
        y = new double[count];
        heading = new double[count];
        nearest = new int[count];
        arc = new double[count];
        offset = new double[count];
        headingError = new double[count];
        progress = new double[count];
        sumAbsOffset = new double[count];
        steps = new int[count];
        leftRoad = new boolean[count];
        offRoadSteps = new int[count];
        collided = new boolean[count];
        features = camera ? new double[count][world.featureSize()] : observations;
    }

    /** The world these cars drive in. */
    public DrivingWorld world() {
        return world;
    }

    @Override
    public Space observationSpace() {
        return world.observationSpace();
    }

    @Override
    public Space actionSpace() {
        return world.actionSpace();
    }

    @Override
    public int horizon() {
        return world.horizon();
    }

    /**
     * Starts an episode in {@code slot} at a centreline point drawn from {@code seed} (or the world's
     * {@link DrivingWorld.Builder#startArc start arc}), up to
     * {@code startOffset} metres to the side and {@code startHeading} radians off the road's direction.
     */
    @Override
    public void reset(int slot, long seed) {
        checkSlot(slot);
        SplittableRandom rng = new SplittableRandom(seed);
        double drawn = rng.nextDouble(track.length());
        double s = Double.isNaN(world.startArc()) ? drawn : world.startArc();
        double off = world.startOffset() * (2 * rng.nextDouble() - 1);
        double err = world.startHeading() * (2 * rng.nextDouble() - 1);
        CarState start = world.stateAt(s, off, err);
        start(slot, start, track.nearest(start.x(), start.y(), track.wrap((long) (s / track.spacing))));
    }

    /** Starts an episode in {@code slot} with the car in exactly {@code state} (it may be off the road). */
    public void place(int slot, CarState state) {
        checkSlot(slot);
        start(slot, state, track.nearest(state.x(), state.y()));
    }

    private void start(int slot, CarState state, int nearestPoint) {
        x[slot] = state.x();
        y[slot] = state.y();
        heading[slot] = state.heading();
        nearest[slot] = nearestPoint;
        locate(slot);
        progress[slot] = 0;
        sumAbsOffset[slot] = 0;
        steps[slot] = 0;
        offRoadSteps[slot] = 0;
        leftRoad[slot] = Math.abs(offset[slot]) > halfWidth;
        collided[slot] = obstacle && hits(x[slot], y[slot], x[slot], y[slot]);
        terminated[slot] = world.ends(leftRoad[slot], collided[slot]);
        running[slot] = !terminated[slot];
        truncated[slot] = false;
        rewards[slot] = 0;
        observe(slot);
    }

    @Override
    public void step(double[][] actions) {
        checkActionRows(actions);
        double maxSteer = world.maxSteer();
        double perWheelbase = stepLength / world.wheelbase();
        for (int i = 0; i < x.length; i++) {
            if (!running[i]) {
                rewards[i] = 0;
                continue;
            }
            double[] a = actions[i];
            if (a == null || a.length != 1 || !(a[0] >= -1 && a[0] <= 1)) {
                world.actionSpace().check("steering action of slot " + i, a);
            }
            double turn = perWheelbase * Math.tan(a[0] * maxSteer);
            double h0 = heading[i];
            double x0 = x[i];
            double y0 = y[i];
            if (Math.abs(turn) < 1e-9) {
                x[i] += stepLength * Math.cos(h0);
                y[i] += stepLength * Math.sin(h0);
            } else {
                double h1 = h0 + turn;
                double radius = stepLength / turn;
                x[i] += radius * (Math.sin(h1) - Math.sin(h0));
                y[i] += radius * (Math.cos(h0) - Math.cos(h1));
                heading[i] = h1;
            }
            double before = arc[i];
            if (fixedHorizon && Math.abs(offset[i]) > halfWidth) {
                // off the road the downhill walk from the last point can stop at a local minimum: search all
                nearest[i] = track.nearest(x[i], y[i]);
            }
            locate(i);
            double ds = arc[i] - before;
            double lap = track.length();
            if (ds > lap / 2) {
                ds -= lap;
            } else if (ds < -lap / 2) {
                ds += lap;
            }
            boolean off = Math.abs(offset[i]) > halfWidth;
            rewards[i] = fixedHorizon && off ? 0 : ds;
            progress[i] += rewards[i];
            sumAbsOffset[i] += Math.abs(offset[i]);
            int t = ++steps[i];
            if (off) {
                leftRoad[i] = true;
                offRoadSteps[i]++;
            }
            if (obstacle && hits(x0, y0, x[i], y[i])) {
                collided[i] = true;
            }
            terminated[i] = world.ends(off, collided[i]);
            truncated[i] = !terminated[i] && t >= world.horizon();
            running[i] = !(terminated[i] || truncated[i]);
            observe(i);
        }
    }

    /**
     * Whether the straight segment from (x0, y0) to (x1, y1) comes within the obstacle's radius of its centre
     * (the chord of a step's arc: at 1 m per step and the default steering it is within 3 cm of the arc).
     */
    private boolean hits(double x0, double y0, double x1, double y1) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len2 = dx * dx + dy * dy;
        double w = len2 == 0 ? 0 : ((obstacleX - x0) * dx + (obstacleY - y0) * dy) / len2;
        w = Math.max(0, Math.min(1, w));
        return Math.hypot(x0 + w * dx - obstacleX, y0 + w * dy - obstacleY) < obstacleRadius;
    }

    /** Nearest centreline point, arc length, lateral offset, heading error and features of the car in {@code i}. */
    private void locate(int i) {
        int k = track.nearest(x[i], y[i], nearest[i]);
        nearest[i] = k;
        double tx = track.tx[k];
        double ty = track.ty[k];
        double dx = x[i] - track.x[k];
        double dy = y[i] - track.y[k];
        double along = dx * tx + dy * ty;
        // offset from the tangent line, less the centreline's own bend away from it over `along`
        double lateral = dy * tx - dx * ty - 0.5 * track.curvature[k] * along * along;
        double s = k * track.spacing + along;
        if (s < 0) {
            s += track.length();
        } else if (s >= track.length()) {
            s -= track.length();
        }
        arc[i] = s;
        offset[i] = lateral;
        double e = heading[i] - track.heading[k] - track.curvature[k] * along;
        e -= 2 * Math.PI * Math.rint(e / (2 * Math.PI));
        headingError[i] = e;
        double[] f = features[i];
        f[0] = lateral / halfWidth;
        f[1] = e;
        double wheelbase = world.wheelbase();
        double maxSteer = world.maxSteer();
        for (int j = 0; j < lookAheads.length; j++) {
            f[2 + j] = Math.atan(wheelbase * track.curvatureAt(s + lookAheads[j])) / maxSteer;
        }
        if (obstacle) {
            f[2 + lookAheads.length] = Math.max(-1, Math.min(1, world.obstacleAhead(s) / DrivingWorld.OBSTACLE_SIGHT));
        }
    }

    private void observe(int i) {
        if (camera) {
            render(i, 0, observations[i]);
        }
    }

    /**
     * Renders the camera image of the car in {@code slot} as seen from a camera {@code shift} metres to
     * its left (negative: right) into {@code out} ({@code height·width} values, row-major), whatever
     * this world's observation kind. The side cameras are at ±{@link DrivingWorld#sideCameraShift()}.
     */
    public void render(int slot, double shift, double[] out) {
        checkSlot(slot);
        if (out == null || out.length != cam.height * cam.width) {
            throw new IllegalArgumentException("render: out must hold " + cam.height * cam.width + " values, got "
                    + (out == null ? "null" : out.length));
        }
        cam.look(track, x[slot], y[slot], heading[slot], nearest[slot]);
        cam.draw(shift, out, 0);
        if (obstacle) {
            cam.drawDisc(obstacleX, obstacleY, obstacleRadius, shift, out, 0);
        }
    }

    /** Feature vector of every slot (see {@link ObservationKind#FEATURES}), whatever the observation kind (live buffer). */
    public double[][] features() {
        return features;
    }

    /** True when the episode reached the horizon without ever leaving the road (or hitting the obstacle). */
    @Override
    public boolean succeeded(int slot) {
        checkSlot(slot);
        return !leftRoad[slot] && !collided[slot] && steps[slot] >= world.horizon();
    }

    /** True state of the car in {@code slot}. */
    public CarState state(int slot) {
        checkSlot(slot);
        return new CarState(x[slot], y[slot], heading[slot]);
    }

    /** Lateral offset (metres, left of the centreline positive) of the car in {@code slot}. */
    public double offset(int slot) {
        checkSlot(slot);
        return offset[slot];
    }

    /** Heading error (radians, pointing left of the road positive) of the car in {@code slot}. */
    public double headingError(int slot) {
        return headingError[slot];
    }

    /** Arc length (metres, in [0, lap length)) of the centreline point nearest to the car in {@code slot}. */
    public double arcLength(int slot) {
        return arc[slot];
    }

    /** Steps taken in the current episode of {@code slot}. */
    public int steps(int slot) {
        checkSlot(slot);
        return steps[slot];
    }

    /** How the current (or just ended) episode of {@code slot} went. */
    public DrivingMetrics metrics(int slot) {
        checkSlot(slot);
        int t = steps[slot];
        int laps = (int) Math.max(0, Math.floor(progress[slot] / track.length()));
        return new DrivingMetrics(t, progress[slot], laps, t == 0 ? 0 : sumAbsOffset[slot] / t, leftRoad[slot],
                succeeded(slot), offRoadSteps[slot], collided[slot]);
    }
}
