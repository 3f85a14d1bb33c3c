package imitation.rl;

import imitation.data.Interruption;
import imitation.env.Space;
import imitation.env.VecEnv;
import imitation.eval.Evaluation;
import imitation.eval.History;
import imitation.nn.Activation;
import imitation.nn.Adam;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Tape;
import java.util.Arrays;
import java.util.SplittableRandom;
import tech.tablesaw.api.Table;

/**
 * Deep Q-learning (Mnih et al. 2015) for discrete actions: an ε-greedy agent in a vectorised environment fills a
 * {@link ReplayBuffer}; every {@code trainEvery} environment steps a minibatch is drawn and the Q-network takes
 * an Adam step on the Huber loss of {@code Q(s, a) − (r + γ (1 − terminal) max_a' Q_target(s', a'))}, where the
 * target network is a copy refreshed every {@code targetEvery} updates.
 *
 * <pre>
 * for each environment step t:
 *     a = random with probability ε(t), else argmax_a Q(s, a);  store (s, a, r, s', terminal)
 *     every trainEvery steps: sample a batch, one gradient step on the TD loss
 *     every targetEvery updates: Q_target ← Q
 * </pre>
 *
 * The same loop runs SQIL ({@link Sqil}) and DQfD ({@link Dqfd}), which change what is stored, what is sampled
 * and the loss. Time-limit cuts ({@code truncated}) still bootstrap; only {@code terminated} stops it. The
 * result's history has columns {@code env_steps | metric | value | seed}: the greedy policy's mean
 * {@code return} in the evaluation environment, the mean {@code loss} and the {@code epsilon} since the
 * previous row. The same seed gives the same history. An interrupt of the thread stops training with a
 * {@link java.util.concurrent.CancellationException}.
 */
public final class Dqn {
    final int[] hidden;
    final Activation activation;
    final double learningRate;
    final double l2;
    final double gamma;
    final int batchSize;
    final int bufferSize;
    final long steps;
    final int learningStarts;
    final int trainEvery;
    final int targetEvery;
    final double epsilonStart;
    final double epsilonEnd;
    final double epsilonFraction;
    final double maxGradNorm;
    final VecEnv evalEnv;
    final int evalEpisodes;
    final int evalEvery;
    final long seed;
    final boolean progress;

