package imitation.env.driving;

import imitation.data.Trajectory;
import imitation.env.Space;

/**
 * The driving world: a car with kinematic bicycle dynamics at constant speed on a closed {@link Track},
 * seen through features or a small camera. Immutable; it makes single environments ({@link #env()}) and
 * vectorised ones ({@link #vec(int)}) that share one implementation of the dynamics.
 *
 * <p>Dynamics (rear-axle reference point, wheelbase {@code L}, speed {@code v}, steering angle
 * {@code δ = action·maxSteer}, integrated exactly over each step of {@code dt} for the constant δ):
 * {@code ẋ = v cos θ, ẏ = v sin θ, θ̇ = v tan δ / L}. The action is one number in [-1, 1] (positive
 * steers left); values outside are rejected, not clipped. Each step's reward is the progress along the
 * centreline in metres. The episode ends when |lateral offset| exceeds the road's half width
 * (terminated) or after {@link Builder#horizon} steps (truncated); {@code succeeded()} is true when the
 * horizon was reached on the road. With {@link Builder#fixedHorizon(boolean) fixedHorizon(true)} (as
 * {@code CartPole.fixedHorizon()}) leaving the road ends nothing: every episode lasts the horizon, the car
 * drives on off the road (it may turn back onto it), a step that ends off the road earns 0, and
 * {@code succeeded()} is true only if the car never left the road; {@link DrivingMetrics#offRoadSteps()}
 * counts the steps off it. Episode length then tells nothing about how well the car drove. Episodes start at a point of the centreline drawn from the reset
 * seed (or at {@link Builder#startArc}), with a small random offset and heading error.
 *
 * <p><b>Obstacle.</b> With {@link Builder#obstacle(double, double)} a disc sits on the centreline (the slide's
 * "avoiding an obstacle"): a step whose straight path comes within its radius ends the episode as a collision,
 * and the features tell how far ahead it is. Without one, nothing of the above changes.
 *
 * <pre>{@code
 * DrivingWorld world = DrivingWorld.builder().track(Track.builder().seed(3).build())
 *         .observation(ObservationKind.CAMERA).build();
 * VecEnv cars = world.vec(64);
 * }</pre>
 */
public final class DrivingWorld {
    /** Distance (metres) over which the obstacle feature grows from -1 to 1: it is the along-track distance to the obstacle / this, clipped. */
    public static final double OBSTACLE_SIGHT = 10;
    private final Track track;
    private final ObservationKind observation;
    private final double speed;
    private final double dt;
    private final double wheelbase;
    private final double maxSteer;
    private final int horizon;
    private final boolean fixedHorizon;
    private final double[] lookAheads;
    private final int cameraHeight;
    private final int cameraWidth;
    private final double cameraNear;
    private final double cameraFar;
    private final double cameraSpan;
    private final double sideCameraShift;
    private final double startOffset;
    private final double startHeading;
    private final double startArc;
    private final double obstacleArc;
    private final double obstacleRadius;
    private final CarState obstacleCentre;
    private final Space observationSpace;
    private final Space actionSpace = Space.Box.of(1, -1, 1);

    private DrivingWorld(Builder b) {
        this.track = b.track == null ? Track.builder().build() : b.track;
        this.observation = b.observation;
        this.speed = b.speed;
        this.dt = b.dt;
        this.wheelbase = b.wheelbase;
        this.maxSteer = b.maxSteer;
        this.horizon = b.horizon;
        this.fixedHorizon = b.fixedHorizon;
        this.lookAheads = b.lookAheads.clone();
        this.cameraHeight = b.cameraHeight;
        this.cameraWidth = b.cameraWidth;
        this.cameraNear = b.cameraNear;
        this.cameraFar = b.cameraFar;
        this.cameraSpan = b.cameraSpan;
        this.sideCameraShift = b.sideCameraShift;
        this.startOffset = b.startOffset;
        this.startHeading = b.startHeading;
        this.startArc = b.startArc;
        this.obstacleArc = b.obstacleArc;
        this.obstacleRadius = b.obstacleRadius;
        double turnRadius = wheelbase / Math.tan(maxSteer);
        if (turnRadius > 0.5 * track.minCurveRadius()) {
            throw new IllegalArgumentException("DrivingWorld: the car turns no tighter than " + round(turnRadius)
                    + " m (wheelbase / tan(maxSteer)) but the track bends down to a radius of "
                    + round(track.minCurveRadius()) + " m; the car needs a turning radius of at most half of that "
                    + "to follow it and correct: raise maxSteer, shorten the wheelbase or use a gentler track");
        }
        if (startOffset >= track.halfWidth()) {
            throw new IllegalArgumentException("DrivingWorld: startOffset = " + startOffset
                    + " m would start cars off the road (half width " + track.halfWidth() + " m); use less");
        }
        onTrack("startArc", startArc, "where episodes start");
        onTrack("obstacle arcLength", obstacleArc, "where the obstacle sits");
        if (hasObstacle() && obstacleRadius >= track.halfWidth()) {
            throw new IllegalArgumentException("DrivingWorld: obstacle radius = " + obstacleRadius
                    + " m leaves no room to pass on a road of half width " + track.halfWidth()
                    + " m; use a radius below the half width (e.g. a third of it)");
        }
        this.obstacleCentre = hasObstacle() ? stateAt(obstacleArc, 0, 0) : null;
        this.observationSpace = observation == ObservationKind.CAMERA
                ? Space.Box.of(cameraHeight * cameraWidth, 0, 1)
                : Space.Box.unbounded(featureSize());
    }

