package imitation.irl;

import imitation.data.Demonstrations;
import imitation.data.Episode;
import imitation.data.Interruption;
import imitation.data.Trajectory;
import imitation.env.Space;
import imitation.env.VecEnv;
import imitation.eval.History;
import imitation.learn.Standardisation;
import imitation.nn.Activation;
import imitation.nn.Network;
import imitation.policy.NetPolicy;
import imitation.rl.PolicyOptimisation;
import imitation.rl.Reward;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import tech.tablesaw.api.Table;

/**
 * Generative adversarial imitation learning (Ho and Ermon 2016, Algorithm 1 of the slide) and, on the same
 * loop, adversarial inverse reinforcement learning (Fu et al. 2018):
 * <pre>
 * for round i = 1, 2, ...:
 *   sample trajectories τ_i ~ π_θ                                   (stochastic policy, vectorised env)
 *   update the discriminator: expert transitions labelled 1, the policy's labelled 0 (cross-entropy, Adam)
 *   reward r(s, a) from the discriminator: −log(1 − D), log D, or the logit log D − log(1 − D)
 *   policy step on r: GAE advantages, then TRPO or PPO, with an entropy bonus if the step has one
 * </pre>
 * D(s, a) is the probability that a transition is the expert's (see {@code Discriminator}); the slide's D is its
 * complement, so the slide's cost log D_slide is the common reward −log(1 − D) with its sign flipped. With
 * {@link Builder#airl} the logit is {@code f(s, a, s′) − log π(a|s)}, and {@code f}, frozen, is a reward that
 * can train a fresh policy ({@link Result#reward()}).
 *
 * <p>The reward's sign matters on tasks that end on failure: −log(1 − D) is positive at every step, so living
 * longer pays whatever D says; log D is negative, so ending early pays. The training warns when episodes end
 * before the time limit with either form; a fixed-horizon environment or the logit form removes the leak.
 */
public final class Gail {

    /** How the policy's reward is read from the discriminator's logit ℓ, with D = σ(ℓ) = P(expert). */
    public enum RewardForm {
        /** {@code −log(1 − D) = softplus(ℓ) > 0}: the slide's −cost, the common choice (a survival bonus). */
        POSITIVE,
        /** {@code log D = −softplus(−ℓ) < 0}: the form for tasks that should end (a living cost). */
        NEGATIVE,
        /** {@code log D − log(1 − D) = ℓ}, either sign: AIRL's reward, no bias towards ending or surviving. */
        LOGIT;

        double of(double logit) {
            return switch (this) {
                case POSITIVE -> Discriminator.softplus(logit);
                case NEGATIVE -> -Discriminator.softplus(-logit);
                case LOGIT -> logit;
            };
        }
    }

    /** Reward forms whose horizon-leak warning went to stderr already: without a progress sink it is shown once. */
    private static final java.util.Set<RewardForm> WARNED_ON_STDERR = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final PolicyOptimisation rl;
    private final int rounds;
    private final int stepsPerRound;
    private final int[] discriminatorHidden;
    private final double discriminatorLearningRate;
    private final int discriminatorSteps;
    private final int discriminatorBatch;
    private final RewardForm form;
    private final boolean airl;
    private final double gamma;
    private final int subsample;
    private final double heldOutFraction;
    private final boolean standardise;
    private final long seed;
    private final Consumer<String> progress;
    private final Network customDiscriminator;

