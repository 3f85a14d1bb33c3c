package imitation.data.driving;

import imitation.data.Demonstrations;
import imitation.data.Trajectory;
import imitation.env.driving.DrivingWorld;
import imitation.env.driving.ObservationKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The left and right camera trick of Bojarski et al. (2016, "End to end learning for self-driving
 * cars"): each recorded frame also yields the views of two cameras mounted
 * {@link DrivingWorld#sideCameraShift() d} metres to the left and right, labelled with the expert's
 * steering plus a correction that turns back towards the centre: {@code label − c} for the left camera
 * (which sees the road as if the car were too far left), {@code label + c} for the right one, clipped to
 * [-1, 1]. No extra expert queries: the labels are the recorded ones.
 *
 * <p>A correction matched to the expert's own response to an offset of d (heading aligned) is
 * {@code atan(k·d / v) / maxSteer}, about 0.2 in the default world; notebooks sweep it.
 *
 * @param correction the steering correction c ≥ 0 (a negative one would steer away from the centre)
 */
public record SideCameras(double correction) implements Augmentation {

    public SideCameras {
        if (!(correction >= 0)) {
            throw new IllegalArgumentException("SideCameras: correction = " + correction + " has the wrong sign"
                    + " (or is NaN); the left camera is labelled steering - correction, which turns right towards the"
                    + " centre only for a correction >= 0: pass its magnitude, e.g. 0.2");
        }
        if (correction > 1) {
            throw new IllegalArgumentException("SideCameras: correction = " + correction
                    + " exceeds the steering range (actions are in [-1, 1]); use a value in [0, 1]");
        }
    }

    /** Two trajectories (left camera, right camera) per recorded episode. */
    @Override
    public Demonstrations augment(List<DrivingRecord> demonstrations) {
        DrivingRecord.requireOneKind(demonstrations, "SideCameras");
        List<Trajectory> out = new ArrayList<>();
        for (DrivingRecord r : demonstrations) {
            DrivingWorld world = r.world();
            if (world.observation() != ObservationKind.CAMERA) {
                throw new IllegalArgumentException("SideCameras: the demonstrations were recorded with "
                        + world.observation() + " observations; side cameras make camera images, so record them in "
                        + "a world built with .observation(ObservationKind.CAMERA)");
            }
            double d = world.sideCameraShift();
            out.add(view(r, d, -correction));
            out.add(view(r, -d, correction));
        }
        return Demonstrations.of(out);
    }

    private static Trajectory view(DrivingRecord r, double shift, double change) {
        int steps = r.length();
        double[][] obs = new double[steps + 1][];
        for (int t = 0; t <= steps; t++) {
            obs[t] = r.world().observe(r.state(t), shift);
        }
        double[] labels = r.labels();
        double[][] acts = new double[steps][];
        for (int t = 0; t < steps; t++) {
            acts[t] = new double[] {Math.max(-1, Math.min(1, labels[t] + change))};
        }
        return new Trajectory(obs, acts, new double[steps], false);
    }
}
