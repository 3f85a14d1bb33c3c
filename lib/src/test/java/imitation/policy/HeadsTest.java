package imitation.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.env.Space;
import imitation.nn.Activation;
import imitation.nn.Batch;
import imitation.nn.GradCheck;
import imitation.nn.Network;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadsTest {

    private static double[][] randomRows(int n, int k, SplittableRandom rng, double scale) {
        double[][] x = new double[n][k];
        for (double[] row : x) {
            for (int j = 0; j < k; j++) {
                row[j] = (rng.nextDouble() * 2 - 1) * scale;
            }
        }
        return x;
    }

    private static double[][] actionsFor(Head head, int n, SplittableRandom rng) {
        if (head instanceof CategoricalHead c) {
            double[][] a = new double[n][1];
            for (double[] row : a) {
                row[0] = rng.nextInt(c.n());
            }
            return a;
        }
        return randomRows(n, head.actionSize(), rng, 1.5); // inside the discretised heads' range [-2, 2]
    }

    /** Every head of the library, on small random shapes, for the gradient check. */
    private static List<Head> allHeads(SplittableRandom rng) {
        double[] lo2 = {-2, -2};
        double[] hi2 = {2, 2};
        return List.of(Head.deterministic(1), Head.deterministic(3), Head.categorical(2), Head.categorical(5),
                Head.gaussian(1), Head.gaussian(2), Head.mixture(1, 1), Head.mixture(3, 2), Head.mixture(2, 3, 0.05),
                Head.binned(2, new double[] {-2}, new double[] {2}), Head.binned(5, lo2, hi2),
                Head.autoregressive(3, lo2, hi2), Head.autoregressive(2, new double[] {-2, -2, -2}, new double[] {2, 2, 2}),
                Head.kMeansOffset(randomRows(40, 2, rng, 1.5), 4, 0.5, 1), Head.kMeansOffset(randomRows(10, 1, rng, 1.5), 1, 1, 2));
    }

    /** The loss L(raw) = −Σ w log π(a|raw) − c Σ H(raw) computed from logProb and entropy, in double. */
    private static double loss(Head head, double[] flatRaw, int n, double[][] actions, double[] w, double c) {
        double[][] raw = new double[n][head.rawSize()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < head.rawSize(); j++) {
                raw[i][j] = flatRaw[i * head.rawSize() + j];
            }
        }
        // a double-precision batch stand-in: heads read raw values through Batch (float), so evaluate the
        // reference in double straight from logProb/entropy formulas via a float batch of the same values
        Distribution d = head.distribution(Batch.of(raw));
        double[] lp = d.logProb(actions);
        double[] h = d.entropy();
        double s = 0;
        for (int i = 0; i < n; i++) {
            s -= w[i] * lp[i] + c * h[i];
        }
        return s;
    }

    @Test
    void logSumExpNeitherOverflowsNorUnderflows() {
        assertEquals(1000 + Math.log(2), Distribution.logSumExp(new double[] {1000, 1000}), 1e-12);
        assertEquals(-1000 + Math.log(3), Distribution.logSumExp(new double[] {-1000, -1000, -1000}), 1e-12);
        assertEquals(Math.log(Math.exp(0.5) + Math.exp(-2)), Distribution.logSumExp(new double[] {0.5, -2}), 1e-15);
        assertEquals(Double.NEGATIVE_INFINITY, Distribution.logSumExp(new double[] {Double.NEGATIVE_INFINITY}));
    }

    @Test
    void everyHeadsLossGradientMatchesFiniteDifferencesOfItsLogProbAndEntropy() {
        SplittableRandom rng = new SplittableRandom(11);
        for (Head head : allHeads(rng)) {
            for (int trial = 0; trial < 3; trial++) {
                int n = 1 + rng.nextInt(6);
                double[][] raw = randomRows(n, head.rawSize(), rng, 1.0);
                double[][] actions = actionsFor(head, n, rng);
                double[] w = new double[n];
                for (int i = 0; i < n; i++) {
                    w[i] = rng.nextDouble() * 2 - 0.5; // advantages can be negative
                }
                double c = trial == 0 ? 0 : rng.nextDouble();
                Batch dRaw = Batch.zeros(n, head.rawSize());
                double value = head.distribution(Batch.of(raw)).lossGradient(actions, w, c, dRaw);
                double[] flat = new double[n * head.rawSize()];
                double[] analytic = new double[flat.length];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < head.rawSize(); j++) {
                        flat[i * head.rawSize() + j] = (float) raw[i][j];
                        analytic[i * head.rawSize() + j] = dRaw.get(i, j);
                    }
                }
                assertEquals(loss(head, flat, n, actions, w, c), value, 1e-5 * (1 + Math.abs(value)), head + " value");
                // raw values pass through float batches, so the difference step must stay well above float noise
                checkWithFloatNoise(flat, p -> loss(head, p, n, actions, w, c), analytic, head);
            }
        }
    }

    private static void checkWithFloatNoise(double[] point, java.util.function.ToDoubleFunction<double[]> f,
            double[] analytic, Head head) {
        double h = 1e-2;
        for (int i = 0; i < point.length; i++) {
            double orig = point[i];
            point[i] = orig + h;
            double plus = f.applyAsDouble(point);
            point[i] = orig - h;
            double minus = f.applyAsDouble(point);
            point[i] = orig;
            double numeric = (plus - minus) / (2 * h);
            double err = Math.abs(numeric - analytic[i]) / Math.max(Math.abs(numeric) + Math.abs(analytic[i]), 1e-3);
            assertTrue(err < 1e-2, head + " entry " + i + ": analytic " + analytic[i] + ", numeric " + numeric);
        }
    }

    @Test
    void aHeadGradientScaledByThreeFailsTheCheck() {
        double[] point = {0.3, -0.2};
        double[] tripled = {3 * 2 * 0.3, 3 * 2 * -0.2};
        assertThrows(AssertionError.class, () -> GradCheck.function(point, p -> p[0] * p[0] + p[1] * p[1], tripled, 1e-4, 1));
    }

    @Test
    void knownValues() {
        Distribution cat = Head.categorical(3).distribution(Batch.of(new double[][] {{0, 0, Math.log(2)}}));
        assertArrayEquals(new double[] {Math.log(0.25)}, cat.logProb(new double[][] {{0}}), 1e-6);
        assertEquals(-(0.25 * Math.log(0.25) * 2 + 0.5 * Math.log(0.5)), cat.entropy()[0], 1e-6);
        assertEquals(2.0, cat.mode()[0][0]);
        Distribution g = Head.gaussian(1).distribution(Batch.of(new double[][] {{1.0, Math.log(2)}}));
        // N(1, 4) at a = 3: z = 1, log p = -0.5 - log 2 - 0.5 log 2π
        assertEquals(-0.5 - Math.log(2) - 0.5 * Math.log(2 * Math.PI), g.logProb(new double[][] {{3}})[0], 1e-6);
        assertEquals(Math.log(2) + 0.5 * Math.log(2 * Math.PI * Math.E), g.entropy()[0], 1e-6);
        Distribution det = Head.deterministic(2).distribution(Batch.of(new double[][] {{1, 2}}));
        assertEquals(-(1 + 4) / 2.0, det.logProb(new double[][] {{0, 0}})[0], 1e-6);
        assertEquals(0, det.entropy()[0]);
    }

    @Test
    void samplesFollowTheDistribution() {
        SplittableRandom rng = new SplittableRandom(5);
        double[][] raw = new double[20000][];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = new double[] {Math.log(0.2), Math.log(0.8)};
        }
        double[][] a = Head.categorical(2).distribution(Batch.of(raw)).sample(rng);
        double ones = java.util.Arrays.stream(a).mapToDouble(r -> r[0]).sum() / a.length;
        assertEquals(0.8, ones, 0.01);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = new double[] {-1, Math.log(0.5)};
        }
        double[][] s = Head.gaussian(1).distribution(Batch.of(raw)).sample(rng);
        double mean = java.util.Arrays.stream(s).mapToDouble(r -> r[0]).average().orElseThrow();
        double var = java.util.Arrays.stream(s).mapToDouble(r -> (r[0] - mean) * (r[0] - mean)).average().orElseThrow();
        assertEquals(-1, mean, 0.02);
        assertEquals(0.25, var, 0.01);
    }

    @Test
    void badInputIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Head.categorical(1));
        assertTrue(e.getMessage().contains("n (actions) = 1"), e.getMessage());
        Distribution cat = Head.categorical(3).distribution(Batch.of(new double[][] {{0, 0, 0}}));
        e = assertThrows(IllegalArgumentException.class, () -> cat.logProb(new double[][] {{3}}));
        assertTrue(e.getMessage().contains("actions[0][0] = 3.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> cat.lossGradient(new double[][] {{Double.NaN}}, new double[] {1}, 0, Batch.zeros(1, 3)));
        assertTrue(e.getMessage().contains("actions[0][0] = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> cat.lossGradient(new double[][] {{1}}, new double[] {1, 2}, 0, Batch.zeros(1, 3)));
        assertTrue(e.getMessage().contains("weights has 2"), e.getMessage());
        Network body = Network.mlp(2, 3, Activation.TANH, 1, 4);
        e = assertThrows(IllegalArgumentException.class,
                () -> new NetPolicy(body, Head.categorical(2), new double[2], new double[] {1, 1}, new Space.Discrete(2)));
        assertTrue(e.getMessage().contains("gives 3 outputs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new NetPolicy(body, Head.deterministic(3), new double[2], new double[] {1, 1}, new Space.Discrete(3)));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
        Network two = Network.mlp(2, 2, Activation.TANH, 1, 4);
        e = assertThrows(IllegalArgumentException.class,
                () -> new NetPolicy(two, Head.categorical(2), new double[3], new double[] {1, 1, 1}, new Space.Discrete(2)));
        assertEquals("NetPolicy: mean and scale need 2 values (the body's inputs), got 3 and 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new NetPolicy(two, Head.categorical(2), new double[2], new double[] {1, 0}, new Space.Discrete(2)));
        assertEquals("NetPolicy: scale[1] = 0.0, mean[1] = 0.0; scales must be finite and positive, means finite", e.getMessage());
    }

    private static NetPolicy gaussianPolicy() {
        Network body = Network.builder(3).dense(16).tanh().dense(2).appendParameters(2, -0.5).seed(3).build();
        return new NetPolicy(body, Head.gaussian(2), new double[] {0.1, 0.2, 0.3}, new double[] {1, 2, 3},
                Space.Box.of(2, -1, 1));
    }

    @Test
    void savedPoliciesLoadBitForBit(@TempDir Path dir) throws Exception {
        SplittableRandom rng = new SplittableRandom(2);
        double[][] obs = randomRows(7, 3, rng, 2);
        for (NetPolicy p : List.of(gaussianPolicy(),
                new NetPolicy(Network.mlp(3, 4, Activation.RELU, 9, 8), Head.categorical(4), new double[3],
                        new double[] {1, 1, 1}, new Space.Discrete(4)))) {
            Path file = dir.resolve("p.bin");
            p.save(file);
            NetPolicy back = NetPolicy.load(file);
            assertArrayEquals(p.network().params().values(), back.network().params().values());
            assertTrue(java.util.Arrays.deepEquals(p.outputs(obs), back.outputs(obs)));
            assertTrue(java.util.Arrays.deepEquals(p.act(obs), back.act(obs)));
            assertArrayEquals(p.logProb(obs, p.act(obs)), back.logProb(obs, p.act(obs)));
            assertEquals(p.actionSpace(), back.actionSpace());
        }
        Path junk = dir.resolve("junk.bin");
        Files.writeString(junk, "not a policy");
        var e = assertThrows(java.io.UncheckedIOException.class, () -> NetPolicy.load(junk));
        assertTrue(e.getMessage().contains("junk.bin"), e.getMessage());
    }

    @Test
    void onePolicySharedByFourThreadsActsAsItDoesAlone() throws Exception {
        NetPolicy p = gaussianPolicy();
        SplittableRandom rng = new SplittableRandom(4);
        List<double[][]> inputs = new ArrayList<>();
        List<double[][]> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            double[][] x = randomRows(1 + (i * 29) % 70, 3, rng, 2);
            inputs.add(x);
            expected.add(p.act(x));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int rep = 0; rep < 200; rep++) {
                        for (int i = 0; i < inputs.size(); i++) {
                            if (!java.util.Arrays.deepEquals(expected.get(i), p.act(inputs.get(i)))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get(), "a thread saw different actions");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
