package imitation.expert;

import imitation.env.driving.DrivingVecEnv;
import imitation.env.driving.DrivingWorld;
import imitation.policy.Policy;
import java.util.random.RandomGenerator;

/**
 * A Stanley-style steering controller with curvature feed-forward (Thrun et al. 2006, "Stanley: the
 * robot that won the DARPA Grand Challenge"), acting on the driving world's feature vector.
 *
 * <p>Steering angle {@code δ = atan(L·κ) − ψ − atan(k·e / v)}: the feed-forward term follows the road's
 * curvature κ at the car, the other two turn the heading error ψ and the lateral offset e back to zero
 * (wheelbase L, speed v, gain k in 1/s). Linearised, offset and heading obey
 * {@code λ² + (v/L)λ + v·k/L = 0}, which is critically damped for the default gain {@code k = v / (4L)}
 * (both roots at {@code −v/(2L)}, −2/s in the default world). The action is {@code δ / maxSteer},
 * clipped to [-1, 1].
 *
 * <p><b>True state.</b> The features are computed from the car's true pose (offset, heading error and
 * the road's curvature at the car), so this expert acts on the exact state and needs no access to the
 * environment object: it stays a plain batched {@link Policy}. In a world whose observations are
 * camera images, give it the features instead, e.g. {@code expert.act(cars.features())} on a
 * {@link DrivingVecEnv} or {@code world.features(state)}; rows of any other width are rejected.
 *
 * <p>{@link #sample} adds Gaussian action noise of standard deviation {@link Builder#noise} (then clips),
 * for noise injection while demonstrating; {@link #act} is always the clean action.
 *
 * <p><b>Obstacle.</b> In a world with an obstacle ({@link DrivingWorld.Builder#obstacle}) the expert steers the
 * same controller at a shifted line: from {@link Builder#decisionDistance} metres before the obstacle until
 * its radius past it, the offset it corrects is measured from {@link Builder#clearance} metres to the left or
 * to the right of the centreline, with {@value #SWERVE_GAIN} times the gain (a quick swerve, underdamped:
 * it overshoots the line a little), elsewhere from the centreline. The side: once the car leans to one side,
 * that side (the lean is the offset half a second ahead, {@code e + 0.5 s · v · sin ψ}, committed beyond
 * {@value #COMMITTED} m); while it does not, {@link #sample} picks left or right with equal chance from its
 * generator, which {@code Rollouts} seeds from each episode's seed, so the choice is random per episode,
 * repeatable per seed and not in the observation. The swerve then commits it within a step. {@link #act}
 * passes on the left.
 */
public final class DrivingExpert implements Policy {
    /** Lean (metres) beyond which the expert has chosen its side of the obstacle. */
    public static final double COMMITTED = 0.25;
    private static final double LEAN_SECONDS = 0.5;
    /** Factor on the gain while passing the obstacle: a quick swerve, at full steering for its first steps. */
    public static final double SWERVE_GAIN = 4;
    private final int featureSize;
    private final double halfWidth;
    private final double speed;
    private final double maxSteer;
    private final double gain;
    private final double noise;
    private final double clearance;
    private final double decisionDistance;
    private final double obstacleRadius;

    private DrivingExpert(Builder b) {
        this.featureSize = b.world.featureSize();
        this.halfWidth = b.world.track().halfWidth();
        this.speed = b.world.speed();
        this.maxSteer = b.world.maxSteer();
        this.gain = b.gain;
        this.noise = b.noise;
        this.clearance = b.clearance;
        this.decisionDistance = b.decisionDistance;
        this.obstacleRadius = b.world.obstacleRadius();
    }

    /** The noiseless expert for {@code world} with the default gain. */
    public static DrivingExpert of(DrivingWorld world) {
        return builder(world).build();
    }

    /** A builder for an expert driving in {@code world}. */
    public static Builder builder(DrivingWorld world) {
        return new Builder(world);
    }

    /** Lateral offset (metres) of the line the expert follows past the obstacle; NaN without one. */
    public double clearance() {
        return clearance;
    }

    /** Distance (metres) before the obstacle at which the expert moves to its side; NaN without one. */
    public double decisionDistance() {
        return decisionDistance;
    }

    /** Standard deviation of the action noise added by {@link #sample}. */
    public double noise() {
        return noise;
    }

    @Override
    public double[][] act(double[][] features) {
        double[][] out = new double[features.length][1];
        for (int i = 0; i < features.length; i++) {
            out[i][0] = steer(row(features, i), null);
        }
        return out;
    }

    @Override
    public double[][] sample(double[][] features, RandomGenerator rng) {
        double[][] out = new double[features.length][1];
        for (int i = 0; i < features.length; i++) {
            double a = steer(row(features, i), rng) + noise * rng.nextGaussian();
            out[i][0] = Math.max(-1, Math.min(1, a));
        }
        return out;
    }

