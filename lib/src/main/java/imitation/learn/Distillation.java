package imitation.learn;

import imitation.eval.History;
import imitation.nn.Activation;
import imitation.nn.Adam;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.policy.Distribution;
import imitation.policy.Head;
import imitation.policy.Policy;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Policy distillation (Rusu et al. 2016, "Policy distillation"): a student network learns to reproduce
 * the action scores of one or several teachers (Q-values or logits over the same discrete actions) on
 * states the teachers labelled. With several teachers, each {@link Lesson} holds one teacher's states
 * as the student sees them (for a multi-task student, with the task made visible, e.g. a one-hot id).
 *
 * <p>Three ways to turn a teacher's scores {@code q} into a training signal (the {@link Loss}):
 * <ul>
 *   <li>{@link Loss#NLL_ARGMAX}: the student's negative log-likelihood of the teacher's best action,
 *       {@code −log p_S(argmax_a q_a | s)}; only the ranking's top survives;</li>
 *   <li>{@link Loss#MSE_SCORES}: the student regresses the scores, {@code mean (q̂_a − q_a)²}; its policy
 *       is the argmax of its estimates;</li>
 *   <li>{@link Loss#kl(double)}: {@code KL(softmax(q/τ) ‖ p_S)}, the teacher's scores softened with
 *       temperature τ against the student's softmax. Trained as the cross-entropy to the soft target, which
 *       is the KL plus the teacher's entropy (a constant). τ → 0 gives the argmax target back; Rusu et al.
 *       found τ = 0.01 on DQN Q-values best of the three.</li>
 * </ul>
 *
 * <pre>{@code
 * Distillation.Result r = Distillation.builder().loss(Distillation.Loss.kl(0.01)).steps(3000).seed(1).build()
 *         .train(List.of(new Distillation.Lesson("goal A", obsA, qA), new Distillation.Lesson("goal B", obsB, qB)));
 * Policy student = r.policy();   // greedy; r.history() has step | metric | value | seed
 * }</pre>
 *
 * Training: Adam minibatches drawn from the shuffled union of the lessons, inputs standardised with the
 * union's mean and standard deviation. The same seed gives the same student and history.
 */
public final class Distillation {
    private final Loss loss;
    private final int[] hidden;
    private final Activation activation;
    private final double learningRate;
    private final int batchSize;
    private final int steps;
    private final int logEvery;
    private final long seed;

    private Distillation(Builder b) {
        loss = b.loss;
        hidden = b.hidden.clone();
        activation = b.activation;
        learningRate = b.learningRate;
        batchSize = b.batchSize;
        steps = b.steps;
        logEvery = b.logEvery;
        seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The loss this learner trains with. */
    public Loss loss() {
        return loss;
    }

    /**
     * How the student learns from a teacher's scores: which target row it is given for a row of scores,
     * and which network head fits it. Immutable.
     */
    public static final class Loss {
        /** Negative log-likelihood of the teacher's argmax action (ties: the lowest index). */
        public static final Loss NLL_ARGMAX = new Loss("NLL on argmax", 0);
        /** Mean squared error on the teacher's scores. */
        public static final Loss MSE_SCORES = new Loss("MSE on scores", 0);

        private final String name;
        private final double temperature; // > 0 only for KL

        private Loss(String name, double temperature) {
            this.name = name;
            this.temperature = temperature;
        }

        /** KL divergence from {@code softmax(q / temperature)} to the student's softmax; Rusu et al. used 0.01 on Q-values. */
        public static Loss kl(double temperature) {
            if (!(temperature > 0) || Double.isInfinite(temperature)) {
                throw new IllegalArgumentException("kl: temperature = " + temperature
                        + " must be finite and > 0 (small values sharpen the teacher towards its argmax); try 0.01 for Q-values");
            }
            return new Loss("KL, τ = " + temperature, temperature);
        }

        /** A short name for tables, e.g. {@code "KL, τ = 0.01"}. */
        public String name() {
            return name;
        }

        /** The softening temperature τ of a KL loss; NaN for the other two. */
        public double temperature() {
            return temperature > 0 ? temperature : Double.NaN;
        }

        /** The student's head: a regression of the scores for {@link #MSE_SCORES}, a categorical (softmax) otherwise. */
        public Head head(int actions) {
            return this == MSE_SCORES ? Head.deterministic(actions) : Head.categorical(actions);
        }

        /**
         * The mean loss of raw student outputs against target rows, and its gradient: the mean squared error
         * for {@link #MSE_SCORES}; otherwise the cross-entropy {@code −(1/n) Σ_i Σ_a t_ia log p_ia} to the
         * target distributions (for one-hot targets, the negative log-likelihood of the argmax), whose
         * gradient with respect to the logits is {@code (p − t)/n}.
         */
        double lossGradient(Batch raw, double[][] targets, Batch dRaw) {
            int n = raw.rows();
            double[] weights = new double[n];
            java.util.Arrays.fill(weights, 1.0 / n);
            Distribution d = head(raw.cols()).distribution(raw);
            if (this == MSE_SCORES) {
                return d.lossGradient(targets, weights, 0, dRaw);
            }
            double[][] logP = d.logProbabilities();
            double loss = 0;
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < logP[i].length; a++) {
                    double t = targets[i][a];
                    if (t != 0) {
                        loss -= t * logP[i][a] / n;
                    }
                    dRaw.set(i, a, (Math.exp(logP[i][a]) - t) / n);
                }
            }
            return loss;
        }

        /**
         * The student's target rows for teacher scores {@code scores[n][actions]} (new arrays): one-hot argmax
         * rows, the scores themselves, or {@code softmax(scores / τ)} computed with the row maximum subtracted.
         */
        public double[][] targets(double[][] scores) {
            double[][] out = new double[scores.length][];
            for (int i = 0; i < scores.length; i++) {
                double[] q = scores[i];
                double[] t = new double[q.length];
                if (this == MSE_SCORES) {
                    System.arraycopy(q, 0, t, 0, q.length);
                } else if (this == NLL_ARGMAX) {
                    t[argmax(q)] = 1;
                } else {
                    double max = q[argmax(q)];
                    double sum = 0;
                    for (int a = 0; a < q.length; a++) {
                        t[a] = Math.exp((q[a] - max) / temperature);
                        sum += t[a];
                    }
                    for (int a = 0; a < q.length; a++) {
                        t[a] /= sum;
                    }
                }
                out[i] = t;
            }
            return out;
        }

        /** What a student shows of raw outputs: softmax probabilities, or the scores themselves for MSE. */
        double[][] outputs(double[][] raw) {
            if (this == MSE_SCORES) {
                return raw;
            }
            double[][] logP = head(raw[0].length).distribution(Batch.of(raw)).logProbabilities();
            for (double[] row : logP) {
                for (int a = 0; a < row.length; a++) {
                    row[a] = Math.exp(row[a]);
                }
            }
            return logP;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * One teacher's lesson: the states it labelled, as the student sees them, and the teacher's scores
     * there (one row of action scores per state: Q-values, logits or log-probabilities). Validated and
     * copied on the way in and out.
     *
     * @param teacher      a name for tables
     * @param observations the student's observation of each state, {@code [n][d]}
     * @param scores       the teacher's action scores for each state, {@code [n][actions]}
     */
    public record Lesson(String teacher, double[][] observations, double[][] scores) {
        public Lesson {
            if (teacher == null) {
                throw new IllegalArgumentException("Lesson: teacher name is null; pass a short name such as \"goal A\"");
            }
            observations = checkedCopy("Lesson " + teacher + ": observations", observations);
            scores = checkedCopy("Lesson " + teacher + ": scores", scores);
            if (observations.length != scores.length) {
                throw new IllegalArgumentException("Lesson " + teacher + ": " + observations.length + " observations but "
                        + scores.length + " score rows; give one row of teacher scores per observed state");
            }
            if (scores[0].length < 2) {
                throw new IllegalArgumentException("Lesson " + teacher + ": the teacher scores " + scores[0].length
                        + " action; distillation needs a discrete choice between at least 2 actions");
            }
        }

        @Override
        public double[][] observations() {
            return deepCopy(observations);
        }

        @Override
        public double[][] scores() {
            return deepCopy(scores);
        }

        /** States in the lesson. */
        public int size() {
            return observations.length;
        }

        /** Number of actions the teacher scores. */
        public int actions() {
            return scores[0].length;
        }
    }

    /**
     * The outcome: the student (a snapshot), the history in long format ({@code step | metric | value | seed};
     * metrics {@code loss}, the mean minibatch loss the network minimised since the last log, which for KL is
     * the cross-entropy to the soft targets; {@code agreement}, the fraction of all lesson states where the
     * student's greedy action is the teacher's argmax; {@code seconds}) and the per-teacher agreement at the end.
     */
    public record Result(Student policy, Table history, Table agreement, Loss loss) {
        public Result {
            history = history.copy();
            agreement = agreement.copy();
        }

        @Override
        public Table history() {
            return history.copy();
        }

        @Override
        public Table agreement() {
            return agreement.copy();
        }
    }

    /**
     * The distilled student: standardises the observation, runs its network and acts greedily (the action
     * with the highest output). Holds its own copy of the network.
     */
    public static final class Student implements Policy {
        private final Network net;
        private final Standardisation inputs;
        private final Loss loss;

        private Student(Network net, Standardisation inputs, Loss loss) {
            this.net = net.copy();
            this.inputs = inputs;
            this.loss = loss;
        }

        /** Raw outputs: action probabilities for the NLL and KL losses, score estimates for MSE. */
        public double[][] outputs(double[][] observations) {
            if (observations == null || observations.length == 0) {
                throw new IllegalArgumentException("Student: no observations; pass at least one row of " + inputs.mean.length + " values");
            }
            double[][] x = new double[observations.length][];
            for (int i = 0; i < x.length; i++) {
                double[] row = observations[i];
                if (row == null || row.length != inputs.mean.length) {
                    throw new IllegalArgumentException("Student: observation " + i + " has "
                            + (row == null ? "no array" : row.length + " values") + " but the student was trained on "
                            + inputs.mean.length + "; observe the states the way the lessons did");
                }
                x[i] = inputs.apply(row);
            }
            return loss.outputs(net.predict(x));
        }

        @Override
        public double[][] act(double[][] observations) {
            double[][] out = outputs(observations);
            double[][] actions = new double[out.length][1];
            for (int i = 0; i < out.length; i++) {
                actions[i][0] = argmax(out[i]);
            }
            return actions;
        }

        /** Number of actions. */
        public int actions() {
            return net.outputs();
        }

        /** A copy of the student's network (raw outputs: logits, or score estimates for MSE). */
        public Network network() {
            return net.copy();
        }
    }

    /** Trains one student on the lessons of all teachers (which must score the same actions and share the observation width). */
    public Result train(List<Lesson> lessons) {
        if (lessons == null || lessons.isEmpty()) {
            throw new IllegalArgumentException("train: no lessons; give at least one Lesson(teacher, observations, scores)");
        }
        Lesson first = lessons.get(0);
        int actions = first.actions();
        int d = first.observations[0].length;
        int n = 0;
        for (Lesson l : lessons) {
            if (l == null) {
                throw new IllegalArgumentException("train: a lesson is null");
            }
            if (l.actions() != actions) {
                throw new IllegalArgumentException("train: teacher " + l.teacher() + " scores " + l.actions()
                        + " actions but teacher " + first.teacher() + " scores " + actions
                        + "; one student distils teachers of the same action set");
            }
            if (l.observations[0].length != d) {
                throw new IllegalArgumentException("train: teacher " + l.teacher() + "'s observations have "
                        + l.observations[0].length + " values but " + first.teacher() + "'s have " + d
                        + "; the student needs one observation layout (append the task id to every lesson alike)");
            }
            n += l.size();
        }
        double[][] obs = new double[n][];
        double[][] targets = new double[n][];
        int[] teacherArgmax = new int[n];
        int row = 0;
        for (Lesson l : lessons) {
            double[][] t = loss.targets(l.scores);
            for (int i = 0; i < l.size(); i++, row++) {
                obs[row] = l.observations[i];
                targets[row] = t[i];
                teacherArgmax[row] = argmax(l.scores[i]);
            }
        }
        Standardisation inputs = Standardisation.of(obs, java.util.stream.IntStream.range(0, n).toArray(), n);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = inputs.apply(obs[i]);
        }

        SplittableRandom rng = new SplittableRandom(seed);
        Network net = Network.mlp(d, actions, activation, seed, hidden);
        Supervised loop = new Supervised(net, new Adam(learningRate), x, (raw, rows, dRaw) -> {
            double[][] t = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                t[i] = targets[rows[i]];
            }
            return loss.lossGradient(raw, t, dRaw);
        });
        History history = new History("step", seed);
        int rowCount = n;
        double[] lossSum = {0};
        int[] lossCount = {0};
        long[] clock = {System.nanoTime(), 0};
        loop.run(steps, batchSize, n, rng, (step, stepLoss) -> {
            lossSum[0] += stepLoss;
            lossCount[0]++;
            if (step % logEvery == 0 || step == steps) {
                clock[1] += System.nanoTime() - clock[0];
                history.add(step, "loss", lossSum[0] / lossCount[0]);
                history.add(step, "agreement", agreement(net, x, teacherArgmax, 0, rowCount));
                history.add(step, "seconds", clock[1] / 1e9);
                lossSum[0] = 0;
                lossCount[0] = 0;
                clock[0] = System.nanoTime();
            }
            return false;
        });
        StringColumn teacher = StringColumn.create("teacher");
        IntColumn states = IntColumn.create("states");
        DoubleColumn agree = DoubleColumn.create("agreement");
        int from = 0;
        for (Lesson l : lessons) {
            teacher.append(l.teacher());
            states.append(l.size());
            agree.append(agreement(net, x, teacherArgmax, from, from + l.size()));
            from += l.size();
        }
        Table perTeacher = Table.create("agreement with each teacher (" + loss.name() + ")", teacher, states, agree);
        return new Result(new Student(net, inputs, loss), history.table("distillation"), perTeacher, loss);
    }

    /** {@link #train(List)} for lessons given one by one. */
    public Result train(Lesson... lessons) {
        return train(lessons == null ? null : Arrays.asList(lessons));
    }

    /** Fraction of rows {@code [from, to)} where the network's top output is the teacher's argmax. */
    private static double agreement(Network net, double[][] x, int[] teacherArgmax, int from, int to) {
        double[][] out = net.predict(Arrays.copyOfRange(x, from, to));
        int same = 0;
        for (int i = 0; i < out.length; i++) {
            same += argmax(out[i]) == teacherArgmax[from + i] ? 1 : 0;
        }
        return same / (double) out.length;
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (v[j] > v[best]) {
                best = j;
            }
        }
        return best;
    }

    private static double[][] checkedCopy(String what, double[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(what + " are " + (rows == null ? "null" : "empty")
                    + "; a lesson needs at least one labelled state");
        }
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != rows[0].length || rows[i].length == 0) {
                throw new IllegalArgumentException(what + "[" + i + "] has "
                        + (rows[i] == null ? "no array" : rows[i].length + " values") + " but row 0 has " + rows[0].length
                        + "; all rows need the same non-zero length");
            }
            for (int j = 0; j < rows[i].length; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw new IllegalArgumentException(what + "[" + i + "][" + j + "] = " + rows[i][j]
                            + "; values must be finite: drop or repair that state");
                }
            }
            out[i] = rows[i].clone();
        }
        return out;
    }

    private static double[][] deepCopy(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    /** Configuration with documented defaults. */
    public static final class Builder {
        private Loss loss = Loss.kl(0.01);
        private int[] hidden = {64, 64};
        private Activation activation = Activation.TANH;
        private double learningRate = 1e-3;
        private int batchSize = 64;
        private int steps = 2000;
        private int logEvery = 200;
        private long seed;

        private Builder() {}

        /** How the student learns from the scores (default {@code Loss.kl(0.01)}, the paper's best). */
        public Builder loss(Loss loss) {
            if (loss == null) {
                throw new IllegalArgumentException("loss: null; pass Loss.NLL_ARGMAX, Loss.MSE_SCORES or Loss.kl(0.01)");
            }
            this.loss = loss;
            return this;
        }

        /** Hidden layer widths of the student (default 64, 64). */
        public Builder hidden(int... widths) {
            hidden = Settings.widths(widths);
            return this;
        }

        /** Hidden-layer activation (default tanh). */
        public Builder activation(Activation activation) {
            if (activation == null) {
                throw new IllegalArgumentException("activation: null; pass e.g. Activation.TANH");
            }
            this.activation = activation;
            return this;
        }

        /** Adam step size (default 1e-3). */
        public Builder learningRate(double rate) {
            if (!(rate > 0) || !Double.isFinite(rate)) {
                throw new IllegalArgumentException("learningRate = " + rate + " must be finite and positive, e.g. 1e-3");
            }
            learningRate = rate;
            return this;
        }

        /** Minibatch size (default 64). */
        public Builder batchSize(int size) {
            batchSize = Settings.atLeastOne("batchSize", size);
            return this;
        }

        /** Number of Adam minibatch steps (default 2000). */
        public Builder steps(int count) {
            steps = Settings.atLeastOne("steps", count);
            return this;
        }

        /** Log loss and agreement every this many steps (default 200). */
        public Builder logEvery(int every) {
            logEvery = Settings.atLeastOne("logEvery", every);
            return this;
        }

        /** Seed of the network initialisation and the minibatch order (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Distillation build() {
            return new Distillation(this);
        }
    }
}
