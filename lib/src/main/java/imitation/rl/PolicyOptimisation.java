package imitation.rl;

import imitation.data.Episode;
import imitation.data.Interruption;
import imitation.data.Rollouts;
import imitation.data.Trajectory;
import imitation.env.Space;
import imitation.env.VecEnv;
import imitation.eval.History;
import imitation.nn.Activation;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.policy.Head;
import imitation.policy.NetPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import tech.tablesaw.api.Table;

/**
 * Actor-critic policy optimisation against any {@link Reward}, the inner loop of GAIL and AIRL:
 * <pre>
 * repeat:
 *   sample episodes with the stochastic policy π_θ (at least stepsPerRound steps)
 *   r_t ← reward(s_t, a_t, s_{t+1});  A_t ← GAE(γ, λ) with the baseline V;  R_t ← A_t + V(s_t)
 *   θ ← policy step (PPO or TRPO) on (s, a, A normalised to mean 0 and spread 1)
 *   V ← regress V on R
 * </pre>
 * The policy is a body network with tanh layers and a head for the action space (categorical for discrete
 * actions, a diagonal Gaussian with a state-independent log σ for a box); the value network has the same hidden
 * layers. Observations are standardised by a fixed mean and scale before both networks.
 */
public final class PolicyOptimisation {
    private final int[] hidden;
    private final double gamma;
    private final double lambda;
    private final PolicyStep step;
    private final double valueLearningRate;
    private final int valueEpochs;
    private final int valueMinibatch;
    private final double initialLogStd;
    private final double[] mean;
    private final double[] scale;
    private final long seed;
    private final Consumer<String> progress;