    private Dqn(Builder b) {
        hidden = b.hidden.clone();
        activation = b.activation;
        learningRate = b.learningRate;
        l2 = b.l2;
        gamma = b.gamma;
        batchSize = b.batchSize;
        bufferSize = b.bufferSize;
        steps = b.steps;
        learningStarts = b.learningStarts;
        trainEvery = b.trainEvery;
        targetEvery = b.targetEvery;
        epsilonStart = b.epsilonStart;
        epsilonEnd = b.epsilonEnd;
        epsilonFraction = b.epsilonFraction;
        maxGradNorm = b.maxGradNorm;
        evalEnv = b.evalEnv;
        evalEpisodes = b.evalEpisodes;
        evalEvery = b.evalEvery;
        seed = b.seed;
        progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * What training returns: the final greedy policy (a snapshot), the history table and the wall-clock
     * seconds of training (evaluations included).
     */
    public record Result(QPolicy policy, Table history, double trainingSeconds) {
        @Override
        public Table history() {
            return history.copy();
        }
    }

    /** Plain DQN in {@code env} with the environment's rewards. */
    public Result train(VecEnv env) {
        checkEnv(env);
        ReplayBuffer agent = new ReplayBuffer(bufferSize, env.observationSpace().size());
        NStep store = new NStep(env.count(), 1, gamma, agent);
        return run("DQN", env, new Variant() {
            @Override
            public void store(int slot, double[] obs, int action, double reward, double[] next, boolean terminated,
                    boolean truncated) {
                store.add(slot, obs, action, reward, next, terminated, truncated, false);
            }

            @Override
            public boolean ready(long envSteps) {
                return envSteps >= learningStarts && agent.size() > 0;
            }

            @Override
            public double update(Learner learner, long envSteps, SplittableRandom rng) {
                return learner.tdStep(agent.uniform(batchSize, rng));
            }
        });
    }

    /** What SQIL and DQfD change in the loop. */
    interface Variant {
        /** Before the first environment step (DQfD pre-trains here). */
        default void start(Learner learner, History history, SplittableRandom rng) {}

        /** Stores one agent step. */
        void store(int slot, double[] obs, int action, double reward, double[] next, boolean terminated,
                boolean truncated);

        /** Whether to take gradient steps after {@code envSteps} environment steps. */
        boolean ready(long envSteps);

        /** One gradient step; returns its loss. */
        double update(Learner learner, long envSteps, SplittableRandom rng);
    }

    void checkEnv(VecEnv env) {
        if (env == null) {
            throw new IllegalArgumentException("env is null; pass a vectorised environment, e.g. CartPole.classic().vec(4)");
        }
        if (!(env.actionSpace() instanceof Space.Discrete)) {
            throw new IllegalArgumentException("the environment's actions are " + env.actionSpace()
                    + "; Q-learning needs a Discrete action space");
        }
    }

    /** The loop shared by DQN, SQIL and DQfD. */
    Result run(String name, VecEnv env, Variant variant) {
        long start = System.nanoTime();
        int obsSize = env.observationSpace().size();
        int actions = ((Space.Discrete) env.actionSpace()).n();
        SplittableRandom rng = new SplittableRandom(seed);
        Learner learner = new Learner(this, Network.mlp(obsSize, actions, activation, seed, hidden));
        History history = new History("env_steps", seed);
        variant.start(learner, history, rng);
        int slots = env.count();
        for (int i = 0; i < slots; i++) {
            env.reset(i, rng.nextLong());
        }
        record(name, history, 0, learner, Double.NaN, epsilon(0));
        long t = 0;
        long nextEval = evalEvery;
        double lossSum = 0;
        int lossCount = 0;
        long sinceUpdate = 0;
        while (t < steps) {
            Interruption.check(name, t, "environment steps");
            double eps = epsilon(t);
            double[][] obs = copy(env.observations());
            double[][] q = learner.online.predict(obs);
            double[][] chosen = new double[slots][1];
            for (int i = 0; i < slots; i++) {
                chosen[i][0] = rng.nextDouble() < eps ? rng.nextInt(actions) : QPolicy.argmax(q[i]);
            }
            env.step(chosen);
            double[][] next = env.observations();
            for (int i = 0; i < slots; i++) {
                variant.store(i, obs[i], (int) chosen[i][0], env.rewards()[i], next[i], env.terminated()[i],
                        env.truncated()[i]);
                if (!env.running(i)) {
                    env.reset(i, rng.nextLong());
                }
            }
            t += slots;
            sinceUpdate += slots;
            if (variant.ready(t)) {
                for (; sinceUpdate >= trainEvery; sinceUpdate -= trainEvery) {
                    lossSum += variant.update(learner, t, rng);
                    lossCount++;
                }
            } else {
                sinceUpdate = 0;
            }
            if (t >= nextEval || t >= steps) {
                record(name, history, t, learner, lossCount == 0 ? Double.NaN : lossSum / lossCount, eps);
                lossSum = 0;
                lossCount = 0;
                nextEval += evalEvery;
            }
        }
        return new Result(new QPolicy(learner.online), history.table(name + " history"), (System.nanoTime() - start) / 1e9);
    }

    private void record(String name, History history, long t, Learner learner, double loss, double eps) {
        int at = (int) Math.min(t, Integer.MAX_VALUE);
        double ret = Double.NaN;
        if (evalEnv != null) {
            ret = Evaluation.in(evalEnv).episodes(evalEpisodes).seed(seed + 7919).run(new QPolicy(learner.online))
                    .meanReturn();
            history.add(at, "return", ret);
        }
        if (!Double.isNaN(loss)) {
            history.add(at, "loss", loss);
        }
        history.add(at, "epsilon", eps);
        if (progress) {
            System.out.println(String.format("%s seed %d: %d env steps, ε %.2f, loss %s%s", name, seed, t, eps,
                    Double.isNaN(loss) ? "-" : String.format("%.4f", loss),
                    evalEnv == null ? "" : String.format(", return %.1f", ret)));
        }
    }

    /** ε after {@code t} environment steps: linear from epsilonStart to epsilonEnd over epsilonFraction of the steps. */
    double epsilon(long t) {
        double decay = epsilonFraction * steps;
        double f = decay <= 0 ? 1 : Math.min(1, t / decay);
        return epsilonStart + f * (epsilonEnd - epsilonStart);
    }

    private static double[][] copy(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    /** The online and target networks, their optimiser and tapes: one gradient step at a time. */
    static final class Learner {
        final Network online;
        final Network target;
        private final Adam optimiser;
        private final Tape tape;
        private final int targetEvery;
        private final double gamma;
        private final double maxGradNorm;
        private long updates;
        private Batch dq;

        Learner(Dqn settings, Network online) {
            this.online = online;
            this.target = online.copy();
            this.optimiser = new Adam(settings.learningRate, settings.l2);
            this.tape = online.tape();
            this.targetEvery = settings.targetEvery;
            this.gamma = settings.gamma;
            this.maxGradNorm = settings.maxGradNorm;
        }

        /** {@code r + discount · (1 − terminal) · max_a Q_target(next, a)}, row by row. */
        double[] targets(double[] rewards, double[][] next, boolean[] terminal, double[] discount) {
            double[][] q = target.predict(next);
            double[] y = new double[rewards.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = rewards[i] + (terminal[i] ? 0 : discount[i] * q[i][QPolicy.argmax(q[i])]);
            }
            return y;
        }

        /** One-step targets of a sample. */
        double[] oneStepTargets(ReplayBuffer.Sample s) {
            double[] discount = new double[s.size()];
            Arrays.fill(discount, gamma);
            return targets(s.rewards, s.nexts, s.terminals, discount);
        }

        /** Q(s, ·) of the sample's observations on the training tape (valid until the next call). */
        Batch values(double[][] observations) {
            Batch in = tape.input(observations.length, online.inputs());
            in.load(observations);
            return online.forward(tape, in);
        }

        /** A zero gradient batch of {@code rows × cols} (reused between steps). */
        Batch zeroGradient(int rows, int cols) {
            if (dq == null || dq.rows() != rows || dq.cols() != cols) {
                dq = Batch.zeros(rows, cols);
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    dq.set(r, c, 0);
                }
            }
            return dq;
        }

        /** One DQN step on {@code s}: Huber TD loss on the one-step targets. */
        double tdStep(ReplayBuffer.Sample s) {
            double[] y = oneStepTargets(s);
            Batch q = values(s.observations);
            Batch dq = zeroGradient(q.rows(), q.cols());
            double loss = QLoss.td(q, s.actions, y, s.weights, 1, dq, null);
            step(dq);
            return loss;
        }

        /**
         * Back-propagates {@code dq} (the loss gradient w.r.t. the last {@link #values}), clips the gradient norm,
         * takes an Adam step and refreshes the target network every {@code targetEvery} steps.
         */
        void step(Batch dq) {
            online.params().zeroGrad();
            online.backward(tape, dq);
            online.params().clipGradNorm(maxGradNorm);
            optimiser.step(online.params());
            if (++updates % targetEvery == 0) {
                syncTarget();
            }
        }

        void syncTarget() {
            target.params().copyFrom(online.params());
        }

        long updates() {
            return updates;
        }
    }

    /** Settings with their defaults; every setter checks its value. */
    public static final class Builder {
        private int[] hidden = {64, 64};
        private Activation activation = Activation.RELU;
        private double learningRate = 1e-3;
        private double l2 = 0;
        private double gamma = 0.99;
        private int batchSize = 64;
        private int bufferSize = 50_000;
        private long steps = 20_000;
        private int learningStarts = 1000;
        private int trainEvery = 2;
        private int targetEvery = 250;
        private double epsilonStart = 1.0;
        private double epsilonEnd = 0.05;
        private double epsilonFraction = 0.2;
        private double maxGradNorm = 10;
        private VecEnv evalEnv;
        private int evalEpisodes;
        private int evalEvery;
        private long seed;
        private boolean progress;

        private Builder() {}

        /** Hidden layer widths of the Q-network; default 64, 64. */
        public Builder hidden(int... widths) {
            if (widths == null || widths.length == 0 || Arrays.stream(widths).anyMatch(w -> w < 1)) {
                throw new IllegalArgumentException("hidden = " + Arrays.toString(widths)
                        + "; pass at least one width >= 1, e.g. hidden(64, 64)");
            }
            hidden = widths.clone();
            return this;
        }

        /** Hidden activation; default ReLU. */
        public Builder activation(Activation activation) {
            if (activation == null) {
                throw new IllegalArgumentException("activation is null; pass e.g. Activation.RELU");
            }
            this.activation = activation;
            return this;
        }

        /** Adam step size; default 1e-3. */
        public Builder learningRate(double rate) {
            learningRate = imitation.nn.Optimizer.checkLearningRate(rate);
            return this;
        }

        /** L2 on the weights (coupled, in Adam); default 0 (DQfD uses 1e-5). */
        public Builder l2(double weight) {
            l2 = imitation.nn.Optimizer.checkL2(weight);
            return this;
        }

        /** Discount; default 0.99. */
        public Builder gamma(double gamma) {
            if (!(gamma >= 0 && gamma < 1)) {
                throw new IllegalArgumentException("gamma = " + gamma + "; pass a discount in [0, 1), e.g. 0.99");
            }
            this.gamma = gamma;
            return this;
        }

        /** Transitions per gradient step; default 64. */
        public Builder batchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("batchSize = " + size + "; pass at least 1, e.g. 64");
            }
            batchSize = size;
            return this;
        }

