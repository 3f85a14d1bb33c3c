package imitation.data;

import imitation.env.Env;
import imitation.env.VecEnv;
import imitation.policy.Policy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Runs a policy in a vectorised environment and collects episodes: one batched {@link Policy#act} per
 * step for all running episodes.
 *
 * <pre>{@code
 * Demonstrations demos = Rollouts.in(CartPole.fixedHorizon().vec(16)).episodes(10).seed(1).collect(expert);
 * }</pre>
 *
 * Episode {@code k} is reset with a seed derived from {@code (seed, k)}, so the episodes do not depend
 * on how many run in parallel (for deterministic policies). Stop conditions: a number of episodes, or
 * at least a number of steps (whole episodes, as the peer library does). Configuration methods return
 * a new object; nothing is shared between collections.
 *
 * <p>A {@link Driver} generalises the policy: at each step it returns the actions to execute and,
 * separately, the actions to record, and it may stop the collection early. DAgger drives with a mix of
 * learner and expert while recording the expert's labels ({@code imitation.learn.Dagger}).
 */
public final class Rollouts {
    private final VecEnv env;
    private final int episodes;
    private final int minSteps;
    private final long seed;
    private final boolean stochastic;

    private Rollouts(VecEnv env, int episodes, int minSteps, long seed, boolean stochastic) {
        this.env = env;
        this.episodes = episodes;
        this.minSteps = minSteps;
        this.seed = seed;
        this.stochastic = stochastic;
    }

    /** Collect in {@code env}; defaults: one episode per slot, seed 0, deterministic actions. */
    public static Rollouts in(VecEnv env) {
        if (env == null) {
            throw new IllegalArgumentException("Rollouts.in: env is null");
        }
        return new Rollouts(env, env.count(), 0, 0, false);
    }

    /** Collect in {@code parallel} copies of the environment made by {@code factory}. */
    public static Rollouts in(Supplier<? extends Env> factory, int parallel) {
        return in(VecEnv.of(parallel, factory));
    }

    /** Stop after exactly {@code n} episodes. */
    public Rollouts episodes(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("episodes: n = " + n + " must be at least 1");
        }
        return new Rollouts(env, n, 0, seed, stochastic);
    }

    /** Stop once the finished episodes hold at least {@code n} steps (episodes are never cut short). */
    public Rollouts steps(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("steps: n = " + n + " must be at least 1");
        }
        return new Rollouts(env, 0, n, seed, stochastic);
    }

    public Rollouts seed(long seed) {
        return new Rollouts(env, episodes, minSteps, seed, stochastic);
    }

    /** Draw actions with {@link Policy#sample} (seeded) instead of the deterministic {@link Policy#act}. */
    public Rollouts stochastic(boolean stochastic) {
        return new Rollouts(env, episodes, minSteps, seed, stochastic);
    }

    /** Runs {@code policy} and returns the recorded trajectories in episode order. */
    public Demonstrations collect(Policy policy) {
        List<Trajectory> out = new ArrayList<>();
        for (Episode e : run(policy, true)) {
            out.add(e.trajectory().orElseThrow());
        }
        return Demonstrations.of(out);
    }

    /**
     * Runs {@code policy} and returns every episode's statistics; trajectories are kept only when
     * {@code record} is true (evaluation of image observations need not keep the images).
     */
    public List<Episode> run(Policy policy, boolean record) {
        if (policy == null) {
            throw new IllegalArgumentException("collect: policy is null");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        return run((vec, slots, observations) -> {
            double[][] chosen = stochastic ? policy.sample(observations, rng) : policy.act(observations);
            return new Decision(chosen, chosen);
        }, record);
    }

    /**
     * What a {@link Driver} decided for one step of the running episodes (one row each).
     *
     * @param executed the actions sent to the environment
     * @param recorded the actions stored in the trajectories (the same array when the driver records what it did)
     */
    public record Decision(double[][] executed, double[][] recorded) {}

    /** Chooses each step's actions for the running episodes; see {@link Rollouts#run(Driver, boolean)}. */
    @FunctionalInterface
    public interface Driver {
        /**
         * Actions for the episodes running in {@code slots} of {@code env}, whose current observations are
         * the rows of {@code observations}; or {@code null} to stop the collection before this step.
         */
        Decision decide(VecEnv env, int[] slots, double[][] observations);
    }

    /**
     * Runs {@code driver}: executes its {@link Decision#executed} actions and records its
     * {@link Decision#recorded} ones. When the driver returns {@code null} the collection stops at once:
     * the episodes still running are returned cut at the last step taken (not terminated, not successful,
     * possibly of length 0), after the finished ones. An interrupt of the calling thread stops the collection
     * before the next step with a {@link java.util.concurrent.CancellationException} ({@link Interruption}).
     */
    public List<Episode> run(Driver driver, boolean record) {
        if (driver == null) {
            throw new IllegalArgumentException("run: driver is null");
        }
        int n = env.count();
        int actSize = env.actionSpace().size();
        Recorder[] slots = new Recorder[n];
        List<Episode> finished = new ArrayList<>();
        int started = 0;
        long finishedSteps = 0;
        long runningSteps = 0;
        while (true) {
            Interruption.check("Rollouts", finishedSteps + runningSteps, "steps");
            for (int i = 0; i < n; i++) {
                if (slots[i] == null && wantsMore(started, finishedSteps + runningSteps)) {
                    long episodeSeed = episodeSeed(seed, started);
                    env.reset(i, episodeSeed);
                    slots[i] = new Recorder(started++, episodeSeed, record, env.observations()[i], env.horizon());
                }
            }
            int active = 0;
            for (Recorder r : slots) {
                active += r == null ? 0 : 1;
            }
            if (active == 0) {
                break;
            }
            double[][] obs = env.observations();
            double[][] batch = new double[active][];
            int[] slotOf = new int[active];
            for (int i = 0, k = 0; i < n; i++) {
                if (slots[i] != null) {
                    batch[k] = obs[i];
                    slotOf[k++] = i;
                }
            }
            Decision decision = driver.decide(env, slotOf, batch);
            if (decision == null) {
                for (Recorder r : slots) {
                    if (r != null) {
                        finished.add(r.finish(false, false));
                    }
                }
                break;
            }
            double[][] chosen = decision.executed();
            double[][] stored = decision.recorded();
            checkBatch("policy", chosen, active, actSize);
            if (stored != chosen) {
                checkBatch("recorded action", stored, active, actSize);
            }
            double[][] actions = new double[n][];
            for (int k = 0; k < active; k++) {
                actions[slotOf[k]] = chosen[k];
            }
            for (int i = 0; i < n; i++) {
                if (actions[i] == null) {
                    actions[i] = new double[actSize];
                }
            }
            env.step(actions);
            obs = env.observations();
            for (int k = 0; k < active; k++) {
                int i = slotOf[k];
                Recorder r = slots[i];
                r.add(stored[k], env.rewards()[i], obs[i]);
                runningSteps++;
                if (!env.running(i)) {
                    finished.add(r.finish(env.terminated()[i], env.succeeded(i)));
                    finishedSteps += r.length;
                    runningSteps -= r.length;
                    slots[i] = null;
                }
            }
        }
        finished.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return finished;
    }

    private boolean wantsMore(int started, long steps) {
        return episodes > 0 ? started < episodes : steps < minSteps;
    }

    /** The seed of episode {@code k} of a collection seeded with {@code seed}. */
    static long episodeSeed(long seed, int k) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (k + 1))).nextLong();
    }

    private static void checkBatch(String who, double[][] chosen, int rows, int actSize) {
        if (chosen == null || chosen.length != rows) {
            throw new IllegalArgumentException(who + " returned " + (chosen == null ? "null" : chosen.length + " actions")
                    + " for " + rows + " observations; act must return one action row per observation");
        }
        for (int k = 0; k < rows; k++) {
            if (chosen[k] == null || chosen[k].length != actSize) {
                throw new IllegalArgumentException(who + " returned an action of size "
                        + (chosen[k] == null ? "null" : chosen[k].length) + " but the environment's actions have size "
                        + actSize + "; check the policy's output width");
            }
        }
    }

    /** Grows one episode's arrays step by step. */
    private static final class Recorder {
        final int index;
        final long seed;
        final boolean record;
        double[][] observations;
        double[][] actions;
        double[] rewards;
        int length;
        double total;

        Recorder(int index, long seed, boolean record, double[] first, int horizon) {
            this.index = index;
            this.seed = seed;
            this.record = record;
            if (record) {
                int capacity = Math.max(1, Math.min(horizon, 1024));
                observations = new double[capacity + 1][];
                actions = new double[capacity][];
                rewards = new double[capacity];
                observations[0] = first.clone();
            }
        }

        void add(double[] action, double reward, double[] next) {
            if (record) {
                if (length == actions.length) {
                    int capacity = actions.length * 2;
                    observations = Arrays.copyOf(observations, capacity + 1);
                    actions = Arrays.copyOf(actions, capacity);
                    rewards = Arrays.copyOf(rewards, capacity);
                }
                actions[length] = action.clone();
                rewards[length] = reward;
                observations[length + 1] = next.clone();
            }
            length++;
            total += reward;
        }

        Episode finish(boolean terminated, boolean success) {
            Trajectory t = record ? new Trajectory(Arrays.copyOf(observations, length + 1), Arrays.copyOf(actions, length),
                    Arrays.copyOf(rewards, length), terminated) : null;
            return new Episode(index, seed, total, length, terminated, success, java.util.Optional.ofNullable(t));
        }
    }
}
