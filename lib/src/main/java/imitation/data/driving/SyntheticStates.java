package imitation.data.driving;

import imitation.data.Demonstrations;
import imitation.data.Trajectory;
import imitation.env.driving.CarState;
import imitation.env.driving.DrivingWorld;
import imitation.expert.DrivingExpert;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic recovery states in the manner of ALVINN (Pomerleau 1989): every recorded state is moved
 * sideways by a uniform offset in ±{@code maxOffset} metres and turned by a uniform heading error in
 * ±{@code maxHeading} radians, and the view from there is labelled with the expert's action at the
 * perturbed state (one query per synthetic frame to the default {@link DrivingExpert} of the record's
 * world, which reads the true features).
 *
 * <pre>{@code
 * Demonstrations extra = SyntheticStates.builder().copies(2).maxOffset(1.5).seed(3).build().augment(demos);
 * }</pre>
 */
public final class SyntheticStates implements Augmentation {
    private final int copies;
    private final double maxOffset;
    private final double maxHeading;
    private final long seed;

    private SyntheticStates(Builder b) {
        this.copies = b.copies;
        this.maxOffset = b.maxOffset;
        this.maxHeading = b.maxHeading;
        this.seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code copies} perturbed trajectories per recorded episode, each frame perturbed independently. */
    @Override
    public Demonstrations augment(List<DrivingRecord> demonstrations) {
        DrivingRecord.requireOneKind(demonstrations, "SyntheticStates");
        SplittableRandom rng = new SplittableRandom(seed);
        List<Trajectory> out = new ArrayList<>();
        for (DrivingRecord r : demonstrations) {
            DrivingWorld world = r.world();
            if (maxOffset >= world.track().halfWidth()) {
                throw new IllegalArgumentException("SyntheticStates: maxOffset = " + maxOffset
                        + " m would place cars off a road of half width " + world.track().halfWidth()
                        + " m; use less");
            }
            DrivingExpert expert = DrivingExpert.of(world);
            for (int c = 0; c < copies; c++) {
                int steps = r.length();
                double[][] obs = new double[steps + 1][];
                double[][] acts = new double[steps][];
                for (int t = 0; t <= steps; t++) {
                    double[] where = world.locate(r.state(t));
                    double offset = clamp(where[1] + maxOffset * (2 * rng.nextDouble() - 1), world);
                    double heading = where[2] + maxHeading * (2 * rng.nextDouble() - 1);
                    CarState moved = world.stateAt(where[0], offset, heading);
                    obs[t] = world.observe(moved, 0);
                    if (t < steps) {
                        acts[t] = expert.act(world.features(moved));
                    }
                }
                out.add(new Trajectory(obs, acts, new double[steps], false));
            }
        }
        return Demonstrations.of(out);
    }

    /** Keeps a perturbed offset on the road (the recorded one may already be near the edge). */
    private static double clamp(double offset, DrivingWorld world) {
        double edge = 0.95 * world.track().halfWidth();
        return Math.max(-edge, Math.min(edge, offset));
    }

    /** Configures the perturbation. Defaults: 1 copy, ±1.0 m, ±0.1 rad, seed 0. */
    public static final class Builder {
        private int copies = 1;
        private double maxOffset = 1.0;
        private double maxHeading = 0.1;
        private long seed;

        private Builder() {}

        /** Perturbed trajectories per recorded episode. Default 1. */
        public Builder copies(int n) {
            this.copies = n;
            return this;
        }

        /** Largest sideways move in metres. Default 1.0. */
        public Builder maxOffset(double metres) {
            this.maxOffset = metres;
            return this;
        }

        /** Largest heading change in radians. Default 0.1. */
        public Builder maxHeading(double radians) {
            this.maxHeading = radians;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public SyntheticStates build() {
            if (copies < 1) {
                throw new IllegalArgumentException("SyntheticStates: copies = " + copies + " must be at least 1");
            }
            if (!(maxOffset >= 0) || !(maxHeading >= 0 && maxHeading < Math.PI / 2)) {
                throw new IllegalArgumentException("SyntheticStates: maxOffset = " + maxOffset + ", maxHeading = "
                        + maxHeading + " must be >= 0 (and maxHeading below pi/2)");
            }
            return new SyntheticStates(this);
        }
    }
}
