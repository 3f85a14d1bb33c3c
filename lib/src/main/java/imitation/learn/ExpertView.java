package imitation.learn;

import imitation.env.VecEnv;
import imitation.env.driving.DrivingVecEnv;

/**
 * What the {@link Expert} sees of each running episode: by default the same observations as the learner;
 * for a privileged expert, more. In the driving world the expert reads the true features while the learner
 * may see only camera images ({@link #drivingFeatures()}).
 */
@FunctionalInterface
public interface ExpertView {

    /** One row per slot of {@code env} (rows of stopped slots are ignored); may be a live buffer. */
    double[][] rows(VecEnv env);

    /** The learner's own observations. */
    static ExpertView observations() {
        return VecEnv::observations;
    }

    /** The true feature vector of each car, whatever the world's observation kind. */
    static ExpertView drivingFeatures() {
        return env -> {
            if (!(env instanceof DrivingVecEnv cars)) {
                throw new IllegalArgumentException("drivingFeatures: the environment is a " + env.getClass().getSimpleName()
                        + ", not a DrivingVecEnv; use ExpertView.observations() for other environments");
            }
            return cars.features();
        };
    }
}