    private Gail(Builder b) {
        rl = b.rl;
        rounds = b.rounds;
        stepsPerRound = b.stepsPerRound;
        discriminatorHidden = b.discriminatorHidden.clone();
        discriminatorLearningRate = b.discriminatorLearningRate;
        discriminatorSteps = b.discriminatorSteps;
        discriminatorBatch = b.discriminatorBatch;
        form = b.form != null ? b.form : b.airl ? RewardForm.LOGIT : RewardForm.POSITIVE;
        airl = b.airl;
        gamma = b.gamma;
        subsample = b.subsample;
        heldOutFraction = b.heldOutFraction;
        standardise = b.standardise;
        seed = b.seed;
        progress = b.progress;
        customDiscriminator = b.discriminator;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The outcome of training.
     *
     * @param policy          the final policy (a snapshot)
     * @param history         {@code round | metric | value | seed}: {@code return} (mean true return of the round's
     *                        episodes), {@code episode_length}, {@code disc_loss} (mean cross-entropy of the round's
     *                        updates), {@code disc_acc_expert} and {@code disc_acc_policy} (after the update, on the
     *                        expert transitions trained on and on the round's policy transitions), {@code heldout_acc}
     *                        (before the update: the mean of the accuracy on held-out expert transitions and on the
     *                        round's fresh policy transitions), {@code reward} (mean learned reward per step),
     *                        {@code env_steps}, {@code seconds} and the policy step's diagnostics
     * @param reward          the learned reward, frozen: GAIL's {@code form(ℓ(s, a))} or AIRL's {@code f(s, a, s′)}
     * @param retraining      the policy optimisation used, with the same input scaling, to train a fresh policy
     *                        on {@code reward}
     * @param warnings        what the training warned about (the horizon leak)
     * @param trainingSeconds wall time
     */
    public record Result(NetPolicy policy, Table history, Reward reward, PolicyOptimisation retraining,
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
            throw new IllegalArgumentException("train: env is null; pass a vectorised env such as CartPole.fixedHorizon().vec(8)");
        }
        if (demos == null) {
            throw new IllegalArgumentException("train: demos is null; collect expert demonstrations first"
                    + " (Rollouts.in(env).episodes(10).collect(expert))");
        }
        Space actions = env.actionSpace();
        int d = env.observationSpace().size();
        demos.requireFits("train", env);
        Pairs expertAll = Pairs.of(demos.trajectories(), subsample);
        for (int i = 0; i < expertAll.size(); i++) {
            actions.check("demonstrated action " + i, expertAll.act()[i]);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = Standardisation.permutation(expertAll.size(), rng);
        int held = heldOutFraction > 0 ? Math.max(1, (int) Math.round(heldOutFraction * expertAll.size())) : 0;
        if (expertAll.size() - held < 1) {
            throw new IllegalArgumentException("heldOutFraction = " + heldOutFraction + " leaves no expert transition to train"
                    + " on (" + expertAll.size() + " in all); use more demonstrations or heldOutFraction(0)");
        }
        Pairs expertHeld = expertAll.rows(Arrays.copyOfRange(order, 0, held));
        Pairs expert = expertAll.rows(Arrays.copyOfRange(order, held, order.length));
        Standardisation st = standardise ? Standardisation.of(expert.obs()) : Standardisation.identity(d);
        double[][] scaling = {st.mean(), st.scale()};
        PolicyOptimisation optimisation = rl.withSeed(seed).withInputScale(scaling[0], scaling[1]);
        PolicyOptimisation.Learner learner = optimisation.start(d, actions);
        Discriminator disc = discriminator(d, actions, scaling);

        History history = new History("round", seed);
        List<String> warnings = new ArrayList<>();
        long start = System.nanoTime();
        long steps = 0;
        for (int round = 1; round <= rounds; round++) {
            Interruption.check(airl ? "AIRL" : "GAIL", round - 1, "rounds");
            // 1. sample trajectories with the current policy
            NetPolicy policy = learner.policy();
            List<Episode> episodes = learner.collect(env, stepsPerRound);
            List<Trajectory> trajectories = PolicyOptimisation.trajectories(episodes);
            Pairs sampled = Pairs.of(trajectories, 1);
            if (warnings.isEmpty()) {
                horizonLeak(episodes, env.horizon()).ifPresent(w -> {
                    warnings.add(w);
                    if (progress != null) {
                        progress.accept("warning: " + w);
                    } else if (WARNED_ON_STDERR.add(form)) {
                        System.err.println("warning: " + w + " (shown once per session; see Result.warnings())");
                    }
                });
            }
            // 2. update the discriminator: expert = 1, policy = 0
            double heldOut = held == 0 ? Double.NaN
                    : (accuracy(disc, expertHeld, policy, true) + accuracy(disc, sampled, policy, false)) / 2;
            double loss = 0;
            for (int k = 0; k < discriminatorSteps; k++) {
                Pairs e = expert.sample(discriminatorBatch, rng);
                Pairs p = sampled.sample(discriminatorBatch, rng);
                loss += disc.update(e, logPi(policy, e), p, logPi(policy, p)) / discriminatorSteps;
            }
            // 3. reward from the discriminator, 4. policy step
            Reward reward = live(disc, policy);
            Map<String, Double> stats = learner.improve(trajectories, reward);
            steps += stats.get("samples").longValue();
            double seconds = (System.nanoTime() - start) / 1e9;
            double ret = PolicyOptimisation.meanReturn(episodes);
            double accE = accuracy(disc, expert, policy, true);
            double accP = accuracy(disc, sampled, policy, false);
            history.add(round, "return", ret);
            history.add(round, "episode_length", episodes.stream().mapToInt(Episode::length).average().orElse(0));
            history.add(round, "disc_loss", discriminatorSteps > 0 ? loss : Double.NaN);
            history.add(round, "disc_acc_expert", accE);
            history.add(round, "disc_acc_policy", accP);
            history.add(round, "heldout_acc", heldOut);
            history.add(round, "env_steps", steps);
            history.add(round, "seconds", seconds);
            int at = round;
            stats.forEach((k, v) -> {
                if (!k.equals("samples") && !k.equals("value_loss")) {
                    history.add(at, k, v);
                }
            });
            if (progress != null) {
                progress.accept(String.format(Locale.ROOT,
                        "round %d/%d: return %.1f | D loss %.3f, acc expert %.2f policy %.2f, held-out %.2f | reward %.3f | %d steps, %.1f s",
                        round, rounds, ret, loss, accE, accP, heldOut, stats.get("reward"), steps, seconds));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(learner.policy(), history.table(airl ? "AIRL" : "GAIL"), frozen(disc.frozen()), optimisation,
                warnings, seconds);
    }

    private Discriminator discriminator(int d, Space actions, double[][] scaling) {
        int in = Discriminator.inputs(d, actions);
        Network g;
        if (customDiscriminator != null) {
            if (customDiscriminator.inputs() != in || customDiscriminator.outputs() != 1) {
                throw new IllegalArgumentException("discriminator reads " + customDiscriminator.inputs() + " and gives "
                        + customDiscriminator.outputs() + " values; it must read " + in
                        + " (observation + one-hot or box action) and give 1 logit");
            }
            g = customDiscriminator.copy();
        } else {
            g = Network.mlp(in, 1, Activation.TANH, seed + 11, discriminatorHidden);
        }
        Network h = airl ? Network.mlp(d, 1, Activation.TANH, seed + 12, discriminatorHidden) : null;
        return new Discriminator(g, h, gamma, scaling[0], scaling[1], actions, discriminatorLearningRate);
    }

    /** The reward during training: {@code form(ℓ)}, with ℓ = f − log π for AIRL under the round's policy. */
    private Reward live(Discriminator disc, NetPolicy policy) {
        return new Scored(p -> {
            double[] l = disc.logits(p, logPi(policy, p));
            for (int i = 0; i < l.length; i++) {
                l[i] = form.of(l[i]);
            }
            return l;
        });
    }

    /** The frozen reward: GAIL's {@code form(ℓ(s, a))}, AIRL's {@code f(s, a, s′)}. */
    private Reward frozen(Discriminator disc) {
        return new Scored(p -> {
            if (disc.airl()) {
                return disc.f(p);
            }
            double[] l = disc.logits(p, null);
            for (int i = 0; i < l.length; i++) {
                l[i] = form.of(l[i]);
            }
            return l;
        });
    }

    /** A reward read from the discriminator's networks: the steps of all trajectories are scored in one pass. */
    private record Scored(java.util.function.Function<Pairs, double[]> score) implements Reward {
        @Override
        public double[] rewards(Trajectory trajectory) {
            return score.apply(Pairs.of(List.of(trajectory), 1));
        }

        @Override
        public List<double[]> rewards(List<Trajectory> trajectories) {
            double[] all = score.apply(Pairs.of(trajectories, 1));
            List<double[]> out = new ArrayList<>(trajectories.size());
            int at = 0;
            for (Trajectory t : trajectories) {
                out.add(Arrays.copyOfRange(all, at, at + t.length()));
                at += t.length();
            }
            return out;
        }
    }

    private double[] logPi(NetPolicy policy, Pairs p) {
        return airl ? policy.logProb(p.obs(), p.act()) : null;
    }

    /** Fraction of {@code p} classified as expert ({@code ℓ > 0}) when {@code expert}, else as policy. */
    private double accuracy(Discriminator disc, Pairs p, NetPolicy policy, boolean expert) {
        double[] l = disc.logits(p, logPi(policy, p));
        int right = 0;
        for (double v : l) {
            right += (v > 0) == expert ? 1 : 0;
        }
        return right / (double) l.length;
    }

    /** The lecture's warning when episodes end early under a reward whose sign pays for their length. */
    private java.util.Optional<String> horizonLeak(List<Episode> episodes, int horizon) {
        long early = episodes.stream().filter(e -> e.terminated() && e.length() < horizon).count();
        if (early == 0 || form == RewardForm.LOGIT) {
            return java.util.Optional.empty();
        }
        String why = form == RewardForm.POSITIVE
                ? "the reward −log(1 − D) is positive at every step, so a longer episode earns more whatever the"
                        + " discriminator says: the policy is paid for surviving, not for imitating"
                : "the reward log D is negative at every step, so ending the episode early earns more whatever the"
                        + " discriminator says: the policy is paid for failing, not for imitating";
        return java.util.Optional.of(String.format(Locale.ROOT, "reward form %s with episodes that end before the"
                + " time limit (%d of %d episodes ended early): %s. The return leaks the horizon. Use a fixed-horizon"
                + " environment (e.g. CartPole.fixedHorizon()) or reward(RewardForm.LOGIT).", form, early,
                episodes.size(), why));
    }

    /** Configuration with documented defaults. */
    public static final class Builder {
        private PolicyOptimisation rl = PolicyOptimisation.builder().build();
        private int rounds = 30;
        private int stepsPerRound = 2048;
        private int[] discriminatorHidden = {64, 64};
        private double discriminatorLearningRate = 1e-3;
        private int discriminatorSteps = 20;
        private int discriminatorBatch = 128;
        private RewardForm form;
        private boolean airl;
        private double gamma = 0.99;
        private int subsample = 1;
        private double heldOutFraction = 0.2;
        private boolean standardise = true;
        private long seed;
        private Consumer<String> progress;
        private Network discriminator;

        /** The policy optimisation (network sizes, γ, λ, PPO or TRPO); default {@code PolicyOptimisation.builder().build()}. */
        public Builder policy(PolicyOptimisation rl) {
            if (rl == null) {
                throw new IllegalArgumentException("policy is null; pass PolicyOptimisation.builder()...build()");
            }
            this.rl = rl;
            return this;
        }

        /** Adversarial rounds (default 30). */
        public Builder rounds(int rounds) {
            this.rounds = atLeastOne("rounds", rounds);
            return this;
        }

        /** Environment steps sampled per round, whole episodes (default 2048). */
        public Builder stepsPerRound(int steps) {
            stepsPerRound = atLeastOne("stepsPerRound", steps);
            return this;
        }

        /** Hidden tanh layers of the discriminator (and of AIRL's h), default 64, 64. */
        public Builder discriminatorHidden(int... widths) {
            if (widths == null || Arrays.stream(widths).anyMatch(w -> w < 1)) {
                throw new IllegalArgumentException("discriminatorHidden = " + Arrays.toString(widths) + "; pass widths >= 1");
            }
            discriminatorHidden = widths.clone();
            return this;
        }

        /** Adam step size of the discriminator (default 1e-3). */
        public Builder discriminatorLearningRate(double rate) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("discriminatorLearningRate = " + rate + "; pass a positive step size such as 1e-3");
            }
            discriminatorLearningRate = rate;
            return this;
        }

        /**
         * Discriminator updates per round (default 20) of {@code batch} expert and {@code batch} policy transitions
         * (default 128 each). 0 updates leaves the randomly initialised discriminator frozen: the demonstrations
         * are then never used.
         */
        public Builder discriminatorSteps(int steps, int batch) {
            if (steps < 0) {
                throw new IllegalArgumentException("discriminatorSteps = " + steps + " must be >= 0 (0 freezes the discriminator)");
            }
            discriminatorSteps = steps;
            discriminatorBatch = atLeastOne("discriminatorBatch", batch);
            return this;
        }

        /** How the reward is read from the discriminator (default POSITIVE for GAIL, LOGIT for AIRL). */
        public Builder reward(RewardForm form) {
            if (form == null) {
                throw new IllegalArgumentException("reward is null; pass RewardForm.POSITIVE, NEGATIVE or LOGIT");
            }
            this.form = form;
            return this;
        }

        /** AIRL's discriminator {@code f(s, a, s′) − log π(a|s)} instead of GAIL's {@code g(s, a)} (default false). */
        public Builder airl(boolean airl) {
            this.airl = airl;
            return this;
        }

        /** AIRL's shaping discount in {@code f = g + γ h(s′) − h(s)} (default 0.99). */
        public Builder gamma(double gamma) {
            if (!(gamma >= 0 && gamma <= 1)) {
                throw new IllegalArgumentException("gamma = " + gamma + "; pass a value in [0, 1]");
            }
            this.gamma = gamma;
            return this;
        }

        /** Keep every {@code k}-th expert step only (default 1; the GAIL paper used 10). */
        public Builder subsample(int k) {
            subsample = atLeastOne("subsample", k);
            return this;
        }

        /** Fraction of expert transitions held out to measure the discriminator (default 0.2; 0 for none). */
        public Builder heldOutFraction(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("heldOutFraction = " + fraction + "; pass a fraction in [0, 1)");
            }
            heldOutFraction = fraction;
            return this;
        }

        /**
         * Whether the policy and the discriminator read observations standardised by the mean and standard deviation
         * of the expert's (default true), or as they are (false). A precise expert visits a narrow band of states:
         * standardised by it, a state a little off that band lies tens of standard deviations out, where every tanh
         * unit of both networks saturates and the discriminator's reward no longer says which way the expert lies.
         * Observations already on a unit scale (the driving world's features) can be read as they are.
         */
        public Builder standardise(boolean standardise) {
            this.standardise = standardise;
            return this;
        }

        /** Seed of the networks, the sampling and the split (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Where a line per round (and the run's warnings) go, e.g. System.out::println. Default: none, and a warning
         * goes to stderr the first time it arises in this JVM only; every run keeps its own in {@link Result#warnings()}.
         */
        public Builder progress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        /**
         * A discriminator network of your own (copied): it reads the standardised observation followed by the action
         * (one-hot for discrete actions) and gives one logit. Default: tanh layers of {@link #discriminatorHidden}.
         */
        public Builder discriminator(Network network) {
            if (network == null) {
                throw new IllegalArgumentException("discriminator is null; pass a Network with one output");
            }
            discriminator = network;
            return this;
        }

        public Gail build() {
            return new Gail(this);
        }

        private static int atLeastOne(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " = " + value + " must be at least 1");
            }
            return value;
        }
    }
}
