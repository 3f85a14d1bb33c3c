package imitation.env;

/**
 * What one call to {@link Env#step} returns.
 *
 * @param observation the observation after the step
 * @param reward      the reward for the transition
 * @param terminated  the episode ended inside the task (failure or success): no further reward follows
 * @param truncated   the episode was cut by a time limit: the task itself could go on
 */
public record Step(double[] observation, double reward, boolean terminated, boolean truncated) {

    /** True when the episode is over for either reason. */
    public boolean done() {
        return terminated || truncated;
    }
}