        /** Agent transitions the replay buffer holds; default 50000. */
        public Builder bufferSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("bufferSize = " + size + "; pass at least 1, e.g. 50000");
            }
            bufferSize = size;
            return this;
        }

        /** Environment steps of training (all slots counted); default 20000. */
        public Builder steps(long count) {
            if (count < 1) {
                throw new IllegalArgumentException("steps = " + count + "; pass at least 1 environment step");
            }
            steps = count;
            return this;
        }

        /** Environment steps before the first gradient step (DQN and SQIL); default 1000. */
        public Builder learningStarts(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("learningStarts = " + count + "; pass 0 or more environment steps");
            }
            learningStarts = count;
            return this;
        }

        /** One gradient step per this many environment steps; default 2. */
        public Builder trainEvery(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("trainEvery = " + count + "; pass at least 1 environment step");
            }
            trainEvery = count;
            return this;
        }

        /** Gradient steps between copies of the network into the target network; default 250. */
        public Builder targetEvery(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("targetEvery = " + count + "; pass at least 1 gradient step");
            }
            targetEvery = count;
            return this;
        }

        /**
         * ε-greedy exploration: ε falls linearly from {@code start} to {@code end} over the first {@code fraction}
         * of the steps, then stays; default 1.0 to 0.05 over 0.2.
         */
        public Builder epsilon(double start, double end, double fraction) {
            for (double[] v : new double[][] {{start}, {end}, {fraction}}) {
                if (!(v[0] >= 0 && v[0] <= 1)) {
                    throw new IllegalArgumentException("epsilon(start = " + start + ", end = " + end + ", fraction = "
                            + fraction + "); each must lie in [0, 1], e.g. epsilon(1.0, 0.05, 0.2)");
                }
            }
            epsilonStart = start;
            epsilonEnd = end;
            epsilonFraction = fraction;
            return this;
        }

        /** Largest gradient norm (clipped above it); default 10. */
        public Builder maxGradNorm(double norm) {
            if (!(norm > 0) || Double.isInfinite(norm)) {
                throw new IllegalArgumentException("maxGradNorm = " + norm + "; pass a finite positive norm, e.g. 10");
            }
            maxGradNorm = norm;
            return this;
        }

        /**
         * Evaluates the greedy policy for {@code episodes} seeded episodes in {@code env} at step 0 and every
         * {@code every} environment steps (the {@code return} metric). Default: no evaluation.
         */
        public Builder evaluateIn(VecEnv env, int episodes, int every) {
            if (env == null || episodes < 1 || every < 1) {
                throw new IllegalArgumentException("evaluateIn(env = " + env + ", episodes = " + episodes + ", every = "
                        + every + "); pass an environment, at least 1 episode and a period of at least 1 step");
            }
            evalEnv = env;
            evalEpisodes = episodes;
            evalEvery = every;
            return this;
        }

        /** Seed of the network, exploration, sampling and episode starts; default 0. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Prints a line per evaluation; default off. */
        public Builder progress(boolean progress) {
            this.progress = progress;
            return this;
        }

        public Dqn build() {
            if (evalEnv == null) {
                evalEvery = (int) Math.min(Integer.MAX_VALUE, Math.max(1, steps / 20));
            }
            return new Dqn(this);
        }
    }
}
