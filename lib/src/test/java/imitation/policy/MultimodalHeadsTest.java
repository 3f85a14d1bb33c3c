package imitation.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Demonstrations;
import imitation.data.Trajectory;
import imitation.env.Space;
import imitation.learn.BehaviorCloning;
import imitation.nn.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The multimodal heads recover a known bimodal action distribution; bad settings and actions are named. */
class MultimodalHeadsTest {
    private static final double[] LO2 = {-1, -1};
    private static final double[] HI2 = {1, 1};

    /**
     * Demonstrations whose action does not depend on the observation: (+0.6, +0.6) or (−0.6, −0.6) with equal
     * chance, plus noise of std 0.05 (clipped to [-1, 1]); observations uniform in [-1, 1].
     */
    private static Demonstrations bimodal(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Trajectory> out = new ArrayList<>();
        for (int e = 0; e < 40; e++) {
            double[][] obs = new double[21][1];
            double[][] act = new double[20][2];
            for (int t = 0; t <= 20; t++) {
                obs[t][0] = rng.nextDouble() * 2 - 1;
            }
            for (double[] a : act) {
                double m = rng.nextBoolean() ? 0.6 : -0.6;
                a[0] = Math.max(-1, Math.min(1, m + 0.05 * rng.nextGaussian()));
                a[1] = Math.max(-1, Math.min(1, m + 0.05 * rng.nextGaussian()));
            }
            out.add(new Trajectory(obs, act, new double[20], false));
        }
        return Demonstrations.of(out);
    }

    private static double[][] samples(Head head, Demonstrations demos) {
        NetPolicy p = BehaviorCloning.builder().head(head).steps(1500).batchSize(64).learningRate(3e-3).entropyWeight(0)
                .seed(1).build().train(demos, Space.Box.of(2, -1, 1)).policy();
        double[][] obs = new double[2000][1];
        return p.sample(obs, new SplittableRandom(3));
    }

    /** Shares of samples within 0.2 (per value) of (+0.6, +0.6), of (−0.6, −0.6), and on the mixed corners. */
    private static double[] shares(double[][] s) {
        double[] c = new double[3];
        for (double[] a : s) {
            boolean x = a[0] > 0;
            boolean y = a[1] > 0;
            if (x != y) {
                c[2]++;
            } else if (Math.abs(Math.abs(a[0]) - 0.6) < 0.2 && Math.abs(Math.abs(a[1]) - 0.6) < 0.2) {
                c[x ? 0 : 1]++;
            }
        }
        for (int i = 0; i < 3; i++) {
            c[i] /= s.length;
        }
        return c;
    }

    @Test
    void multimodalHeadsRecoverBothModesWithTheirShares() {
        Demonstrations demos = bimodal(1);
        for (Head head : List.of(Head.mixture(2, 2), Head.mixture(5, 2), Head.autoregressive(10, LO2, HI2),
                Head.kMeansOffset(demos.actions(), 4, 0.3, 1))) {
            double[] s = shares(samples(head, demos));
            assertEquals(0.5, s[0], 0.1, head + ": share of (+0.6, +0.6) " + s[0]);
            assertEquals(0.5, s[1], 0.1, head + ": share of (−0.6, −0.6) " + s[1]);
            assertTrue(s[2] < 0.05, head + ": " + s[2] + " of the samples mix the modes");
        }
    }

    @Test
    void perDimensionBinsKeepEachValuesModesButNotTheirCorrelation() {
        double[] s = shares(samples(Head.binned(10, LO2, HI2), bimodal(1)));
        // independent values: each corner gets about a quarter, so about half the samples mix the modes
        assertEquals(0.5, s[2], 0.1, "mixed share " + s[2]);
        assertEquals(0.25, s[0], 0.1, "share of (+0.6, +0.6) " + s[0]);
    }

    @Test
    void regressionAndASingleGaussianPutTheirModeBetweenTheModes() {
        Demonstrations demos = bimodal(1);
        for (Head head : List.of(Head.deterministic(2), Head.gaussian(2))) {
            NetPolicy p = BehaviorCloning.builder().head(head).steps(1500).batchSize(64).learningRate(3e-3)
                    .entropyWeight(0).seed(1).build().train(demos, Space.Box.of(2, -1, 1)).policy();
            double[] a = p.act(new double[] {0});
            assertTrue(Math.abs(a[0]) < 0.15 && Math.abs(a[1]) < 0.15, head + " acts " + a[0] + ", " + a[1]
                    + "; the modes are ±0.6, their mean 0");
        }
    }

