package imitation.learn;

import imitation.data.Demonstrations;
import imitation.env.Space;
import imitation.env.VecEnv;
import imitation.eval.Evaluation;
import imitation.policy.Mlp;
import imitation.policy.MlpPolicy;
import java.util.SplittableRandom;
import java.util.Arrays;
import org.nd4j.linalg.activations.Activation;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Behaviour cloning: supervised learning of the expert's action from the observation, treating the
 * demonstrated pairs as i.i.d. samples.
 *
 * <p>Discrete actions are learned as classification (softmax, cross-entropy: −mean log π(a|s));
 * box actions as regression (mean squared error). Training runs a fixed number of Adam minibatch
 * steps over shuffled epochs of the demonstrations.
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
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The trained policy (a snapshot), the history in long format and the wall-clock training time
     * (excluding evaluation episodes run during training). History metrics: {@code loss} (mean minibatch
     * loss since the last log), {@code seconds} (training time so far), {@code val_loss} (with a validation
     * fraction), {@code return} and {@code success_rate} (with {@link Builder#evaluateIn}).
     */
    public record Result(MlpPolicy policy, Table history, double trainingSeconds) {}

    /** Trains on {@code demos} for an environment whose actions live in {@code actionSpace}. */
    public Result train(Demonstrations demos, Space actionSpace) {
        if (demos == null) {
            throw new IllegalArgumentException("train: demos is null; collect demonstrations first");
        }
        boolean discrete = actionSpace instanceof Space.Discrete;
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
        int n = obs.length;
        int d = demos.observationSize();
        int outputs = discrete ? ((Space.Discrete) actionSpace).n() : actionSpace.size();
        SplittableRandom rng = new SplittableRandom(seed);

        int[] order = permutation(n, rng);
        int validation = (int) Math.round(validationFraction * n);
        if (validationFraction > 0 && (validation < 1 || validation >= n)) {
            throw new IllegalArgumentException("validationFraction = " + validationFraction + " leaves " + validation
                    + " of " + n + " steps for validation; use a fraction that keeps at least one step on each side");
        }
        int trainCount = n - validation;
        double[] mean = new double[d];
        double[] scale = new double[d];
        standardisation(obs, order, trainCount, mean, scale);

        double[][] x = new double[n][d];
        double[][] y = new double[n][outputs];
        for (int i = 0; i < n; i++) {
            int src = order[i];
            for (int j = 0; j < d; j++) {
                x[i][j] = (obs[src][j] - mean[j]) / scale[j];
            }
            if (discrete) {
                y[i][(int) act[src][0]] = 1;
            } else {
                System.arraycopy(act[src], 0, y[i], 0, outputs);
            }
        }
        double[][] valX = validation > 0 ? Arrays.copyOfRange(x, trainCount, n) : null;
        double[][] valY = validation > 0 ? Arrays.copyOfRange(y, trainCount, n) : null;

        Mlp net = Mlp.builder(d, outputs).hidden(hidden).activation(activation)
                .head(discrete ? Mlp.Head.CLASSIFICATION : Mlp.Head.REGRESSION)
                .learningRate(learningRate).l2(l2).seed(seed).build();
        History history = new History(seed);
        int batch = Math.min(batchSize, trainCount);
        int perEpoch = trainCount / batch;
        double[][] epochX = new double[trainCount][];
        double[][] epochY = new double[trainCount][];
        double lossSum = 0;
        int lossCount = 0;
        long trainingNanos = 0;
        long start = System.nanoTime();
        for (int step = 1; step <= steps; step++) {
            int k = (step - 1) % perEpoch;
            if (k == 0) {
                int[] shuffle = permutation(trainCount, rng);
                for (int i = 0; i < trainCount; i++) {
                    epochX[i] = x[shuffle[i]];
                    epochY[i] = y[shuffle[i]];
                }
            }
            lossSum += net.fit(Arrays.copyOfRange(epochX, k * batch, (k + 1) * batch),
                    Arrays.copyOfRange(epochY, k * batch, (k + 1) * batch));
            lossCount++;
            boolean log = step % logEvery == 0 || step == steps;
            boolean evaluate = evalEnv != null && (step % evalEvery == 0 || step == steps);
            if (log || evaluate) {
                trainingNanos += System.nanoTime() - start;
                history.add(step, "seconds", trainingNanos / 1e9);
                if (log) {
                    history.add(step, "loss", lossSum / lossCount);
                    lossSum = 0;
                    lossCount = 0;
                    if (valX != null) {
                        history.add(step, "val_loss", net.loss(valX, valY));
                    }
                }
                String line = "step " + step + ": loss " + String.format("%.4f", history.last("loss"));
                if (evaluate) {
                    MlpPolicy snapshot = new MlpPolicy(net, mean, scale, actionSpace);
                    Evaluation.Result r = Evaluation.in(evalEnv).episodes(evalEpisodes).seed(seed + 1).run(snapshot);
                    history.add(step, "return", r.meanReturn());
                    history.add(step, "success_rate", r.successRate());
                    line += ", return " + String.format("%.1f", r.meanReturn());
                }
                if (progress) {
                    System.out.println(line);
                }
                start = System.nanoTime();
            }
        }
        trainingNanos += System.nanoTime() - start;
        return new Result(new MlpPolicy(net, mean, scale, actionSpace), history.table(), trainingNanos / 1e9);
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

    private void standardisation(double[][] obs, int[] order, int count, double[] mean, double[] scale) {
        int d = mean.length;
        if (!normalize) {
            Arrays.fill(scale, 1);
            return;
        }
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += obs[order[i]][j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= count;
        }
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < d; j++) {
                double diff = obs[order[i]][j] - mean[j];
                scale[j] += diff * diff;
            }
        }
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(scale[j] / count);
            scale[j] = s > 1e-8 ? s : 1;
        }
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Rows of the long-format history table. */
    private static final class History {
        private final IntColumn step = IntColumn.create("step");
        private final StringColumn metric = StringColumn.create("metric");
        private final DoubleColumn value = DoubleColumn.create("value");
        private final LongColumn seedColumn = LongColumn.create("seed");
        private final long seed;

        History(long seed) {
            this.seed = seed;
        }

        void add(int s, String m, double v) {
            step.append(s);
            metric.append(m);
            value.append(v);
            seedColumn.append(seed);
        }

        double last(String m) {
            for (int i = metric.size() - 1; i >= 0; i--) {
                if (metric.get(i).equals(m)) {
                    return value.getDouble(i);
                }
            }
            return Double.NaN;
        }

        Table table() {
            return Table.create("behaviour cloning", step, metric, value, seedColumn);
        }
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

        private Builder() {}

        /** Hidden layer widths (default 64, 64). */
        public Builder hidden(int... widths) {
            if (widths == null) {
                throw new IllegalArgumentException("hidden: widths is null; pass e.g. hidden(64, 64)");
            }
            for (int w : widths) {
                if (w < 1) {
                    throw new IllegalArgumentException("hidden: width " + w + " must be at least 1");
                }
            }
            hidden = widths.clone();
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
            if (size < 1) {
                throw new IllegalArgumentException("batchSize = " + size + " must be at least 1");
            }
            batchSize = size;
            return this;
        }

        /** Number of minibatch updates (default 1000). */
        public Builder steps(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("steps = " + count + " must be at least 1");
            }
            steps = count;
            return this;
        }

        /** Record the mean training loss every this many steps (default 100). */
        public Builder logEvery(int every) {
            if (every < 1) {
                throw new IllegalArgumentException("logEvery = " + every + " must be at least 1");
            }
            logEvery = every;
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

        public BehaviorCloning build() {
            return new BehaviorCloning(this);
        }
    }
}
