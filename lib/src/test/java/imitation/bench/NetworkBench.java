package imitation.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The network figures of issue 2: forward pass at batch 1 and 64 and one Adam training step at
 * batch 64 and 1024 for an 8-64-64-1 tanh MLP on float data, measured for the library's {@link imitation.nn.Network}, for DL4J's
 * {@code MultiLayerNetwork} used the plain way (the baseline), and, where {@code /usr/bin/python3}
 * has {@code torch}, for the same network in PyTorch in the same run, with DL4J/PyTorch ratios.
 */
final class NetworkBench implements BenchSuite {

    private static final String GROUP = "network 8-64-64-1 tanh, Adam, float";
    private static final String PYTHON = "/usr/bin/python3";
    private static final int[] FORWARD_BATCHES = {1, 64};
    private static final int[] TRAIN_BATCHES = {64, 1024};
    private static final int MDN_BATCH = 256;
    private static final String MDN_WORK = "mixture density (5 Gaussians, 2-D actions, 8-64-64 tanh) train step, batch 256";

    @Override
    public List<Row> run(boolean fast) {
        int repeats = fast ? 3 : 15;
        List<Row> rows = new ArrayList<>();
        Map<String, Double> mlp = measureNetwork(repeats);
        Map<String, Double> baseline = measureMultiLayerNetwork(repeats);
        for (String work : mlp.keySet()) {
            rows.add(new Row(GROUP, work + ", imitation nn.Network (ND4J buffers + OpenBLAS)", mlp.get(work) * 1e3, "ms", ""));
            if (baseline.containsKey(work)) {
                rows.add(new Row(GROUP, work + ", DL4J MultiLayerNetwork, plain use", baseline.get(work) * 1e3, "ms", ""));
            }
        }
        Map<String, Double> torch = measureTorch("torch_mlp.py", fast);
        if (torch.isEmpty()) {
            rows.add(new Row(GROUP, "PyTorch peer skipped: " + PYTHON + " cannot import torch", Double.NaN, "", ""));
            return rows;
        }
        rows.add(new Row(GROUP, "PyTorch intra-op threads", torch.getOrDefault("threads", Double.NaN), "threads", ""));
        rows.add(new Row(GROUP, "ND4J/OpenBLAS threads (Network.threads())", imitation.nn.Network.threads(), "threads", ""));
        for (String work : mlp.keySet()) {
            double seconds = torch.getOrDefault(key(work), Double.NaN);
            rows.add(new Row(GROUP, work + ", PyTorch", seconds * 1e3, "ms", ""));
        }
        for (String work : mlp.keySet()) {
            double ratio = mlp.get(work) / torch.getOrDefault(key(work), Double.NaN);
            rows.add(new Row(GROUP, work + ", nn/PyTorch time ratio", ratio, "x", "<= 1"));
        }
        return rows;
    }

    /** Seconds per call for each piece of work on the nn core, in a fixed order: forward, and BC's MSE step. */
    private static Map<String, Double> measureNetwork(int repeats) {
        imitation.nn.Network net = imitation.nn.Network.mlp(8, 1, imitation.nn.Activation.TANH, 1, 64, 64);
        imitation.nn.Adam adam = new imitation.nn.Adam(1e-3);
        imitation.policy.Head head = imitation.policy.Head.deterministic(1);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        Map<String, Double> seconds = new java.util.LinkedHashMap<>();
        for (int batch : FORWARD_BATCHES) {
            imitation.nn.Batch x = randomBatch(batch, 8, rng);
            imitation.nn.Tape tape = net.tape();
            seconds.put("forward, batch " + batch, Timing.medianSeconds(() -> net.forward(tape, x), 200, repeats, batch == 1 ? 2000 : 500));
        }
        for (int batch : TRAIN_BATCHES) {
            imitation.nn.Batch x = randomBatch(batch, 8, rng);
            double[][] y = randomBatch(batch, 1, rng).toArray();
            double[] w = new double[batch];
            java.util.Arrays.fill(w, 1.0 / batch);
            imitation.nn.Batch dOut = imitation.nn.Batch.zeros(batch, 1);
            imitation.nn.Tape tape = net.tape();
            seconds.put("train step, batch " + batch, Timing.medianSeconds(() -> {
                imitation.nn.Batch out = net.forward(tape, x);
                head.distribution(out).lossGradient(y, w, 0, dOut);
                net.params().zeroGrad();
                net.backward(tape, dOut);
                adam.step(net.params());
            }, 30, repeats, batch == 64 ? 200 : 40));
        }
        // issue 11: a mixture density network's train step, 5 components over 2-D actions, batch 256
        imitation.nn.Network mdn = imitation.nn.Network.mlp(8, 25, imitation.nn.Activation.TANH, 1, 64, 64);
        imitation.policy.Head mixture = imitation.policy.Head.mixture(5, 2);
        imitation.nn.Batch mx = randomBatch(MDN_BATCH, 8, rng);
        double[][] my = randomBatch(MDN_BATCH, 2, rng).toArray();
        double[] mw = new double[MDN_BATCH];
        java.util.Arrays.fill(mw, 1.0 / MDN_BATCH);
        imitation.nn.Batch mdOut = imitation.nn.Batch.zeros(MDN_BATCH, 25);
        imitation.nn.Tape mtape = mdn.tape();
        imitation.nn.Adam madam = new imitation.nn.Adam(1e-3);
        seconds.put(MDN_WORK, Timing.medianSeconds(() -> {
            imitation.nn.Batch out = mdn.forward(mtape, mx);
            mixture.distribution(out).lossGradient(my, mw, 0, mdOut);
            mdn.params().zeroGrad();
            mdn.backward(mtape, mdOut);
            madam.step(mdn.params());
        }, 30, repeats, 100));
        return seconds;
    }

