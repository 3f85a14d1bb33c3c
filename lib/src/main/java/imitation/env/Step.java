package imitation.env;

/**
 * What one call to {@link Env#step} returns.
 *
 * <p>Convention for the two end flags, kept by every environment of the library, by {@link VecEnv} and by the
 * rollout code (and checked by {@link EnvChecker}): they are never both set. A step that ends the task (the
 * pole falls, the car leaves the road) sets only {@code terminated}, even when it is also the time-limit step;
 * {@code truncated} is set exactly when the step reaches the horizon and the task did not end. Gymnasium's
 * {@code TimeLimit} wrapper would set both on a failure at the limit; here "terminated" always wins, so
 * {@code terminated} alone says whether bootstrapping from the next state is wrong.
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
