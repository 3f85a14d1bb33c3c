package imitation.learn;

import imitation.data.Demonstrations;
import imitation.env.Space;
import imitation.env.VecEnv;
import imitation.eval.Evaluation;
import imitation.eval.History;
import imitation.nn.Activation;
import imitation.nn.Adam;
import imitation.nn.Network;
import imitation.policy.Head;
import imitation.policy.NetPolicy;
import java.util.SplittableRandom;
import java.util.Arrays;
import tech.tablesaw.api.Table;

/**
 * Behaviour cloning: supervised learning of the expert's action from the observation, treating the
 * demonstrated pairs as i.i.d. samples.
 *
 * <p>Discrete actions are learned as classification (softmax, cross-entropy: −mean log π(a|s));
 * box actions as regression (mean squared error), or with {@link Builder#gaussian} as a Gaussian policy
 * trained by negative log-likelihood with an entropy bonus; camera images with
 * {@link #trainOnImages} and a small convolutional network. Training runs a fixed
 * number of Adam minibatch steps over shuffled epochs of the demonstrations, or fewer with early
 * stopping on the validation loss ({@link Builder#patience}).
 *
 * <pre>{@code
 * BehaviorCloning.Result r = BehaviorCloning.builder().steps(1000).batchSize(32).seed(1).build()
 *         .train(demos, env.actionSpace());
 * Policy learner = r.policy();   // a snapshot; r.history() has step | metric | value | seed
 * }</pre>
 */
public final class BehaviorCloning {
    private final int[] hidden;
    private final Activation activation;
    private final double learningRate;
    private final double l2;
    private final int batchSize;
    private final int steps;
    private final int logEvery;
    private final long seed;
    private final boolean normalize;
    private final double validationFraction;
    private final VecEnv evalEnv;
    private final int evalEpisodes;
    private final int evalEvery;
    private final boolean progress;
    private final int subsample;
    private final boolean gaussian;
    private final double entropyWeight;
    private final double initialLogStd;
    private final int patience;
    private final Head customHead;

