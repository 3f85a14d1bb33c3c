package imitation.irl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GclObjectiveTest {
    private static double[] random(int n, double scale, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * (2 * rng.nextDouble() - 1);
        }
        return v;
    }

    /** When the policy is the model itself, q = exp(−C)/Z: the fixed point is that Z and all weights are α. */
    @Test
    void policyEqualToTheModelRecoversItsPartitionFunction() {
        SplittableRandom rng = new SplittableRandom(1);
        double logZTrue = 2.3;
        double[] dc = random(4, 5, rng);
        double[] sc = random(6, 5, rng);
        double[] dq = new double[4];
        double[] sq = new double[6];
        for (int j = 0; j < 4; j++) {
            dq[j] = -dc[j] - logZTrue;
        }
        for (int j = 0; j < 6; j++) {
            sq[j] = -sc[j] - logZTrue;
        }
        GclObjective.Ioc ioc = GclObjective.ioc(dc, dq, sc, sq);
        assertEquals(logZTrue, ioc.logZ(), 1e-9);
        for (int j = 0; j < 4; j++) {
            assertEquals(1.0 / 8, ioc.partition().weights()[j], 1e-9);
            assertEquals(1.0 / 4 - 1.0 / 8, ioc.demoGradient()[j], 1e-9);
        }
        for (int j = 0; j < 6; j++) {
            assertEquals(-1.0 / 12, ioc.sampleGradient()[j], 1e-9);
        }
        assertEquals(1 / (4 * (1.0 / 64) + 6 * (1.0 / 144)), ioc.partition().effectiveSampleSize(), 1e-9);
    }

    @Test
    void theEstimateIsSelfConsistent() {
        SplittableRandom rng = new SplittableRandom(2);
        double[] dc = random(5, 20, rng);
        double[] dq = random(5, 30, rng);
        double[] sc = random(7, 20, rng);
        double[] sq = random(7, 30, rng);
        GclObjective.Ioc ioc = GclObjective.ioc(dc, dq, sc, sq);
        // the Z inside the sampling density μ̃ is the Z the importance sampling returns
        assertEquals(GclObjective.selfConsistentLogZ(dc, dq, sc, sq), ioc.logZ(), 1e-8);
    }

    /** Finn, Christiano, Abbeel and Levine 2016: at the IOC's Z the discriminator's gradient in the cost is the IOC's. */
    @Test
    void discriminatorUpdateAgreesWithTheIocGradientAtTheSelfConsistentZ() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] dc = random(6, 10, rng);
        double[] dq = random(6, 15, rng);
        double[] sc = random(9, 10, rng);
        double[] sq = random(9, 15, rng);
        GclObjective.Ioc ioc = GclObjective.ioc(dc, dq, sc, sq);
        GclObjective.Adversarial d = GclObjective.discriminator(dc, dq, sc, sq, ioc.logZ());
        assertEquals(0, d.logZGradient(), 1e-9, "Z minimises the discriminator's loss");
        for (int j = 0; j < 6; j++) {
            assertEquals(ioc.demoGradient()[j], d.demoGradient()[j], 1e-9);
        }
        for (int j = 0; j < 9; j++) {
            assertEquals(ioc.sampleGradient()[j], d.sampleGradient()[j], 1e-9);
        }
        // away from that Z they differ: the agreement is the theorem, not an identity
        GclObjective.Adversarial off = GclObjective.discriminator(dc, dq, sc, sq, ioc.logZ() + 1);
        double gap = 0;
        for (int j = 0; j < 9; j++) {
            gap = Math.max(gap, Math.abs(off.sampleGradient()[j] - ioc.sampleGradient()[j]));
        }
        assertTrue(gap > 1e-3, "gap " + gap);
        assertTrue(Math.abs(off.logZGradient()) > 1e-3);
    }

    /** ∂L_IOC/∂C by central differences, the sampling density μ̃ held fixed (it drew the samples). */
    @Test
    void iocGradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(4);
        double[] dc = random(3, 4, rng);
        double[] dq = random(3, 6, rng);
        double[] sc = random(5, 4, rng);
        double[] sq = random(5, 6, rng);
        GclObjective.Ioc ioc = GclObjective.ioc(dc, dq, sc, sq);
        double[] logMu = ioc.logDensity();
        double[] logAlpha = new double[8];
        for (int j = 0; j < 8; j++) {
            logAlpha[j] = -Math.log(2.0 * (j < 3 ? 3 : 5));
        }
        double h = 1e-5;
        for (int j = 0; j < 8; j++) {
            double[] c = new double[8];
            for (int k = 0; k < 8; k++) {
                c[k] = k < 3 ? dc[k] : sc[k - 3];
            }
            c[j] += h;
            double plus = frozenLoss(c, logMu, logAlpha);
            c[j] -= 2 * h;
            double minus = frozenLoss(c, logMu, logAlpha);
            double analytic = j < 3 ? ioc.demoGradient()[j] : ioc.sampleGradient()[j - 3];
            assertEquals((plus - minus) / (2 * h), analytic, 1e-7, "trajectory " + j);
        }
        double[] c0 = new double[8];
        for (int k = 0; k < 8; k++) {
            c0[k] = k < 3 ? dc[k] : sc[k - 3];
        }
        assertEquals(ioc.loss(), frozenLoss(c0, logMu, logAlpha), 1e-9);
    }

    private static double frozenLoss(double[] c, double[] logMu, double[] logAlpha) {
        double[] logF = new double[c.length];
        for (int j = 0; j < c.length; j++) {
            logF[j] = -c[j];
        }
        return (c[0] + c[1] + c[2]) / 3 + PartitionEstimate.of(logF, logMu, logAlpha).logZ();
    }

    @Test
    void discriminatorGradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] dc = random(3, 3, rng);
        double[] dq = random(3, 3, rng);
        double[] sc = random(4, 3, rng);
        double[] sq = random(4, 3, rng);
        double logZ = 0.4;
        GclObjective.Adversarial d = GclObjective.discriminator(dc, dq, sc, sq, logZ);
        double h = 1e-6;
        for (int j = 0; j < 4; j++) {
            double[] p = sc.clone();
            double[] m = sc.clone();
            p[j] += h;
            m[j] -= h;
            double numeric = (GclObjective.discriminator(dc, dq, p, sq, logZ).loss()
                    - GclObjective.discriminator(dc, dq, m, sq, logZ).loss()) / (2 * h);
            assertEquals(numeric, d.sampleGradient()[j], 1e-7);
        }
        for (int j = 0; j < 3; j++) {
            double[] p = dc.clone();
            double[] m = dc.clone();
            p[j] += h;
            m[j] -= h;
            double numeric = (GclObjective.discriminator(p, dq, sc, sq, logZ).loss()
                    - GclObjective.discriminator(m, dq, sc, sq, logZ).loss()) / (2 * h);
            assertEquals(numeric, d.demoGradient()[j], 1e-7);
        }
        double numeric = (GclObjective.discriminator(dc, dq, sc, sq, logZ + h).loss()
                - GclObjective.discriminator(dc, dq, sc, sq, logZ - h).loss()) / (2 * h);
        assertEquals(numeric, d.logZGradient(), 1e-7);
    }

    @Test
    void costsWhoseExponentialOverflowsGiveFiniteLossAndGradients() {
        double[] dc = {-1000, -990};
        double[] sc = {-995, 500, -1005};
        double[] dq = {-40, -60};
        double[] sq = {-10, -12, -11};
        assertEquals(Double.POSITIVE_INFINITY, Math.exp(-dc[0]));
        GclObjective.Ioc ioc = GclObjective.ioc(dc, dq, sc, sq);
        assertTrue(Double.isFinite(ioc.loss()) && Double.isFinite(ioc.logZ()), "loss " + ioc.loss());
        for (double g : ioc.sampleGradient()) {
            assertTrue(Double.isFinite(g));
        }
        GclObjective.Adversarial d = GclObjective.discriminator(dc, dq, sc, sq, ioc.logZ());
        assertEquals(0, d.logZGradient(), 1e-8);
    }

    @Test
    void badInputIsNamed() {
        double[] one = {0};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GclObjective.ioc(new double[0], new double[0], one, one))
                .getMessage().contains("demoCost is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GclObjective.ioc(one, one, null, one))
                .getMessage().contains("sampleCost is null"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GclObjective.ioc(one, new double[2], one, one))
                .getMessage().contains("one log q per trajectory"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GclObjective.ioc(new double[] {Double.NaN}, one, one, one))
                .getMessage().contains("demoCost[0] = NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GclObjective.ioc(one, one, one, new double[] {Double.NEGATIVE_INFINITY}))
                .getMessage().contains("sampleLogQ[0] = -Infinity"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GclObjective.discriminator(one, one, one, one, Double.NaN))
                .getMessage().contains("logZ = NaN"));
    }
}
