package imitation.learn;

import imitation.data.Interruption;
import imitation.eval.History;
import imitation.nn.Adam;
import imitation.nn.Activation;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Tape;
import java.util.List;
import java.util.SplittableRandom;
import tech.tablesaw.api.Table;

/**
 * Scheduled sampling (Bengio et al. 2015) for a sequence model that conditions on its own previous output,
 * {@code ŷ_t = y_{t−1} + f(y_{t−1}, o_t)}: an MLP {@code f} reads the previous output {@code y_{t−1}} and, when the
 * sequences come with observations, the current observation {@code o_t} (a next-step model of a trajectory
 * has none; a filter that tracks a state from noisy sensor readings has them). At test time the model is started
 * from a true {@code y_0} and fed its own outputs; trained on true previous outputs only (teacher forcing) it
 * never saw its own mistakes. Each update {@code i}:
 * <pre>
 *   ε ← schedule(i)
 *   for a minibatch of sequences, unroll: input_1 = y_0; for each step t, independently,
 *       input_{t+1} = y_t with probability ε, else the model's prediction ŷ_t = input_t + f(input_t, o_t)
 *   minimise Σ_t ‖input_t + f(input_t, o_t) − y_t‖²   (the target is always the ground truth y_t)
 * </pre>
 * The sampling decisions and the fed-back predictions carry no gradient (as in the paper).
 * {@code SamplingSchedule.constant(1)} is teacher forcing, {@code constant(0)} always feeds the model its own outputs.
 */
public final class ScheduledSampling {
    private final SamplingSchedule schedule;
    private final int[] hidden;
    private final int steps;
    private final int batch;
    private final double learningRate;
    private final long seed;

