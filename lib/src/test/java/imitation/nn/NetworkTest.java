package imitation.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class NetworkTest {

    static Batch random(int rows, int cols, int steps, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Batch b = Batch.sequence(rows, cols, steps);
        for (int i = 0; i < rows * cols; i++) {
            b.data.put(i, (float) (rng.nextDouble() * 2 - 1));
        }
        return b;
    }

    @Test
    void denseAndActivationsPassTheGradientCheckOnRandomShapes() {
        SplittableRandom rng = new SplittableRandom(3);
        for (Activation f : Activation.values()) {
            for (int trial = 0; trial < 3; trial++) {
                int in = 1 + rng.nextInt(6);
                int hidden = 1 + rng.nextInt(9);
                int out = 1 + rng.nextInt(4);
                // rows above and below the plain-Java threshold, and enough values for the vectorised activation
                // ReLU: few rows, so that few of them cross the kink within ±h, where a central difference
                // says nothing (the checker skips clear kinks, but a parameter shared by many rows blurs them)
                int many = f == Activation.RELU ? 8 : 120;
                int rows = trial == 0 ? 1 + rng.nextInt(Dense.JAVA_ROWS) : 5 + rng.nextInt(many);
                Network net = Network.builder(in).dense(hidden).activation(f).dense(hidden).activation(f).dense(out)
                        .seed(rng.nextLong()).build();
                GradCheck.network(net, random(rows, in, 1, rng.nextLong()), rng.nextLong(),
                        f == Activation.RELU ? 1e-3 : GradCheck.H);
            }
        }
    }

    @Test
    void aScaledGradientFailsTheCheck() {
        Network net = Network.builder(3).dense(5).tanh().dense(2).seed(1).build();
        Layer dense = net.layers().get(2);
        // a layer whose backward pass triples the parameter gradient must be caught
        Layer wrong = new Layer() {
            public int inputs() { return dense.inputs(); }
            public int outputs() { return dense.outputs(); }
            public int paramCount() { return dense.paramCount(); }
            public void initialise(Params.View p, SplittableRandom rng) { dense.initialise(p, rng); }
            public Cache newCache() { return dense.newCache(); }
            public Batch forward(Batch x, Params.View p, Cache c) { return dense.forward(x, p, c); }
            public Batch backward(Batch dy, Params.View p, Cache c) {
                Batch scaled = dy.copy();
                for (int i = 0; i < dy.rows * dy.cols; i++) {
                    scaled.data.put(i, 3 * dy.data.get(i));
                }
                return dense.backward(scaled, p, c);
            }
            public String describe() { return "wrong"; }
        };
        Network bad = Network.builder(3).dense(5).tanh().add(wrong).seed(1).build();
        assertThrows(AssertionError.class, () -> GradCheck.network(bad, random(7, 3, 1, 2), 3));
        GradCheck.network(net, random(7, 3, 1, 2), 3);
    }

    @Test
    void forwardMatchesAHandComputation() {
        Network net = Network.builder(2).dense(1).seed(0).build();
        net.params().set(new float[] {0.5f, -2f, 0.25f}); // W = [0.5, -2]^T, b = 0.25
        double[][] y = net.predict(new double[][] {{1, 1}, {2, 0}, {0, 1}, {1, 0}, {3, 1}});
        assertArrayEquals(new double[] {-1.25, 1.25, -1.75, 0.75, -0.25},
                java.util.Arrays.stream(y).mapToDouble(r -> r[0]).toArray(), 1e-6);
    }

    @Test
    void smallAndLargeBatchesGiveTheSameOutputs() {
        Network net = Network.mlp(8, 3, Activation.TANH, 5, 64, 64);
        Batch x = random(100, 8, 1, 9);
        double[][] all = net.predict(x.toArray());
        for (int r = 0; r < 100; r += 17) {
            double[][] one = net.predict(new double[][] {x.toArray()[r]});
            assertArrayEquals(all[r], one[0], 1e-5);
        }
    }

    @Test
    void adamLearnsALinearMapAndSgdToo() {
        for (Optimizer opt : new Optimizer[] {new Adam(0.05), new Sgd(0.1, 0.9, 0)}) {
            Network net = Network.builder(2).dense(1).seed(4).build();
            Batch x = random(64, 2, 1, 1);
            Batch dOut = Batch.zeros(64, 1);
            Tape tape = net.tape();
            double loss = 0;
            for (int step = 0; step < 300; step++) {
                Batch out = net.forward(tape, x);
                loss = 0;
                for (int r = 0; r < 64; r++) {
                    double target = 3 * x.get(r, 0) - x.get(r, 1) + 0.5;
                    double diff = out.get(r, 0) - target;
                    loss += diff * diff / 64;
                    dOut.set(r, 0, 2 * diff / 64);
                }
                net.params().zeroGrad();
                net.backward(tape, dOut);
                opt.step(net.params());
            }
            assertTrue(loss < 1e-3, opt.getClass().getSimpleName() + " loss " + loss);
        }
    }

    @Test
    void l2AppliesToWeightsOnly() {
        Network net = Network.builder(2).dense(1).seed(4).build();
        net.params().set(new float[] {1f, -1f, 1f});
        net.params().zeroGrad();
        new Sgd(0.5, 0, 1.0).step(net.params());
        assertArrayEquals(new float[] {0.5f, -0.5f, 1f}, net.params().values());
    }

    @Test
    void clippingBoundsTheGlobalNorm() {
        Network net = Network.builder(2).dense(1).seed(4).build();
        net.params().zeroGrad();
        Tape t = net.tape();
        net.forward(t, Batch.of(new double[][] {{30, 40}}));
        Batch d = Batch.zeros(1, 1);
        d.set(0, 0, 1);
        net.backward(t, d);
        double before = net.params().clipGradNorm(1.0);
        assertEquals(Math.sqrt(30 * 30 + 40 * 40 + 1), before, 1e-3);
        assertEquals(1.0, net.params().gradNorm(), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> net.params().clipGradNorm(0));
    }

    @Test
    void saveAndLoadRoundTripsBitForBit() throws Exception {
        Network net = Network.mlp(4, 2, Activation.RELU, 7, 16);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(net);
        }
        Network back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (Network) in.readObject();
        }
        assertArrayEquals(net.params().values(), back.params().values());
        for (int i = 0; i < net.params().size(); i++) {
            assertEquals(net.params().decays(i), back.params().decays(i));
        }
        double[][] x = random(9, 4, 1, 3).toArray();
        assertTrue(java.util.Arrays.deepEquals(net.predict(x), back.predict(x)));
    }

    @Test
    void predictIsSafeFromManyThreads() throws Exception {
        Network net = Network.mlp(8, 2, Activation.TANH, 1, 32, 32);
        List<double[][]> inputs = new ArrayList<>();
        List<double[][]> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            double[][] x = random(1 + 37 * i % 50, 8, 1, i).toArray();
            inputs.add(x);
            expected.add(net.predict(x));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int rep = 0; rep < 300; rep++) {
                        for (int i = 0; i < inputs.size(); i++) {
                            if (!java.util.Arrays.deepEquals(expected.get(i), net.predict(inputs.get(i)))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Network.builder(8).dense(65536).tanh().dense(65536).dense(1).build());
        assertTrue(e.getMessage().contains("parameters"), e.getMessage());
        Network net = Network.mlp(3, 1, Activation.TANH, 1, 4);
        e = assertThrows(IllegalArgumentException.class, () -> net.predict(new double[][] {{1, 2}}));
        assertTrue(e.getMessage().contains("x[0]") && e.getMessage().contains("3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.predict(new double[][] {{1, Double.NaN, 2}}));
        assertTrue(e.getMessage().contains("x[0][1] = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Network.builder(3).dense(0));
        assertTrue(e.getMessage().contains("= 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Network.builder(3).dense(4).add(Activation.TANH.layer(5)));
        assertTrue(e.getMessage().contains("reads 5") && e.getMessage().contains("gives 4"), e.getMessage());
        Tape t = net.tape();
        e = assertThrows(IllegalArgumentException.class, () -> net.forward(Network.mlp(3, 1, Activation.TANH, 1).tape(),
                Batch.zeros(1, 3)));
        assertTrue(e.getMessage().contains("another network"), e.getMessage());
        net.forward(t, Batch.zeros(2, 3));
        e = assertThrows(IllegalArgumentException.class, () -> net.backward(t, Batch.zeros(3, 1)));
        assertTrue(e.getMessage().contains("3 × 1") && e.getMessage().contains("2 × 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Adam(Double.NaN));
        assertTrue(e.getMessage().contains("learningRate = NaN"), e.getMessage());
    }

    @Test
    void aNonFiniteGradientStopsTheOptimiserWithTheStepAndRate() {
        Network net = Network.builder(1).dense(1).seed(1).build();
        net.params().zeroGrad();
        Tape t = net.tape();
        net.forward(t, Batch.zeros(1, 1));
        Batch d = Batch.zeros(1, 1);
        d.set(0, 0, Float.POSITIVE_INFINITY);
        net.backward(t, d);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> new Adam(0.5).step(net.params()));
        assertTrue(e.getMessage().contains("step 1") && e.getMessage().contains("learningRate = 0.5"), e.getMessage());
    }

    @Test
    void backwardParamsGivesTheSameParameterGradientAsBackward() {
        Network net = Network.mlp(5, 2, Activation.TANH, 3, 7, 6);
        Batch x = random(9, 5, 1, 4);
        Batch d = random(9, 2, 1, 5);
        Tape t = net.tape();
        net.forward(t, x);
        net.params().zeroGrad();
        net.backward(t, d);
        float[] full = net.params().gradient();
        net.params().zeroGrad();
        net.backwardParams(t, d);
        assertArrayEquals(full, net.params().gradient());
    }

    @Test
    void appendedParametersPassTheGradientCheck() {
        // the layer behind a Gaussian policy's state-independent log sigma: y = [x, θ], dθ = column sums of dy
        Network net = Network.builder(3).dense(4).tanh().dense(2).appendParameters(2, -0.5).seed(6).build();
        GradCheck.network(net, random(7, 3, 1, 8), 9);
        Network alone = Network.builder(2).appendParameters(3, 0.25).seed(1).build();
        GradCheck.network(alone, random(5, 2, 1, 2), 3);
        var e = assertThrows(IllegalArgumentException.class, () -> Network.builder(2).appendParameters(0, 0));
        assertTrue(e.getMessage().contains("count = 0"), e.getMessage());
    }
}
