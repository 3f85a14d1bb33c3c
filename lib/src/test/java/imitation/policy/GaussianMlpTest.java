package imitation.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.env.Space;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianMlpTest {
    private static final double NOISE = 0.3;

    /** x uniform in [-1, 1]^2, a = 0.5 (x0 - x1) + N(0, NOISE^2). */
    private static double[][][] data(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][2];
        double[][] a = new double[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = rng.nextDouble(-1, 1);
            x[i][1] = rng.nextDouble(-1, 1);
            double z = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
            a[i][0] = 0.5 * (x[i][0] - x[i][1]) + NOISE * z;
        }
        return new double[][][] {x, a};
    }

    private static GaussianMlp trained(double entropyWeight) {
        double[][][] d = data(2000, 1);
        GaussianMlp g = new GaussianMlp(Mlp.builder(2, 1).hidden(16).learningRate(3e-3).seed(2).build(), 0, entropyWeight);
        SplittableRandom rng = new SplittableRandom(3);
        for (int s = 0; s < 3000; s++) {
            double[][] bx = new double[64][];
            double[][] ba = new double[64][];
            for (int i = 0; i < 64; i++) {
                int k = rng.nextInt(2000);
                bx[i] = d[0][k];
                ba[i] = d[1][k];
            }
            g.fit(bx, ba);
        }
        return g;
    }

    @Test
    void lossIsTheGaussianNegativeLogLikelihood() {
        GaussianMlp g = new GaussianMlp(Mlp.builder(2, 2).hidden(4).seed(1).build(), -0.5, 0);
        double[][] x = {{0.1, 0.2}, {-0.3, 0.4}, {0.5, -0.6}};
        double[][] a = {{0.2, -0.1}, {0.0, 0.3}, {-0.4, 0.1}};
        double[][] mu = g.mean().output(x);
        double sigma = Math.exp(-0.5);
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                double diff = a[i][j] - mu[i][j];
                expected -= Math.log(Math.exp(-diff * diff / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI)));
            }
        }
        assertEquals(expected / 3, g.loss(x, a), 1e-6);
        assertEquals(expected / 3, g.fit(x, a), 1e-6, "fit returns the loss before its step");
        assertEquals(2 * (-0.5 + 0.5 * Math.log(2 * Math.PI * Math.E)), new GaussianMlp(Mlp.builder(2, 2).build(), -0.5, 0).entropy(), 1e-12);
    }

    @Test
    void learnedSigmaMatchesTheNoiseAndTheEntropyBonusWidensIt() {
        // Without the bonus the optimum of log sigma is log RMSE; with weight w, sigma^2 = MSE / (1 - w).
        GaussianMlp plain = trained(0);
        double sigma = Math.exp(plain.logStd()[0]);
        assertEquals(NOISE, sigma, 0.03, "sigma should match the label noise");
        double[][][] test = data(2000, 9);
        double[][] mu = plain.mean().output(test[0]);
        double mse = 0;
        for (int i = 0; i < 2000; i++) {
            mse += (mu[i][0] - test[1][i][0]) * (mu[i][0] - test[1][i][0]) / 2000;
        }
        assertEquals(Math.sqrt(mse), sigma, 0.03);
        GaussianMlp wide = trained(0.5);
        assertEquals(sigma * Math.sqrt(2), Math.exp(wide.logStd()[0]), 0.04);
    }

    @Test
    void policySamplesAroundTheMeanWithTheLearnedSpread() {
        GaussianMlp g = trained(0);
        GaussianPolicy p = new GaussianPolicy(g, new double[2], new double[] {1, 1}, Space.Box.of(1, -5, 5));
        double[][] obs = new double[4000][];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = new double[] {0.2, -0.2};
        }
        double[][] s = p.sample(obs, new SplittableRandom(4));
        double mean = 0;
        double sq = 0;
        for (double[] row : s) {
            mean += row[0] / s.length;
            sq += row[0] * row[0] / s.length;
        }
        assertEquals(p.act(obs[0])[0], mean, 0.02);
        assertEquals(p.std()[0], Math.sqrt(sq - mean * mean), 0.02);
        assertArrayEquals(s[17], p.sample(obs, new SplittableRandom(4))[17], "same rng seed, same samples");
        double[][] clipped = new GaussianPolicy(g, new double[2], new double[] {1, 1}, Space.Box.of(1, -0.1, 0.1))
                .sample(obs, new SplittableRandom(5));
        for (double[] row : clipped) {
            assertTrue(row[0] >= -0.1 && row[0] <= 0.1);
        }
    }

    @Test
    void rejectsBadSettingsAndActions() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new GaussianMlp(Mlp.builder(2, 2).head(Mlp.Head.CLASSIFICATION).build(), 0, 0));
        assertTrue(e.getMessage().contains("REGRESSION"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GaussianMlp(Mlp.builder(2, 1).build(), 0, -1));
        assertTrue(e.getMessage().contains("entropyWeight = -1"), e.getMessage());
        GaussianMlp g = new GaussianMlp(Mlp.builder(2, 1).build(), 0, 0);
        e = assertThrows(IllegalArgumentException.class, () -> g.fit(new double[][] {{0, 0}}, new double[][] {{0, 1}}));
        assertTrue(e.getMessage().contains("2 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GaussianPolicy(g, new double[2], new double[] {1, 1}, new Space.Discrete(2)));
        assertTrue(e.getMessage().contains("not a Box"), e.getMessage());
    }
}
