package imitation.env;

import java.util.function.Supplier;

/** {@link VecEnv} over independent {@link Env} copies, stepped one after the other. */
final class SerialVecEnv extends BufferedVecEnv {
    private final Env[] envs;

    SerialVecEnv(int count, Supplier<? extends Env> factory) {
        this(copies(checkedCount("count", count), factory));
    }

    private SerialVecEnv(Env[] envs) {
        super(new double[envs.length][envs[0].observationSpace().size()]);
        this.envs = envs;
    }

    private static Env[] copies(int count, Supplier<? extends Env> factory) {
        if (factory == null) {
            throw new IllegalArgumentException("VecEnv.of: factory is null; pass e.g. CartPole::classic");
        }
        Env[] envs = new Env[count];
        for (int i = 0; i < count; i++) {
            envs[i] = factory.get();
            if (envs[i] == null) {
                throw new IllegalArgumentException("VecEnv.of: the factory returned null for copy " + i
                        + "; it must return a new environment on every call");
            }
        }
        return envs;
    }

    @Override
    public Space observationSpace() {
        return envs[0].observationSpace();
    }

    @Override
    public Space actionSpace() {
        return envs[0].actionSpace();
    }

    @Override
    public int horizon() {
        return envs[0].horizon();
    }

    @Override
    public void reset(int slot, long seed) {
        checkSlot(slot);
        double[] obs = envs[slot].reset(seed);
        System.arraycopy(obs, 0, observations[slot], 0, obs.length);
        rewards[slot] = 0;
        terminated[slot] = false;
        truncated[slot] = false;
        running[slot] = true;
    }

    @Override
    public void step(double[][] actions) {
        checkActionRows(actions);
        for (int i = 0; i < envs.length; i++) {
            if (!running[i]) {
                rewards[i] = 0;
                continue;
            }
            Step s = envs[i].step(actions[i]);
            System.arraycopy(s.observation(), 0, observations[i], 0, observations[i].length);
            rewards[i] = s.reward();
            terminated[i] = s.terminated();
            truncated[i] = s.truncated();
            running[i] = !s.done();
        }
    }

    @Override
    public boolean succeeded(int slot) {
        checkSlot(slot);
        return envs[slot].succeeded();
    }
}
