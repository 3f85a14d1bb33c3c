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
 */
public final class DrivingExpert implements Policy {
    private final int featureSize;
    private final double halfWidth;
    private final double speed;
    private final double maxSteer;
    private final double gain;
    private final double noise;

    private DrivingExpert(Builder b) {
        this.featureSize = b.world.featureSize();
        this.halfWidth = b.world.track().halfWidth();
        this.speed = b.world.speed();
        this.maxSteer = b.world.maxSteer();
        this.gain = b.gain;
        this.noise = b.noise;
    }

    /** The noiseless expert for {@code world} with the default gain. */
    public static DrivingExpert of(DrivingWorld world) {
        return builder(world).build();
    }

    /** A builder for an expert driving in {@code world}. */
    public static Builder builder(DrivingWorld world) {
        return new Builder(world);
    }

    /** Standard deviation of the action noise added by {@link #sample}. */
    public double noise() {
        return noise;
    }

    @Override
    public double[][] act(double[][] features) {
        double[][] out = new double[features.length][1];
        for (int i = 0; i < features.length; i++) {
            out[i][0] = steer(row(features, i));
        }
        return out;
    }

    @Override
    public double[][] sample(double[][] features, RandomGenerator rng) {
        double[][] out = new double[features.length][1];
        for (int i = 0; i < features.length; i++) {
            double a = steer(row(features, i)) + noise * rng.nextGaussian();
            out[i][0] = Math.max(-1, Math.min(1, a));
        }
        return out;
    }

    /** The clean steering action for one feature vector. */
    private double steer(double[] f) {
        double offset = f[0] * halfWidth;
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

    /** Configures the expert. Defaults: gain {@code v / (4L)} (critical damping), noise 0. */
    public static final class Builder {
        private final DrivingWorld world;
        private double gain;
        private double noise;

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
