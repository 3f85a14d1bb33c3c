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
 * Scheduled sampling (Bengio et al. 2015) for a next-step sequence model {@code x̂_{t+1} = x_t + f(x_t)}, an MLP
 * {@code f} that conditions on its own previous output when it runs free. At test time the model is started
 * from a true {@code x_0} and fed its own predictions; trained on true inputs only (teacher forcing) it never saw
 * its own mistakes. Each update {@code i}:
 * <pre>
 *   ε ← schedule(i)
 *   for a minibatch of sequences, unroll: input_0 = x_0; input_{t+1} = x_{t+1} with probability ε,
 *                                          else the model's prediction from input_t
 *   minimise Σ_t ‖input_t + f(input_t) − x_{t+1}‖²   (the target is always the ground truth)
 * </pre>
 * The sampling decisions carry no gradient (as in the paper). {@code SamplingSchedule.constant(1)} is teacher
 * forcing, {@code constant(0)} always feeds the model's own outputs.
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
    public record Result(Model model, Table history) {}

    /** A trained next-step model; immutable and safe to use from several threads. */
    public static final class Model {
        private final Network net;
        private final Standardisation in;
        private final double[] deltaScale;

        /** A model over {@code net} itself (not a copy): the training loop's view of the network it updates. */
        private Model(Network net, Standardisation in, double[] deltaScale) {
            this.net = net;
            this.in = in;
            this.deltaScale = deltaScale.clone();
        }

        /** The predicted next state of each row of {@code x}. */
        public double[][] next(double[][] x) {
            double[][] z = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                if (x[i] == null || x[i].length != in.mean.length) {
                    throw new IllegalArgumentException("x[" + i + "] has " + (x[i] == null ? "no array" : x[i].length
                            + " values") + " but the model's states have " + in.mean.length);
                }
                z[i] = in.apply(x[i]);
            }
            double[][] f = net.predict(z);
            double[][] out = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                out[i] = new double[x[i].length];
                for (int j = 0; j < out[i].length; j++) {
                    out[i][j] = x[i][j] + f[i][j] * deltaScale[j];
                }
            }
            return out;
        }

        /** Runs free from {@code start}: {@code steps} states, the first being {@code start}. */
        public double[][] freeRun(double[] start, int steps) {
            Settings.atLeastOne("steps", steps);
            double[][] out = new double[steps][];
            out[0] = start.clone();
            for (int t = 1; t < steps; t++) {
                out[t] = next(new double[][] {out[t - 1]})[0];
            }
            return out;
        }

        /**
         * The mean over {@code sequences} of the distance {@code ‖x̂_t − x_t‖} at each step {@code t} when the model
         * runs free from each sequence's {@code x_0} (all sequences of one length); element 0 is 0.
         */
        public double[] freeRunError(List<double[][]> sequences) {
            int n = sequences.size();
            int length = sequences.get(0).length;
            double[][] x = new double[n][];
            for (int i = 0; i < n; i++) {
                if (sequences.get(i).length != length) {
                    throw new IllegalArgumentException("sequence " + i + " has " + sequences.get(i).length
                            + " states but sequence 0 has " + length + "; pass sequences of one length");
                }
                x[i] = sequences.get(i)[0].clone();
            }
            double[] error = new double[length];
            for (int t = 1; t < length; t++) {
                x = next(x);
                for (int i = 0; i < n; i++) {
                    double sq = 0;
                    for (int j = 0; j < x[i].length; j++) {
                        double d = x[i][j] - sequences.get(i)[t][j];
                        sq += d * d;
                    }
                    error[t] += Math.sqrt(sq) / n;
                }
            }
            return error;
        }
    }

    /** Trains on {@code sequences} ({@code [T][d]} states each, of any lengths ≥ 2). */
    public Result train(List<double[][]> sequences) {
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
            rows += s.length;
        }
        double[][] all = new double[rows][];
        double[] deltaScale = new double[d];
        int r = 0;
        for (double[][] s : sequences) {
            for (int t = 0; t < s.length; t++) {
                all[r++] = s[t];
                if (t > 0) {
                    for (int j = 0; j < d; j++) {
                        deltaScale[j] = Math.max(deltaScale[j], Math.abs(s[t][j] - s[t - 1][j]));
                    }
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
        Network net = Network.mlp(d, d, Activation.TANH, seed, hidden);
        Adam adam = new Adam(learningRate);
        Tape tape = net.tape();
        SplittableRandom rng = new SplittableRandom(seed);
        History history = new History("step", seed);
        for (int step = 0; step < steps; step++) {
            Interruption.check("ScheduledSampling", step, "updates");
            double epsilon = schedule.at(step);
            double[][][] chosen = new double[batch][][];
            int count = 0;
            for (int i = 0; i < batch; i++) {
                chosen[i] = sequences.get(rng.nextInt(sequences.size()));
                count += chosen[i].length - 1;
            }
            Model current = new Model(net, in, deltaScale);
            Batch x = Batch.zeros(count, d);
            double[][] target = new double[count][d];
            double[][] input = new double[batch][];
            int[] offset = new int[batch];
            int longest = 0;
            for (int i = 0, o = 0; i < batch; i++) {
                input[i] = chosen[i][0];
                offset[i] = o;
                o += chosen[i].length - 1;
                longest = Math.max(longest, chosen[i].length);
            }
            for (int t = 0; t + 1 < longest; t++) {
                double[][] predicted = epsilon >= 1 ? null : current.next(input);
                for (int i = 0; i < batch; i++) {
                    double[][] s = chosen[i];
                    if (t + 1 >= s.length) {
                        continue;
                    }
                    int row = offset[i] + t;
                    double[] z = in.apply(input[i]);
                    for (int j = 0; j < d; j++) {
                        x.set(row, j, z[j]);
                        target[row][j] = (s[t + 1][j] - input[i][j]) / deltaScale[j];
                    }
                    boolean truth = epsilon >= 1 || rng.nextDouble() < epsilon;
                    input[i] = truth ? s[t + 1] : predicted[i];
                }
            }
            Batch out = net.forward(tape, x);
            Batch dOut = Batch.zeros(count, d);
            double loss = 0;
            for (int i = 0; i < count; i++) {
                for (int j = 0; j < d; j++) {
                    double e = out.get(i, j) - target[i][j];
                    loss += e * e / count;
                    dOut.set(i, j, 2 * e / count);
                }
            }
            net.params().zeroGrad();
            net.backward(tape, dOut);
            adam.step(net.params());
            history.add(step, "loss", loss);
            history.add(step, "epsilon", epsilon);
        }
        return new Result(new Model(net.copy(), in, deltaScale), history.table("scheduled sampling " + schedule));
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
