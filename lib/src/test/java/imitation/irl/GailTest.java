package imitation.irl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.data.Trajectory;
import imitation.data.driving.DrivingRecord;
import imitation.data.driving.DrivingRuns;
import imitation.env.CartPole;
import imitation.env.Space;
import imitation.env.driving.DrivingWorld;
import imitation.expert.CartPoleExpert;
import imitation.nn.Activation;
import imitation.nn.GradCheck;
import imitation.nn.Network;
import imitation.policy.NetPolicy;
import imitation.rl.PolicyOptimisation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GailTest {
    private static final Demonstrations EXPERT =
            Rollouts.in(CartPole.classic().vec(4)).episodes(4).seed(3).collect(new CartPoleExpert());

    private static Pairs randomPairs(int n, SplittableRandom rng, boolean done) {
        return randomPairs(n, rng, done, 0);
    }

    private static Pairs randomPairs(int n, SplittableRandom rng, boolean done, double shift) {
        double[][] o = new double[n][4];
        double[][] a = new double[n][1];
        double[][] s = new double[n][4];
        boolean[] d = new boolean[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                o[i][j] = rng.nextDouble(-1, 1) + shift;
                s[i][j] = rng.nextDouble(-1, 1);
            }
            a[i][0] = rng.nextInt(2);
            d[i] = done && i % 3 == 0;
        }
        return new Pairs(o, a, s, d);
    }

    private static Discriminator discriminator(boolean airl) {
        double[] mean = new double[4];
        double[] scale = {1, 1, 1, 1};
        Network g = Network.mlp(6, 1, Activation.TANH, 1, 16);
        Network h = airl ? Network.mlp(4, 1, Activation.TANH, 2, 16) : null;
        return new Discriminator(g, h, 0.9, mean, scale, new Space.Discrete(2), 1e-2);
    }

    @Test
    void discriminatorUpdateRaisesDOnExpertAndLowersItOnPolicySamples() {
        for (boolean airl : new boolean[] {false, true}) {
            SplittableRandom rng = new SplittableRandom(1);
            Discriminator d = discriminator(airl);
            Pairs expert = randomPairs(32, rng, airl, 0.5);
            Pairs policy = randomPairs(32, rng, airl, -0.5);
            double[] lpE = new double[32];
            double[] lpP = new double[32];
            java.util.Arrays.fill(lpE, Math.log(0.5));
            java.util.Arrays.fill(lpP, Math.log(0.5));
            double gap0 = mean(d.logits(expert, lpE)) - mean(d.logits(policy, lpP));
            double loss0 = d.update(expert, lpE, policy, lpP);
            double gap1 = mean(d.logits(expert, lpE)) - mean(d.logits(policy, lpP));
            assertTrue(gap1 > gap0, "one step separates D(expert) from D(policy) further, airl " + airl);
            double loss = loss0;
            for (int k = 0; k < 200; k++) {
                loss = d.update(expert, lpE, policy, lpP);
            }
            assertTrue(loss < loss0 / 2, "the cross-entropy falls: " + loss0 + " → " + loss);
            // label 1 = expert: D = σ(ℓ) > ½ on the expert's transitions, < ½ on the policy's
            assertTrue(Arrays.stream(d.logits(expert, lpE)).filter(l -> l > 0).count() >= 29, "expert classified as expert");
            assertTrue(Arrays.stream(d.logits(policy, lpP)).filter(l -> l < 0).count() >= 29, "policy classified as policy");
        }
    }

    @Test
    void theDiscriminatorsGradientMatchesCentralDifferences() {
        for (boolean airl : new boolean[] {false, true}) {
            SplittableRandom rng = new SplittableRandom(4);
            Discriminator d = discriminator(airl);
            Pairs expert = randomPairs(12, rng, airl, 0.5);
            Pairs policy = randomPairs(12, rng, airl, -0.5);
            double[] lpE = rng.doubles(12, -2, 0).toArray();
            double[] lpP = rng.doubles(12, -2, 0).toArray();
            d.lossGradient(expert, lpE, policy, lpP);
            double[] point = concat(toDouble(d.g.params().values()), airl ? toDouble(d.h.params().values()) : new double[0]);
            double[] analytic = concat(toDouble(d.g.params().gradient()), airl ? toDouble(d.h.params().gradient()) : new double[0]);
            java.util.function.ToDoubleFunction<double[]> loss = x -> {
                int n = d.g.params().size();
                d.g.params().set(toFloat(Arrays.copyOfRange(x, 0, n)));
                if (airl) {
                    d.h.params().set(toFloat(Arrays.copyOfRange(x, n, x.length)));
                }
                return d.lossGradient(expert, lpE, policy, lpP);
            };
            GradCheck.function(point, loss, analytic, GradCheck.H, 5, GradCheck.TOLERANCE);
            double[] tripled = Arrays.stream(analytic).map(v -> 3 * v).toArray();
            assertThrows(AssertionError.class, () -> GradCheck.function(point, loss, tripled, GradCheck.H, 5, GradCheck.TOLERANCE),
                    "a gradient three times too large fails the check, airl " + airl);
        }
    }

    @Test
    void onABoxTheDiscriminatorSeesTheExecutedClippedActionNotTheDraw() {
        // the policy's rollouts record the Gaussian draw (for log π); the environment executed it clipped to the box,
        // as the expert's demonstrated actions are: g must score a draw beyond the edge as the edge action itself
        Space box = Space.Box.of(1, -1, 1);
        Network g = Network.mlp(3, 1, Activation.TANH, 5, 8);
        Discriminator d = new Discriminator(g, null, 0.9, new double[2], new double[] {1, 1}, box, 1e-2);
        double[][] obs = {{0.3, -0.2}, {0.3, -0.2}, {0.3, -0.2}, {-0.1, 0.4}, {-0.1, 0.4}};
        double[][] act = {{2.7}, {1}, {0.4}, {-3.5}, {-1}};
        Pairs p = new Pairs(obs, act, obs, new boolean[5]);
        double[] l = d.logits(p, null);
        assertEquals(l[1], l[0], 0, "a draw of 2.7 is executed as 1");
        assertEquals(l[4], l[3], 0, "a draw of −3.5 is executed as −1");
        assertTrue(Math.abs(l[2] - l[1]) > 1e-6, "inside the box the action itself counts: " + l[2] + " vs " + l[1]);
        assertEquals(2.7, act[0][0], 0, "the recorded draw is left as it was");
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double mean(double[] a) {
        return java.util.Arrays.stream(a).average().orElseThrow();
    }

    @Test
    void airlLogitIsShapedRewardMinusLogPi() {
        SplittableRandom rng = new SplittableRandom(2);
        Discriminator d = discriminator(true);
        Pairs p = randomPairs(10, rng, true);
        double[] logPi = new double[10];
        for (int i = 0; i < 10; i++) {
            logPi[i] = -rng.nextDouble(0.1, 2);
        }
        double[] l = d.logits(p, logPi);
        double[][] x = new double[10][];
        for (int i = 0; i < 10; i++) {
            x[i] = new double[] {p.obs()[i][0], p.obs()[i][1], p.obs()[i][2], p.obs()[i][3],
                    p.act()[i][0] == 0 ? 1 : 0, p.act()[i][0] == 1 ? 1 : 0};
        }
        double[][] g = d.g.predict(x);
        double[][] hs = d.h.predict(p.obs());
        double[][] hn = d.h.predict(p.next());
        for (int i = 0; i < 10; i++) {
            double f = g[i][0] + (p.done()[i] ? 0 : 0.9 * hn[i][0]) - hs[i][0];
            assertEquals(f - logPi[i], l[i], 1e-5, "row " + i + (p.done()[i] ? " (terminal: no h(s′))" : ""));
        }
        // D = exp f / (exp f + π)
        double f0 = l[0] + logPi[0];
        assertEquals(Math.exp(f0) / (Math.exp(f0) + Math.exp(logPi[0])), Discriminator.sigmoid(l[0]), 1e-12);
    }

    @Test
    void rewardFormsHaveTheirSigns() {
        for (double l : new double[] {-5, -0.3, 0, 0.7, 4}) {
            double dExpert = Discriminator.sigmoid(l);
            assertEquals(-Math.log(1 - dExpert), Gail.RewardForm.POSITIVE.of(l), 1e-9);
            assertEquals(Math.log(dExpert), Gail.RewardForm.NEGATIVE.of(l), 1e-9);
            assertEquals(l, Gail.RewardForm.LOGIT.of(l));
            assertTrue(Gail.RewardForm.POSITIVE.of(l) > 0 && Gail.RewardForm.NEGATIVE.of(l) < 0);
        }
    }

    private static Gail small() {
        return Gail.builder().policy(PolicyOptimisation.builder().hidden(16).build()).rounds(1).stepsPerRound(200)
                .discriminatorHidden(16).discriminatorSteps(2, 16).progress(s -> {}).build();
    }

    @Test
    void gailRejectsBadInputWithNamedMessages() {
        var e = assertThrows(IllegalArgumentException.class, () -> small().train(CartPole.classic().vec(2), null));
        assertTrue(e.getMessage().contains("demos is null"), e.getMessage());
        Trajectory wide = new Trajectory(new double[][] {{0, 0, 0}, {0, 0, 0}}, new double[][] {{1}}, new double[] {1}, false);
        e = assertThrows(IllegalArgumentException.class, () -> small().train(CartPole.classic().vec(2), Demonstrations.of(wide)));
        assertTrue(e.getMessage().contains("observations of size 3") && e.getMessage().contains("have 4"), e.getMessage());
        Trajectory twoActions = new Trajectory(new double[][] {{0, 0, 0, 0}, {0, 0, 0, 0}}, new double[][] {{1, 0}},
                new double[] {1}, false);
        e = assertThrows(IllegalArgumentException.class, () -> small().train(CartPole.classic().vec(2), Demonstrations.of(twoActions)));
        assertTrue(e.getMessage().contains("actions of size 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Demonstrations.of(new ArrayList<Trajectory>()));
        assertTrue(e.getMessage().contains("no trajectories"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Gail.builder().discriminatorSteps(-1, 8));
        assertTrue(e.getMessage().contains("discriminatorSteps = -1"), e.getMessage());
    }

    @Test
    void aDiscriminatorThatReturnsNanStopsTheTraining() {
        // both hidden units are 3e38 (bias only); the output adds 3e38·3e38 = +∞ and 3e38·(−3e38) = −∞: NaN
        Network broken = Network.builder(6).dense(2).dense(1).build();
        float[] w = new float[broken.params().size()];
        w[12] = 3e38f;
        w[13] = 3e38f;
        w[14] = 3e38f;
        w[15] = -3e38f;
        broken.params().set(w);
        assertTrue(Double.isNaN(broken.predict(new double[][] {{1, 1, 1, 1, 1, 0}})[0][0]));
        var e = assertThrows(ArithmeticException.class, () -> Gail.builder().policy(PolicyOptimisation.builder().hidden(8).build())
                .rounds(1).stepsPerRound(50).discriminator(broken).progress(s -> {}).build()
                .train(CartPole.classic().vec(2), EXPERT));
        // (the training pass may meet the overflow as NaN or as ±∞; both are stopped)
        assertTrue(e.getMessage().matches("the discriminator returned (NaN|-?Infinity) for transition \\d+.*")
                && e.getMessage().contains("discriminatorLearningRate"),
                e.getMessage());
    }

    @Test
    void horizonLeakIsWarnedForSignedRewardsOnEpisodesThatEndEarly() {
        List<String> lines = new ArrayList<>();
        Gail.Result r = Gail.builder().policy(PolicyOptimisation.builder().hidden(8).build()).rounds(1).stepsPerRound(200)
                .discriminatorSteps(1, 8).progress(lines::add).build().train(CartPole.classic().vec(2), EXPERT);
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).contains("paid for surviving") && r.warnings().get(0).contains("fixedHorizon"),
                r.warnings().get(0));
        assertTrue(lines.get(0).startsWith("warning:"));
        Gail.Result neg = Gail.builder().policy(PolicyOptimisation.builder().hidden(8).build()).rounds(1).stepsPerRound(200)
                .reward(Gail.RewardForm.NEGATIVE).discriminatorSteps(1, 8).progress(s -> {}).build()
                .train(CartPole.classic().vec(2), EXPERT);
        assertTrue(neg.warnings().get(0).contains("paid for failing"), neg.warnings().get(0));
        Gail.Result logit = Gail.builder().policy(PolicyOptimisation.builder().hidden(8).build()).rounds(1).stepsPerRound(200)
                .reward(Gail.RewardForm.LOGIT).discriminatorSteps(1, 8).progress(s -> {}).build()
                .train(CartPole.classic().vec(2), EXPERT);
        assertTrue(logit.warnings().isEmpty());
        Demonstrations fixed = Rollouts.in(CartPole.fixedHorizon().withHorizon(60).vec(2)).episodes(2).collect(new CartPoleExpert());
        Gail.Result noLeak = Gail.builder().policy(PolicyOptimisation.builder().hidden(8).build()).rounds(1).stepsPerRound(100)
                .discriminatorSteps(1, 8).progress(s -> {}).build().train(CartPole.fixedHorizon().withHorizon(60).vec(2), fixed);
        assertTrue(noLeak.warnings().isEmpty(), "a fixed horizon has no leak");
    }

    @Test
    void standardiseFalseReadsObservationsAsTheyAreAndTheDefaultScalesByTheExperts() {
        var st = imitation.learn.Standardisation.of(Pairs.of(EXPERT.trajectories(), 1).obs());
        NetPolicy scaled = Gail.builder().policy(PolicyOptimisation.builder().hidden(8).build()).rounds(1).stepsPerRound(50)
                .discriminatorHidden(8).heldOutFraction(0).progress(s -> {}).build().train(CartPole.classic().vec(2), EXPERT).policy();
        assertArrayEquals(st.mean(), scaled.inputMean(), 1e-12);
        assertArrayEquals(st.scale(), scaled.inputScale(), 1e-12);
        NetPolicy raw = Gail.builder().policy(PolicyOptimisation.builder().hidden(8).build()).rounds(1).stepsPerRound(50)
                .discriminatorHidden(8).standardise(false).progress(s -> {}).build().train(CartPole.classic().vec(2), EXPERT).policy();
        assertArrayEquals(new double[4], raw.inputMean());
        assertArrayEquals(new double[] {1, 1, 1, 1}, raw.inputScale());
    }

    @Test
    void historyHasTheRoundMetrics() {
        Gail.Result r = small().train(CartPole.classic().vec(2), EXPERT);
        var metrics = r.history().stringColumn("metric").unique().asList();
        for (String m : List.of("return", "disc_loss", "disc_acc_expert", "disc_acc_policy", "heldout_acc", "reward", "env_steps")) {
            assertTrue(metrics.contains(m), m + " in " + metrics);
        }
        Trajectory t = EXPERT.trajectories().get(0);
        assertEquals(t.length(), r.reward().rewards(t).length);
    }

    @Test
    void aLearnedRewardScoresManyTrajectoriesInOnePassAsItScoresEachAlone() {
        for (boolean airl : new boolean[] {false, true}) {
            Gail.Result r = Gail.builder().policy(PolicyOptimisation.builder().hidden(8).build()).rounds(1).stepsPerRound(100)
                    .discriminatorHidden(8).airl(airl).progress(s -> {}).build().train(CartPole.classic().vec(2), EXPERT);
            List<double[]> together = r.reward().rewards(EXPERT.trajectories());
            assertEquals(EXPERT.size(), together.size());
            for (int i = 0; i < EXPERT.size(); i++) {
                double[] alone = r.reward().rewards(EXPERT.trajectories().get(i));
                assertEquals(alone.length, together.get(i).length);
                for (int k = 0; k < alone.length; k++) {
                    assertEquals(alone[k], together.get(i)[k], 1e-6, "airl " + airl + ", trajectory " + i + ", step " + k);
                }
            }
        }
    }

    @Test
    void airlsFrozenRewardTrainsAFreshPolicyToTheExpertsReturn() {
        CartPole env = CartPole.fixedHorizon();
        Demonstrations demos = Rollouts.in(env.vec(10)).episodes(10).seed(123).collect(new CartPoleExpert());
        Gail.Result airl = Gail.builder().airl(true).rounds(12).stepsPerRound(2048).seed(1).build()
                .train(env.vec(8), demos);
        // a new policy and value network (another seed), trained by PPO on f(s, a, s′) alone: the discriminator is frozen
        var fresh = airl.retraining().withSeed(101).train(env.vec(8), airl.reward(), 12, 2048);
        double trueReturn = imitation.eval.Evaluation.in(env.vec(10)).episodes(10).seed(99).run(fresh.policy()).meanReturn();
        assertTrue(trueReturn >= 475, "the expert earns 500; a fresh policy on AIRL's frozen reward got " + trueReturn);
    }

    @Test
    void gailImitatesTheExpertOnFixedHorizonCartPole() {
        Demonstrations demos = Rollouts.in(CartPole.fixedHorizon().vec(10)).episodes(10).seed(123).collect(new CartPoleExpert());
        Gail.Result r = Gail.builder().rounds(12).stepsPerRound(2048).seed(1).build().train(CartPole.fixedHorizon().vec(8), demos);
        var eval = imitation.eval.Evaluation.in(CartPole.fixedHorizon().vec(10)).episodes(10).seed(99).run(r.policy());
        assertTrue(eval.meanReturn() >= 475, "the expert earns 500; GAIL got " + eval.meanReturn());
    }

    @Test
    void gailKeepsTheCarOnTheRoadWithContinuousSteering() {
        // fixed horizon: leaving the road ends nothing and earns nothing, so the positive reward cannot buy survival
        DrivingWorld road = DrivingWorld.builder().fixedHorizon(true).horizon(200).build();
        Demonstrations demos = DrivingRecord.demonstrations(DrivingRuns.in(road).episodes(10).seed(2016).demonstrate());
        Gail.Result r = Gail.builder().rounds(15).stepsPerRound(1600).standardise(false).seed(1).progress(s -> {}).build()
                .train(road.vec(8), demos);
        DrivingRuns eval = DrivingRuns.in(road).episodes(10).seed(99);
        double onRoad = eval.drive(r.policy()).stream().mapToDouble(d -> d.metrics().onRoadFraction()).average().orElseThrow();
        double distance = eval.drive(r.policy()).stream().mapToDouble(d -> d.metrics().distance()).average().orElseThrow();
        double expert = eval.demonstrate().stream().mapToDouble(d -> d.metrics().distance()).average().orElseThrow();
        assertTrue(onRoad >= 0.99, "the expert never leaves the road; GAIL's car was on it for " + onRoad + " of the steps");
        assertTrue(Math.abs(distance - expert) <= 0.05 * expert, "the expert covers " + expert + " m; GAIL's car " + distance);
    }
}