    private static imitation.nn.Batch randomBatch(int rows, int cols, java.util.SplittableRandom rng) {
        imitation.nn.Batch b = imitation.nn.Batch.zeros(rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                b.set(r, c, rng.nextDouble());
            }
        }
        return b;
    }

    private static Map<String, Double> measureMultiLayerNetwork(int repeats) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .list()
                .layer(new DenseLayer.Builder().nIn(8).nOut(64).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(64).nOut(64).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(64).nOut(1).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Map<String, Double> seconds = new HashMap<>();
        for (int batch : FORWARD_BATCHES) {
            INDArray x = Nd4j.rand(DataType.FLOAT, batch, 8);
            seconds.put("forward, batch " + batch, Timing.medianSeconds(() -> net.output(x), 100, repeats, 100));
        }
        for (int batch : TRAIN_BATCHES) {
            INDArray x = Nd4j.rand(DataType.FLOAT, batch, 8);
            INDArray y = Nd4j.rand(DataType.FLOAT, batch, 1);
            seconds.put("train step, batch " + batch, Timing.medianSeconds(() -> net.fit(x, y), 20, repeats, 20));
        }
        return seconds;
    }

    /** The name torch_mlp.py prints for a piece of work. */
    private static String key(String work) {
        if (work.equals(MDN_WORK)) {
            return "mdn_b" + MDN_BATCH;
        }
        return (work.startsWith("forward") ? "forward_b" : "train_b") + work.substring(work.lastIndexOf(' ') + 1);
    }

    /**
     * Runs the test resource {@code bench/<script>} under {@value #PYTHON} and reads its lines
     * {@code "<name> <value>"}; empty if torch is not importable there.
     */
    static Map<String, Double> measureTorch(String script, boolean fast) {
        Map<String, Double> result = new HashMap<>();
        if (!Files.isExecutable(Path.of(PYTHON)) || run(List.of(PYTHON, "-c", "import torch")).exit != 0) {
            return result;
        }
        try {
            // the script and the timing harness it imports, side by side in a fresh directory
            Path dir = Files.createTempDirectory("torch_bench");
            try {
                for (String name : List.of(script, "torch_timing.py")) {
                    try (InputStream source = NetworkBench.class.getResourceAsStream("/bench/" + name)) {
                        if (source == null) {
                            throw new IllegalStateException("bench/" + name + " is missing from the test resources; restore lib/src/test/resources/bench/" + name);
                        }
                        Files.copy(source, dir.resolve(name));
                    }
                }
                String file = dir.resolve(script).toString();
                Output out = run(fast ? List.of(PYTHON, file, "fast") : List.of(PYTHON, file));
                if (out.exit != 0) {
                    throw new IllegalStateException(script + " failed (exit " + out.exit + "):\n" + out.text);
                }
                for (String line : out.text.split("\n")) {
                    String[] parts = line.trim().split("\\s+");
                    if (parts.length == 2) {
                        result.put(parts[0], Double.parseDouble(parts[1]));
                    }
                }
            } finally {
                try (var files = Files.walk(dir)) {
                    for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    private record Output(int exit, String text) {}

    private static Output run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            StringBuilder text = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(line -> text.append(line).append('\n'));
            }
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Output(-1, text + "timed out");
            }
            return new Output(p.exitValue(), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** Prints the rows; pass {@code fast} for few repeats. */
    public static void main(String[] args) {
        for (Row row : new NetworkBench().run(args.length > 0 && args[0].equals("fast"))) {
            System.out.printf("%-70s %10.4f %-7s %s%n", row.work(), row.value(), row.unit(), row.target());
        }
    }
}
