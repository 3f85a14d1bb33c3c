package imitation.data;

import imitation.env.Env;
import imitation.env.VecEnv;
import imitation.policy.Policy;
import imitation.policy.RecurrentPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The one rollout engine: runs a policy in a vectorised environment and collects episodes, with one batched
 * {@link Policy#act} per step for all running episodes. A {@link RecurrentPolicy} gets its state carried
 * per slot from step to step and a flag on the rows whose episode starts, so its memory is reset exactly
 * when a slot begins a new episode.
 *
 * <pre>{@code
 * Demonstrations demos = Rollouts.in(CartPole.fixedHorizon().vec(16)).episodes(10).seed(1).collect(expert);
 * Demonstrations remembered = Rollouts.in(env.vec(8)).episodes(20).seed(1).collect(recurrentPolicy);
 * }</pre>
 *
 * Episode {@code k} is reset with a seed derived from {@code (seed, k)}, and a plain policy's sampled actions
 * come from the episode's own generator (seeded from that reset seed), so the episodes do not depend on how
 * many run in parallel. Stop conditions: a number of episodes, or at least a number of steps (whole
 * episodes, as the peer library does). Configuration methods return a new object; nothing is shared between
 * collections.
 *
 * <p>A {@link Driver} generalises the policy: at each step it sees the {@link Running} episodes (slots,
 * episode indices and seeds, episode-start flags, observations, generators), returns the actions to execute
 * and, separately, the actions to record, and it may stop the collection early. DAgger drives with a mix of
 * learner and expert while recording the expert's labels ({@code imitation.learn.Dagger}); the driving
 * world's {@code DrivingRuns} records the car's states beside the expert's labels.
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

    /**
     * Draw actions with {@link Policy#sample} instead of the deterministic {@link Policy#act}: one row at a time
     * from each episode's own seeded generator (a recurrent policy: its batch from one generator).
     */
    public Rollouts stochastic(boolean stochastic) {
        return new Rollouts(env, episodes, minSteps, seed, stochastic);
    }

    /** Runs {@code policy} and returns the recorded trajectories in episode order. */
    public Demonstrations collect(Policy policy) {
        return trajectories(run(policy, true));
    }

    /** Runs the recurrent {@code policy} and returns the recorded trajectories in episode order. */
    public Demonstrations collect(RecurrentPolicy policy) {
        return trajectories(run(policy, true));
    }

    private static Demonstrations trajectories(List<Episode> episodes) {
        List<Trajectory> out = new ArrayList<>();
        for (Episode e : episodes) {
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
        return drive(running -> {
            double[][] chosen = running.act(policy, running.observations(), stochastic);
            return new Decision(chosen, chosen);
        }, record);
    }

    /**
     * Runs the recurrent {@code policy}, carrying its state from step to step for each slot of the environment
     * and flagging the rows whose episode starts (so the policy resets them). The policy sees one row per slot
     * at every step, also for slots without a running episode (their rows are ignored), so its state keeps
     * one batch size. Stochastic actions are drawn for the whole batch from one generator seeded by
     * {@link #seed}, so unlike a plain policy's they depend on the number of slots.
     */
    public List<Episode> run(RecurrentPolicy policy, boolean record) {
        if (policy == null) {
            throw new IllegalArgumentException("collect: policy is null");
        }
        Carried carried = new Carried(policy, env.count(), stochastic ? new SplittableRandom(seed) : null);
        return drive(running -> {
            double[][] chosen = carried.act(running);
            return new Decision(chosen, chosen);
        }, record);
    }

    /**
     * A recurrent policy driving every slot of an environment, its state carried from step to step: at each step
     * it sees one row per slot (rows of slots without a running episode are ignored), so its state keeps one
     * batch size, and the rows whose episode starts are flagged, so it resets them. {@link #run(RecurrentPolicy,
     * boolean)} drives with one; a {@link Driver} that lets a recurrent learner act (recurrent DAgger) uses one
     * per collection. Not thread-safe.
     */
    public static final class Carried {
        private final RecurrentPolicy policy;
        private final int slots;
        private final RandomGenerator rng;
        private RecurrentPolicy.State state;

        /** {@code policy} over {@code slots} slots; actions drawn from {@code rng}, or deterministic when it is null. */
        public Carried(RecurrentPolicy policy, int slots, RandomGenerator rng) {
            if (policy == null) {
                throw new IllegalArgumentException("Carried: policy is null");
            }
            this.policy = policy;
            this.slots = slots;
            this.rng = rng;
            this.state = policy.initialState(slots);
        }

        /** The policy's actions for the {@code running} episodes (one row each), its state advanced by one step. */
        public double[][] act(Running running) {
            double[][] all = running.env().observations();
            if (all.length != slots) {
                throw new IllegalArgumentException("Carried: the environment has " + all.length + " slots but this policy's"
                        + " state is for " + slots + "; make one Carried per environment");
            }
            double[][] rows = new double[slots][];
            for (int i = 0; i < slots; i++) {
                rows[i] = all[i].clone();
            }
            boolean[] starts = new boolean[slots];
            int[] slotOf = running.slots();
            for (int k = 0; k < slotOf.length; k++) {
                starts[slotOf[k]] = running.episodeStart()[k];
            }
            RecurrentPolicy.Output out = rng != null ? policy.sample(rows, state, starts, rng) : policy.act(rows, state, starts);
            state = out.state();
            double[][] chosen = new double[slotOf.length][];
            for (int k = 0; k < slotOf.length; k++) {
                chosen[k] = out.actions()[slotOf[k]];
            }
            return chosen;
        }
    }

    /**
     * What a {@link Driver} decided for one step of the running episodes (one row each).
     *
     * @param executed the actions sent to the environment
     * @param recorded the actions stored in the trajectories (the same array when the driver records what it did)
     */
    public record Decision(double[][] executed, double[][] recorded) {}

    /**
     * The episodes running at one step, one row each, handed to a {@link Driver}. The arrays are this
     * step's: read them, do not keep or change them.
     *
     * @param env          the environment (its live buffers hold every slot)
     * @param slots        the slot of each row
     * @param episodes     the index of each row's episode in the collection order (0, 1, ...)
     * @param seeds        the reset seed of each row's episode
     * @param episodeStart whether each row's episode starts at this step (its observation is the first one)
     * @param observations the current observation of each row
     * @param rngs         each row's own generator, seeded from its episode's seed, for stochastic choices
     */
    public record Running(VecEnv env, int[] slots, int[] episodes, long[] seeds, boolean[] episodeStart,
            double[][] observations, RandomGenerator[] rngs) {

        /** Number of running episodes. */
        public int size() {
            return slots.length;
        }

        /**
         * {@code policy}'s actions for {@code inputs} (one row per running episode): {@link Policy#act} on the
         * batch, or, when {@code stochastic}, each row {@link Policy#sample sampled} with its episode's own
         * generator, so a stochastic episode does not depend on the other episodes running beside it.
         */
        public double[][] act(Policy policy, double[][] inputs, boolean stochastic) {
            if (!stochastic) {
                return policy.act(inputs);
            }
            double[][] chosen = new double[inputs.length][];
            for (int k = 0; k < inputs.length; k++) {
                double[][] one = policy.sample(new double[][] {inputs[k]}, rngs[k]);
                chosen[k] = one == null || one.length != 1 ? null : one[0];
            }
            return chosen;
        }
    }

    /** Chooses each step's actions for the running episodes; see {@link Rollouts#drive(Driver, boolean)}. */
    @FunctionalInterface
    public interface Driver {
        /** Actions for the {@code running} episodes; or {@code null} to stop the collection before this step. */
        Decision decide(Running running);

        /**
         * Called after the environment stepped the rows of {@code running} (the same object {@link #decide} got),
         * before an ended episode's slot is reused: its live buffers hold the step's results and
         * {@code running.env().running(slot)} tells which episodes ended. Does nothing by default.
         */
        default void stepped(Running running) {}
    }

    /**
     * Runs {@code driver}: executes its {@link Decision#executed} actions and records its
     * {@link Decision#recorded} ones. When the driver returns {@code null} the collection stops at once:
     * the episodes still running are returned cut at the last step taken (not terminated, not successful,
     * possibly of length 0), after the finished ones. An interrupt of the calling thread stops the collection
     * before the next step with a {@link java.util.concurrent.CancellationException} ({@link Interruption}).
     */
    public List<Episode> drive(Driver driver, boolean record) {
        if (driver == null) {
            throw new IllegalArgumentException("drive: driver is null");
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
            Running running = new Running(env, new int[active], new int[active], new long[active], new boolean[active],
                    new double[active][], new RandomGenerator[active]);
            for (int i = 0, k = 0; i < n; i++) {
                Recorder r = slots[i];
                if (r != null) {
                    running.slots[k] = i;
                    running.episodes[k] = r.index;
                    running.seeds[k] = r.seed;
                    running.episodeStart[k] = r.length == 0;
                    running.observations[k] = obs[i];
                    running.rngs[k++] = r.rng;
                }
            }
            int[] slotOf = running.slots();
            Decision decision = driver.decide(running);
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
                slots[i].add(stored[k], env.rewards()[i], obs[i]);
                runningSteps++;
            }
            driver.stepped(running);
            for (int k = 0; k < active; k++) {
                int i = slotOf[k];
                Recorder r = slots[i];
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
        final SplittableRandom rng;
        double[][] observations;
        double[][] actions;
        double[] rewards;
        int length;
        double total;

        Recorder(int index, long seed, boolean record, double[] first, int horizon) {
            this.index = index;
            this.seed = seed;
            this.record = record;
            this.rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
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
