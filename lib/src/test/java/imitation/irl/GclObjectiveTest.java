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

    /**
     * A known answer: f(x) = exp(−C(x)) = exp(−(x − 1)²/(2·0.5²)), Z = 0.5·√(2π); "demonstrations" drawn from
     * p̂ = N(0, 1), "samples" from q = N(2, 1). Weighted against μ = ½ p̂ + ½ q the estimate is unbiased and lands
     * within 4 of its own standard errors of the exact Z; the self-consistent form (demonstrations' density
     * exp(−C)/Z, right only when the demonstrations follow exp(−C)/Z, which they do not here) and the policy's
     * density alone for every trajectory both miss by far more.
     */
    @Test
    void theMixtureWithADemonstrationDensityEstimatesAKnownPartitionFunction() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 20_000;
        double[] dx = new double[n];
        double[] sx = new double[n];
        for (int j = 0; j < n; j++) {
            dx[j] = gaussian(rng);
            sx[j] = 2 + gaussian(rng);
        }
        java.util.function.DoubleUnaryOperator cost = x -> (x - 1) * (x - 1) / (2 * 0.25);
        java.util.function.DoubleUnaryOperator logNormal0 = x -> -0.5 * x * x - 0.5 * Math.log(2 * Math.PI);
        java.util.function.DoubleUnaryOperator logNormal2 = x -> logNormal0.applyAsDouble(x - 2);
        double[] dc = java.util.Arrays.stream(dx).map(cost).toArray();
        double[] sc = java.util.Arrays.stream(sx).map(cost).toArray();
        double[] dp = java.util.Arrays.stream(dx).map(logNormal0).toArray();
        double[] sp = java.util.Arrays.stream(sx).map(logNormal0).toArray();
        double[] dq = java.util.Arrays.stream(dx).map(logNormal2).toArray();
        double[] sq = java.util.Arrays.stream(sx).map(logNormal2).toArray();
        double logZ = Math.log(0.5 * Math.sqrt(2 * Math.PI));

        GclObjective.Ioc mixture = GclObjective.ioc(dc, dq, dp, sc, sq, sp);
        // standard error of Ẑ = ½ mean_demos(f/μ) + ½ mean_samples(f/μ), from the terms themselves
        double[] mu = mixture.logDensity();
        double[] demoTerms = new double[n];
        double[] sampleTerms = new double[n];
        for (int j = 0; j < n; j++) {
            demoTerms[j] = Math.exp(-dc[j] - mu[j]);
            sampleTerms[j] = Math.exp(-sc[j] - mu[n + j]);
        }
        double se = 0.5 * Math.sqrt(variance(demoTerms) / n + variance(sampleTerms) / n);
        double zTrue = Math.exp(logZ);
        assertTrue(Math.abs(Math.exp(mixture.logZ()) - zTrue) < 4 * se,
                "mixture: Ẑ = " + Math.exp(mixture.logZ()) + ", Z = " + zTrue + ", se " + se);
        assertTrue(se < 0.02 * zTrue, "the known-answer case should be precise: se " + se);

        GclObjective.Ioc selfConsistent = GclObjective.ioc(dc, dq, sc, sq);
        assertTrue(Math.abs(Math.exp(selfConsistent.logZ()) - zTrue) > 20 * se,
                "self-consistent: Ẑ = " + Math.exp(selfConsistent.logZ()) + ", Z = " + zTrue);
        double[] logF = new double[2 * n];
        double[] logQ = new double[2 * n];
        for (int j = 0; j < n; j++) {
            logF[j] = -dc[j];
            logQ[j] = dq[j];
            logF[n + j] = -sc[j];
            logQ[n + j] = sq[j];
        }
        double policyOnly = PartitionEstimate.of(logF, logQ).logZ();
        assertTrue(Math.abs(Math.exp(policyOnly) - zTrue) > 20 * se, "q alone: Ẑ = " + Math.exp(policyOnly) + ", Z = " + zTrue);
    }

    /** With the demonstration density, log Ẑ is the plain importance-sampling estimate under μ = ½ p̂ + ½ q. */
    @Test
    void theMixtureWeightsAreTheHandComputedOnes() {
        double[] dc = {1, 2};
        double[] dq = {-3, -1};
        double[] dp = {0, -2};
        double[] sc = {0.5};
        double[] sq = {-0.5};
        double[] sp = {-4};
        GclObjective.Ioc ioc = GclObjective.ioc(dc, dq, dp, sc, sq, sp);
        double[] a = {
            0.25 * Math.exp(-1) / (0.5 * Math.exp(0) + 0.5 * Math.exp(-3)),
            0.25 * Math.exp(-2) / (0.5 * Math.exp(-2) + 0.5 * Math.exp(-1)),
            0.5 * Math.exp(-0.5) / (0.5 * Math.exp(-4) + 0.5 * Math.exp(-0.5))};
        double z = a[0] + a[1] + a[2];
        assertEquals(Math.log(z), ioc.logZ(), 1e-12);
        assertEquals(1.5 + Math.log(z), ioc.loss(), 1e-12);
        assertEquals(0.5 - a[0] / z, ioc.demoGradient()[0], 1e-12);
        assertEquals(0.5 - a[1] / z, ioc.demoGradient()[1], 1e-12);
        assertEquals(-a[2] / z, ioc.sampleGradient()[0], 1e-12);
        assertEquals(z * z / (a[0] * a[0] + a[1] * a[1] + a[2] * a[2]), ioc.partition().effectiveSampleSize(), 1e-9);
    }

    /** With a fixed demonstration density μ does not depend on C, so the loss itself is differentiated. */
    @Test
    void mixtureGradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] dc = random(3, 4, rng);
        double[] dq = random(3, 30, rng);
        double[] dp = random(3, 6, rng);
        double[] sc = random(4, 4, rng);
        double[] sq = random(4, 6, rng);
        double[] sp = random(4, 30, rng);
        GclObjective.Ioc ioc = GclObjective.ioc(dc, dq, dp, sc, sq, sp);
        double h = 1e-5;
        for (int j = 0; j < 7; j++) {
            double[] d = dc.clone();
            double[] s = sc.clone();
            double[] v = j < 3 ? d : s;
            int k = j < 3 ? j : j - 3;
            v[k] += h;
            double plus = GclObjective.ioc(d, dq, dp, s, sq, sp).loss();
            v[k] -= 2 * h;
            double minus = GclObjective.ioc(d, dq, dp, s, sq, sp).loss();
            double analytic = j < 3 ? ioc.demoGradient()[j] : ioc.sampleGradient()[j - 3];
            assertEquals((plus - minus) / (2 * h), analytic, 1e-7, "trajectory " + j);
        }
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static double variance(double[] v) {
        double m = java.util.Arrays.stream(v).average().orElse(0);
        return java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1);
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

    /**
     * The per-step form on a hand-computed case: a demonstration step with c = 0 and ℓ = log ½ has
     * D = 1/(1 + ½) = 2/3, a sample step with c = log 2 and ℓ = 0 has D = ½/(½ + 1) = 1/3; loss
     * −log(2/3) − log(2/3), gradients (1 − D)/1 and −D/1.
     */
    @Test
    void perStepDiscriminatorOnAHandComputedCase() {
        GclObjective.Adversarial d = GclObjective.perStep(new double[] {0}, new double[] {Math.log(0.5)},
                new double[] {Math.log(2)}, new double[] {0});
        assertEquals(2.0 / 3, d.demoD()[0], 1e-12);
        assertEquals(1.0 / 3, d.sampleD()[0], 1e-12);
        assertEquals(-2 * Math.log(2.0 / 3), d.loss(), 1e-12);
        assertEquals(1.0 / 3, d.demoGradient()[0], 1e-12);
        assertEquals(-1.0 / 3, d.sampleGradient()[0], 1e-12);
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
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GclObjective.ioc(one, one, new double[2], one, one, one))
                .getMessage().contains("one log p̂ (demonstration density) per trajectory"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GclObjective.ioc(one, one, one, one, one, new double[] {Double.NEGATIVE_INFINITY}))
                .getMessage().contains("sampleLogP[0] = -Infinity"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GclObjective.discriminator(one, one, one, one, Double.NaN))
                .getMessage().contains("logZ = NaN"));
    }
}
