package imitation.bench;

import imitation.nn.Adam;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Tape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The recurrent figures of the network-core issue: for an LSTM and a GRU of input 8 and hidden 64 with a
 * linear readout of every step, one Adam training step on MSE over sequences of 50 steps, batch 32 (from a
 * zero state), and one recurrent step at batch 1 with carried state (a rollout), measured for
 * {@code imitation.nn} and, where {@code /usr/bin/python3} has {@code torch}, for PyTorch (one intra-op
 * thread) in the same run, with time ratios.
 */
final class RecurrentBench implements BenchSuite {

    private static final String GROUP = "recurrent 8→64→1, Adam, float";
    private static final int INPUTS = 8;
    private static final int HIDDEN = 64;
    private static final int STEPS = 50;
    private static final int BATCH = 32;

    @Override
    public List<Row> run(boolean fast) {
        int repeats = fast ? 3 : 15;
        int rounds = fast ? 1 : 3;
        int threads = Network.threads();
        // ours and PyTorch alternate in rounds, so that a busy spell of the shared machine weighs on both;
        // each ratio is the median over rounds of that round's ratio
        Map<String, double[]> ours = new LinkedHashMap<>();
        Map<String, double[]> torch = new LinkedHashMap<>();
        Map<String, double[]> ratios = new LinkedHashMap<>();
        boolean peer = true;
        double torchThreads = Double.NaN;
        for (int round = 0; round < rounds; round++) {
            Map<String, Double> mine = new LinkedHashMap<>();
            for (String kind : new String[] {"lstm", "gru"}) {
                mine.put(kind + "_train", trainStep(kind, repeats));
                mine.put(kind + "_step", singleStep(kind, repeats));
            }
            Map<String, Double> theirs = peer ? NetworkBench.measureTorch("torch_rnn.py", fast) : Map.of();
            peer = !theirs.isEmpty();
            torchThreads = theirs.getOrDefault("threads", Double.NaN);
            for (String key : mine.keySet()) {
                ours.computeIfAbsent(key, k -> new double[rounds])[round] = mine.get(key);
                if (peer) {
                    double t = theirs.getOrDefault(key, Double.NaN);
                    torch.computeIfAbsent(key, k -> new double[rounds])[round] = t;
                    ratios.computeIfAbsent(key, k -> new double[rounds])[round] = mine.get(key) / t;
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String key : ours.keySet()) {
            String work = work(key);
            boolean train = key.endsWith("_train");
            double scale = train ? 1e3 : 1e6;
            String unit = train ? "ms" : "µs";
            rows.add(new Row(GROUP, work + ", imitation.nn", median(ours.get(key)) * scale, unit, ""));
            if (peer) {
                rows.add(new Row(GROUP, work + ", PyTorch", median(torch.get(key)) * scale, unit, ""));
                rows.add(new Row(GROUP, work + ", imitation.nn/PyTorch time ratio", median(ratios.get(key)), "x", "<= 1.0"));
            }
        }
        if (!peer) {
            rows.add(new Row(GROUP, "PyTorch peer skipped: /usr/bin/python3 cannot import torch", Double.NaN, "", ""));
        }
        rows.add(new Row(GROUP, "rounds (ours, then PyTorch)", rounds, "rounds", ""));
        rows.add(new Row(GROUP, "PyTorch intra-op threads", torchThreads, "threads", ""));
        rows.add(new Row(GROUP, "ND4J/OpenBLAS threads (Network.threads())", threads, "threads", ""));
        return rows;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String work(String key) {
        String kind = key.startsWith("lstm") ? "LSTM" : "GRU";
        return key.endsWith("_train")
                ? kind + " train step, sequence " + STEPS + ", batch " + BATCH
                : kind + " one step, batch 1, carried state";
    }

    private static Network network(String kind) {
        Network.Builder b = Network.builder(INPUTS).seed(42);
        return (kind.equals("lstm") ? b.lstm(HIDDEN) : b.gru(HIDDEN)).dense(1).build();
    }

    private static Batch random(int rows, int cols, int steps, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Batch b = Batch.sequence(rows, cols, steps);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                b.set(r, c, rng.nextGaussian());
            }
        }
        return b;
    }

    /** Seconds per Adam step on MSE of every step's readout, each window from a zero state. */
    private static double trainStep(String kind, int repeats) {
        Network net = network(kind);
        Adam adam = new Adam(1e-3);
        Tape tape = net.tape();
        int rows = STEPS * BATCH;
        Batch x = random(rows, INPUTS, STEPS, 1);
        Batch y = random(rows, 1, STEPS, 2);
        Batch dOut = Batch.sequence(rows, 1, STEPS);
        double[] loss = new double[1];
        Runnable step = () -> {
            tape.resetState(BATCH);
            Batch out = net.forward(tape, x);
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                double diff = out.get(r, 0) - y.get(r, 0);
                sum += diff * diff;
                dOut.set(r, 0, 2 * diff / rows);
            }
            loss[0] = sum / rows;
            net.params().zeroGrad();
            net.backward(tape, dOut);
            adam.step(net.params());
        };
        return Timing.medianSeconds(step, 20, repeats, 10);
    }

    /** Seconds per single step of one sequence from the state the tape carries (a rollout). */
    private static double singleStep(String kind, int repeats) {
        Network net = network(kind);
        Tape tape = net.tape();
        Batch x = random(1, INPUTS, 1, 3);
        tape.resetState(1);
        return Timing.medianSeconds(() -> net.step(tape, x, null), 2000, repeats, 2000);
    }

    /** Prints the rows; pass {@code fast} for few repeats. */
    public static void main(String[] args) {
        for (Row row : new RecurrentBench().run(args.length > 0 && args[0].equals("fast"))) {
            System.out.printf("%-70s %10.4f %-7s %s%n", row.work(), row.value(), row.unit(), row.target());
        }
    }
}