    /** The clean steering action for one feature vector; an open choice of side drawn from {@code rng} (left if null). */
    private double steer(double[] f, RandomGenerator rng) {
        double offset = f[0] * halfWidth;
        double gain = this.gain;
        if (!Double.isNaN(clearance)) {
            double ahead = f[featureSize - 1] * DrivingWorld.OBSTACLE_SIGHT;
            if (ahead <= decisionDistance && ahead > -obstacleRadius) {
                double lean = offset + LEAN_SECONDS * speed * Math.sin(f[1]);
                double side = Math.abs(lean) >= COMMITTED ? Math.signum(lean) : rng == null || rng.nextBoolean() ? 1 : -1;
                offset -= side * clearance;
                gain *= SWERVE_GAIN;
            }
        }
        double feedForward = f[2] * maxSteer;
        double delta = feedForward - f[1] - Math.atan(gain * offset / speed);
        return Math.max(-1, Math.min(1, delta / maxSteer));
    }

    private double[] row(double[][] features, int i) {
        double[] f = features[i];
        if (f == null || f.length != featureSize) {
            throw new IllegalArgumentException("DrivingExpert: row " + i + " has "
                    + (f == null ? "null" : f.length + " values") + " but the world's feature vector has "
                    + featureSize + "; the expert reads FEATURES (with camera worlds pass cars.features() or "
                    + "world.features(state), not the images)");
        }
        return f;
    }

    /**
     * Configures the expert. Defaults: gain {@code v / (4L)} (critical damping), noise 0; with an obstacle,
     * clearance halfway between the obstacle's edge and the road's ({@code (radius + halfWidth) / 2}) and
     * decision distance 8 m.
     */
    public static final class Builder {
        private final DrivingWorld world;
        private double gain;
        private double noise;
        private double clearance = Double.NaN;
        private double decisionDistance = Double.NaN;

        private Builder(DrivingWorld world) {
            if (world == null) {
                throw new IllegalArgumentException("DrivingExpert: world is null");
            }
            double[] ahead = world.lookAheads();
            if (ahead[0] != 0) {
                throw new IllegalArgumentException("DrivingExpert: the world's first look-ahead is " + ahead[0]
                        + " m; the expert's feed-forward needs the curvature at the car: start lookAheads with 0");
            }
            this.world = world;
            this.gain = world.speed() / (4 * world.wheelbase());
            if (world.hasObstacle()) {
                this.clearance = (world.obstacleRadius() + world.track().halfWidth()) / 2;
                this.decisionDistance = 8;
            }
        }

        /**
         * Lateral offset (metres) of the line followed past the obstacle: more than its radius, less than the
         * road's half width. Only for a world with an obstacle.
         */
        public Builder clearance(double metres) {
            double r = obstacleRadius("clearance");
            double hw = world.track().halfWidth();
            if (!(metres > r && metres < hw)) {
                throw new IllegalArgumentException("DrivingExpert: clearance = " + metres + " m must lie between the"
                        + " obstacle's radius " + r + " m and the road's half width " + hw + " m, e.g. " + (r + hw) / 2);
            }
            this.clearance = metres;
            return this;
        }

        /**
         * How far (metres) before the obstacle the expert chooses a side and moves to it: more than the obstacle's
         * radius, at most {@link DrivingWorld#OBSTACLE_SIGHT} (what the features show). Default 8; shorter is a
         * later, harder swerve. Only for a world with an obstacle.
         */
        public Builder decisionDistance(double metres) {
            double r = obstacleRadius("decisionDistance");
            if (!(metres > r && metres <= DrivingWorld.OBSTACLE_SIGHT)) {
                throw new IllegalArgumentException("DrivingExpert: decisionDistance = " + metres + " m must be more"
                        + " than the obstacle's radius " + r + " m and at most " + DrivingWorld.OBSTACLE_SIGHT
                        + " m (the features' sight), e.g. 8");
            }
            this.decisionDistance = metres;
            return this;
        }

        private double obstacleRadius(String setting) {
            if (!world.hasObstacle()) {
                throw new IllegalArgumentException("DrivingExpert: " + setting + " is a setting for passing an obstacle,"
                        + " but the world has none; build it with DrivingWorld.builder().obstacle(arcLength, radius)");
            }
            return world.obstacleRadius();
        }

        /** Gain k (1/s) on the lateral offset. Default {@code v / (4L)}. */
        public Builder gain(double perSecond) {
            if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("DrivingExpert: gain = " + perSecond + " must be positive and finite");
            }
            this.gain = perSecond;
            return this;
        }

        /** Standard deviation of the Gaussian noise {@link #sample} adds to the action. Default 0. */
        public Builder noise(double std) {
            if (!(std >= 0) || Double.isInfinite(std)) {
                throw new IllegalArgumentException("DrivingExpert: noise = " + std + " must be finite and >= 0");
            }
            this.noise = std;
            return this;
        }

        public DrivingExpert build() {
            return new DrivingExpert(this);
        }
    }
}