    private PolicyOptimisation(Builder b) {
        hidden = b.hidden.clone();
        gamma = b.gamma;
        lambda = b.lambda;
        step = b.step;
        valueLearningRate = b.valueLearningRate;
        valueEpochs = b.valueEpochs;
        valueMinibatch = b.valueMinibatch;
        initialLogStd = b.initialLogStd;
        mean = b.mean;
        scale = b.scale;
        seed = b.seed;
        progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The policy step (PPO or TRPO). */
    public PolicyStep step() {
        return step;
    }

    public long seed() {
        return seed;
    }

    /** A copy of this configuration with another seed. */
    public PolicyOptimisation withSeed(long seed) {
        Builder b = toBuilder();
        b.seed = seed;
        return b.build();
    }

    /** A copy of this configuration that standardises inputs by {@code mean} and {@code scale}. */
    public PolicyOptimisation withInputScale(double[] mean, double[] scale) {
        return toBuilder().inputScale(mean, scale).build();
    }

    private Builder toBuilder() {
        Builder b = new Builder();
        b.hidden = hidden.clone();
        b.gamma = gamma;
        b.lambda = lambda;
        b.step = step;
        b.valueLearningRate = valueLearningRate;
        b.valueEpochs = valueEpochs;
        b.valueMinibatch = valueMinibatch;
        b.initialLogStd = initialLogStd;
        b.mean = mean;
        b.scale = scale;
        b.seed = seed;
        b.progress = progress;
        return b;
    }

    /**
     * The trained policy (a snapshot), the history ({@code round | metric | value | seed}; metrics {@code return}
     * (mean true return of the round's episodes), {@code episode_length}, {@code reward} (mean reward per step under
     * the trained-on reward), {@code env_steps}, {@code seconds}, {@code value_loss} and the step's diagnostics)
     * and the training time.
     */
    public record Result(NetPolicy policy, Table history, double trainingSeconds) {
        @Override
        public Table history() {
            return history.copy();
        }
    }

    /** Trains a fresh policy on {@code reward} for {@code rounds} rounds of at least {@code stepsPerRound} steps. */
    public Result train(VecEnv env, Reward reward, int rounds, int stepsPerRound) {
        if (env == null || reward == null) {
            throw new IllegalArgumentException("train: " + (env == null ? "env" : "reward")
                    + " is null; pass a vectorised env (e.g. CartPole.classic().vec(8)) and a Reward");
        }
        checkAtLeastOne("rounds", rounds);
        checkAtLeastOne("stepsPerRound", stepsPerRound);
        Learner learner = start(env.observationSpace().size(), env.actionSpace());
        History history = new History("round", seed);
        long start = System.nanoTime();
        long steps = 0;
        for (int round = 1; round <= rounds; round++) {
            Interruption.check("PolicyOptimisation", round - 1, "rounds");
            List<Episode> episodes = learner.collect(env, stepsPerRound);
            Map<String, Double> stats = learner.improve(trajectories(episodes), reward);
            steps += stats.get("samples").longValue();
            double seconds = (System.nanoTime() - start) / 1e9;
            double ret = meanReturn(episodes);
            history.add(round, "return", ret);
            history.add(round, "episode_length", meanLength(episodes));
            history.add(round, "env_steps", steps);
            history.add(round, "seconds", seconds);
            int at = round;
            stats.forEach((k, v) -> {
                if (!k.equals("samples")) {
                    history.add(at, k, v);
                }
            });
            if (progress != null) {
                progress.accept(String.format(Locale.ROOT, "round %d/%d: return %.1f, reward %.3f, %d steps, %.1f s",
                        round, rounds, ret, stats.get("reward"), steps, seconds));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(learner.policy(), history.table("policy optimisation"), seconds);
    }

    /** The trajectories of recorded episodes. */
    public static List<Trajectory> trajectories(List<Episode> episodes) {
        List<Trajectory> out = new ArrayList<>(episodes.size());
        for (Episode e : episodes) {
            out.add(e.trajectory().orElseThrow(() -> new IllegalArgumentException(
                    "episode " + e.index() + " was not recorded; collect with record = true")));
        }
        return out;
    }

    /** Mean total reward of {@code episodes}. */
    public static double meanReturn(List<Episode> episodes) {
        return episodes.stream().mapToDouble(Episode::totalReward).average().orElse(Double.NaN);
    }

    private static double meanLength(List<Episode> episodes) {
        return episodes.stream().mapToInt(Episode::length).average().orElse(Double.NaN);
    }

    /** A learner with fresh networks for observations of {@code observationSize} values and {@code actionSpace}. */
    public Learner start(int observationSize, Space actionSpace) {
        return new Learner(observationSize, actionSpace);
    }

    /**
     * The state of one policy optimisation: policy body, value network and the step's own state. Used round by
     * round by {@link #train} and by the adversarial learners; one thread at a time.
     */
    public final class Learner {
        private final Network body;
        private final Head head;
        private final Space actionSpace;
        private final ValueFunction value;
        private final PolicyStep.Improver improver;
        private final double[] inputMean;
        private final double[] inputScale;
        private final SplittableRandom rng;
        private int collections;

        private Learner(int observationSize, Space actionSpace) {
            checkAtLeastOne("observationSize", observationSize);
            if (actionSpace == null) {
                throw new IllegalArgumentException("actionSpace is null; pass the environment's action space");
            }
            if (mean != null && mean.length != observationSize) {
                throw new IllegalArgumentException("inputScale has " + mean.length + " values but observations have "
                        + observationSize + "; pass the mean and scale of this environment's observations");
            }
            this.actionSpace = actionSpace;
            inputMean = mean != null ? mean.clone() : new double[observationSize];
            inputScale = scale != null ? scale.clone() : ones(observationSize);
            head = actionSpace instanceof Space.Discrete d ? Head.categorical(d.n()) : Head.gaussian(actionSpace.size());
            Network.Builder b = Network.builder(observationSize).seed(seed);
            for (int h : hidden) {
                b.dense(h).tanh();
            }
            if (actionSpace instanceof Space.Discrete) {
                b.dense(head.rawSize());
            } else {
                b.dense(actionSpace.size()).appendParameters(actionSpace.size(), initialLogStd);
            }
            body = b.build();
            value = new ValueFunction(Network.mlp(observationSize, 1, Activation.TANH, seed + 1, hidden), valueLearningRate);
            improver = step.start(body, head);
            rng = new SplittableRandom(seed + 2);
        }

        /** The current policy as a snapshot. */
        public NetPolicy policy() {
            return new NetPolicy(body, head, inputMean, inputScale, actionSpace);
        }

        /**
         * Episodes of the stochastic policy holding at least {@code steps} steps, recorded. For a box action space
         * the environment executes each drawn Gaussian action clipped to the box, and the trajectory records the
         * action as drawn: the policy step needs {@code log π} of the sample, and a clipped action on the box's
         * edge has a log-density that says nothing of how far the mean lies outside (once the mean has left the
         * box, every sample is the same corner, its log π falls with the square of the distance, and the ratio
         * of the PPO step swings and overflows).
         */
        public List<Episode> collect(VecEnv env, int steps) {
            long s = seed * 1_000_003L + collections++;
            NetPolicy policy = policy();
            if (!(actionSpace instanceof Space.Box box)) {
                return Rollouts.in(env).steps(steps).seed(s).stochastic(true).run(policy, true);
            }
            return Rollouts.in(env).steps(steps).seed(s).drive(running -> {
                double[][] drawn = new double[running.size()][];
                double[][] executed = new double[running.size()][];
                for (int k = 0; k < drawn.length; k++) {
                    drawn[k] = policy.distribution(new double[][] {running.observations()[k]}).sample(running.rngs()[k])[0];
                    executed[k] = box.clip(drawn[k]);
                }
                return new Rollouts.Decision(executed, drawn);
            }, true);
        }

        /**
         * One policy step and one value regression on {@code trajectories} under {@code reward}; returns the
         * diagnostics ({@code reward}: mean per step, {@code value_loss}, {@code samples}, and the step's own).
         */
        public Map<String, Double> improve(List<Trajectory> trajectories, Reward reward) {
            if (trajectories == null || trajectories.isEmpty()) {
                throw new IllegalArgumentException("improve: no trajectories; collect at least one episode first");
            }
            int n = 0;
            int rows = 0;
            for (Trajectory t : trajectories) {
                n += t.length();
                rows += t.length() + 1;
            }
            double[][] all = new double[rows][];
            int k = 0;
            for (Trajectory t : trajectories) {
                for (double[] o : t.observations()) {
                    all[k++] = standardise(o);
                }
            }
            double[] v = value.predict(all);
            double[][] inputs = new double[n][];
            double[][] actions = new double[n][];
            double[] adv = new double[n];
            double[] returns = new double[n];
            double rewardSum = 0;
            List<double[]> rewards = reward.rewards(trajectories);
            if (rewards == null || rewards.size() != trajectories.size()) {
                throw new IllegalArgumentException("the reward gave " + (rewards == null ? "no list" : rewards.size() + " arrays")
                        + " for " + trajectories.size() + " trajectories; a Reward returns one array per trajectory");
            }
            int at = 0;
            int base = 0;
            for (int e = 0; e < trajectories.size(); e++) {
                Trajectory t = trajectories.get(e);
                int len = t.length();
                double[] r = rewards.get(e);
                if (r == null || r.length != len) {
                    throw new IllegalArgumentException("the reward gave " + (r == null ? "no array" : r.length + " values")
                            + " for a trajectory of " + len + " steps; a Reward returns one value per step");
                }
                double[] a = Gae.advantages(r, Arrays.copyOfRange(v, base, base + len + 1), t.terminal(), gamma, lambda);
                double[][] acts = t.actions();
                for (int i = 0; i < len; i++) {
                    inputs[at] = all[base + i];
                    actions[at] = acts[i];
                    adv[at] = a[i];
                    returns[at] = a[i] + v[base + i];
                    rewardSum += r[i];
                    at++;
                }
                base += len + 1;
            }
            double[] normalised = normalise(adv);
            double[] oldLogProb = head.distribution(body.forward(body.threadTape(), Batch.of(inputs))).logProb(actions);
            Map<String, Double> stats = new LinkedHashMap<>();
            stats.put("reward", rewardSum / n);
            stats.putAll(improver.improve(new Samples(inputs, actions, normalised, oldLogProb), rng));
            stats.put("value_loss", value.fit(inputs, returns, valueEpochs, valueMinibatch, rng));
            stats.put("samples", (double) n);
            return stats;
        }

        private double[] standardise(double[] o) {
            double[] x = new double[o.length];
            for (int j = 0; j < o.length; j++) {
                x[j] = (o[j] - inputMean[j]) / inputScale[j];
            }
            return x;
        }
    }

    /** {@code (a − mean) / std}, or only centred when the spread is (nearly) zero. */
    static double[] normalise(double[] a) {
        double m = Arrays.stream(a).average().orElse(0);
        double var = 0;
        for (double x : a) {
            var += (x - m) * (x - m) / a.length;
        }
        double sd = Math.sqrt(var);
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = sd > 1e-8 ? (a[i] - m) / sd : a[i] - m;
        }
        return out;
    }

    private static double[] ones(int n) {
        double[] o = new double[n];
        Arrays.fill(o, 1);
        return o;
    }

    static int checkAtLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " = " + value + " must be at least 1");
        }
        return value;
    }

    /** Configuration with documented defaults. */
    public static final class Builder {
        private int[] hidden = {64, 64};
        private double gamma = 0.99;
        private double lambda = 0.95;
        private PolicyStep step = Ppo.defaults();
        private double valueLearningRate = 1e-3;
        private int valueEpochs = 5;
        private int valueMinibatch = 64;
        private double initialLogStd = 0;
        private double[] mean;
        private double[] scale;
        private long seed;
        private Consumer<String> progress;

        /** Hidden tanh layers of the policy and of the value network (default 64, 64). */
        public Builder hidden(int... widths) {
            if (widths == null || widths.length == 0 || Arrays.stream(widths).anyMatch(w -> w < 1)) {
                throw new IllegalArgumentException("hidden = " + Arrays.toString(widths) + "; pass one or more widths >= 1, e.g. 64, 64");
            }
            hidden = widths.clone();
            return this;
        }

        /** Discount γ (default 0.99). */
        public Builder gamma(double gamma) {
            this.gamma = Gae.checkDiscount("gamma", gamma);
            return this;
        }

        /** GAE's λ (default 0.95). */
        public Builder lambda(double lambda) {
            this.lambda = Gae.checkDiscount("lambda", lambda);
            return this;
        }

        /** The policy step: {@link PolicyStep#ppo()} (default) or {@link PolicyStep#trpo()}. */
        public Builder step(PolicyStep step) {
            if (step == null) {
                throw new IllegalArgumentException("step is null; pass PolicyStep.ppo() or PolicyStep.trpo()");
            }
            this.step = step;
            return this;
        }

        /** Adam step size of the value regression (default 1e-3). */
        public Builder valueLearningRate(double rate) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("valueLearningRate = " + rate + "; pass a positive step size such as 1e-3");
            }
            valueLearningRate = rate;
            return this;
        }

        /** Passes of the value regression per round (default 5) and its minibatch (default 64). */
        public Builder valueEpochs(int epochs, int minibatch) {
            valueEpochs = checkAtLeastOne("valueEpochs", epochs);
            valueMinibatch = checkAtLeastOne("valueMinibatch", minibatch);
            return this;
        }

        /** Initial log σ of a Gaussian policy (default 0). */
        public Builder initialLogStd(double logStd) {
            if (!Double.isFinite(logStd)) {
                throw new IllegalArgumentException("initialLogStd = " + logStd + " must be finite");
            }
            initialLogStd = logStd;
            return this;
        }

        /** Standardise observations as {@code (s − mean) / scale} (default: none). */
        public Builder inputScale(double[] mean, double[] scale) {
            if (mean == null || scale == null || mean.length != scale.length) {
                throw new IllegalArgumentException("inputScale: mean and scale must be arrays of one length");
            }
            for (int j = 0; j < mean.length; j++) {
                if (!Double.isFinite(mean[j]) || !(scale[j] > 0) || Double.isInfinite(scale[j])) {
                    throw new IllegalArgumentException("inputScale: mean[" + j + "] = " + mean[j] + ", scale[" + j + "] = "
                            + scale[j] + "; means must be finite and scales finite and positive");
                }
            }
            this.mean = mean.clone();
            this.scale = scale.clone();
            return this;
        }

        /** Seed of the networks and of the sampled actions (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Where {@link #train} writes a line per round (default none; e.g. System.out::println). */
        public Builder progress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        public PolicyOptimisation build() {
            return new PolicyOptimisation(this);
        }
    }
}
