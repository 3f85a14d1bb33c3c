package imitation.env;

/**
 * A {@link VecEnv} that keeps each step's results in arrays with one entry per slot: the observation
 * rows, rewards, end flags and running flags. Subclasses write these buffers in {@code reset} and
 * {@code step}; this class returns them as the live buffers the {@link VecEnv} contract describes.
 */
public abstract class BufferedVecEnv implements VecEnv {
    /** Current observation of every slot. */
    protected final double[][] observations;
    /** Reward of every slot's last step. */
    protected final double[] rewards;
    /** Whether every slot's last step ended its episode inside the task. */
    protected final boolean[] terminated;
    /** Whether every slot's last step hit the time limit. */
    protected final boolean[] truncated;
    /** Whether every slot holds an episode that has not ended. */
    protected final boolean[] running;

    /** Buffers for {@code observations.length} slots that observe into {@code observations} (kept, not copied). */
    protected BufferedVecEnv(double[][] observations) {
        this.observations = observations;
        int count = observations.length;
        rewards = new double[count];
        terminated = new boolean[count];
        truncated = new boolean[count];
        running = new boolean[count];
    }

    /** Returns {@code count}, or fails naming {@code name} when it is below 1. */
    protected static int checkedCount(String name, int count) {
        if (count < 1) {
            throw new IllegalArgumentException(name + " = " + count + " must be at least 1");
        }
        return count;
    }

    /** Fails naming {@code slot} when it is not one of this env's slots. */
    protected void checkSlot(int slot) {
        if (slot < 0 || slot >= observations.length) {
            throw new IllegalArgumentException("slot = " + slot + " must be in [0, " + observations.length + ")");
        }
    }

    /** Fails unless {@code actions} holds one row per slot (rows of stopped slots may be anything). */
    protected void checkActionRows(double[][] actions) {
        if (actions == null || actions.length != observations.length) {
            throw new IllegalArgumentException("step: expected " + observations.length + " action rows, got "
                    + (actions == null ? "null" : actions.length) + "; pass one row per slot");
        }
    }

    @Override
    public int count() {
        return observations.length;
    }

    @Override
    public double[][] observations() {
        return observations;
    }

    @Override
    public double[] rewards() {
        return rewards;
    }

    @Override
    public boolean[] terminated() {
        return terminated;
    }

    @Override
    public boolean[] truncated() {
        return truncated;
    }

    @Override
    public boolean running(int slot) {
        checkSlot(slot);
        return running[slot];
    }
}
