package imitation.data.driving;

import imitation.data.Interruption;
import imitation.env.driving.DrivingMetrics;
import imitation.env.driving.DrivingVecEnv;
import imitation.env.driving.DrivingWorld;
import imitation.expert.DrivingExpert;
import imitation.policy.Policy;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Drives seeded episodes in a {@link DrivingWorld} and records them as {@link DrivingRecord}s, with
 * the expert's clean label at every visited state whoever drives.
 *
 * <pre>{@code
 * DrivingRuns runs = DrivingRuns.in(world).episodes(10).seed(1);
 * List<DrivingRecord> demos = runs.demonstrate();       // the expert drives (reads the true features)
 * List<DrivingRecord> tries = runs.drive(learner);      // a learner drives on the world's observations
 * }</pre>
 *
 * <p>Noise injection while demonstrating: give a noisy expert,
 * {@code .expert(DrivingExpert.builder(world).noise(0.2).build())}; it drives with its noisy
 * {@link DrivingExpert#sample} while the labels stay its clean {@link DrivingExpert#act}. Episode
 * {@code k} is reset from a seed derived from {@code (seed, k)} and draws its noise from its own
 * generator, so results do not depend on {@link #parallel}. Configuration methods return a new object.
 * An interrupt of the calling thread stops a run between two steps ({@link Interruption}).
 */
public final class DrivingRuns {
    private final DrivingWorld world;
    private final DrivingExpert expert;
    private final int episodes;
    private final int parallel;
    private final long seed;
    private final boolean keepObservations;
    private final boolean stochastic;

    private DrivingRuns(DrivingWorld world, DrivingExpert expert, int episodes, int parallel, long seed,
            boolean keepObservations, boolean stochastic) {
        this.world = world;
        this.expert = expert;
        this.episodes = episodes;
        this.parallel = parallel;
        this.seed = seed;
        this.keepObservations = keepObservations;
        this.stochastic = stochastic;
    }

    /**
     * Runs in {@code world}. Defaults: 1 episode, 16 cars in parallel, seed 0, the noiseless
     * {@link DrivingExpert#of expert}, observations recorded, deterministic learner actions.
     */
    public static DrivingRuns in(DrivingWorld world) {
        if (world == null) {
            throw new IllegalArgumentException("DrivingRuns.in: world is null");
        }
        return new DrivingRuns(world, DrivingExpert.of(world), 1, 16, 0, true, false);
    }

    public DrivingRuns episodes(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("episodes: n = " + n + " must be at least 1");
        }
        return new DrivingRuns(world, expert, n, parallel, seed, keepObservations, stochastic);
    }

    /** Number of cars driven at once (one batched policy call per step). */
    public DrivingRuns parallel(int cars) {
        if (cars < 1) {
            throw new IllegalArgumentException("parallel: cars = " + cars + " must be at least 1");
        }
        return new DrivingRuns(world, expert, episodes, cars, seed, keepObservations, stochastic);
    }

    public DrivingRuns seed(long seed) {
        return new DrivingRuns(world, expert, episodes, parallel, seed, keepObservations, stochastic);
    }

    /** The expert that labels every state and drives in {@link #demonstrate()}. */
    public DrivingRuns expert(DrivingExpert expert) {
        if (expert == null) {
            throw new IllegalArgumentException("expert: null; pass DrivingExpert.of(world)");
        }
        return new DrivingRuns(world, expert, episodes, parallel, seed, keepObservations, stochastic);
    }

    /** Whether to keep the observations (camera episodes take ~2.5 MB each); states are always kept. */
    public DrivingRuns recordObservations(boolean keep) {
        return new DrivingRuns(world, expert, episodes, parallel, seed, keep, stochastic);
    }

    /** Whether a driving learner's actions come from {@link Policy#sample} (seeded) instead of {@link Policy#act}. */
    public DrivingRuns stochastic(boolean stochastic) {
        return new DrivingRuns(world, expert, episodes, parallel, seed, keepObservations, stochastic);
    }

    /** The expert drives (with its noise, if any), reading the true features. */
    public List<DrivingRecord> demonstrate() {
        return run(null);
    }

    /** {@code learner} drives on the world's observations; the expert only labels. */
    public List<DrivingRecord> drive(Policy learner) {
        if (learner == null) {
            throw new IllegalArgumentException("drive: learner is null");
        }
        return run(learner);
    }

    private List<DrivingRecord> run(Policy learner) {
        int n = Math.min(parallel, episodes);
        DrivingVecEnv cars = world.vec(n);
        Recorder[] slots = new Recorder[n];
        DrivingRecord[] done = new DrivingRecord[Math.min(episodes, 1024)];   // grown as episodes finish
        int started = 0;
        int finished = 0;
        double[][] actions = new double[n][1];
        int steps = 0;
        while (finished < episodes) {
            Interruption.check("DrivingRuns", steps++, "steps");
            for (int i = 0; i < n; i++) {
                if (slots[i] == null && started < episodes) {
                    long episodeSeed = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (started + 1))).nextLong();
                    cars.reset(i, episodeSeed);
                    slots[i] = new Recorder(started++, episodeSeed, cars, i);
                }
            }
            int active = 0;
            for (Recorder r : slots) {
                active += r == null ? 0 : 1;
            }
            double[][] feats = new double[active][];
            double[][] obs = new double[active][];
            int[] slotOf = new int[active];
            for (int i = 0, k = 0; i < n; i++) {
                if (slots[i] != null) {
                    feats[k] = cars.features()[i];
                    obs[k] = cars.observations()[i];
                    slotOf[k++] = i;
                }
            }
            double[][] labels = expert.act(feats);
            double[][] chosen;
            if (learner == null) {
                chosen = new double[active][];
                for (int k = 0; k < active; k++) {
                    chosen[k] = expert.noise() > 0
                            ? expert.sample(new double[][] {feats[k]}, slots[slotOf[k]].rng)[0]
                            : labels[k];
                }
            } else if (stochastic) {
                chosen = new double[active][];
                for (int k = 0; k < active; k++) {
                    chosen[k] = learner.sample(new double[][] {obs[k]}, slots[slotOf[k]].rng)[0];
                }
            } else {
                chosen = learner.act(obs);
                if (chosen == null || chosen.length != active) {
                    throw new IllegalArgumentException("the learner returned " + (chosen == null ? "null" : chosen.length)
                            + " actions for " + active + " observations");
                }
            }
            for (int k = 0; k < active; k++) {
                slots[slotOf[k]].act(chosen[k], labels[k][0]);
                actions[slotOf[k]] = chosen[k];
            }
            cars.step(actions);
            for (int k = 0; k < active; k++) {
                int i = slotOf[k];
                slots[i].observe(cars, i);
                if (!cars.running(i)) {
                    if (slots[i].index >= done.length) {
                        done = Arrays.copyOf(done, (int) Math.min(episodes, 2L * slots[i].index + 1));
                    }
                    done[slots[i].index] = slots[i].finish(cars.metrics(i));
                    slots[i] = null;
                    finished++;
                }
            }
        }
        return List.of(done);
    }

    /** Grows one episode's arrays. */
    private final class Recorder {
        final int index;
        final long episodeSeed;
        final SplittableRandom rng;
        double[][] states;
        double[] offsets;
        double[][] observations;
        double[] acts;
        double[] labels;
        double[] rewards;
        int t;

        Recorder(int index, long episodeSeed, DrivingVecEnv cars, int slot) {
            this.index = index;
            this.episodeSeed = episodeSeed;
            this.rng = new SplittableRandom(episodeSeed ^ 0x5DEECE66DL);
            int cap = world.horizon();
            states = new double[cap + 1][];
            offsets = new double[cap + 1];
            observations = keepObservations ? new double[cap + 1][] : null;
            acts = new double[cap];
            labels = new double[cap];
            rewards = new double[cap];
            record(cars, slot);
        }

        void act(double[] action, double label) {
            if (action == null || action.length != 1) {
                throw new IllegalArgumentException("the driver returned an action of size "
                        + (action == null ? "null" : action.length) + "; steering is one value in [-1, 1]");
            }
            acts[t] = action[0];
            labels[t] = label;
        }

        void observe(DrivingVecEnv cars, int slot) {
            rewards[t] = cars.rewards()[slot];
            t++;
            record(cars, slot);
        }

        private void record(DrivingVecEnv cars, int slot) {
            var s = cars.state(slot);
            states[t] = new double[] {s.x(), s.y(), s.heading()};
            offsets[t] = cars.offset(slot);
            if (observations != null) {
                observations[t] = cars.observations()[slot].clone();
            }
        }

        DrivingRecord finish(DrivingMetrics metrics) {
            return new DrivingRecord(world, episodeSeed, Arrays.copyOf(states, t + 1), Arrays.copyOf(offsets, t + 1),
                    observations == null ? null : Arrays.copyOf(observations, t + 1), Arrays.copyOf(acts, t),
                    Arrays.copyOf(labels, t), Arrays.copyOf(rewards, t), metrics);
        }
    }
}
