package imitation.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConvNetTest {

    private static double[][] images(int n, int pixels, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][pixels];
        for (double[] row : x) {
            for (int j = 0; j < pixels; j++) {
                row[j] = rng.nextDouble();
            }
        }
        return x;
    }

    /**
     * Direct (not im2col) forward pass in double precision from a flat parameter vector laid out as
     * documented: per layer weights then biases; convolution weights [(ky·k + kx)·C + c][filter],
     * channel-last activations; ReLU on every layer but the last.
     */
    private static double[] reference(double[] p, int h, int w, int[][] convs, int[] dense, double[] image) {
        double[] a = image.clone();
        int c = 1;
        int at = 0;
        for (int[] conv : convs) {
            int f = conv[0];
            int k = conv[1];
            int s = conv[2];
            int oh = (h - k) / s + 1;
            int ow = (w - k) / s + 1;
            double[] out = new double[oh * ow * f];
            int bias = at + k * k * c * f;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int fi = 0; fi < f; fi++) {
                        double z = p[bias + fi];
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                for (int ci = 0; ci < c; ci++) {
                                    double in = a[((oy * s + ky) * w + ox * s + kx) * c + ci];
                                    z += in * p[at + ((ky * k + kx) * c + ci) * f + fi];
                                }
                            }
                        }
                        out[(oy * ow + ox) * f + fi] = Math.max(0, z);
                    }
                }
            }
            at = bias + f;
            a = out;
            h = oh;
            w = ow;
            c = f;
        }
        for (int l = 0; l < dense.length; l++) {
            int in = a.length;
            double[] out = new double[dense[l]];
            int bias = at + in * dense[l];
            for (int j = 0; j < dense[l]; j++) {
                double z = p[bias + j];
                for (int i = 0; i < in; i++) {
                    z += a[i] * p[at + i * dense[l] + j];
                }
                out[j] = l < dense.length - 1 ? Math.max(0, z) : z;
            }
            at = bias + dense[l];
            a = out;
        }
        return a;
    }

    private static double referenceLoss(double[] p, int h, int w, int[][] convs, int[] dense, double[][] x, double[][] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double[] o = reference(p, h, w, convs, dense, x[i]);
            for (int j = 0; j < o.length; j++) {
                sum += (o[j] - y[i][j]) * (o[j] - y[i][j]);
            }
        }
        return sum / (x.length * y[0].length);
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void defaultArchitectureHasTheDocumentedShapes() {
        ConvNet net = ConvNet.builder(16, 32, 1).build();
        // 8 filters 5x5 on 1 channel, 16 filters 3x3 on 8 channels, 2*6*16 = 192 -> 32 -> 1
        assertEquals(25 * 8 + 8 + 72 * 16 + 16 + 192 * 32 + 32 + 32 + 1, net.parameterCount());
        assertTrue(net.toString().contains("16x32 -> 6x14x8 -> 2x6x16 -> 32 -> 1"), net.toString());
        double[][] out = net.output(images(5, 512, 1));
        assertEquals(5, out.length);
        assertEquals(1, out[0].length);
    }

    @Test
    void outputMatchesDirectConvolution() {
        int[][] convs = {{3, 3, 2}, {4, 2, 1}};
        int[] dense = {5, 2};
        ConvNet net = ConvNet.builder(9, 11, 2).noConvolutions().convolution(3, 3, 2).convolution(4, 2, 1).hidden(5).seed(4).build();
        double[][] x = images(7, 99, 2);
        net.fit(x, images(7, 2, 3)); // move the biases away from zero
        double[] p = toDouble(net.parameters());
        double[][] out = net.output(x);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(reference(p, 9, 11, convs, dense, x[i]), out[i], 1e-5, "image " + i);
        }
        assertEquals(referenceLoss(p, 9, 11, convs, dense, x, images(7, 2, 9)), net.loss(x, images(7, 2, 9)), 1e-6);
    }

    @Test
    void firstAdamStepMovesEveryParameterAgainstTheFiniteDifferenceGradient() {
        // Adam's first step is -lr * g / (|g| + eps): its sign is minus the gradient's sign.
        int[][] convs = {{3, 3, 2}, {4, 2, 1}};
        int[] dense = {5, 2};
        ConvNet net = ConvNet.builder(9, 11, 2).noConvolutions().convolution(3, 3, 2).convolution(4, 2, 1).hidden(5)
                .learningRate(1e-4).seed(6).build();
        double[][] x = images(6, 99, 7);
        double[][] y = images(6, 2, 8);
        double[] p = toDouble(net.parameters());
        net.fit(x, y);
        double[] after = toDouble(net.parameters());
        int checked = 0;
        for (int i = 0; i < p.length; i++) {
            double eps = 1e-4;
            double[] plus = p.clone();
            double[] minus = p.clone();
            plus[i] += eps;
            minus[i] -= eps;
            double g = (referenceLoss(plus, 9, 11, convs, dense, x, y) - referenceLoss(minus, 9, 11, convs, dense, x, y)) / (2 * eps);
            if (Math.abs(g) > 1e-3) {
                assertEquals(-Math.signum(g), Math.signum(after[i] - p[i]), "parameter " + i + ", gradient " + g);
                checked++;
            }
        }
        assertTrue(checked > p.length / 2, "only " + checked + " of " + p.length + " parameters had a clear gradient");
    }

    @Test
    void learnsWhereABarIsOnTinyImages() {
        // An 8x12 image with a bright vertical bar in column c; the target is c scaled to [-1, 1].
        int n = 96;
        double[][] x = new double[n][96];
        double[][] y = new double[n][1];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(12);
            for (int r = 0; r < 8; r++) {
                x[i][r * 12 + c] = 1;
            }
            y[i][0] = c / 5.5 - 1;
        }
        ConvNet net = ConvNet.builder(8, 12, 1).noConvolutions().convolution(4, 3, 1).hidden(16).learningRate(3e-3).seed(1).build();
        double before = net.loss(x, y);
        for (int s = 0; s < 600; s++) {
            net.fit(x, y);
        }
        double after = net.loss(x, y);
        assertTrue(after < 0.01 && after < before / 20, "loss " + before + " -> " + after);
        assertEquals(600, net.steps());
    }

    @Test
    void sameSeedSameNetworkAndCopiesAreIndependent() {
        double[][] x = images(16, 512, 4);
        double[][] y = images(16, 1, 5);
        ConvNet a = ConvNet.builder(16, 32, 1).seed(3).build();
        ConvNet b = ConvNet.builder(16, 32, 1).seed(3).build();
        for (int s = 0; s < 5; s++) {
            assertEquals(a.fit(x, y), b.fit(x, y));
        }
        assertArrayEquals(a.parameters(), b.parameters());
        ConvNet c = a.copy();
        a.fit(x, y);
        assertArrayEquals(b.parameters(), c.parameters());
        assertEquals(b.fit(x, y), c.fit(x, y));
        assertArrayEquals(a.parameters(), b.parameters());
    }

    @Test
    void rejectsBadShapesAndValues() {
        var e = assertThrows(IllegalArgumentException.class, () -> ConvNet.builder(4, 32, 1).build());
        assertTrue(e.getMessage().contains("5x5 kernel") && e.getMessage().contains("4x32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConvNet.builder(16, 32, 1).convolution(0, 3, 1));
        assertTrue(e.getMessage().contains("filters = 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConvNet.builder(0, 32, 1));
        ConvNet net = ConvNet.builder(16, 32, 1).build();
        e = assertThrows(IllegalArgumentException.class, () -> net.output(new double[][] {new double[100]}));
        assertTrue(e.getMessage().contains("100 values") && e.getMessage().contains("16x32"), e.getMessage());
        double[][] bad = images(2, 512, 1);
        bad[1][7] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> net.fit(bad, new double[2][1]));
        assertTrue(e.getMessage().contains("x[1][7] = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.fit(images(2, 512, 1), new double[3][1]));
        assertTrue(e.getMessage().contains("3 rows"), e.getMessage());
    }
}