    private BehaviorCloning(Builder b) {
        hidden = b.hidden.clone();
        activation = b.activation;
        learningRate = b.learningRate;
        l2 = b.l2;
        batchSize = b.batchSize;
        steps = b.steps;
        logEvery = b.logEvery;
        seed = b.seed;
        normalize = b.normalize;
        validationFraction = b.validationFraction;
        evalEnv = b.evalEnv;
        evalEpisodes = b.evalEpisodes;
        evalEvery = b.evalEvery;
        progress = b.progress;
        subsample = b.subsample;
        gaussian = b.gaussian;
        entropyWeight = b.entropyWeight;
        initialLogStd = b.initialLogStd;
        patience = b.patience;
        customHead = b.head;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The trained policy (a snapshot with a Gaussian head with {@link Builder#gaussian}), the history
     * in long format and the wall-clock training time (excluding evaluation episodes run during training).
     * History metrics: {@code loss} (mean minibatch loss since the last log; the negative log-likelihood
     * for a Gaussian), {@code seconds} (training time so far), {@code val_loss} (with a validation
     * fraction), {@code return} and {@code success_rate} (with {@link Builder#evaluateIn}), {@code best_step}
     * (with early stopping: the step whose weights were kept) and {@code log_std} (Gaussian, per logged step,
     * the mean over action dimensions).
     */
    public record Result(NetPolicy policy, Table history, double trainingSeconds) {
        public Result {
            history = history.copy();
        }

        /** The history (a copy: editing it does not change this result). */
        @Override
        public Table history() {
            return history.copy();
        }
    }

    /** Trains on {@code demos} for an environment whose actions live in {@code actionSpace}. */
    public Result train(Demonstrations demos, Space actionSpace) {
        Data data = Data.of(demos, actionSpace, subsample);
        boolean discrete = actionSpace instanceof Space.Discrete;
        if (gaussian && discrete) {
            throw new IllegalArgumentException("train: gaussian(true) needs a Box action space, got " + actionSpace
                    + "; discrete actions are already learned as a distribution (softmax), so drop gaussian(true)");
        }
        int n = data.obs.length;
        int d = demos.observationSize();
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = Standardisation.permutation(n, rng);
        int trainCount = n - validationCount(n);
        Standardisation inputs = normalize ? Standardisation.of(data.obs, order, trainCount) : Standardisation.identity(d);
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = inputs.apply(data.obs[order[i]]);
            y[i] = data.act[order[i]];
        }
        Head head = gaussian ? Head.gaussian(actionSpace.size()) : customHead != null ? customHead : Head.forSpace(actionSpace);
        Network.Builder body = Network.builder(d).seed(seed);
        for (int h : hidden) {
            body.dense(h).activation(activation);
        }
        if (gaussian) {
            body.dense(actionSpace.size()).appendParameters(actionSpace.size(), initialLogStd);
        } else {
            body.dense(head.rawSize());
        }
        Network net = body.build();
        Trained t = run(net, head, x, y, trainCount, p -> new NetPolicy(p, head, inputs.mean, inputs.scale, actionSpace), rng);
        return new Result(t.policy, t.history, t.seconds);
    }

    /** The mean of the last {@code k} parameters: the log σ a Gaussian body appends. */
    private static double meanLogStd(Network net, int k) {
        float[] v = net.params().values();
        double s = 0;
        for (int j = 0; j < k; j++) {
            s += v[v.length - k + j];
        }
        return s / k;
    }

    private record Trained(NetPolicy policy, Table history, double seconds) {}

    /**
     * Behaviour cloning as on the slide: minimise {@code −mean log π(a|s) − w·H(π(·|s))} (+ L2) over the first
     * {@code trainCount} rows of ({@code x}, {@code y}) with Adam minibatch steps; the rest is the validation
     * set. Logs, evaluates and stops early as configured.
     */
    private Trained run(Network net, Head head, double[][] x, double[][] y, int trainCount,
            java.util.function.Function<Network, NetPolicy> snapshot, SplittableRandom rng) {
        int n = x.length;
        Supervised.Objective nll = (raw, rows, dRaw) -> {
            double[][] actions = new double[rows.length][];
            double[] weights = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                actions[i] = y[rows[i]];
                weights[i] = 1.0 / rows.length;
            }
            return head.distribution(raw).lossGradient(actions, weights, entropyWeight / rows.length, dRaw);
        };
        Supervised loop = new Supervised(net, new Adam(learningRate, l2), x, nll);
        int[] validation = java.util.stream.IntStream.range(trainCount, n).toArray();
        History history = new History("step", seed);
        long[] clock = {System.nanoTime(), 0};
        NetPolicy[] best = {null};
        double[] bestLoss = {Double.POSITIVE_INFINITY};
        int[] bestStep = {0};
        int[] sinceBest = {0};
        double[] lossSum = {0};
        int[] lossCount = {0};
        int taken = loop.run(steps, batchSize, trainCount, rng, (step, loss) -> {
            lossSum[0] += loss;
            lossCount[0]++;
            boolean log = step % logEvery == 0 || step == steps;
            boolean evaluate = evalEnv != null && (step % evalEvery == 0 || step == steps);
            if (!log && !evaluate) {
                return false;
            }
            clock[1] += System.nanoTime() - clock[0];
            history.add(step, "seconds", clock[1] / 1e9);
            String line = "step " + step;
            boolean stop = false;
            if (log) {
                double meanLoss = lossSum[0] / lossCount[0];
                history.add(step, "loss", meanLoss);
                line += ": loss " + String.format("%.4f", meanLoss);
                lossSum[0] = 0;
                lossCount[0] = 0;
                if (gaussian) {
                    history.add(step, "log_std", meanLogStd(net, head.actionSize()));
                }
                if (validation.length > 0) {
                    double val = loop.loss(validation);
                    history.add(step, "val_loss", val);
                    line += ", val_loss " + String.format("%.4f", val);
                    if (patience > 0) {
                        if (val < bestLoss[0]) {
                            bestLoss[0] = val;
                            best[0] = snapshot.apply(net);
                            bestStep[0] = step;
                            sinceBest[0] = 0;
                        } else {
                            stop = ++sinceBest[0] >= patience;
                        }
                    }
                }
            }
            if (evaluate) {
                Evaluation.Result r = Evaluation.in(evalEnv).episodes(evalEpisodes).seed(seed + 1).run(snapshot.apply(net));
                history.add(step, "return", r.meanReturn());
                history.add(step, "success_rate", r.successRate());
                line += ", return " + String.format("%.1f", r.meanReturn());
            }
            if (stop) {
                line += " (no better val_loss for " + patience + " checks: stopping, keeping step " + bestStep[0] + ")";
            }
            if (progress) {
                System.out.println(line);
            }
            clock[0] = System.nanoTime();
            return stop;
        });
        clock[1] += System.nanoTime() - clock[0];
        NetPolicy policy = snapshot.apply(net);
        if (patience > 0 && best[0] != null) {
            history.add(history.lastStep(), "best_step", bestStep[0]);
            policy = best[0];
        }
        if (taken < steps && patience == 0 && progress) {
            System.out.println("interrupted after step " + taken + ": returning the policy trained so far");
        }
        return new Trained(policy, history.table("behaviour cloning"), clock[1] / 1e9);
    }

    /**
     * Trains a small convolutional network (8 filters 5×5 stride 2, 16 filters 3×3 stride 2, ReLU, then one
     * hidden layer of 32 ReLU units; this builder's learning rate, L2, batch size, steps, seed, validation and early
     * stopping) on demonstrations whose observations are {@code height × width} grey images flattened row-major,
     * such as the driving world's camera. Box actions only, regressed by mean squared error; pixels are not
     * standardised. On 16×32 images the layers give 6×14×8 → 2×6×16 → 32 → actions.
     */
    public Result trainOnImages(Demonstrations demos, Space actionSpace, int height, int width) {
        if (!(actionSpace instanceof Space.Box)) {
            throw new IllegalArgumentException("trainOnImages: action space " + actionSpace
                    + " is not a Box; the convolutional network regresses continuous actions");
        }
        if (gaussian) {
            throw new IllegalArgumentException("trainOnImages: gaussian(true) is not supported on images;"
                    + " drop it (the convolutional network regresses the action by mean squared error)");
        }
        if (demos == null) {
            throw new IllegalArgumentException("trainOnImages: demos is null; collect demonstrations first");
        }
        if (height < 1 || width < 1 || demos.observationSize() != height * width) {
            throw new IllegalArgumentException("trainOnImages: demonstrations have observations of size "
                    + demos.observationSize() + " but " + height + "x" + width + " images have " + height * width
                    + " pixels; record the demonstrations with camera observations of that size"
                    + " (e.g. a DrivingWorld built with .observation(ObservationKind.CAMERA))");
        }
        Data data = Data.of(demos, actionSpace, subsample);
        int n = data.obs.length;
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = Standardisation.permutation(n, rng);
        int trainCount = n - validationCount(n);
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = data.obs[order[i]];
            y[i] = data.act[order[i]];
        }
        Network net = Network.builder(height * width).image(height, width, 1)
                .conv(8, 5, 2).relu().conv(16, 3, 2).relu().dense(32).relu().dense(actionSpace.size()).seed(seed).build();
        Head head = Head.deterministic(actionSpace.size());
        Standardisation none = Standardisation.identity(height * width);
        Trained t = run(net, head, x, y, trainCount, p -> new NetPolicy(p, head, none.mean, none.scale, actionSpace), rng);
        return new Result(t.policy, t.history, t.seconds);
    }

    private int validationCount(int n) {
        int validation = (int) Math.round(validationFraction * n);
        if (validationFraction > 0 && (validation < 1 || validation >= n)) {
            throw new IllegalArgumentException("validationFraction = " + validationFraction + " leaves " + validation
                    + " of " + n + " steps for validation; use a fraction that keeps at least one step on each side");
        }
        return validation;
    }

    /** Observation and action rows of the demonstrations (after subsampling), checked against the action space. */
    record Data(double[][] obs, double[][] act) {
        static Data of(Demonstrations demos, Space actionSpace, int subsample) {
            if (demos == null) {
                throw new IllegalArgumentException("train: demos is null; collect demonstrations first");
            }
            if (actionSpace.size() != demos.actionSize()) {
                throw new IllegalArgumentException("train: demonstrations have actions of size " + demos.actionSize()
                        + " but the action space " + actionSpace + " has size " + actionSpace.size()
                        + "; pass the action space of the environment the demonstrations came from");
            }
            double[][] obs = demos.observations();
            double[][] act = demos.actions();
            if (subsample > 1) {
                obs = everyKth(demos, obs, subsample);
                act = everyKth(demos, act, subsample);
            }
            for (int i = 0; i < act.length; i++) {
                actionSpace.check("demonstrated action " + i, act[i]);
            }
            return new Data(obs, act);
        }
    }

    /** Rows at steps 0, k, 2k, ... of every trajectory, from rows aligned with {@link Demonstrations#observations()}. */
    private static double[][] everyKth(Demonstrations demos, double[][] rows, int k) {
        java.util.List<double[]> kept = new java.util.ArrayList<>();
        int offset = 0;
        for (imitation.data.Trajectory t : demos.trajectories()) {
            for (int step = 0; step < t.length(); step += k) {
                kept.add(rows[offset + step]);
            }
            offset += t.length();
        }
        return kept.toArray(new double[0][]);
    }

    /** Configuration with documented defaults. */
    public static final class Builder {
        private int[] hidden = {64, 64};
        private Activation activation = Activation.TANH;
        private double learningRate = 1e-3;
        private double l2 = 0;
        private int batchSize = 32;
        private int steps = 1000;
        private int logEvery = 100;
        private long seed = 0;
        private boolean normalize = true;
        private double validationFraction = 0;
        private VecEnv evalEnv;
        private int evalEpisodes;
        private int evalEvery;
        private boolean progress;
        private int subsample = 1;
        private boolean gaussian;
        private double entropyWeight = 1e-3;
        private double initialLogStd = 0;
        private int patience;
        private Head head;

        private Builder() {}

        /** Hidden layer widths (default 64, 64). */
        public Builder hidden(int... widths) {
            hidden = Settings.widths(widths);
            return this;
        }

        /** Hidden-layer activation (default tanh). */
        public Builder activation(Activation activation) {
            this.activation = activation;
            return this;
        }

        /** Adam step size (default 1e-3). */
        public Builder learningRate(double rate) {
            if (!(rate > 0) || !Double.isFinite(rate)) {
                throw new IllegalArgumentException("learningRate = " + rate + " must be positive, e.g. 1e-3");
            }
            learningRate = rate;
            return this;
        }

        /** L2 weight penalty (default 0). */
        public Builder l2(double weight) {
            if (!(weight >= 0) || !Double.isFinite(weight)) {
                throw new IllegalArgumentException("l2 = " + weight + " must be >= 0");
            }
            l2 = weight;
            return this;
        }

        /** Minibatch size (default 32, as the peer library). */
        public Builder batchSize(int size) {
            batchSize = Settings.atLeastOne("batchSize", size);
            return this;
        }

        /** Number of minibatch updates (default 1000). */
        public Builder steps(int count) {
            steps = Settings.atLeastOne("steps", count);
            return this;
        }

        /** Record the mean training loss every this many steps (default 100). */
        public Builder logEvery(int every) {
            logEvery = Settings.atLeastOne("logEvery", every);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Standardise observations with the training data's mean and std (default true). */
        public Builder normalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /** Hold out this fraction of the steps (chosen at random) and log {@code val_loss} (default 0: none). */
        public Builder validationFraction(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("validationFraction = " + fraction + " must be in [0, 1)");
            }
            validationFraction = fraction;
            return this;
        }

        /** Every {@code every} steps, run {@code episodes} episodes in {@code env} and log {@code return} and {@code success_rate}. */
        public Builder evaluateIn(VecEnv env, int episodes, int every) {
            if (env == null || episodes < 1 || every < 1) {
                throw new IllegalArgumentException("evaluateIn: need an env, episodes >= 1 and every >= 1, got "
                        + env + ", " + episodes + ", " + every);
            }
            evalEnv = env;
            evalEpisodes = episodes;
            evalEvery = every;
            return this;
        }

        /**
         * Train on every {@code k}-th step of each trajectory only (default 1: all steps). The GAIL paper
         * subsampled its expert trajectories, keeping every 10th step; it makes the few-trajectory
         * regime visible.
         */
        public Builder subsample(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("subsample = " + k + " must be at least 1 (1 keeps every step)");
            }
            subsample = k;
            return this;
        }

        /** Print a line at each logged step (default false). */
        public Builder progress(boolean progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Box actions: learn a Gaussian policy (network mean, learned state-independent
         * log σ) by negative log-likelihood instead of regressing the action by mean squared error
         * (default false). The result's policy then has a {@link Head#gaussian} head.
         */
        public Builder gaussian(boolean gaussian) {
            this.gaussian = gaussian;
            return this;
        }

        /** Weight of the entropy bonus in the Gaussian objective (default 1e-3, the peer library's {@code ent_weight}). */
        public Builder entropyWeight(double weight) {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("entropyWeight = " + weight + " must be finite and >= 0, e.g. 1e-3");
            }
            entropyWeight = weight;
            return this;
        }

        /** Starting log σ of the Gaussian policy (default 0, i.e. σ = 1, as the peer library). */
        public Builder initialLogStd(double logStd) {
            if (!Double.isFinite(logStd)) {
                throw new IllegalArgumentException("initialLogStd = " + logStd + " must be finite, e.g. 0");
            }
            initialLogStd = logStd;
            return this;
        }

        /**
         * Early stopping: stop when {@code val_loss} has not improved on its best for this many logged
         * checks in a row, and return the weights of the best check (default 0: off, train all steps and
         * return the last weights). Needs a {@link #validationFraction}; checks happen every
         * {@link #logEvery} steps.
         */
        public Builder patience(int checks) {
            if (checks < 0) {
                throw new IllegalArgumentException("patience = " + checks + " must be >= 0 (0 turns early stopping off)");
            }
            patience = checks;
            return this;
        }

        /**
         * The policy's head (default: {@link Head#forSpace}, i.e. categorical for discrete actions and a
         * mean-squared-error regression for a box). The body ends in {@code head.rawSize()} outputs and training
         * minimises {@code −mean log π(a|s) − entropyWeight · mean H} for whatever head is given.
         */
        public Builder head(Head head) {
            if (head == null) {
                throw new IllegalArgumentException("head is null; pass e.g. Head.categorical(n), Head.gaussian(k)"
                        + " or leave it unset for the action space's default");
            }
            this.head = head;
            return this;
        }

        /** @throws IllegalStateException for early stopping without a validation set */
        public BehaviorCloning build() {
            if (patience > 0 && validationFraction == 0) {
                throw new IllegalStateException("patience = " + patience + " stops on the validation loss, but"
                        + " validationFraction is 0; set validationFraction(0.1) or similar, or patience(0)");
            }
            if (gaussian && head != null) {
                throw new IllegalStateException("gaussian(true) and head(" + head + ") both choose the head; keep one"
                        + " (gaussian(true) is a Gaussian head with a state-independent log sigma)");
            }
            return new BehaviorCloning(this);
        }
    }
}