    private ScheduledSampling(Builder b) {
        schedule = b.schedule;
        hidden = b.hidden;
        steps = b.steps;
        batch = b.batch;
        learningRate = b.learningRate;
        seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The trained model and the history {@code step | metric | value | seed} (metrics {@code loss}, {@code epsilon}). */
    public record Result(Model model, Table history) {
        public Result {
            history = history.copy();
        }

        @Override
        public Table history() {
            return history.copy();
        }
    }

    /** A trained model; immutable and safe to use from several threads. */
    public static final class Model {
        private final Network net;
        private final Standardisation in;
        private final double[] deltaScale;
        private final int observationSize;

        /** A model over {@code net} itself (not a copy): the training loop's view of the network it updates. */
        private Model(Network net, Standardisation in, double[] deltaScale, int observationSize) {
            this.net = net;
            this.in = in;
            this.deltaScale = deltaScale.clone();
            this.observationSize = observationSize;
        }

        /** Values per observation (0 for a model of the previous output alone). */
        public int observationSize() {
            return observationSize;
        }

        /** The predicted next state of each row of {@code x}, for a model without observations. */
        public double[][] next(double[][] x) {
            return next(x, null);
        }

        /**
         * The output after each row of {@code previous} with each row of {@code observations} seen ({@code null} for
         * a model without observations).
         */
        public double[][] next(double[][] previous, double[][] observations) {
            int d = deltaScale.length;
            if (observationSize > 0 && (observations == null || observations.length != previous.length)) {
                throw new IllegalArgumentException("observations has " + (observations == null ? "no array" : observations.length
                        + " rows") + " for " + previous.length + " previous outputs; this model reads an observation of "
                        + observationSize + " values with each, pass one row per previous output");
            }
            if (observationSize == 0 && observations != null) {
                throw new IllegalArgumentException("observations given, but this model was trained without observations; pass null");
            }
            double[][] z = new double[previous.length][];
            for (int i = 0; i < previous.length; i++) {
                if (previous[i] == null || previous[i].length != d) {
                    throw new IllegalArgumentException("previous[" + i + "] has " + (previous[i] == null ? "no array"
                            : previous[i].length + " values") + " but the model's outputs have " + d);
                }
                double[] row = new double[d + observationSize];
                System.arraycopy(previous[i], 0, row, 0, d);
                if (observationSize > 0) {
                    if (observations[i] == null || observations[i].length != observationSize) {
                        throw new IllegalArgumentException("observations[" + i + "] has " + (observations[i] == null ? "no array"
                                : observations[i].length + " values") + " but the model's observations have " + observationSize);
                    }
                    System.arraycopy(observations[i], 0, row, d, observationSize);
                }
                z[i] = in.apply(row);
            }
            double[][] f = net.predict(z);
            double[][] out = new double[previous.length][];
            for (int i = 0; i < previous.length; i++) {
                out[i] = new double[d];
                for (int j = 0; j < d; j++) {
                    out[i][j] = previous[i][j] + f[i][j] * deltaScale[j];
                }
            }
            return out;
        }

        /** Runs free from {@code start}: {@code steps} states, the first being {@code start} (a model without observations). */
        public double[][] freeRun(double[] start, int steps) {
            Settings.atLeastOne("steps", steps);
            double[][] out = new double[steps][];
            out[0] = start.clone();
            for (int t = 1; t < steps; t++) {
                out[t] = next(new double[][] {out[t - 1]})[0];
            }
            return out;
        }

        /** {@link #freeRunError(List, List)} for a model without observations. */
        public double[] freeRunError(List<double[][]> sequences) {
            return freeRunError(sequences, null);
        }

        /**
         * The mean over {@code sequences} of the distance {@code ‖ŷ_t − y_t‖} at each step {@code t} when the model
         * runs free from each sequence's {@code y_0}, fed its own outputs and the sequence's observations (all
         * sequences of one length); element 0 is 0.
         */
        public double[] freeRunError(List<double[][]> sequences, List<double[][]> observations) {
            int n = sequences.size();
            int length = sequences.get(0).length;
            checkObservations(sequences, observations, observationSize);
            double[][] y = new double[n][];
            for (int i = 0; i < n; i++) {
                if (sequences.get(i).length != length) {
                    throw new IllegalArgumentException("sequence " + i + " has " + sequences.get(i).length
                            + " states but sequence 0 has " + length + "; pass sequences of one length");
                }
                y[i] = sequences.get(i)[0].clone();
            }
            double[] error = new double[length];
            for (int t = 1; t < length; t++) {
                double[][] o = observationSize == 0 ? null : new double[n][];
                for (int i = 0; o != null && i < n; i++) {
                    o[i] = observations.get(i)[t];
                }
                y = next(y, o);
                for (int i = 0; i < n; i++) {
                    double sq = 0;
                    for (int j = 0; j < y[i].length; j++) {
                        double d = y[i][j] - sequences.get(i)[t][j];
                        sq += d * d;
                    }
                    error[t] += Math.sqrt(sq) / n;
                }
            }
            return error;
        }
    }

    /** Trains on {@code sequences} ({@code [T][d]} states each, of any lengths ≥ 2), a model without observations. */
    public Result train(List<double[][]> sequences) {
        return train(sequences, null);
    }

    /**
     * Trains on {@code sequences} ({@code [T][d]} each, of any lengths ≥ 2) with {@code observations}: for each
     * sequence {@code [T][m]}, row {@code t} seen when predicting {@code y_t} (row 0 is not used); {@code null} for
     * a model of the previous output alone.
     */
    public Result train(List<double[][]> sequences, List<double[][]> observations) {
        if (sequences == null || sequences.isEmpty()) {
            throw new IllegalArgumentException("sequences is " + (sequences == null ? "null" : "empty")
                    + "; pass state sequences, e.g. Pendulum.sequences(50, 60, seed)");
        }
        int d = sequences.get(0)[0].length;
        int rows = 0;
        for (int k = 0; k < sequences.size(); k++) {
            double[][] s = sequences.get(k);
            if (s == null || s.length < 2) {
                throw new IllegalArgumentException("sequence " + k + " has " + (s == null ? "no array" : s.length + " states")
                        + "; each sequence needs at least 2 states (an input and a next state)");
            }
            for (double[] x : s) {
                if (x == null || x.length != d) {
                    throw new IllegalArgumentException("sequence " + k + " holds a state of " + (x == null ? "no" : x.length)
                            + " values but the first has " + d + "; pass states of one size");
                }
            }
            rows += s.length - 1;
        }
        int m = observations == null ? 0 : observations.get(0)[0].length;
        checkObservations(sequences, observations, m);
        double[][] all = new double[rows][];
        double[] deltaScale = new double[d];
        int r = 0;
        for (int k = 0; k < sequences.size(); k++) {
            double[][] s = sequences.get(k);
            for (int t = 1; t < s.length; t++) {
                all[r] = new double[d + m];
                System.arraycopy(s[t - 1], 0, all[r], 0, d);
                if (m > 0) {
                    System.arraycopy(observations.get(k)[t], 0, all[r], d, m);
                }
                r++;
                for (int j = 0; j < d; j++) {
                    deltaScale[j] = Math.max(deltaScale[j], Math.abs(s[t][j] - s[t - 1][j]));
                }
            }
        }
        for (int j = 0; j < d; j++) {
            deltaScale[j] = deltaScale[j] > 0 ? deltaScale[j] : 1;
        }
        int[] index = new int[rows];
        for (int i = 0; i < rows; i++) {
            index[i] = i;
        }
        Standardisation in = Standardisation.of(all, index, rows);
        Network net = Network.mlp(d + m, d, Activation.TANH, seed, hidden);
        Adam adam = new Adam(learningRate);
        Tape tape = net.tape();
        SplittableRandom rng = new SplittableRandom(seed);
        History history = new History("step", seed);
        Model current = new Model(net, in, deltaScale, m);
        for (int step = 0; step < steps; step++) {
            Interruption.check("ScheduledSampling", step, "updates");
            double epsilon = schedule.at(step);
            int[] chosen = new int[batch];
            int count = 0;
            int longest = 0;
            int[] offset = new int[batch];
            double[][] input = new double[batch][];
            for (int i = 0; i < batch; i++) {
                chosen[i] = rng.nextInt(sequences.size());
                int length = sequences.get(chosen[i]).length;
                offset[i] = count;
                count += length - 1;
                longest = Math.max(longest, length);
                input[i] = sequences.get(chosen[i])[0];
            }
            Batch x = Batch.zeros(count, d + m);
            double[][] target = new double[count][d];
            for (int t = 1; t < longest; t++) {
                double[][] o = m == 0 ? null : new double[batch][];
                for (int i = 0; o != null && i < batch; i++) {
                    double[][] seq = observations.get(chosen[i]);
                    o[i] = seq[Math.min(t, seq.length - 1)];
                }
                double[][] predicted = epsilon >= 1 ? null : current.next(input, o);
                for (int i = 0; i < batch; i++) {
                    double[][] s = sequences.get(chosen[i]);
                    if (t >= s.length) {
                        continue;
                    }
                    int row = offset[i] + t - 1;
                    double[] raw = new double[d + m];
                    System.arraycopy(input[i], 0, raw, 0, d);
                    if (m > 0) {
                        System.arraycopy(o[i], 0, raw, d, m);
                    }
                    double[] z = in.apply(raw);
                    for (int j = 0; j < d + m; j++) {
                        x.set(row, j, z[j]);
                    }
                    for (int j = 0; j < d; j++) {
                        target[row][j] = (s[t][j] - input[i][j]) / deltaScale[j];
                    }
                    boolean truth = epsilon >= 1 || rng.nextDouble() < epsilon;
                    input[i] = truth ? s[t] : predicted[i];
                }
            }
            Batch out = net.forward(tape, x);
            Batch dOut = Batch.zeros(count, d);
            double loss = squaredError(out, target, dOut);
            net.params().zeroGrad();
            net.backward(tape, dOut);
            adam.step(net.params());
            history.add(step, "loss", loss);
            history.add(step, "epsilon", epsilon);
        }
        return new Result(new Model(net.copy(), in, deltaScale, m), history.table("scheduled sampling " + schedule));
    }

    /**
     * The training loss {@code (1/n) Σ_i Σ_j (out_ij − target_ij)²} over the {@code n} rows of {@code out}; writes
     * its gradient with respect to {@code out} into {@code dOut}.
     */
    static double squaredError(Batch out, double[][] target, Batch dOut) {
        int count = out.rows();
        double loss = 0;
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < out.cols(); j++) {
                double e = out.get(i, j) - target[i][j];
                loss += e * e / count;
                dOut.set(i, j, 2 * e / count);
            }
        }
        return loss;
    }

    /** Observations, when given, are one array per sequence, of the sequence's length, rows of {@code m ≥ 1} values. */
    private static void checkObservations(List<double[][]> sequences, List<double[][]> observations, int m) {
        if (observations == null) {
            if (m > 0) {
                throw new IllegalArgumentException("observations is null but the model reads observations of " + m
                        + " values; pass one observation sequence per state sequence");
            }
            return;
        }
        if (observations.size() != sequences.size()) {
            throw new IllegalArgumentException("observations has " + observations.size() + " sequences but sequences has "
                    + sequences.size() + "; pass one observation sequence per state sequence (or null for none)");
        }
        for (int k = 0; k < observations.size(); k++) {
            double[][] o = observations.get(k);
            if (o == null || o.length != sequences.get(k).length) {
                throw new IllegalArgumentException("observation sequence " + k + " has " + (o == null ? "no array" : o.length
                        + " rows") + " but state sequence " + k + " has " + sequences.get(k).length
                        + "; sequences of different lengths need one observation per state (no mask is taken)");
            }
            for (double[] row : o) {
                if (row == null || row.length != m || m == 0) {
                    throw new IllegalArgumentException("observation sequence " + k + " holds a row of " + (row == null ? "no"
                            : row.length) + " values but " + (m == 0 ? "a model of the previous output alone takes none"
                            : "the model's observations have " + m) + "; pass observations of one size ≥ 1");
                }
            }
        }
    }

    /** Settings; defaults: teacher forcing, MLP 64-64 tanh, 1000 updates of 8 sequences, Adam 0.003, seed 0. */
    public static final class Builder {
        private SamplingSchedule schedule = SamplingSchedule.constant(1);
        private int[] hidden = {64, 64};
        private int steps = 1000;
        private int batch = 8;
        private double learningRate = 0.003;
        private long seed;

        private Builder() {}

        public Builder schedule(SamplingSchedule schedule) {
            if (schedule == null) {
                throw new IllegalArgumentException("schedule is null; pass e.g. SamplingSchedule.linear(1, 1e-3, 0)");
            }
            this.schedule = schedule;
            return this;
        }

        public Builder hidden(int... widths) {
            hidden = Settings.widths(widths);
            return this;
        }

        public Builder steps(int steps) {
            this.steps = Settings.atLeastOne("steps", steps);
            return this;
        }

        /** Sequences per update. */
        public Builder batch(int sequences) {
            batch = Settings.atLeastOne("batch", sequences);
            return this;
        }

        public Builder learningRate(double rate) {
            if (!(rate > 0) || !Double.isFinite(rate)) {
                throw new IllegalArgumentException("learningRate = " + rate + "; pass a positive finite rate, e.g. 0.003");
            }
            learningRate = rate;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public ScheduledSampling build() {
            return new ScheduledSampling(this);
        }
    }
}