    private void onTrack(String name, double arc, String what) {
        if (!Double.isNaN(arc) && !(arc >= 0 && arc < track.length())) {
            throw new IllegalArgumentException("DrivingWorld: " + name + " = " + arc + " m (" + what
                    + ") is beyond the track, whose lap is " + round(track.length())
                    + " m; give an arc length in [0, " + round(track.length()) + ")");
        }
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A single environment in this world. */
    public DrivingEnv env() {
        return new DrivingEnv(this);
    }

    /** {@code count} cars stepped together, without per-step allocation. */
    public DrivingVecEnv vec(int count) {
        return new DrivingVecEnv(this, count);
    }

    /**
     * The observation (of this world's kind) that a car in {@code state} sees, with the camera shifted
     * {@code cameraShift} metres to the left (ignored for features). Used to label perturbed or side-camera
     * views.
     */
    public double[] observe(CarState state, double cameraShift) {
        DrivingVecEnv one = vec(1);
        one.place(0, state);
        if (observation == ObservationKind.CAMERA) {
            double[] out = new double[observationSpace.size()];
            one.render(0, cameraShift, out);
            return out;
        }
        return one.observations()[0].clone();
    }

    /** The feature vector (see {@link ObservationKind#FEATURES}) of a car in {@code state}, whatever this world's observation kind. */
    public double[] features(CarState state) {
        DrivingVecEnv one = vec(1);
        one.place(0, state);
        return one.features()[0].clone();
    }

    /**
     * The state at arc length {@code s} along the centreline, {@code offset} metres to its left and
     * with heading error {@code headingError} radians.
     */
    public CarState stateAt(double s, double offset, double headingError) {
        double u = s / track.spacing;
        int i = track.wrap((long) Math.floor(u));
        double along = (u - Math.floor(u)) * track.spacing;
        double tx = track.tx[i];
        double ty = track.ty[i];
        double side = offset + 0.5 * track.curvature[i] * along * along;
        double x = track.x[i] + along * tx - side * ty;
        double y = track.y[i] + along * ty + side * tx;
        double h = track.heading[i] + track.curvature[i] * along + headingError;
        return new CarState(x, y, Math.IEEEremainder(h, 2 * Math.PI));
    }

    /**
     * Where a car in {@code state} is relative to the road: {@code {s, offset, headingError}} (arc length
     * of its nearest centreline point in [0, length), lateral offset in metres with left positive, heading
     * error in radians).
     */
    public double[] locate(CarState state) {
        DrivingVecEnv one = vec(1);
        one.place(0, state);
        return new double[] {one.arcLength(0), one.offset(0), one.headingError(0)};
    }

    public Track track() {
        return track;
    }

    public ObservationKind observation() {
        return observation;
    }

    public Space observationSpace() {
        return observationSpace;
    }

    /** One steering value in [-1, 1]. */
    public Space actionSpace() {
        return actionSpace;
    }

    public double speed() {
        return speed;
    }

    public double dt() {
        return dt;
    }

    public double wheelbase() {
        return wheelbase;
    }

    public double maxSteer() {
        return maxSteer;
    }

    public int horizon() {
        return horizon;
    }

    /** Whether every episode lasts the horizon, on the road or not (see {@link Builder#fixedHorizon(boolean)}). */
    public boolean isFixedHorizon() {
        return fixedHorizon;
    }

    /**
     * Whether an episode ends (is terminated) with the car off the road ({@code leftRoad}) or having hit the
     * obstacle ({@code collided}): a collision always ends it, leaving the road unless the horizon is fixed.
     */
    public boolean ends(boolean leftRoad, boolean collided) {
        return leftRoad && !fixedHorizon || collided;
    }

    /** Look-ahead distances (metres) of the curvature features. */
    public double[] lookAheads() {
        return lookAheads.clone();
    }

    /** Number of feature values: 2 + number of look-ahead distances, + 1 with an obstacle. */
    public int featureSize() {
        return 2 + lookAheads.length + (hasObstacle() ? 1 : 0);
    }

    /** Whether this world has an obstacle on the road ({@link Builder#obstacle}). */
    public boolean hasObstacle() {
        return !Double.isNaN(obstacleArc);
    }

    /** Arc length (metres) of the obstacle's centre on the centreline; NaN without an obstacle. */
    public double obstacleArc() {
        return obstacleArc;
    }

    /** Radius (metres) of the obstacle; NaN without an obstacle. */
    public double obstacleRadius() {
        return obstacleRadius;
    }

    /** Position of the obstacle's centre (its heading is the road's there); null without an obstacle. */
    public CarState obstacleCentre() {
        return obstacleCentre;
    }

    /**
     * Signed distance (metres) along the centreline from arc length {@code s} forward to the obstacle,
     * wrapped into [-lap/2, lap/2): positive while it is ahead, negative once passed. NaN without an obstacle.
     */
    public double obstacleAhead(double s) {
        double d = obstacleArc - s;
        double lap = track.length();
        return d - lap * Math.floor(d / lap + 0.5);
    }

    /**
     * The side on which an episode of this world passed the obstacle, read from its feature observations
     * (a trajectory recorded in a FEATURES world): +1 left, -1 right, 0 if it never got past the obstacle
     * (it hit it, left the road before, or ended earlier). The side is that of the lateral offset at the
     * first observation level with or past the obstacle.
     */
    public int passedSide(Trajectory trajectory) {
        if (!hasObstacle() || observation != ObservationKind.FEATURES) {
            throw new IllegalArgumentException("passedSide: this world " + (hasObstacle() ? "observes camera images"
                    : "has no obstacle") + "; use a FEATURES world built with obstacle(arcLength, radius)");
        }
        if (trajectory == null || trajectory.observationSize() != featureSize()) {
            throw new IllegalArgumentException("passedSide: pass a trajectory of this world's features ("
                    + featureSize() + " values per observation), got "
                    + (trajectory == null ? "null" : trajectory.observationSize() + " values"));
        }
        double[][] obs = trajectory.observations();
        int last = featureSize() - 1;
        double[] end = obs[obs.length - 1];
        if (trajectory.terminal() && Math.abs(end[0]) <= 1) {
            return 0;   // ended on the road: a collision
        }
        for (int t = 1; t < obs.length; t++) {
            if (obs[t - 1][last] > 0 && obs[t][last] <= 0) {
                return obs[t][0] > 0 ? 1 : -1;
            }
        }
        return 0;
    }

    public int cameraHeight() {
        return cameraHeight;
    }

    public int cameraWidth() {
        return cameraWidth;
    }

    /** Lateral distance (metres) of the left and right cameras from the centre camera. */
    public double sideCameraShift() {
        return sideCameraShift;
    }

    double cameraNear() {
        return cameraNear;
    }

    double cameraFar() {
        return cameraFar;
    }

    double cameraSpan() {
        return cameraSpan;
    }

    double startOffset() {
        return startOffset;
    }

    double startHeading() {
        return startHeading;
    }

    double startArc() {
        return startArc;
    }

    @Override
    public String toString() {
        return "DrivingWorld[track seed " + track.seed() + ", " + round(track.length()) + " m lap, "
                + observation + ", v = " + speed + " m/s, " + (fixedHorizon ? "fixed " : "") + "horizon " + horizon
                + (hasObstacle() ? ", obstacle r = " + obstacleRadius + " m at " + round(obstacleArc) + " m" : "")
                + (Double.isNaN(startArc) ? "" : ", start at " + round(startArc) + " m") + "]";
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /**
     * Configures the world. Defaults: the default {@link Track}, feature observations, speed 10 m/s,
     * step 0.1 s, wheelbase 2.5 m, steering up to 0.5 rad, horizon 600 steps (600 m, about two laps of
     * the default track), curvature look-aheads {0, 5, 10, 15} m, camera 16×32 pixels seeing 2 to 17 m
     * ahead and ±8 m to the side, side cameras ±1 m, start offset up to ±0.3 m and heading error up
     * to ±0.05 rad.
     */
    public static final class Builder {
        private Track track;
        private ObservationKind observation = ObservationKind.FEATURES;
        private double speed = 10;
        private double dt = 0.1;
        private double wheelbase = 2.5;
        private double maxSteer = 0.5;
        private int horizon = 600;
        private boolean fixedHorizon;
        private double[] lookAheads = {0, 5, 10, 15};
        private int cameraHeight = 16;
        private int cameraWidth = 32;
        private double cameraNear = 2;
        private double cameraFar = 17;
        private double cameraSpan = 8;
        private double sideCameraShift = 1;
        private double startOffset = 0.3;
        private double startHeading = 0.05;
        private double startArc = Double.NaN;
        private double obstacleArc = Double.NaN;
        private double obstacleRadius = Double.NaN;

        private Builder() {}

        /** The road. Default {@code Track.builder().build()} (seed 0). */
        public Builder track(Track track) {
            if (track == null) {
                throw new IllegalArgumentException("DrivingWorld: track is null; pass Track.builder().seed(s).build()");
            }
            this.track = track;
            return this;
        }

        /** Features or camera images. Default FEATURES. */
        public Builder observation(ObservationKind kind) {
            if (kind == null) {
                throw new IllegalArgumentException("DrivingWorld: observation kind is null; pass FEATURES or CAMERA");
            }
            this.observation = kind;
            return this;
        }

        /** Constant speed in m/s. Default 10. */
        public Builder speed(double metresPerSecond) {
            this.speed = metresPerSecond;
            return this;
        }

        /** Step length in seconds. Default 0.1. */
        public Builder dt(double seconds) {
            this.dt = seconds;
            return this;
        }

        /** Distance between the axles in metres. Default 2.5. */
        public Builder wheelbase(double metres) {
            this.wheelbase = metres;
            return this;
        }

        /** Largest steering angle in radians (action ±1). Default 0.5; must be in (0, 1.2]. */
        public Builder maxSteer(double radians) {
            this.maxSteer = radians;
            return this;
        }

        /** Steps per episode. Default 600. */
        public Builder horizon(int steps) {
            this.horizon = steps;
            return this;
        }

        /**
         * Whether leaving the road ends the episode (false, the default) or every episode lasts the horizon (true):
         * the car drives on off the road, each step that ends off it earns 0 instead of its progress, and
         * {@code succeeded()} asks that it never left. The fixed horizon keeps a reward learned from data (GAIL's,
         * always positive or always negative) from paying for surviving or for ending, as in
         * {@code CartPole.fixedHorizon()}.
         */
        public Builder fixedHorizon(boolean fixed) {
            this.fixedHorizon = fixed;
            return this;
        }

        /** Distances ahead (metres, ≥ 0, at least one) at which the features give the road's curvature. Default {0, 5, 10, 15}. */
        public Builder lookAheads(double... metres) {
            this.lookAheads = metres == null ? null : metres.clone();
            return this;
        }

        /** Camera image size in pixels: height 4..64 rows, width 4..64 columns. Default 16 × 32. */
        public Builder camera(int height, int width) {
            this.cameraHeight = height;
            this.cameraWidth = width;
            return this;
        }

        /** Ground seen by the camera: {@code near..far} metres ahead, ±{@code span} metres sideways. Default 2, 17, 8. */
        public Builder cameraView(double near, double far, double span) {
            this.cameraNear = near;
            this.cameraFar = far;
            this.cameraSpan = span;
            return this;
        }

        /** How far (metres) the left and right cameras sit from the centre one. Default 1. */
        public Builder sideCameraShift(double metres) {
            this.sideCameraShift = metres;
            return this;
        }

        /** Episodes start up to ± this many metres off the centreline (uniform). Default 0.3. */
        public Builder startOffset(double metres) {
            this.startOffset = metres;
            return this;
        }

        /** Episodes start with a heading error up to ± this (radians, uniform). Default 0.05. */
        public Builder startHeading(double radians) {
            this.startHeading = radians;
            return this;
        }

        /**
         * Every episode starts at this arc length (metres along the centreline, in [0, lap)) with the usual random
         * offset and heading error, instead of at a point drawn from the seed. Default: drawn.
         */
        public Builder startArc(double metres) {
            if (!(metres >= 0) || Double.isInfinite(metres)) {
                throw new IllegalArgumentException("DrivingWorld: startArc = " + metres
                        + " m must be a finite arc length >= 0 (below the lap length)");
            }
            this.startArc = metres;
            return this;
        }

        /**
         * A round obstacle of {@code radius} metres centred on the centreline at {@code arcLength} metres along it.
         * A step whose path comes within the radius of its centre ends the episode as a collision (terminated,
         * not succeeded, {@link DrivingMetrics#collided()}), also with a fixed horizon; the features gain one
         * value (see {@link ObservationKind#FEATURES}) and the camera sees the obstacle as a dark disc. Default: none.
         */
        public Builder obstacle(double arcLength, double radius) {
            if (!(arcLength >= 0) || Double.isInfinite(arcLength)) {
                throw new IllegalArgumentException("DrivingWorld: obstacle arcLength = " + arcLength
                        + " m must be a finite arc length >= 0 (below the lap length)");
            }
            if (!(radius > 0) || Double.isInfinite(radius)) {
                throw new IllegalArgumentException("DrivingWorld: obstacle radius = " + radius
                        + " m must be positive and finite, e.g. 1");
            }
            this.obstacleArc = arcLength;
            this.obstacleRadius = radius;
            return this;
        }

        public DrivingWorld build() {
            positive("speed", speed);
            positive("dt", dt);
            positive("wheelbase", wheelbase);
            if (!(maxSteer > 0 && maxSteer <= 1.2)) {
                throw new IllegalArgumentException("DrivingWorld: maxSteer = " + maxSteer
                        + " rad must be in (0, 1.2]; typical cars steer up to about 0.5");
            }
            if (horizon < 1) {
                throw new IllegalArgumentException("DrivingWorld: horizon = " + horizon + " must be at least 1 step");
            }
            if (lookAheads == null || lookAheads.length == 0) {
                throw new IllegalArgumentException("DrivingWorld: lookAheads is empty; give at least one distance, e.g. 0");
            }
            for (double d : lookAheads) {
                if (!(d >= 0) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException("DrivingWorld: look-ahead " + d
                            + " m must be a finite distance >= 0");
                }
            }
            if (cameraHeight < 4 || cameraWidth < 4) {
                throw new IllegalArgumentException("DrivingWorld: camera " + cameraHeight + "x" + cameraWidth
                        + " is too small to show the road; use at least 4 rows and 4 columns (default 16x32)");
            }
            if (cameraHeight > 64 || cameraWidth > 64) {
                throw new IllegalArgumentException("DrivingWorld: camera " + cameraHeight + "x" + cameraWidth
                        + " is too large for this low-resolution world; use at most 64 rows and 64 columns (default 16x32)");
            }
            if (!(cameraNear >= 0 && cameraFar > cameraNear && cameraSpan > 0) || Double.isInfinite(cameraFar + cameraSpan)) {
                throw new IllegalArgumentException("DrivingWorld: camera view near = " + cameraNear + ", far = "
                        + cameraFar + ", span = " + cameraSpan + " needs 0 <= near < far and span > 0 (finite)");
            }
            if (!(sideCameraShift >= 0) || sideCameraShift > cameraSpan) {
                throw new IllegalArgumentException("DrivingWorld: sideCameraShift = " + sideCameraShift
                        + " m must be in [0, span = " + cameraSpan + "]");
            }
            if (!(startOffset >= 0) || !(startHeading >= 0 && startHeading < Math.PI / 2)) {
                throw new IllegalArgumentException("DrivingWorld: startOffset = " + startOffset + ", startHeading = "
                        + startHeading + " must be >= 0 (and startHeading below pi/2)");
            }
            return new DrivingWorld(this);
        }

        private static void positive(String name, double v) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("DrivingWorld: " + name + " = " + v + " must be a positive finite number");
            }
        }
    }
}
