package imitation.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Network#tangent}, the forward-mode product J v, against central differences of the outputs along v. */
class TangentTest {

    @Test
    void tangentMatchesAFiniteDifferenceAlongTheDirection() {
        Network[] nets = {
            Network.builder(3).seed(1).dense(6).tanh().dense(5).sigmoid().dense(2).build(),
            Network.builder(3).seed(2).dense(6).tanh().dense(2).appendParameters(2, -0.3).build(),
            Network.builder(3).seed(3).dense(4).relu().dense(3).build(),
        };
        SplittableRandom rng = new SplittableRandom(9);
        for (Network net : nets) {
            // 7 rows: both the Java-loop and the BLAS sizes of a dense layer's forward pass are below and above 4
            for (int rows : new int[] {2, 7}) {
                double[][] x = new double[rows][3];
                for (double[] row : x) {
                    for (int j = 0; j < 3; j++) {
                        row[j] = rng.nextDouble(-1.5, 1.5);
                    }
                }
                float[] theta = net.params().values();
                float[] v = new float[theta.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) rng.nextGaussian();
                }
                Tape tape = net.tape();
                net.forward(tape, Batch.of(x));
                double[][] analytic = net.tangent(tape, v).toArray();
                double h = 1e-3;
                double[][] plus = outputs(net, theta, v, h, x);
                double[][] minus = outputs(net, theta, v, -h, x);
                net.params().set(theta);
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < analytic[r].length; c++) {
                        double numeric = (plus[r][c] - minus[r][c]) / (2 * h);
                        assertEquals(numeric, analytic[r][c], GradCheck.TOLERANCE * Math.max(1, Math.abs(numeric)),
                                net + " row " + r + " column " + c);
                    }
                }
            }
        }
    }

    /** Jᵀu by a backward pass and J v by the tangent agree: uᵀ(J v) = (Jᵀu)ᵀ v, to float rounding. */
    @Test
    void tangentIsTheTransposeOfTheBackwardPass() {
        Network net = Network.builder(4).seed(5).dense(16).tanh().dense(16).tanh().dense(3).build();
        SplittableRandom rng = new SplittableRandom(4);
        double[][] x = new double[30][4];
        double[][] u = new double[30][3];
        for (int r = 0; r < 30; r++) {
            for (int j = 0; j < 4; j++) {
                x[r][j] = rng.nextDouble(-2, 2);
            }
            for (int j = 0; j < 3; j++) {
                u[r][j] = rng.nextGaussian();
            }
        }
        float[] v = new float[net.params().size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        Tape tape = net.tape();
        net.forward(tape, Batch.of(x));
        double[][] jv = net.tangent(tape, v).toArray();
        net.params().zeroGrad();
        net.backward(tape, Batch.of(u));
        float[] jtu = net.params().gradient();
        double left = 0;
        double right = 0;
        for (int r = 0; r < 30; r++) {
            for (int j = 0; j < 3; j++) {
                left += u[r][j] * jv[r][j];
            }
        }
        for (int i = 0; i < v.length; i++) {
            right += (double) jtu[i] * v[i];
        }
        assertEquals(left, right, 1e-5 * Math.abs(left));
    }

    @Test
    void tangentRejectsBadInput() {
        Network net = Network.builder(2).seed(1).dense(3).tanh().dense(1).build();
        Tape tape = net.tape();
        assertThrows(IllegalStateException.class, () -> net.tangent(tape, new float[net.params().size()]));
        net.forward(tape, Batch.of(new double[][] {{1, 2}}));
        var e = assertThrows(IllegalArgumentException.class, () -> net.tangent(tape, new float[3]));
        assertTrue(e.getMessage().contains("direction has 3 entries"), e.getMessage());
        Network conv = Network.builder(16).image(4, 4, 1).conv(2, 3, 1).build();
        Tape ct = conv.tape();
        conv.forward(ct, Batch.of(new double[1][16]));
        var u = assertThrows(UnsupportedOperationException.class, () -> conv.tangent(ct, new float[conv.params().size()]));
        assertTrue(u.getMessage().contains("no forward-mode derivative"), u.getMessage());
    }

    private static double[][] outputs(Network net, float[] theta, float[] v, double t, double[][] x) {
        float[] shifted = new float[theta.length];
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = (float) (theta[i] + t * v[i]);
        }
        net.params().set(shifted);
        return net.forward(net.tape(), Batch.of(x)).toArray();
    }
}
