package imitation.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MlpTest {

    private static double[][] randomRows(int n, int width, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][width];
        for (double[] row : x) {
            for (int j = 0; j < width; j++) {
                row[j] = rng.nextDouble(-2, 2);
            }
        }
        return x;
    }

    /** Forward pass from parameters() in double precision, following the documented layout. */
    private static double[] referenceForward(Mlp net, double[] x) {
        float[] p = net.parameters();
        int[] widths = new int[net.hidden().length + 2];
        widths[0] = net.inputs();
        System.arraycopy(net.hidden(), 0, widths, 1, net.hidden().length);
        widths[widths.length - 1] = net.outputs();
        double[] h = x;
        int offset = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            double[] next = new double[widths[l + 1]];
            for (int j = 0; j < next.length; j++) {
                double s = p[offset + widths[l] * widths[l + 1] + j];
                for (int i = 0; i < widths[l]; i++) {
                    s += h[i] * p[offset + i * widths[l + 1] + j];
                }
                next[j] = l + 2 < widths.length ? Math.tanh(s) : s;
            }
            offset += (widths[l] + 1) * widths[l + 1];
            h = next;
        }
        return h;
    }

    @Test
    void outputShapesFollowBatchAndOutputs() {
        Mlp net = Mlp.builder(8, 3).hidden(16).build();
        for (int n : new int[] {1, 3, 64, Mlp.OUTPUT_BLOCK_ROWS + 7}) {
            INDArray out = net.output(Nd4j.rand(DataType.FLOAT, n, 8));
            assertArrayEquals(new long[] {n, 3}, out.shape());
            assertEquals(DataType.FLOAT, out.dataType());
            double[][] plain = net.output(randomRows(n, 8, n));
            assertEquals(n, plain.length);
            assertEquals(3, plain[0].length);
        }
        assertEquals(16 * 9 + 3 * 17, net.parameters().length);
    }

    @Test
    void outputMatchesHandComputedForwardPassOnBothPaths() {
        Mlp net = Mlp.builder(5, 2).hidden(7, 6).seed(3).build();
        double[][] x = randomRows(40, 5, 9);
        net.fit(x, randomRows(40, 2, 10)); // move biases away from zero
        double[][] batched = net.output(x); // ND4J path
        for (int r = 0; r < x.length; r++) {
            double[] expected = referenceForward(net, x[r]);
            double[] single = net.output(new double[][] {x[r]})[0]; // plain Java path
            for (int j = 0; j < 2; j++) {
                assertEquals(expected[j], batched[r][j], 1e-5, "batched row " + r);
                assertEquals(expected[j], single[j], 1e-5, "single row " + r);
            }
        }
        INDArray fromNd4j = net.output(Nd4j.create(x).castTo(DataType.DOUBLE));
        assertEquals(batched[7][1], fromNd4j.getDouble(7, 1), 1e-6);
    }

    @Test
    void classificationRowsAreProbabilities() {
        Mlp net = Mlp.builder(4, 5).head(Mlp.Head.CLASSIFICATION).build();
        for (int n : new int[] {1, 50}) {
            double[][] p = net.output(randomRows(n, 4, 1));
            for (double[] row : p) {
                assertEquals(1.0, Arrays.stream(row).sum(), 1e-5);
                assertTrue(Arrays.stream(row).allMatch(v -> v > 0 && v < 1));
            }
        }
    }

    @Test
    void regressionLossFallsOnSmoothTarget() {
        Mlp net = Mlp.builder(2, 1).hidden(32, 32).learningRate(1e-2).seed(5).build();
        double[][] x = randomRows(256, 2, 2);
        double[][] y = new double[x.length][1];
        for (int i = 0; i < x.length; i++) {
            y[i][0] = Math.sin(x[i][0]) + 0.5 * x[i][1];
        }
        double first = net.fit(x, y);
        double last = first;
        for (int step = 0; step < 300; step++) {
            last = net.fit(x, y);
        }
        assertTrue(last < 0.05 * first, "loss went from " + first + " to " + last);
        assertEquals(301, net.steps());
    }

    @Test
    void classificationLearnsSeparableClassesFromIndicesAndOneHot() {
        double[][] x = randomRows(200, 2, 4);
        double[][] index = new double[x.length][1];
        double[][] oneHot = new double[x.length][3];
        for (int i = 0; i < x.length; i++) {
            int c = x[i][0] < -0.7 ? 0 : x[i][0] < 0.7 ? 1 : 2;
            index[i][0] = c;
            oneHot[i][c] = 1;
        }
        Mlp byIndex = Mlp.builder(2, 3).hidden(16).head(Mlp.Head.CLASSIFICATION).learningRate(1e-2).build();
        Mlp byOneHot = byIndex.copy();
        double first = byIndex.fit(x, index);
        assertEquals(Math.log(3), first, 0.5); // near-uniform predictions at the start
        assertEquals(first, byOneHot.fit(x, oneHot), 1e-12);
        for (int step = 0; step < 300; step++) {
            byIndex.fit(x, index);
            byOneHot.fit(x, oneHot);
        }
        assertArrayEquals(byIndex.parameters(), byOneHot.parameters());
        double[][] p = byIndex.output(x);
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            int best = 0;
            for (int j = 1; j < 3; j++) {
                best = p[i][j] > p[i][best] ? j : best;
            }
            correct += best == (int) index[i][0] ? 1 : 0;
        }
        assertTrue(correct >= 190, correct + " of 200 correct");
    }

    @Test
    void fitGradientWithMseGradientTakesTheSameStepAsFit() {
        Mlp viaFit = Mlp.builder(3, 2).hidden(8, 8).seed(11).build();
        Mlp viaGradient = viaFit.copy();
        double[][] x = randomRows(20, 3, 12);
        double[][] y = randomRows(20, 2, 13);
        for (int step = 0; step < 5; step++) {
            double[][] out = viaGradient.output(x);
            double[][] g = new double[20][2];
            double surrogate = 0;
            for (int i = 0; i < 20; i++) {
                for (int j = 0; j < 2; j++) {
                    g[i][j] = 2 * (out[i][j] - y[i][j]) / 40.0; // d/d out of mean((out - y)^2)
                    surrogate += g[i][j] * out[i][j];
                }
            }
            viaFit.fit(x, y);
            assertEquals(surrogate, viaGradient.fitGradient(x, g), 1e-5);
            float[] a = viaFit.parameters();
            float[] b = viaGradient.parameters();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-6, "parameter " + i + " after step " + step);
            }
        }
    }

    @Test
    void firstAdamStepMovesEveryWeightByTheLearningRate() {
        // Adam's first step is lr * g / (|g| + eps'), i.e. lr * sign(g) for any non-zero gradient.
        Mlp net = Mlp.builder(3, 1).hidden(4).learningRate(1e-3).build();
        float[] before = net.parameters();
        net.fit(randomRows(10, 3, 1), randomRows(10, 1, 2));
        float[] after = net.parameters();
        for (int i = 0; i < before.length; i++) {
            assertEquals(1e-3, Math.abs(after[i] - before[i]), 1e-6, "parameter " + i);
        }
    }

    @Test
    void l2ShrinksWeightsButNotBiases() {
        Mlp net = Mlp.builder(2, 1).hidden(3).l2(0.1).build();
        float[] before = net.parameters();
        net.fitGradient(randomRows(4, 2, 1), new double[4][1]); // zero data gradient: only the penalty acts
        float[] after = net.parameters();
        int weights1 = 2 * 3;
        int bias1End = weights1 + 3;
        for (int i = 0; i < before.length; i++) {
            boolean bias = (i >= weights1 && i < bias1End) || i == before.length - 1;
            if (bias) {
                assertEquals(before[i], after[i], "bias " + i);
            } else {
                assertTrue(Math.abs(after[i]) < Math.abs(before[i]), "weight " + i + " shrinks");
            }
        }
    }

    @Test
    void sameSeedGivesSameWeightsAndLosses() {
        double[][] x = randomRows(64, 8, 1);
        double[][] y = randomRows(64, 1, 2);
        Mlp a = Mlp.builder(8, 1).seed(7).build();
        Mlp b = Mlp.builder(8, 1).seed(7).build();
        assertArrayEquals(a.parameters(), b.parameters());
        for (int step = 0; step < 20; step++) {
            assertEquals(a.fit(x, y), b.fit(x, y));
        }
        assertArrayEquals(a.parameters(), b.parameters());
        assertFalse(Arrays.equals(a.parameters(), Mlp.builder(8, 1).seed(8).build().parameters()));
    }

    @Test
    void copyIsIndependentAndContinuesTheSameWay() {
        double[][] x = randomRows(32, 4, 1);
        double[][] y = randomRows(32, 2, 2);
        Mlp net = Mlp.builder(4, 2).build();
        net.fit(x, y);
        Mlp snapshot = net.copy();
        float[] frozen = snapshot.parameters();
        double next = net.fit(x, y);
        assertArrayEquals(frozen, snapshot.parameters());
        assertEquals(next, snapshot.fit(x, y)); // same weights and Adam state
        assertArrayEquals(net.parameters(), snapshot.parameters());
        assertEquals(net.steps(), snapshot.steps());
    }

    @Test
    void wrongShapesAreRejectedWithTheFix() {
        Mlp net = Mlp.builder(8, 1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.output(Nd4j.rand(DataType.FLOAT, 5, 7)));
        assertTrue(e.getMessage().contains("x has shape [5, 7]") && e.getMessage().contains("[n, 8]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.output(new double[][] {new double[8], new double[3]}));
        assertTrue(e.getMessage().contains("x[1] has 3 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.fit(randomRows(10, 8, 1), randomRows(9, 1, 2)));
        assertTrue(e.getMessage().contains("y has 9 rows but x has 10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> net.fitGradient(Nd4j.rand(DataType.FLOAT, 4, 8), Nd4j.rand(DataType.FLOAT, 3, 1)));
        assertTrue(e.getMessage().contains("dLossdOutput has 3 rows but x has 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.output(new double[0][]));
        assertTrue(e.getMessage().contains("no rows"), e.getMessage());
    }

    @Test
    void nonFiniteValuesAreRejectedByPosition() {
        Mlp net = Mlp.builder(2, 1).build();
        double[][] x = randomRows(6, 2, 1);
        x[4][1] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.output(x));
        assertTrue(e.getMessage().startsWith("x[4][1] = NaN"), e.getMessage());
        INDArray xs = Nd4j.create(randomRows(6, 2, 1)).castTo(DataType.FLOAT);
        xs.putScalar(2, 0, Float.POSITIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class, () -> net.fit(xs, Nd4j.zeros(DataType.FLOAT, 6, 1)));
        assertTrue(e.getMessage().startsWith("x[2][0] = Infinity"), e.getMessage());
        double[][] y = new double[6][1];
        y[3][0] = 1e300; // finite double, but not a finite float
        e = assertThrows(IllegalArgumentException.class, () -> net.fit(randomRows(6, 2, 1), y));
        assertTrue(e.getMessage().startsWith("y[3][0] = 1.0E300"), e.getMessage());
        double[][] g = new double[6][1];
        g[0][0] = Double.NEGATIVE_INFINITY;
        e = assertThrows(IllegalArgumentException.class, () -> net.fitGradient(randomRows(6, 2, 1), g));
        assertTrue(e.getMessage().startsWith("dLossdOutput[0][0] = -Infinity"), e.getMessage());
        assertEquals(0, net.steps(), "no step taken on bad input");
    }

    @Test
    void badClassificationTargetsAreRejected() {
        Mlp net = Mlp.builder(2, 3).head(Mlp.Head.CLASSIFICATION).build();
        double[][] x = randomRows(2, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.fit(x, new double[][] {{0}, {3}}));
        assertTrue(e.getMessage().contains("y[1][0] = 3.0 is not a class index in 0..2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.fit(x, new double[][] {{0}, {1.5}}));
        assertTrue(e.getMessage().contains("is not a class index"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.fit(x, new double[][] {{1, 0, 0}, {1, 1, 0}}));
        assertTrue(e.getMessage().contains("y row 1 sums to 2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.fit(x, new double[][] {{1, 0, 0}, {1.5, -0.5, 0}}));
        assertTrue(e.getMessage().contains("y[1][1] = -0.5 is negative"), e.getMessage());
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Mlp.builder(0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mlp.builder(2, 1).head(Mlp.Head.CLASSIFICATION).build());
        assertTrue(e.getMessage().contains("outputs = 1 with a CLASSIFICATION head"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Mlp.builder(2, 1).activation(Activation.SOFTPLUS));
        assertTrue(e.getMessage().contains("SOFTPLUS is not supported"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Mlp.builder(2, 1).learningRate(Double.NaN));
        assertTrue(e.getMessage().contains("learningRate = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Mlp.builder(2, 1).hidden(4, 0));
        assertTrue(e.getMessage().contains("hidden layer 1 has width 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Mlp.builder(2, 1).l2(-1));
    }

    @Test
    void otherActivationsAndNoHiddenLayerTrain() {
        double[][] x = randomRows(64, 3, 1);
        double[][] y = new double[64][1];
        for (int i = 0; i < 64; i++) {
            y[i][0] = x[i][0] - 2 * x[i][2] + 0.5;
        }
        for (Activation a : new Activation[] {Activation.RELU, Activation.SIGMOID, Activation.IDENTITY}) {
            Mlp net = Mlp.builder(3, 1).hidden(16).activation(a).learningRate(1e-2).build();
            double first = net.fit(x, y);
            double last = first;
            for (int step = 0; step < 300; step++) {
                last = net.fit(x, y);
            }
            assertTrue(last < 0.1 * first, a + ": loss went from " + first + " to " + last);
            double[] single = net.output(new double[][] {x[5]})[0];
            assertEquals(net.output(x)[5][0], single[0], 1e-5, a + ": Java and ND4J paths agree");
        }
        Mlp linear = Mlp.builder(3, 1).hidden().learningRate(5e-2).build();
        for (int step = 0; step < 500; step++) {
            linear.fit(x, y);
        }
        assertEquals(0, linear.fit(x, y), 1e-3);
    }
}
