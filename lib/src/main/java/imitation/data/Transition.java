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

    public Transition {
        observation = observation.clone();
        action = action.clone();
        nextObservation = nextObservation.clone();
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
