package imitation.data;

/**
 * One step of a trajectory, the flattened form supervised learners read.
 *
 * @param observation     the state the action was taken in
 * @param action          the action taken (or the expert's label for it)
 * @param reward          the reward received
 * @param nextObservation the observation after the step
 * @param done            true when this step ended the episode inside the task
 */
public record Transition(double[] observation, double[] action, double reward, double[] nextObservation, boolean done) {

    /** Copies the arrays after checking them: none null or empty, every number finite, both observations of one size. */
    public Transition {
        observation = checked("observation", observation);
        action = checked("action", action);
        nextObservation = checked("nextObservation", nextObservation);
        if (!Double.isFinite(reward)) {
            throw new IllegalArgumentException("Transition: reward = " + reward + " is not finite; a NaN or infinite "
                    + "reward usually comes from a diverged learner or a division by zero");
        }
        if (nextObservation.length != observation.length) {
            throw new IllegalArgumentException("Transition: nextObservation has " + nextObservation.length
                    + " values but observation has " + observation.length + "; both come from the same environment");
        }
    }

    private static double[] checked(String name, double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("Transition: " + name + " is " + (values == null ? "null" : "empty")
                    + "; pass at least one value");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("Transition: " + name + "[" + i + "] = " + values[i]
                        + " is not finite; NaN or infinite values usually come from a diverged network or a division by zero");
            }
        }
        return values.clone();
    }

    @Override
    public double[] observation() {
        return observation.clone();
    }

    @Override
    public double[] action() {
        return action.clone();
    }

    @Override
    public double[] nextObservation() {
        return nextObservation.clone();
    }
}
