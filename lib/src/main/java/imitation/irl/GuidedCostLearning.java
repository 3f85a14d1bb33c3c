package imitation.irl;

import imitation.data.Demonstrations;
import imitation.data.Episode;
import imitation.data.Interruption;
import imitation.data.Trajectory;
import imitation.env.Space;
import imitation.env.VecEnv;
import imitation.eval.History;
import imitation.eval.Stats;
import imitation.learn.Standardisation;
import imitation.nn.Activation;
import imitation.nn.Adam;
import imitation.nn.Network;
import imitation.policy.Distribution;
import imitation.policy.NetPolicy;
import imitation.rl.PolicyOptimisation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import tech.tablesaw.api.Table;

/**
 * Guided cost learning (Finn, Levine and Abbeel 2016): sample-based maximum-entropy inverse optimal control
 * without a dynamics model, with the policy improved against the current cost in the inner loop.
 * <pre>
 * for round i = 1, 2, ...:
 *   sample trajectories τ_j ~ q = π_θ                          (stochastic policy, vectorised env)
 *   repeat costSteps times:                                     (minibatches of demonstrations and samples)
 *     C(τ) = Σ_{t=1..T} c_θ(s_t);   log q(τ) = Σ_t ℓ(a_t|s_t)   (ℓ: log-likelihood of the executed action)
 *     L = mean_demos C + log Ẑ  (+ the regularisers),  Ẑ by importance sampling over demos ∪ samples
 *     Adam step on θ
 *   policy step (PPO or TRPO) on the reward −c_θ(s_{t+1}) − α ℓ(a_t|s_t)     (α = temperature, default 1)
 * </pre>
 * With {@link Builder#perStep} the cost step is instead the per-step discriminator of {@link GclObjective#perStep}
 * on every transition of the minibatch (optionally with a potential h, {@link Builder#shaping}).
 * The policy step's entropy term keeps q a maximum-entropy sampler of the current cost ({@link SoftReward}): at
 * α = 1 its optimum is {@code q(τ) ∝ exp(−C(τ))}, the proposal the estimate of Z is built for. On the cost alone
 * (α = 0) the policy collapses towards a point under which the demonstrations are vanishingly improbable, and the
 * estimate of Z, with its cost gradient, stops depending on the samples.
 * The estimate of Z and the loss are those of {@link GclObjective} (log-sum-exp throughout, the demonstrations'
 * density modelled by exp(−C)/Z); each round records the effective sample size of the estimate, and the training
 * warns when it falls below {@link Builder#essWarning}. The paper's two optional regularisers act on the
 * per-step costs: local constant rate {@code Σ_t (c_{t+1} − 2c_t + c_{t−1})²} on every trajectory of the batch,
 * and monotonic progress {@code Σ_t max(0, c_t − c_{t−1} − 1)²} on the demonstrations.
 *
 * <p>Departures from the paper, kept simple on purpose: by default the importance samples are the current round's
 * trajectories only ({@link Builder#sampleRounds} keeps the last K rounds' samples under the mixture of those
 * rounds' policies, as the paper does with all of them), and the policy step is PPO or TRPO on the learned reward
 * instead of guided policy search.
 */
public final class GuidedCostLearning {
    private final PolicyOptimisation rl;
    private final int rounds;
    private final int stepsPerRound;
    private final int[] costHidden;
    private final double costLearningRate;
    private final int costSteps;
    private final int demoBatch;
    private final int sampleBatch;
    private final int sampleRounds;
    private final double constantRate;
    private final double monotonic;
    private final double essWarning;
    private final double temperature;
    private final boolean perStep;
    private final boolean shaping;
    private final NetPolicy demoDensity;
    private final long seed;
    private final Consumer<String> progress;