    @Test
    void mixtureLossStaysFiniteFarFromEveryComponentAndSigmaIsFloored() {
        // one component at 0 with ρ = −100 (σ would be e^−100 without the floor), action 1e3 away
        Distribution d = Head.mixture(2, 1, 1e-3).distribution(Batch.of(new double[][] {{0, 0, 0, 0, -100, -100}}));
        double lp = d.logProb(new double[][] {{1e3}})[0];
        assertTrue(Double.isFinite(lp), "log π = " + lp);
        // at the mean: log N = −log σ − ½ log 2π with σ = the floor 1e-3 (σ = 1e-3 + e^−100)
        assertEquals(-Math.log(1e-3) - 0.5 * Math.log(2 * Math.PI), d.logProb(new double[][] {{0}})[0], 1e-6);
        Batch g = Batch.zeros(1, 6);
        double loss = d.lossGradient(new double[][] {{1e3}}, new double[] {1}, 0, g);
        assertTrue(Double.isFinite(loss), "loss " + loss);
        for (double v : g.toArray()[0]) {
            assertTrue(Double.isFinite(v), "gradient " + v);
        }
    }

    @Test
    void badSettingsAndActionsAreNamed() {
        assertMessage(() -> Head.mixture(0, 2), "components (K) = 0");
        assertMessage(() -> Head.mixture(2, 2, 0), "minStd = 0.0");
        assertMessage(() -> Head.mixture(2, 2, Double.NaN), "minStd = NaN");
        assertMessage(() -> Head.binned(1, new double[] {-1}, new double[] {1}), "bins = 1");
        assertMessage(() -> Head.autoregressive(1, new double[] {-1}, new double[] {1}), "bins = 1");
        assertMessage(() -> Head.binned(5, new double[] {1}, new double[] {-1}), "bin range 0 is [1.0, -1.0]");
        assertMessage(() -> Head.autoregressive(64, new double[] {-1, -1, -1}, new double[] {1, 1, 1}), "raw outputs");
        assertMessage(() -> Head.kMeansOffset(new double[][] {{0}, {1}}, 0, 0.1, 1), "k = 0");
        assertMessage(() -> Head.kMeansOffset(new double[][] {{0}, {1}}, 3, 0.1, 1), "needs at least 3 actions");
        assertMessage(() -> Head.kMeansOffset(new double[][] {{0}, {Double.NaN}}, 1, 0.1, 1), "actions[1][0] = NaN");
        assertMessage(() -> Head.kMeansOffset(new double[][] {{0}, {1}}, 1, 0, 1), "offsetStd = 0.0");
        for (Head h : List.of(Head.binned(4, new double[] {-1}, new double[] {1}),
                Head.autoregressive(4, new double[] {-1}, new double[] {1}))) {
            Distribution d = h.distribution(Batch.zeros(1, h.rawSize()));
            assertMessage(() -> d.logProb(new double[][] {{1.5}}), "actions[0][0] = 1.5 is outside the bins' range [-1.0, 1.0]");
            assertMessage(() -> d.lossGradient(new double[][] {{-3}}, new double[] {1}, 0, Batch.zeros(1, h.rawSize())),
                    "does not clip");
            // the upper bound itself belongs to the last bin
            assertTrue(Double.isFinite(d.logProb(new double[][] {{1.0}})[0]));
        }
        for (Head h : List.of(Head.mixture(2, 1), Head.binned(4, new double[] {-1}, new double[] {1}),
                Head.autoregressive(4, new double[] {-1}, new double[] {1}),
                Head.kMeansOffset(new double[][] {{0}, {1}}, 2, 0.1, 1))) {
            Distribution d = h.distribution(Batch.zeros(1, h.rawSize()));
            assertMessage(() -> d.lossGradient(new double[][] {{Double.NaN}}, new double[] {1}, 0, Batch.zeros(1, h.rawSize())),
                    "actions[0][0] = NaN");
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
