package imitation.env;

/**
 * A single-episode environment with seeded resets, in the style of Gymnasium.
 *
 * <p>Usage: {@code double[] obs = env.reset(seed); Step s = env.step(action); ...} until
 * {@link Step#done()}. The same seed gives the same episode for the same actions. Implementations
 * check actions with {@link Space#check} and reject NaN or out-of-range values.
 */
public interface Env {

    Space observationSpace();

    Space actionSpace();

    /** Starts a new episode drawn from the seed and returns its first observation. */
    double[] reset(long seed);

    /** Applies one action; the episode must have been {@link #reset} and not be done. */
    Step step(double[] action);

    /**
     * Whether the current episode counts as a success so far (for example, the pole never fell or the
     * car never left the road). Evaluation reads it when an episode ends. Defaults to {@code false}.
     */
    default boolean succeeded() {
        return false;
    }

    /** Maximum number of steps of an episode (the time limit). */
    int horizon();
}
