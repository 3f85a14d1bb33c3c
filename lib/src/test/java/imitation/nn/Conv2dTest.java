package imitation.nn;

import static imitation.nn.NetworkTest.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class Conv2dTest {

    @Test
    void convolutionsPassTheGradientCheckOnRandomShapes() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 12; trial++) {
            int kernel = 1 + rng.nextInt(4);
            int stride = 1 + rng.nextInt(3);
            int channels = 1 + rng.nextInt(3);
            int filters = 1 + rng.nextInt(4);
            int height = kernel + rng.nextInt(6);
            int width = kernel + rng.nextInt(6);
            int rows = trial % 3 == 0 ? 1 : 2 + rng.nextInt(9);
            Network.Builder b = Network.builder(height * width * channels).image(height, width, channels)
                    .conv(filters, kernel, stride).tanh();
            Conv2d first = (Conv2d) b.build().layers().get(0);
            // a second convolution where the first one's output is large enough for it
            int k2 = 1 + rng.nextInt(2);
            if (first.outHeight() >= k2 && first.outWidth() >= k2) {
                b.conv(1 + rng.nextInt(3), k2, 1 + rng.nextInt(2)).tanh();
            }
            Network net = b.dense(1 + rng.nextInt(3)).seed(rng.nextLong()).build();
            GradCheck.network(net, random(rows, net.inputs(), 1, rng.nextLong()), rng.nextLong());
        }
    }

    @Test
    void aStrideThatSkipsTheLastPixelsIsCheckedToo() {
        // 7x8 with kernel 3 stride 2: columns 0..6 are read, column 7 is not, so its input gradient is zero
        Network net = Network.builder(7 * 8 * 2).image(7, 8, 2).conv(3, 3, 2).tanh().dense(2).seed(5).build();
        Batch x = random(6, net.inputs(), 1, 8);
        GradCheck.network(net, x, 9);
        Tape t = net.tape();
        net.forward(t, x);
        Batch dx = net.backward(t, random(6, 2, 1, 10));
        for (int y = 0; y < 7; y++) {
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < 6; i++) {
                    assertEquals(0f, dx.get(i, (y * 8 + 7) * 2 + c), "pixel (" + y + ", 7) is never read");
                }
            }
        }
    }

    @Test
    void aWrongConvolutionDerivativeFailsTheCheck() {
        Network good = Network.builder(6 * 7 * 2).image(6, 7, 2).conv(3, 3, 2).tanh().dense(2).seed(3).build();
        Conv2d conv = (Conv2d) good.layers().get(0);
        Batch x = random(5, good.inputs(), 1, 4);
        GradCheck.network(good, x, 6);
        // parameter gradient counted twice, input gradient right
        Layer twice = new Delegate(conv) {
            @Override
            public Batch backward(Batch dy, Params.View p, Cache c) {
                conv.backward(dy, p, c);
                return conv.backward(dy, p, c);
            }
        };
        // parameter gradient right, input gradient landing one channel off
        Layer shifted = new Delegate(conv) {
            @Override
            public Batch backward(Batch dy, Params.View p, Cache c) {
                Batch dx = conv.backward(dy, p, c).copy();
                Batch moved = Batch.zeros(dx.rows, dx.cols);
                for (int i = dx.rows; i < dx.rows * dx.cols; i++) {
                    moved.data.put(i, dx.data.get(i - dx.rows));
                }
                return moved;
            }
        };
        for (Layer wrong : new Layer[] {twice, shifted}) {
            Network bad = Network.builder(good.inputs()).add(wrong).tanh().dense(2).seed(3).build();
            assertThrows(AssertionError.class, () -> GradCheck.network(bad, x, 6));
        }
    }

    @Test
    void backwardParamsAddsTheSameGradientWithoutTheInputGradient() {
        Network net = Network.builder(9 * 10 * 2).image(9, 10, 2).conv(4, 3, 2).relu().conv(3, 2, 1).tanh().dense(2)
                .seed(7).build();
        Batch x = random(6, net.inputs(), 1, 1);
        Batch dOut = random(6, 2, 1, 2);
        Tape tape = net.tape();
        net.forward(tape, x);
        net.params().zeroGrad();
        net.backward(tape, dOut);
        float[] full = net.params().gradient();
        net.params().zeroGrad();
        net.backwardParams(tape, dOut);
        assertArrayEquals(full, net.params().gradient());
        assertTrue(Arrays.stream(new double[] {full[0], full[5], full[40]}).allMatch(g -> g != 0));
    }

    /** A layer that does what {@code conv} does, for mutations of one of its methods. */
    private static class Delegate implements Layer {
        final Layer conv;

        Delegate(Layer conv) {
            this.conv = conv;
        }

        public int inputs() { return conv.inputs(); }
        public int outputs() { return conv.outputs(); }
        public int paramCount() { return conv.paramCount(); }
        public void initialise(Params.View p, SplittableRandom rng) { conv.initialise(p, rng); }
        public Cache newCache() { return conv.newCache(); }
        public Batch forward(Batch x, Params.View p, Cache c) { return conv.forward(x, p, c); }
        public Batch backward(Batch dy, Params.View p, Cache c) { return conv.backward(dy, p, c); }
        public String describe() { return "mutated " + conv.describe(); }
    }

    @Test
    void forwardMatchesTheDefinitionOnChannelLastImages() {
        SplittableRandom rng = new SplittableRandom(21);
        for (int trial = 0; trial < 6; trial++) {
            int k = 1 + rng.nextInt(3);
            int s = 1 + rng.nextInt(3);
            int ch = 1 + rng.nextInt(3);
            int filters = 1 + rng.nextInt(3);
            int h = k + rng.nextInt(5);
            int w = k + rng.nextInt(5);
            Network net = Network.builder(h * w * ch).image(h, w, ch).conv(filters, k, s).seed(rng.nextLong()).build();
            float[] theta = net.params().values();
            for (int i = 0; i < theta.length; i++) {
                theta[i] = (float) (rng.nextDouble() * 2 - 1); // biases too, so that they are tested
            }
            net.params().set(theta);
            double[][] x = random(1 + rng.nextInt(6), h * w * ch, 1, rng.nextLong()).toArray();
            double[][] y = net.predict(x);
            int oh = (h - k) / s + 1;
            int ow = (w - k) / s + 1;
            int taps = k * k * ch;
            for (int i = 0; i < x.length; i++) {
                assertEquals(oh * ow * filters, y[i].length);
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        for (int f = 0; f < filters; f++) {
                            // weight of tap (ky, kx, c) of filter f at f·(taps + 1) + (ky·k + kx)·ch + c; bias last
                            double sum = theta[f * (taps + 1) + taps];
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    for (int c = 0; c < ch; c++) {
                                        double pixel = x[i][((oy * s + ky) * w + ox * s + kx) * ch + c];
                                        sum += pixel * theta[f * (taps + 1) + (ky * k + kx) * ch + c];
                                    }
                                }
                            }
                            assertEquals(sum, y[i][(oy * ow + ox) * filters + f], 1e-4,
                                    "example " + i + ", output (" + oy + ", " + ox + ", " + f + ")");
                        }
                    }
                }
            }
        }
    }

    @Test
    void theBuilderTracksImageGeometry() {
        Network net = Network.builder(16 * 32).image(16, 32, 1).conv(8, 5, 2).relu().conv(16, 3, 2).relu()
                .dense(32).relu().dense(1).seed(1).build();
        assertEquals(6 * 14 * 8, net.layers().get(0).outputs());
        assertEquals(2 * 6 * 16, net.layers().get(2).outputs());
        assertEquals("Conv2d(6x14x8 → 2x6x16, 3x3 stride 2)", net.layers().get(2).describe());
        assertEquals((5 * 5 + 1) * 8 + (3 * 3 * 8 + 1) * 16 + (192 + 1) * 32 + 33, net.params().size());
        // weights decay, biases do not: the last row of each filter's column is its bias
        Conv2d first = (Conv2d) net.layers().get(0);
        for (int f = 0; f < 8; f++) {
            for (int t = 0; t < 25; t++) {
                assertTrue(net.params().decays(f * 26 + t));
            }
            assertTrue(!net.params().decays(f * 26 + 25));
            assertEquals(0f, net.params().value(f * 26 + 25));
        }
        double limit = Math.sqrt(6.0 / (25 + 25 * 8));
        for (int i = 0; i < first.paramCount(); i++) {
            assertTrue(Math.abs(net.params().value(i)) <= limit);
        }
        double[][] y = net.predict(new double[3][16 * 32]);
        assertEquals(3, y.length);
        assertEquals(1, y[0].length);
    }

    @Test
    void aConvolutionalNetworkSavesAndLoadsBitForBit() throws Exception {
        Network net = Network.builder(6 * 8 * 2).image(6, 8, 2).conv(4, 3, 1).relu().dense(3).seed(2).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(net);
        }
        Network back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (Network) in.readObject();
        }
        double[][] x = random(5, net.inputs(), 1, 1).toArray();
        assertTrue(Arrays.deepEquals(net.predict(x), back.predict(x)));
        assertArrayEquals(net.params().values(), back.params().values());
    }

    @Test
    void predictIsSafeFromManyThreads() throws Exception {
        Network net = Network.builder(8 * 12).image(8, 12, 1).conv(4, 3, 2).relu().dense(2).seed(4).build();
        double[][][] inputs = new double[6][][];
        double[][][] expected = new double[6][][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random(1 + 13 * i, net.inputs(), 1, i).toArray();
            expected[i] = net.predict(inputs[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int rep = 0; rep < 100; rep++) {
                        for (int i = 0; i < inputs.length; i++) {
                            if (!Arrays.deepEquals(expected[i], net.predict(inputs[i]))) {
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
    void badGeometryIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Network.builder(16 * 32).image(16, 32, 1).conv(8, 17, 1));
        assertTrue(e.getMessage().contains("kernel = 17") && e.getMessage().contains("16x32")
                && e.getMessage().contains("at most 16"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Network.builder(16 * 32).image(16, 32, 1).conv(8, 5, 2).conv(4, 7, 1));
        assertTrue(e.getMessage().contains("kernel = 7") && e.getMessage().contains("6x14"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Network.builder(16 * 32).image(16, 32, 1).conv(8, 5, 0));
        assertTrue(e.getMessage().contains("stride = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Network.builder(16 * 32).image(16, 32, 1).conv(0, 5, 2));
        assertTrue(e.getMessage().contains("filters = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Network.builder(16 * 32).image(16, 32, 1).conv(8, 0, 2));
        assertTrue(e.getMessage().contains("kernel = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Network.builder(16 * 32).image(16, 16, 1));
        assertTrue(e.getMessage().contains("256 values") && e.getMessage().contains("512 columns"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Network.builder(16 * 32).image(16, 0, 32));
        assertTrue(e.getMessage().contains("width = 0"), e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> Network.builder(512).conv(8, 5, 2));
        assertTrue(s.getMessage().contains("image(height, width, channels)"), s.getMessage());
        // a dense layer flattens: what follows it is no image until declared again
        s = assertThrows(IllegalStateException.class,
                () -> Network.builder(512).image(16, 32, 1).conv(8, 5, 2).dense(64).conv(4, 3, 1));
        assertTrue(s.getMessage().contains("64 columns"), s.getMessage());
        Network.builder(512).image(16, 32, 1).dense(64).image(8, 8, 1).conv(4, 3, 1).build();
    }
}