    private GuidedCostLearning(Builder b) {
        rl = b.rl;
        rounds = b.rounds;
        stepsPerRound = b.stepsPerRound;
        costHidden = b.costHidden.clone();
        costLearningRate = b.costLearningRate;
        costSteps = b.costSteps;
        demoBatch = b.demoBatch;
        sampleBatch = b.sampleBatch;
        sampleRounds = b.sampleRounds;
        constantRate = b.constantRate;
        monotonic = b.monotonic;
        essWarning = b.essWarning;
        temperature = b.temperature;
        perStep = b.perStep;
        shaping = b.shaping;
        demoDensity = b.demoDensity;
        seed = b.seed;
        progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The outcome of training.
     *
     * @param policy          the final policy of the inner loop (a snapshot)
     * @param history         {@code round | metric | value | seed}: {@code return} (mean true return of the round's
     *                        episodes), {@code ioc_loss} (mean over the round's cost steps, regularisers included;
     *                        the per-step cross-entropy with {@link Builder#perStep}),
     *                        {@code log_z}, {@code ess} (mean effective sample size of the round's estimates),
     *                        {@code ess_min}, {@code batch} (trajectories per estimate), {@code demo_cost} and
     *                        {@code sample_cost} (mean C(τ) after the round's cost steps), {@code reward} (mean
     *                        per step of the policy step's entropy-regularised reward), {@code env_steps},
     *                        {@code seconds} and the policy step's diagnostics
     * @param cost            the learned cost, frozen (also a reward {@code −c(s_{t+1})})
     * @param retraining      the policy optimisation used, with the same input scaling, to train a fresh policy on
     *                        {@code cost}
     * @param warnings        what the training warned about: the rounds in which the estimate of Z collapsed (an
     *                        effective sample size below {@link Builder#essWarning}), if any
     * @param trainingSeconds wall time
     */
    public record Result(NetPolicy policy, Table history, StateCost cost, PolicyOptimisation retraining,
            List<String> warnings, double trainingSeconds) {
        public Result {
            warnings = List.copyOf(warnings);
        }

        @Override
        public Table history() {
            return history.copy();
        }
    }

    /** Trains on {@code demos} in {@code env}. */
    public Result train(VecEnv env, Demonstrations demos) {
        if (env == null) {
            throw new IllegalArgumentException("train: env is null; pass a vectorised env such as VecEnv.of(8, PointReach::new)");
        }
        if (demos == null) {
            throw new IllegalArgumentException("train: demos is null; collect expert demonstrations first"
                    + " (Rollouts.in(env).episodes(10).collect(expert))");
        }
        Space actions = env.actionSpace();
        int d = env.observationSpace().size();
        demos.requireFits("train", env);
        List<Trajectory> demo = new ArrayList<>();
        for (Trajectory t : demos.trajectories()) {
            if (t.length() > 0) {
                demo.add(t);
            }
        }
        Standardisation scaling = Standardisation.of(demos.observations());
        PolicyOptimisation optimisation = rl.withSeed(seed).withInputScale(scaling.mean(), scaling.scale());
        PolicyOptimisation.Learner learner = optimisation.start(d, actions);
        Network net = Network.mlp(d, 1, Activation.TANH, seed + 21, costHidden);
        StateCost cost = new StateCost(net, scaling.mean(), scaling.scale());
        // shaping implies perStep (build() checks it): the potential h(s) of the per-step discriminator
        CostUpdate update = new CostUpdate(net, cost, new Adam(costLearningRate),
                shaping ? Network.mlp(d, 1, Activation.TANH, seed + 23, costHidden) : null,
                shaping ? new Adam(costLearningRate) : null);
        SplittableRandom rng = new SplittableRandom(seed + 22);

        double[] demoLogP = demoDensity == null ? null : logQ(demoDensity, demo);
        ArrayDeque<Round> window = new ArrayDeque<>();
        Map<Trajectory, Map<Integer, Double>> demoCache = new IdentityHashMap<>();
        Map<Trajectory, Map<Integer, Double>> sampleCache = new IdentityHashMap<>();
        History history = new History("round", seed);
        List<Integer> collapsed = new ArrayList<>();
        double lowest = Double.POSITIVE_INFINITY;
        long start = System.nanoTime();
        long steps = 0;
        for (int round = 1; round <= rounds; round++) {
            Interruption.check("GuidedCostLearning", round - 1, "rounds");
            NetPolicy policy = learner.policy();
            List<Episode> episodes = learner.collect(env, stepsPerRound);
            List<Trajectory> samples = PolicyOptimisation.trajectories(episodes);
            window.addLast(new Round(round, policy, samples));
            if (window.size() > sampleRounds) {
                window.removeFirst();
            }
            List<Trajectory> pool = new ArrayList<>();
            for (Round r : window) {
                pool.addAll(r.samples);
            }
            double[] demoLogQ = perStep ? null : mixtureLogQ(window, demo, demoCache);
            double[] sampleLogQ = perStep ? null : mixtureLogQ(window, pool, sampleCache);
            double[] sampleLogP = demoDensity == null ? null : logQ(demoDensity, pool);
            double[][] demoSteps = perStep ? perTrajectory(ExecutedLikelihood.of(policy, demo), demo) : null;
            double[][] sampleSteps = perStep ? perTrajectory(ExecutedLikelihood.of(policy, pool), pool) : null;
            double loss = 0;
            double logZ = 0;
            double ess = 0;
            double essMin = Double.POSITIVE_INFINITY;
            int batch = 0;
            for (int k = 0; k < costSteps; k++) {
                int[] di = pick(demo.size(), demoBatch, rng);
                int[] si = pick(pool.size(), sampleBatch, rng);
                CostUpdate.Step s = perStep
                        ? update.perStepStep(rows(demo, di), steps(demoSteps, di), rows(pool, si), steps(sampleSteps, si),
                                constantRate, monotonic)
                        : update.step(rows(demo, di), take(demoLogQ, di), take(demoLogP, di), rows(pool, si),
                                take(sampleLogQ, si), take(sampleLogP, si), constantRate, monotonic);
                loss += s.loss() / costSteps;
                batch = di.length + si.length;
                if (s.ioc() != null) {
                    logZ += s.ioc().logZ() / costSteps;
                    double e = s.ioc().partition().effectiveSampleSize();
                    ess += e / costSteps;
                    essMin = Math.min(essMin, e);
                }
            }
            if (costSteps > 0 && !perStep && essMin < essWarning) {
                collapsed.add(round);
                lowest = Math.min(lowest, essMin);
                if (collapsed.size() == 1) {
                    warn(String.format(Locale.ROOT, "round %d: the importance-sampling estimate of Z rested on an"
                            + " effective sample size of %.2f of %d trajectories (below essWarning %.2f): one trajectory's"
                            + " weight dominates, so log Z and the cost gradient are noisy. Sample more trajectories per"
                            + " round (stepsPerRound, costBatch) or lower costLearningRate.", round, essMin, batch, essWarning));
                }
            }
            Map<String, Double> stats = learner.improve(samples, new SoftReward(cost, policy, temperature));
            steps += stats.get("samples").longValue();
            double seconds = (System.nanoTime() - start) / 1e9;
            double ret = PolicyOptimisation.meanReturn(episodes);
            history.add(round, "return", ret);
            history.add(round, "ioc_loss", costSteps > 0 ? loss : Double.NaN);
            boolean estimated = costSteps > 0 && !perStep;
            history.add(round, "log_z", estimated ? logZ : Double.NaN);
            history.add(round, "ess", estimated ? ess : Double.NaN);
            history.add(round, "ess_min", estimated ? essMin : Double.NaN);
            history.add(round, "batch", batch);
            history.add(round, "demo_cost", Stats.mean(update.trajectoryCosts(demo)));
            history.add(round, "sample_cost", Stats.mean(update.trajectoryCosts(samples)));
            history.add(round, "env_steps", steps);
            history.add(round, "seconds", seconds);
            int at = round;
            stats.forEach((k, v) -> {
                if (!k.equals("samples") && !k.equals("value_loss")) {
                    history.add(at, k, v);
                }
            });
            if (progress != null) {
                String objective = perStep ? String.format(Locale.ROOT, "per-step loss %.3f on %d trajectories", loss, batch)
                        : String.format(Locale.ROOT, "IOC loss %.2f, log Z %.2f, ESS %.1f (min %.1f) of %d", loss, logZ, ess,
                                essMin, batch);
                progress.accept(String.format(Locale.ROOT, "round %d/%d: return %.1f | %s | C demos %.2f, samples %.2f | %d"
                        + " steps, %.1f s", round, rounds, ret, objective, history.last("demo_cost"),
                        history.last("sample_cost"), steps, seconds));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> warnings = new ArrayList<>();
        if (!collapsed.isEmpty()) {
            String w = String.format(Locale.ROOT, "the importance-sampling estimate of Z collapsed (an effective sample"
                    + " size below essWarning %.2f, lowest %.2f) in %d of %d rounds: %s", essWarning, lowest,
                    collapsed.size(), rounds, collapsed);
            warnings.add(w);
            if (collapsed.size() > 1) {
                warn(w);
            }
        }
        return new Result(learner.policy(), history.table("guided cost learning"), cost.frozen(), optimisation, warnings,
                seconds);
    }

    private void warn(String message) {
        (progress != null ? progress : (Consumer<String>) System.err::println).accept("warning: " + message);
    }

    /** One round's policy (a snapshot) and the trajectories it drew. */
    record Round(int round, NetPolicy policy, List<Trajectory> samples) {}

    /**
     * {@code log q_mix(τ) = log (1/K) Σ_k q_k(τ)} over the K policies of {@code window}, for each trajectory; each
     * trajectory's log-density under each policy is computed once and kept in {@code cache} (by round), and entries
     * of rounds that left the window are dropped.
     */
    static double[] mixtureLogQ(ArrayDeque<Round> window, List<Trajectory> trajectories,
            Map<Trajectory, Map<Integer, Double>> cache) {
        int first = window.getFirst().round();
        Map<Trajectory, Map<Integer, Double>> kept = new IdentityHashMap<>();
        for (Trajectory t : trajectories) {
            Map<Integer, Double> m = cache.getOrDefault(t, new HashMap<>());
            m.keySet().removeIf(r -> r < first);
            kept.put(t, m);
        }
        cache.clear();
        cache.putAll(kept);
        for (Round r : window) {
            List<Trajectory> missing = new ArrayList<>();
            for (Trajectory t : trajectories) {
                if (!cache.get(t).containsKey(r.round())) {
                    missing.add(t);
                }
            }
            if (!missing.isEmpty()) {
                double[] lq = logQ(r.policy(), missing);
                for (int j = 0; j < lq.length; j++) {
                    cache.get(missing.get(j)).put(r.round(), lq[j]);
                }
            }
        }
        double[] out = new double[trajectories.size()];
        double[] terms = new double[window.size()];
        for (int j = 0; j < out.length; j++) {
            Map<Integer, Double> m = cache.get(trajectories.get(j));
            int k = 0;
            for (Round r : window) {
                terms[k++] = m.get(r.round());
            }
            out[j] = Distribution.logSumExp(terms) - Math.log(terms.length);
        }
        return out;
    }

    /** {@code log q(τ) = Σ_t log π(a_t|s_t)} for each trajectory under {@code policy}. */
    static double[] logQ(NetPolicy policy, List<Trajectory> trajectories) {
        double[] lp = ExecutedLikelihood.of(policy, trajectories);
        double[] out = new double[trajectories.size()];
        int k = 0;
        for (int j = 0; j < out.length; j++) {
            for (int i = 0; i < trajectories.get(j).length(); i++) {
                out[j] += lp[k++];
            }
        }
        return out;
    }

    /** A flat per-step array split into one array per trajectory. */
    private static double[][] perTrajectory(double[] flat, List<Trajectory> trajectories) {
        double[][] out = new double[trajectories.size()][];
        int k = 0;
        for (int j = 0; j < out.length; j++) {
            out[j] = Arrays.copyOfRange(flat, k, k + trajectories.get(j).length());
            k += out[j].length;
        }
        return out;
    }

    /** The per-step arrays of the trajectories {@code idx}, concatenated in that order. */
    private static double[] steps(double[][] perTrajectory, int[] idx) {
        int n = 0;
        for (int i : idx) {
            n += perTrajectory[i].length;
        }
        double[] out = new double[n];
        int k = 0;
        for (int i : idx) {
            System.arraycopy(perTrajectory[i], 0, out, k, perTrajectory[i].length);
            k += perTrajectory[i].length;
        }
        return out;
    }

    /** {@code count} distinct indices of {@code 0..n−1} (all of them, shuffled, when {@code count ≥ n}). */
    private static int[] pick(int n, int count, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        int m = Math.min(n, count);
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(n - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return Arrays.copyOf(p, m);
    }

    private static List<Trajectory> rows(List<Trajectory> all, int[] idx) {
        List<Trajectory> out = new ArrayList<>(idx.length);
        for (int i : idx) {
            out.add(all.get(i));
        }
        return out;
    }

    private static double[] take(double[] v, int[] idx) {
        if (v == null) {
            return null;
        }
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }

    /** Configuration with documented defaults. */
    public static final class Builder {
        private PolicyOptimisation rl = PolicyOptimisation.builder().build();
        private int rounds = 30;
        private int stepsPerRound = 2048;
        private int[] costHidden = {32, 32};
        private double costLearningRate = 1e-3;
        private int costSteps = 10;
        private int demoBatch = 16;
        private int sampleBatch = 16;
        private int sampleRounds = 1;
        private double constantRate;
        private double monotonic;
        private double essWarning = 2;
        private double temperature = 1;
        private boolean perStep;
        private boolean shaping;
        private NetPolicy demoDensity;
        private long seed;
        private Consumer<String> progress;

        /** The policy optimisation of the inner loop (network sizes, γ, λ, PPO or TRPO). */
        public Builder policy(PolicyOptimisation rl) {
            if (rl == null) {
                throw new IllegalArgumentException("policy is null; pass PolicyOptimisation.builder()...build()");
            }
            this.rl = rl;
            return this;
        }

        /** Rounds of sampling, cost update and policy step (default 30). */
        public Builder rounds(int rounds) {
            this.rounds = atLeastOne("rounds", rounds);
            return this;
        }

        /** Environment steps sampled per round, whole episodes (default 2048). */
        public Builder stepsPerRound(int steps) {
            stepsPerRound = atLeastOne("stepsPerRound", steps);
            return this;
        }

        /** Hidden tanh layers of the cost network c_θ(s) (default 32, 32). */
        public Builder costHidden(int... widths) {
            if (widths == null || Arrays.stream(widths).anyMatch(w -> w < 1)) {
                throw new IllegalArgumentException("costHidden = " + Arrays.toString(widths) + "; pass widths >= 1, e.g. 32, 32");
            }
            costHidden = widths.clone();
            return this;
        }

        /** Adam step size of the cost (default 1e-3). */
        public Builder costLearningRate(double rate) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("costLearningRate = " + rate + "; pass a positive step size such as 1e-3");
            }
            costLearningRate = rate;
            return this;
        }

        /**
         * Cost updates per round (default 10; 0 freezes the random initial cost) on minibatches of {@code demos}
         * demonstrations and {@code samples} policy trajectories (default 16 each; fewer when fewer exist).
         */
        public Builder costSteps(int steps, int demos, int samples) {
            if (steps < 0) {
                throw new IllegalArgumentException("costSteps = " + steps + " must be >= 0 (0 freezes the cost)");
            }
            costSteps = steps;
            demoBatch = atLeastOne("demo batch", demos);
            sampleBatch = atLeastOne("sample batch", samples);
            return this;
        }

        /**
         * Importance samples of the cost update: the trajectories of the last {@code rounds} rounds (default 1: the
         * current round's only), each with the density of the mixture of those rounds' policies,
         * {@code q_mix = (1/K) Σ_k q_k}, as in Finn et al. (2016), who keep every earlier round's samples.
         */
        public Builder sampleRounds(int rounds) {
            sampleRounds = atLeastOne("sampleRounds", rounds);
            return this;
        }

        /** Weight of the local-constant-rate regulariser {@code Σ_t (c_{t+1} − 2c_t + c_{t−1})²} (default 0: off). */
        public Builder constantRate(double weight) {
            constantRate = weight("constantRate", weight);
            return this;
        }

        /** Weight of the monotonic-progress regulariser {@code Σ_t max(0, c_t − c_{t−1} − 1)²} on demos (default 0: off). */
        public Builder monotonic(double weight) {
            monotonic = weight("monotonic", weight);
            return this;
        }

        /** Warn when an estimate's effective sample size falls below this many trajectories (default 2). */
        public Builder essWarning(double minimum) {
            if (!(minimum >= 1) || Double.isInfinite(minimum)) {
                throw new IllegalArgumentException("essWarning = " + minimum + "; pass a number of trajectories >= 1, e.g. 2");
            }
            essWarning = minimum;
            return this;
        }

        /**
         * The temperature α of the policy step's reward {@code −c_θ(s_{t+1}) − α ℓ(a_t|s_t)} ({@link SoftReward};
         * default 1). With α = 1 the policy is trained towards {@code q(τ) ∝ exp(−C(τ))}, the maximum-entropy
         * distribution of the cost model itself, which is the proposal the estimate of Z needs; 0 trains it on the
         * cost alone, and it then collapses towards a point that makes every demonstration improbable.
         */
        public Builder temperature(double alpha) {
            temperature = weight("temperature", alpha);
            return this;
        }

        /**
         * Train the cost with the per-step discriminator {@link GclObjective#perStep} instead of the trajectory-level
         * IOC loss (default false): each transition is weighed by one ratio {@code exp(−c(s'))/π(a|s)} rather than each
         * trajectory by a product of T of them, so no Z is estimated (the history's {@code log_z} and {@code ess} are
         * NaN) and the estimate cannot collapse onto one trajectory. Uses the current round's samples only
         * ({@link #sampleRounds} 1) and no density model of the demonstrations. Nothing corrects the cost where
         * neither the demonstrations nor the policy go; keep {@link #constantRate} on to keep it smooth there (in
         * notebook 10, without it, the cost of some seeds was lowest in a corner no trajectory visited).
         */
        public Builder perStep(boolean on) {
            perStep = on;
            return this;
        }

        /**
         * With {@link #perStep}: a second network h(s) (same hidden layers as the cost) in the discriminator's logit,
         * {@code −c(s') + h(s') − h(s) − ℓ(a|s)} (default false), the shaping term of adversarial IRL (Fu, Luo and
         * Levine 2018). Without it, a cost of s' alone must also carry the value of s' that a per-step classifier
         * needs; with it, h can take that part. h only enters the cost update; the policy step and {@link Result#cost}
         * use c alone. Over one trajectory the terms telescope to {@code h(s_T) − h(s_0)}.
         */
        public Builder shaping(boolean on) {
            shaping = on;
            return this;
        }

        /**
         * A density model of the demonstrations, e.g. a Gaussian {@code BehaviorCloning} policy fitted to them
         * (default none). With it, every trajectory of the importance sampling is weighted against the mixture
         * {@code μ = ½ p̂ + ½ q}, {@code log p̂(τ) = Σ_t log p̂(a_t|s_t)}, as in Finn, Levine and Abbeel (2016);
         * without it, against {@code ½ exp(−C)/Z + ½ q}, the self-consistent (GAN) form of {@link GclObjective}.
         */
        public Builder demoDensity(NetPolicy density) {
            if (density == null) {
                throw new IllegalArgumentException("demoDensity is null; pass a stochastic policy fitted to the demonstrations,"
                        + " e.g. BehaviorCloning.builder().gaussian(true).build().train(demos, env.actionSpace()).policy()");
            }
            demoDensity = density;
            return this;
        }

        /** Seed of the networks, the sampling and the minibatches (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Where a line per round (and warnings) go, e.g. System.out::println (default: none; warnings to stderr). */
        public Builder progress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        public GuidedCostLearning build() {
            if (shaping && !perStep) {
                throw new IllegalArgumentException("shaping(true) without perStep(true): the potential h(s) is part of the"
                        + " per-step discriminator; add perStep(true) or drop shaping");
            }
            if (perStep && (sampleRounds > 1 || demoDensity != null)) {
                throw new IllegalArgumentException("perStep(true) with " + (sampleRounds > 1 ? "sampleRounds = " + sampleRounds
                        : "a demoDensity") + ": the per-step discriminator classifies the current round's transitions against"
                        + " its policy alone; use sampleRounds(1) and no demoDensity, or perStep(false)");
            }
            return new GuidedCostLearning(this);
        }

        private static double weight(String name, double w) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException(name + " = " + w + "; pass a finite weight >= 0 (0 turns it off)");
            }
            return w;
        }

        private static int atLeastOne(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " = " + value + " must be at least 1");
            }
            return value;
        }
    }
}
