package imitation.irl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Trajectory;
import imitation.env.CartPole;
import imitation.env.PointReach;
import imitation.policy.Distribution;
import imitation.policy.NetPolicy;
import imitation.rl.PolicyOptimisation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutedLikelihoodTest {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    @Test
    void logNormalCdfMatchesKnownValuesAndStaysFiniteInTheTails() {
        assertEquals(Math.log(0.5), Distribution.logNormalCdf(0), 1e-7);
        assertEquals(Math.log(0.9750021048517795), Distribution.logNormalCdf(1.96), 1e-7);
        assertEquals(Math.log(0.15865525393145707), Distribution.logNormalCdf(-1), 1e-7);
        assertEquals(Math.log(2.866515718791939e-7), Distribution.logNormalCdf(-5), 1e-6);
        // far tail: log Φ(z) = −z²/2 − log(−z) − ½ log 2π + log(1 − 1/z² + 3/z⁴ − ...)
        double z = -40;
        double asymptotic = -z * z / 2 - Math.log(-z) - HALF_LOG_2PI + Math.log(1 - 1 / (z * z) + 3 / (z * z * z * z));
        assertEquals(asymptotic, Distribution.logNormalCdf(z), 1e-6);
        assertTrue(Double.isFinite(Distribution.logNormalCdf(-1e4)));
        assertEquals(0, Distribution.logNormalCdf(40), 1e-15);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Distribution.logNormalCdf(Double.NaN))
                .getMessage().contains("z is NaN"));
    }

    /**
     * The executed action of a Gaussian clipped to [−1, 1] is a proper distribution: in one dimension, the masses at
     * the two bounds plus the density integrated over the inside sum to 1 (the other dimension held inside, where its
     * term is the plain Gaussian log-density).
     */
    @Test
    void massesAtTheBoundsAndTheDensityInsideSumToOne() {
        NetPolicy policy = PolicyOptimisation.builder().hidden(8).initialLogStd(-0.2).seed(4).build()
                .start(2, new PointReach().actionSpace()).policy();
        double[] s = {0.3, -0.6};
        double[] raw = policy.outputs(new double[][] {s})[0];
        double mu1 = raw[1];
        double sigma1 = Math.exp(raw[3]);
        double a1 = 0.25;
        double z1 = (a1 - mu1) / sigma1;
        double other = -0.5 * z1 * z1 - raw[3] - HALF_LOG_2PI;
        int cells = 20_000;
        double total = 0;
        for (int k = 0; k < cells; k++) {
            double a0 = -1 + 2 * (k + 0.5) / cells;
            total += Math.exp(likelihood(policy, s, a0, a1) - other) * 2.0 / cells;
        }
        double low = Math.exp(likelihood(policy, s, -1.7, a1) - other);
        double high = Math.exp(likelihood(policy, s, 1.0, a1) - other);
        assertTrue(low > 0.05 && high > 0.05, "the test needs real masses at both bounds: " + low + ", " + high);
        assertEquals(1, total + low + high, 1e-6);
        // every draw beyond a bound has the bound's mass
        assertEquals(low, Math.exp(likelihood(policy, s, -5, a1) - other), 1e-12);
        // inside, it is the policy's own log π
        assertEquals(policy.logProb(new double[][] {s}, new double[][] {{0.1, a1}})[0], likelihood(policy, s, 0.1, a1), 1e-9);
    }

    private static double likelihood(NetPolicy policy, double[] s, double a0, double a1) {
        Trajectory t = new Trajectory(new double[][] {s, s}, new double[][] {{a0, a1}}, new double[] {0}, false);
        return ExecutedLikelihood.of(policy, List.of(t))[0];
    }

    @Test
    void aDiscretePolicysExecutedActionIsItsDrawnOne() {
        NetPolicy policy = PolicyOptimisation.builder().hidden(8).seed(2).build().start(4, CartPole.classic().actionSpace()).policy();
        double[][] obs = {{0.1, 0, 0.02, 0}, {0, 0.3, -0.01, 0.2}, {0, 0, 0, 0}};
        double[][] act = {{1}, {0}};
        Trajectory t = new Trajectory(obs, act, new double[2], false);
        assertArrayEquals(policy.logProb(new double[][] {obs[0], obs[1]}, act), ExecutedLikelihood.of(policy, List.of(t)), 1e-12);
    }

    @Test
    void anActionOfTheWrongSizeIsNamed() {
        NetPolicy policy = PolicyOptimisation.builder().hidden(8).build().start(2, new PointReach().actionSpace()).policy();
        Trajectory t = new Trajectory(new double[][] {{0, 0}, {0, 0}}, new double[][] {{0.1, 0.2, 0.3}}, new double[] {0}, false);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExecutedLikelihood.of(policy, List.of(t)))
                .getMessage().contains("action of 3 values"));
    }
}
