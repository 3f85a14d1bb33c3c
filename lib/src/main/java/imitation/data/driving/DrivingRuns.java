package imitation.data.driving;

import imitation.data.Demonstrations;
import imitation.data.Episode;
import imitation.data.Interruption;
import imitation.data.Rollouts;
import imitation.env.driving.DrivingMetrics;
import imitation.env.driving.DrivingVecEnv;
import imitation.env.driving.DrivingWorld;
import imitation.expert.DrivingExpert;
import imitation.policy.Policy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives seeded episodes in a {@link DrivingWorld} and records them as {@link DrivingRecord}s, with
 * the expert's clean label at every visited state whoever drives. A thin layer over the one rollout
 * engine, {@link Rollouts}: it adds the expert's labels and the car's true states to what it collects.
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

    /**
     * The first {@code n} expert-labelled states of the expert's episodes from this seed: as many whole episodes
     * as {@code n} needs at the world's horizon, the last one cut ({@link Demonstrations#firstSteps}). For giving
     * behaviour cloning as many expert labels as another learner (DAgger, say) used; {@link #episodes} is not used.
     */
    public Demonstrations expertLabels(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("expertLabels: n = " + n + " labels; ask for at least 1");
        }
        int needed = (int) Math.ceil(n / (double) world.horizon());
        return DrivingRecord.demonstrations(episodes(needed).demonstrate()).firstSteps(n);
    }

    /** {@code learner} drives on the world's observations; the expert only labels. */
    public List<DrivingRecord> drive(Policy learner) {
        if (learner == null) {
            throw new IllegalArgumentException("drive: learner is null");
        }
        return run(learner);
    }

    /**
     * One run on the {@link Rollouts} engine: the driver asks the expert to label every running car (from its
     * true features), lets the expert or the learner choose the steering, and keeps per slot what a
     * {@link DrivingRecord} holds beyond a trajectory (true states, offsets, executed actions, metrics).
     */
    private List<DrivingRecord> run(Policy learner) {
        DrivingVecEnv cars = world.vec(Math.min(parallel, episodes));
        Track[] tracks = new Track[cars.count()];
        Map<Integer, DrivingRecord> done = new HashMap<>();
        Rollouts.Driver driver = new Rollouts.Driver() {
            private double[][] chosen;
            private double[][] labels;

            @Override
            public Rollouts.Decision decide(Rollouts.Running running) {
                int[] slots = running.slots();
                double[][] feats = new double[slots.length][];
                for (int k = 0; k < slots.length; k++) {
                    feats[k] = cars.features()[slots[k]];
                    if (running.episodeStart()[k]) {
                        tracks[slots[k]] = new Track(running.seeds()[k], cars, slots[k]);
                    }
                }
                labels = expert.act(feats);
                chosen = learner != null ? running.act(learner, running.observations(), stochastic)
                        : expert.noise() > 0 ? running.act(expert, feats, true) : labels;
                return new Rollouts.Decision(chosen, labels);
            }

            @Override
            public void stepped(Rollouts.Running running) {
                int[] slots = running.slots();
                for (int k = 0; k < slots.length; k++) {
                    Track track = tracks[slots[k]];
                    track.add(chosen[k][0], labels[k][0], cars, slots[k]);
                    if (!cars.running(slots[k])) {
                        done.put(running.episodes()[k], track.finish(cars.metrics(slots[k])));
                    }
                }
            }
        };
        List<DrivingRecord> out = new ArrayList<>();
        for (Episode e : Rollouts.in(cars).episodes(episodes).seed(seed).drive(driver, false)) {
            out.add(done.get(e.index()));
        }
        return List.copyOf(out);
    }

    /** Grows one episode's arrays. */
    private final class Track {
        final long episodeSeed;
        double[][] states;
        double[] offsets;
        double[][] observations;
        double[] acts;
        double[] labels;
        double[] rewards;
        int t;

        Track(long episodeSeed, DrivingVecEnv cars, int slot) {
            this.episodeSeed = episodeSeed;
            int cap = world.horizon();
            states = new double[cap + 1][];
            offsets = new double[cap + 1];
            observations = keepObservations ? new double[cap + 1][] : null;
            acts = new double[cap];
            labels = new double[cap];
            rewards = new double[cap];
            record(cars, slot);
        }

        void add(double action, double label, DrivingVecEnv cars, int slot) {
            acts[t] = action;
            labels[t] = label;
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
