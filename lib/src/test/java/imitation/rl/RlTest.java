package imitation.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Trajectory;
import imitation.env.CartPole;
import imitation.env.PointReach;
import imitation.env.Space;
import imitation.env.VecEnv;
import imitation.nn.Activation;
import imitation.nn.Network;
import imitation.nn.Params;
import imitation.nn.Tape;
import imitation.policy.Head;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class RlTest {

    // ---------------------------------------------------------------- GAE

    @Test
    void gaeMatchesHandComputedCases() {
        double[] r = {1, 1, 1};
        double[] v = {0.5, 0.4, 0.3, 0.2};
        // terminal: δ = (0.86, 0.87, 0.7), A_t = δ_t + 0.72 A_{t+1}
        assertArrayEquals(new double[] {1.84928, 1.374, 0.7}, Gae.advantages(r, v, true, 0.9, 0.8), 1e-12);
        // cut by the time limit: the last step bootstraps from V(s_3) = 0.2, δ_2 = 1 + 0.18 − 0.3
        assertArrayEquals(new double[] {1.942592, 1.5036, 0.88}, Gae.advantages(r, v, false, 0.9, 0.8), 1e-12);
        // λ = 1: Monte-Carlo return minus V; λ = 0: one-step TD errors
        assertEquals(1 + 0.9 + 0.81 - 0.5, Gae.advantages(r, v, true, 0.9, 1)[0], 1e-12);
        assertArrayEquals(new double[] {0.86, 0.87, 0.7}, Gae.advantages(r, v, true, 0.9, 0), 1e-12);
    }

    @Test
    void gaeRejectsBadInput() {
        var e = assertThrows(IllegalArgumentException.class, () -> Gae.advantages(new double[2], new double[2], true, 0.9, 0.9));
        assertTrue(e.getMessage().contains("one more than the rewards"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Gae.advantages(new double[1], new double[2], true, 1.5, 0.9));
        assertTrue(e.getMessage().contains("gamma = 1.5"), e.getMessage());
    }

    // ---------------------------------------------------------------- conjugate gradient

    @Test
    void conjugateGradientSolvesASymmetricPositiveDefiniteSystem() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 6;
        double[][] b = new double[n][n];
        for (double[] row : b) {
            for (int j = 0; j < n; j++) {
                row[j] = rng.nextDouble(-1, 1);
            }
        }
        double[][] a = new double[n][n];   // A = BᵀB + I
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += b[k][i] * b[k][j];
                }
            }
            a[i][i] += 1;
        }
        double[] truth = {1, -2, 0.5, 3, 0, -1};
        double[] rhs = multiply(a, truth);
        double[] x = ConjugateGradient.solve(p -> multiply(a, p), rhs, n, 1e-20);
        assertArrayEquals(truth, x, 1e-8);
        double[] partial = ConjugateGradient.solve(p -> multiply(a, p), rhs, 2, 1e-20);
        assertTrue(Math.abs(partial[3] - 3) > 1e-6, "two iterations should not solve a 6-dimensional system exactly");
    }

    private static double[] multiply(double[][] a, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                y[i] += a[i][j] * x[j];
            }
        }
        return y;
    }

    // ---------------------------------------------------------------- TRPO

    private static Samples randomSamples(Head head, int n, int d, SplittableRandom rng) {
        double[][] x = new double[n][d];
        double[][] a = new double[n][];
        double[] adv = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = rng.nextDouble(-1.5, 1.5);
            }
            a[i] = head.actionSize() == 1 && head.rawSize() > 1 && !(head.rawSize() == 2 * head.actionSize())
                    ? new double[] {rng.nextInt(head.rawSize())} : new double[] {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
            adv[i] = rng.nextGaussian();
        }
        return new Samples(x, a, adv, new double[n]);
    }

    private static Network body(Head head, int d, long seed) {
        Network.Builder b = Network.builder(d).seed(seed).dense(8).tanh();
        return head.rawSize() == 3 ? b.dense(3).build() : b.dense(2).appendParameters(2, -0.3).build();
    }

    /** A TRPO step without damping on 40 random samples of 3 inputs, the inputs multiplied by {@code inputScale}. */
    private static Trpo.Step undampedStep(Head head, SplittableRandom rng, double inputScale) {
        Samples s = randomSamples(head, 40, 3, rng);
        for (double[] row : s.inputs()) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= inputScale;
            }
        }
        return new Trpo(0.01, 10, 0, 10, 0).new Step(body(head, 3, 7), head, s);
    }

    /** uᵀFv from the Fisher-vector product against ¼(q(u+v) − q(u−v)), q(w) = (KL(θ+tw) + KL(θ−tw))/t² ≈ wᵀFw. */
    @Test
    void fisherVectorProductsMatchTheCurvatureOfTheKl() {
        for (Head head : new Head[] {Head.categorical(3), Head.gaussian(2)}) {
            SplittableRandom rng = new SplittableRandom(5);
            Trpo.Step step = undampedStep(head, rng, 1);
            int p = step.params.size();
            for (int trial = 0; trial < 3; trial++) {
                double[] u = gaussian(rng, p, 1 / Math.sqrt(p));
                double[] v = gaussian(rng, p, 1 / Math.sqrt(p));
                double analytic = ConjugateGradient.dot(u, step.fisherVector(v));
                double[] sum = new double[p];
                double[] diff = new double[p];
                for (int i = 0; i < p; i++) {
                    sum[i] = u[i] + v[i];
                    diff[i] = u[i] - v[i];
                }
                double numeric = (curvature(step, sum) - curvature(step, diff)) / 4;
                assertEquals(numeric, analytic, 0.03 * Math.abs(numeric) + 1e-5, head + " trial " + trial);
                assertTrue(ConjugateGradient.dot(v, step.fisherVector(v)) > 0, "F is positive semi-definite");
            }
        }
    }

    /**
     * Inputs a thousand spreads large, as after standardising by one short expert trajectory (the GAIL run that
     * failed with "not positive definite"): the tanh units saturate, and a finite difference of the outputs along v,
     * however small its step, no longer gives J v. F = Jᵀ M J must still come out symmetric and positive
     * semi-definite to rounding, and the conjugate-gradient solve without damping must go through.
     */
    @Test
    void fisherVectorProductsStaySymmetricAndPositiveWhereTheUnitsSaturate() {
        for (Head head : new Head[] {Head.categorical(3), Head.gaussian(2)}) {
            SplittableRandom rng = new SplittableRandom(11);
            Trpo.Step step = undampedStep(head, rng, 1000);
            int p = step.params.size();
            for (int trial = 0; trial < 20; trial++) {
                double[] u = gaussian(rng, p, 1);
                double[] v = gaussian(rng, p, 1);
                double uFu = ConjugateGradient.dot(u, step.fisherVector(u));
                double vFv = ConjugateGradient.dot(v, step.fisherVector(v));
                double uFv = ConjugateGradient.dot(u, step.fisherVector(v));
                double vFu = ConjugateGradient.dot(v, step.fisherVector(u));
                assertTrue(uFu >= 0 && vFv >= 0, head + " trial " + trial + ": uᵀFu = " + uFu + ", vᵀFv = " + vFv);
                assertEquals(uFv, vFu, 1e-4 * Math.sqrt(uFu * vFv) + 1e-12, head + " trial " + trial + ": F is not symmetric");
            }
            double[] g = step.gradient();
            double[] x = ConjugateGradient.solve(step::fisherVector, g, 10, 1e-20);
            assertTrue(Double.isFinite(ConjugateGradient.dot(x, x)), head + ": the natural gradient is finite");
        }
    }

    private static double[] gaussian(SplittableRandom rng, int size, double scale) {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = rng.nextGaussian() * scale;
        }
        return out;
    }

    private static double curvature(Trpo.Step step, double[] w) {
        double t = 0.05;
        return (step.evaluate(shift(step.theta0, w, t))[0] + step.evaluate(shift(step.theta0, w, -t))[0]) / (t * t);
    }

    private static float[] shift(float[] theta, double[] w, double t) {
        float[] out = new float[theta.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (theta[i] + t * w[i]);
        }
        return out;
    }

    @Test
    void lineSearchHalvesTheStepUntilTheKlFitsAndTheSurrogateImproves() {
        // KL = ½‖θ‖², surrogate = Σθ: the full step (10, 10) has KL 100, so halve until 100 f² ≤ 0.01
        Trpo.Search s = Trpo.lineSearch(new float[2], new double[] {10, 10}, 0.01, 10, 0,
                th -> new double[] {0.5 * (th[0] * th[0] + th[1] * th[1]), th[0] + th[1]});
        assertEquals(1.0 / 128, s.fraction(), 1e-12);
        assertTrue(s.kl() <= 0.01 && s.kl() > 0.01 / 4, "the first fraction inside the region: kl " + s.kl());
        assertEquals(20.0 / 128, s.gain(), 1e-6);
        // a surrogate that never improves keeps θ
        Trpo.Search none = Trpo.lineSearch(new float[] {1, 1}, new double[] {1, 1}, 0.01, 10, 0,
                th -> new double[] {0, -1});
        assertEquals(0, none.fraction());
        assertArrayEquals(new float[] {1, 1}, none.theta());
    }

    @Test
    void trpoStepImprovesTheSurrogateWithinTheTrustRegion() {
        Head head = Head.categorical(3);
        SplittableRandom rng = new SplittableRandom(11);
        Network net = body(head, 3, 2);
        Samples s = randomSamples(head, 200, 3, rng);
        float[] before = net.params().values();
        var stats = new Trpo(0.01, 10, 0.1, 10, 0).start(net, head).improve(s, rng);
        assertTrue(stats.get("kl") <= 0.01 && stats.get("kl") > 0, "kl " + stats);
        assertTrue(stats.get("surrogate_gain") > 0, "gain " + stats);
        assertTrue(!java.util.Arrays.equals(before, net.params().values()));
    }

    @Test
    void trpoRejectsANonPositiveMaxKl() {
        var e = assertThrows(IllegalArgumentException.class, () -> PolicyStep.trpo().maxKl(0));
        assertTrue(e.getMessage().contains("maxKl = 0.0") && e.getMessage().contains("0.01"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PolicyStep.trpo().maxKl(-1));
    }

    // ---------------------------------------------------------------- PPO

    @Test
    void ppoClipStopsTheGradientOnlyWhereTheRatioLeftTheIntervalInTheAdvantagesDirection() {
        Head head = Head.categorical(3);
        Network net = body(head, 3, 4);
        Tape tape = net.tape();
        double[][] x = {{0.3, -0.2, 1}};
        double[][] a = {{2}};
        double logP = head.distribution(net.forward(tape, imitation.nn.Batch.of(x))).logProb(a)[0];
        Ppo ppo = Ppo.defaults();
        // ratio 1.5 > 1 + ε with A > 0: clipped, no gradient, objective (1 + ε)·A
        net.params().zeroGrad();
        double[] st = ppo.lossAndGradient(net, head, tape, new Samples(x, a, new double[] {2}, new double[] {logP - Math.log(1.5)}), new int[] {0});
        assertEquals(-1.2 * 2, st[0], 1e-5);
        assertEquals(1.0, st[3]);
        assertEquals(0, net.params().gradNorm());
        // ratio 1.5 with A < 0: the unclipped term is the minimum, the gradient flows, objective 1.5·A
        net.params().zeroGrad();
        st = ppo.lossAndGradient(net, head, tape, new Samples(x, a, new double[] {-2}, new double[] {logP - Math.log(1.5)}), new int[] {0});
        assertEquals(1.5 * 2, st[0], 1e-5);
        assertEquals(0.0, st[3]);
        assertTrue(net.params().gradNorm() > 0);
    }

    @Test
    void ppoLossGradientMatchesFiniteDifferences() {
        for (Head head : new Head[] {Head.categorical(3), Head.gaussian(2)}) {
            SplittableRandom rng = new SplittableRandom(8);
            Network net = body(head, 3, 9);
            Samples base = randomSamples(head, 30, 3, rng);
            double[] old = head.distribution(net.forward(net.tape(), imitation.nn.Batch.of(base.inputs()))).logProb(base.actions());
            for (int i = 0; i < old.length; i++) {
                // ratios e^{±0.05} inside [0.8, 1.2] and e^{±0.5} beyond it, far from the kinks at the bounds
                old[i] += (rng.nextBoolean() ? 1 : -1) * (rng.nextBoolean() ? 0.05 : 0.5);
            }
            Samples s = new Samples(base.inputs(), base.actions(), base.advantages(), old);
            Ppo ppo = Ppo.defaults().entropyWeight(0.05);
            Tape tape = net.tape();
            int[] rows = s.all();
            checkGradient(net, () -> ppo.lossAndGradient(net, head, tape, s, rows)[0]);
        }
    }

    @Test
    void ppoStopsWithAClearErrorWhenAProbabilityRatioOverflows() {
        Head head = Head.gaussian(2);
        Network net = body(head, 3, 5);
        double[][] x = {{0.3, -0.2, 1}};
        double[][] a = {{0.5, -0.5}};
        double logP = head.distribution(net.forward(net.tape(), imitation.nn.Batch.of(x))).logProb(a)[0];
        // the collecting policy gave the action e^-800 of the current probability: the ratio is +∞, and with A < 0
        // the unclipped term −∞ is the minimum
        Samples s = new Samples(x, a, new double[] {-1}, new double[] {logP - 800});
        var improver = Ppo.defaults().learningRate(0.003).start(net, head);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> improver.improve(s, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("epoch 1 of 10, minibatch 1") && e.getMessage().contains("learningRate (now 0.003)"),
                e.getMessage());
    }

    // ---------------------------------------------------------------- policy optimisation

    @Test
    void collectRecordsTheDrawnGaussianActionAndExecutesItClippedToTheBox() {
        // σ = e: most drawn actions leave the box [−1, 1]²; PPO's log π must be of the drawn action, not of its clip
        PolicyOptimisation.Learner learner = PolicyOptimisation.builder().hidden(8).initialLogStd(1).seed(3).build()
                .start(2, Space.Box.of(2, -1, 1));
        List<Trajectory> ts = PolicyOptimisation.trajectories(learner.collect(VecEnv.of(2, PointReach::new), 60));
        int outside = 0;
        for (Trajectory t : ts) {
            for (int k = 0; k < t.length(); k++) {
                double[] drawn = t.action(k);
                double cx = Math.max(-1, Math.min(1, drawn[0]));
                double cy = Math.max(-1, Math.min(1, drawn[1]));
                double norm = Math.max(1, Math.hypot(cx, cy));
                double[] s = t.observation(k);
                double[] next = t.observation(k + 1);
                assertEquals(Math.max(-1, Math.min(1, s[0] + PointReach.SPEED * cx / norm)), next[0], 1e-12, "step " + k);
                assertEquals(Math.max(-1, Math.min(1, s[1] + PointReach.SPEED * cy / norm)), next[1], 1e-12, "step " + k);
                if (Math.abs(drawn[0]) > 1 || Math.abs(drawn[1]) > 1) {
                    outside++;
                }
            }
        }
        assertTrue(outside > 0, "no recorded action lies outside the box: the clipped actions were recorded");
    }

    // ---------------------------------------------------------------- value function

    @Test
    void valueLossGradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(4);
        ValueFunction vf = new ValueFunction(Network.mlp(3, 1, Activation.TANH, 3, 8), 1e-3);
        double[][] x = new double[20][3];
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = rng.nextDouble(-1, 1);
            }
            y[i] = x[i][0] + 0.5 * x[i][1] * x[i][1];
        }
        int[] rows = new int[20];
        for (int i = 0; i < 20; i++) {
            rows[i] = i;
        }
        checkGradient(vf.net, () -> vf.lossAndGradient(x, y, rows));
        double first = vf.fit(x, y, 1, 5, rng);
        double later = vf.fit(x, y, 300, 5, rng);
        assertTrue(later < first / 10, "regression lowers the error: " + first + " → " + later);
    }

    @Test
    void valueFunctionFitsReturnsFarFromZeroInOneRound() {
        // returns like PointReach's: tens below zero, varying by a few with the position
        SplittableRandom rng = new SplittableRandom(6);
        int n = 1500;
        double[][] x = new double[n][2];
        double[] y = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            x[i][0] = rng.nextDouble(-1, 1);
            x[i][1] = rng.nextDouble(-1, 1);
            y[i] = -40 + 5 * x[i][0] - 2 * x[i][1] * x[i][1];
            mean += y[i] / n;
        }
        double var = 0;
        for (double v : y) {
            var += (v - mean) * (v - mean) / n;
        }
        ValueFunction vf = new ValueFunction(Network.mlp(2, 1, Activation.TANH, 5, 32, 32), 1e-3);
        double mse = vf.fit(x, y, 5, 64, rng);
        assertTrue(mse < var / 2, "one round of the default regression leaves mean squared error " + mse
                + " on returns of variance " + var);
        double[] v = vf.predict(new double[][] {{0.5, 0}});
        assertEquals(-37.5, v[0], 1.5, "V(0.5, 0)");
        // the gradient in standardised units, after the first fit has set the offset and scale
        checkGradient(vf.net, () -> vf.lossAndGradient(x, y, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    }

    /** Compares the gradient that {@code loss} accumulates with central differences of the value it returns. */
    private static void checkGradient(Network net, DoubleSupplier loss) {
        Params p = net.params();
        p.zeroGrad();
        loss.getAsDouble();
        float[] analytic = p.gradient();
        double h = 1e-2;
        for (int i = 0; i < p.size(); i += Math.max(1, p.size() / 40)) {
            float orig = p.value(i);
            p.setValue(i, (float) (orig + h));
            double plus = loss.getAsDouble();
            p.setValue(i, (float) (orig - h));
            double minus = loss.getAsDouble();
            p.setValue(i, orig);
            double numeric = (plus - minus) / (2 * h);
            assertEquals(numeric, analytic[i], 0.02 * (Math.abs(numeric) + Math.abs(analytic[i])) + 2e-3, "parameter " + i);
        }
    }

    // ---------------------------------------------------------------- learning

    @Test
    void ppoLearnsCartPoleFromTheEnvironmentsReward() {
        var r = PolicyOptimisation.builder().seed(1).build().train(CartPole.classic().vec(8), Reward.environment(), 12, 2048);
        var eval = imitation.eval.Evaluation.in(CartPole.classic().vec(10)).episodes(10).seed(99).run(r.policy());
        assertTrue(eval.meanReturn() >= 195, "CartPole-v0 is solved at 195; got " + eval.meanReturn());
    }
}
