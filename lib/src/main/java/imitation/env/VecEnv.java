package imitation.env;

import java.util.function.Supplier;

/**
 * N episodes stepped together, so a policy can act on all of them with one batched call.
 *
 * <p>Each slot runs one episode: {@link #reset(int, long)} starts it, {@link #step(double[][])} advances
 * every running slot, and a slot stops running when its episode ends (it is not reset automatically, so
 * no final observation is lost). The arrays returned by {@link #observations()}, {@link #rewards()},
 * {@link #terminated()} and {@link #truncated()} are live buffers, overwritten by the next call: copy
 * what you keep.
 */
public interface VecEnv {

    /** Number of slots. */
    int count();

    Space observationSpace();

    Space actionSpace();

    /** Time limit of one episode. */
    int horizon();

    /** Starts a new episode in {@code slot}, drawn from {@code seed}. */
    void reset(int slot, long seed);

    /** Advances every running slot by one step; rows of {@code actions} for stopped slots are ignored. */
    void step(double[][] actions);

    /** Current observation of every slot, one row per slot (live buffer). */
    double[][] observations();

    /** Rewards of the last step (0 for slots that did not step; live buffer). */
    double[] rewards();

    /** Whether the last step of each slot ended its episode inside the task (live buffer). */
    boolean[] terminated();

    /** Whether the last step of each slot hit the time limit (live buffer). */
    boolean[] truncated();

    /** Whether {@code slot} holds an episode that has not ended. */
    boolean running(int slot);

    /** Whether the episode in {@code slot} counts as a success so far; see {@link Env#succeeded()}. */
    boolean succeeded(int slot);

    /** A vectorised env made of {@code count} independent copies from {@code factory}, stepped in a loop. */
    static VecEnv of(int count, Supplier<? extends Env> factory) {
        return new SerialVecEnv(count, factory);
    }
}
