package imitation.env;

import java.util.function.Supplier;

/** {@link VecEnv} over independent {@link Env} copies, stepped one after the other. */
final class SerialVecEnv implements VecEnv {
    private final Env[] envs;
    private final double[][] observations;
    private final double[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final boolean[] running;

    SerialVecEnv(int count, Supplier<? extends Env> factory) {
        if (count < 1) {
            throw new IllegalArgumentException("count = " + count + " must be at least 1");
        }
        envs = new Env[count];
        for (int i = 0; i < count; i++) {
            envs[i] = factory.get();
        }
        observations = new double[count][envs[0].observationSpace().size()];
        rewards = new double[count];
        terminated = new boolean[count];
        truncated = new boolean[count];
        running = new boolean[count];
    }

    @Override
    public int count() {
        return envs.length;
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
        double[] obs = envs[slot].reset(seed);
        System.arraycopy(obs, 0, observations[slot], 0, obs.length);
        rewards[slot] = 0;
        terminated[slot] = false;
        truncated[slot] = false;
        running[slot] = true;
    }

    @Override
    public void step(double[][] actions) {
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
        return running[slot];
    }

    @Override
    public boolean succeeded(int slot) {
        return envs[slot].succeeded();
    }
}
