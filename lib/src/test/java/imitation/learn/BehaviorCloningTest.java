package imitation.learn;

import static org.junit.jupiter.api.Assertions.*;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.data.Trajectory;
import imitation.env.CartPole;
import imitation.env.Space;
import imitation.eval.Evaluation;
import imitation.expert.CartPoleExpert;
import imitation.policy.NetPolicy;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class BehaviorCloningTest {

    private static Demonstrations expert(int episodes, long seed) {
        return Rollouts.in(CartPole.fixedHorizon().vec(episodes)).episodes(episodes).seed(seed).collect(new CartPoleExpert());
    }

    @Test
    void cloningTwoExpertTrajectoriesBalancesThePole() {
        CartPole env = CartPole.fixedHorizon();
        BehaviorCloning.Result r = BehaviorCloning.builder().steps(1000).seed(3).build().train(expert(2, 7), env.actionSpace());
        Evaluation.Result score = Evaluation.in(env.vec(10)).episodes(20).seed(11).run(r.policy());
        assertTrue(score.meanReturn() >= 475, "BC from two LQR trajectories should nearly match the expert's 500: " + score);
    }

    @Test
    void historyIsLongFormatAndLossFalls() {
        BehaviorCloning.Result r = BehaviorCloning.builder().steps(400).logEvery(100).validationFraction(0.2).seed(1).build()
                .train(expert(2, 1), CartPole.fixedHorizon().actionSpace());
        Table h = r.history();
        assertEquals(java.util.List.of("step", "metric", "value", "seed"), h.columnNames());
        double[] loss = h.where(h.stringColumn("metric").isEqualTo("loss")).doubleColumn("value").asDoubleArray();
        assertEquals(4, loss.length);
        assertTrue(loss[3] < loss[0] * 0.7, "loss should fall: " + java.util.Arrays.toString(loss));
        assertEquals(4, h.where(h.stringColumn("metric").isEqualTo("val_loss")).rowCount());
        assertTrue(r.trainingSeconds() > 0);
    }

    @Test
    void sameSeedGivesSameHistoryAndPolicy() {
        Demonstrations d = expert(2, 4);
        BehaviorCloning bc = BehaviorCloning.builder().steps(200).seed(9).build();
        BehaviorCloning.Result a = bc.train(d, CartPole.fixedHorizon().actionSpace());
        BehaviorCloning.Result b = bc.train(d, CartPole.fixedHorizon().actionSpace());
        Table la = a.history().where(a.history().stringColumn("metric").isEqualTo("loss"));
        Table lb = b.history().where(b.history().stringColumn("metric").isEqualTo("loss"));
        assertArrayEquals(la.doubleColumn("value").asDoubleArray(), lb.doubleColumn("value").asDoubleArray());
        double[][] obs = d.observations();
        assertArrayEquals(a.policy().outputs(obs)[5], b.policy().outputs(obs)[5]);
    }

    @Test
    void regressesContinuousActions() {
        // Expert action a = 0.5 * (o0 - o1): a linear target the network must fit closely.
        int steps = 200;
        double[][] obs = new double[steps + 1][2];
        double[][] act = new double[steps][1];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (int t = 0; t <= steps; t++) {
            obs[t][0] = rng.nextDouble(-1, 1);
            obs[t][1] = rng.nextDouble(-1, 1);
            if (t < steps) {
                act[t][0] = 0.5 * (obs[t][0] - obs[t][1]);
            }
        }
        Demonstrations d = Demonstrations.of(new Trajectory(obs, act, new double[steps], false));
        Space box = Space.Box.of(1, -1, 1);
        BehaviorCloning.Result r = BehaviorCloning.builder().steps(1500).learningRate(3e-3).seed(2).build().train(d, box);
        double[] predicted = r.policy().act(new double[] {0.6, -0.2});
        assertEquals(0.4, predicted[0], 0.05);
    }

    @Test
    void rejectsActionsThatDoNotFitTheSpace() {
        Demonstrations d = expert(1, 0);
        var e = assertThrows(IllegalArgumentException.class, () -> BehaviorCloning.builder().build().train(d, Space.Box.of(2, -1, 1)));
        assertTrue(e.getMessage().contains("size 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BehaviorCloning.builder().build().train(d, new Space.Discrete(1)));
        assertTrue(e.getMessage().contains("index"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BehaviorCloning.builder().batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> BehaviorCloning.builder().learningRate(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> BehaviorCloning.builder().subsample(0));
    }

    @Test
    void policyRejectsObservationsOfTheWrongSize() {
        BehaviorCloning.Result r = BehaviorCloning.builder().steps(10).build().train(expert(1, 0), CartPole.fixedHorizon().actionSpace());
        var e = assertThrows(IllegalArgumentException.class, () -> r.policy().act(new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("has 3 values") && e.getMessage().contains("reads 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> r.policy().act(new double[] {1, 2, Double.NaN, 0}));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    /** One trajectory of a = 0.5 (o0 - o1) + noise, with observations uniform in [-1, 1]^2. */
    private static Demonstrations noisyLine(int steps, double noise, long seed) {
        double[][] obs = new double[steps + 1][2];
        double[][] act = new double[steps][1];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        for (int t = 0; t <= steps; t++) {
            obs[t][0] = rng.nextDouble(-1, 1);
            obs[t][1] = rng.nextDouble(-1, 1);
            if (t < steps) {
                act[t][0] = Math.max(-1, Math.min(1, 0.5 * (obs[t][0] - obs[t][1]) + noise * (2 * rng.nextDouble() - 1)));
            }
        }
        return Demonstrations.of(new Trajectory(obs, act, new double[steps], false));
    }

    private static double[] metric(Table h, String name) {
        return h.where(h.stringColumn("metric").isEqualTo(name)).doubleColumn("value").asDoubleArray();
    }

    @Test
    void earlyStoppingStopsWhenValidationLossStallsAndKeepsTheBestWeights() {
        // 40 noisy pairs and a wide network: the validation loss bottoms out long before 20000 steps.
        Demonstrations d = noisyLine(40, 0.6, 3);
        BehaviorCloning.Result r = BehaviorCloning.builder().hidden(128, 128).learningRate(3e-3).steps(20000).logEvery(25)
                .validationFraction(0.25).patience(5).seed(1).build().train(d, Space.Box.of(1, -1, 1));
        Table h = r.history();
        double[] val = metric(h, "val_loss");
        int lastStep = h.intColumn("step").get(h.rowCount() - 1);
        assertTrue(lastStep < 20000, "training should stop early, ran to " + lastStep);
        int best = (int) metric(h, "best_step")[0];
        int bestIndex = best / 25 - 1;
        assertEquals(java.util.Arrays.stream(val).min().orElseThrow(), val[bestIndex], 0.0, "best_step is the minimum of val_loss");
        assertEquals(5, val.length - 1 - bestIndex, "stops after 5 checks without improvement");
        // the returned policy is the best snapshot: its validation loss matches the logged minimum
        BehaviorCloning.Result again = BehaviorCloning.builder().hidden(128, 128).learningRate(3e-3).steps(best).logEvery(25)
                .validationFraction(0.25).seed(1).build().train(d, Space.Box.of(1, -1, 1));
        double[][] obs = d.observations();
        assertArrayEquals(again.policy().outputs(obs)[3], r.policy().outputs(obs)[3]);
    }

    @Test
    void earlyStoppingNeedsAValidationSet() {
        var e = assertThrows(IllegalStateException.class, () -> BehaviorCloning.builder().patience(3).build());
        assertTrue(e.getMessage().contains("validationFraction"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BehaviorCloning.builder().patience(-1));
    }

    @Test
    void gaussianBehaviourCloningLearnsTheMeanAndTheNoise() {
        Demonstrations d = noisyLine(3000, 0.3, 4);
        BehaviorCloning.Result r = BehaviorCloning.builder().gaussian(true).entropyWeight(0).hidden(32).learningRate(3e-3)
                .batchSize(64).steps(3000).validationFraction(0.1).seed(2).build().train(d, Space.Box.of(1, -1, 1));
        NetPolicy p = r.policy();
        assertEquals(0.4, p.act(new double[] {0.6, -0.2})[0], 0.05);
        // the raw outputs are the mean and log sigma; uniform noise on [-0.3, 0.3] has standard deviation 0.3 / sqrt(3)
        double logSigma = p.outputs(new double[][] {{0.6, -0.2}})[0][1];
        assertEquals(0.3 / Math.sqrt(3), Math.exp(logSigma), 0.02);
        double[] logStd = metric(r.history(), "log_std");
        assertEquals(logSigma, logStd[logStd.length - 1], 1e-6);
        // the distribution agrees: entropy of N(mu, sigma^2) is log sigma + 0.5 log(2 pi e)
        assertEquals(logSigma + 0.5 * Math.log(2 * Math.PI * Math.E), p.entropy(new double[][] {{0.6, -0.2}})[0], 1e-6);
        double[] nll = metric(r.history(), "loss");
        assertTrue(nll[nll.length - 1] < nll[0], "NLL should fall: " + java.util.Arrays.toString(nll));
        var e = assertThrows(IllegalArgumentException.class,
                () -> BehaviorCloning.builder().gaussian(true).build().train(expert(1, 0), CartPole.fixedHorizon().actionSpace()));
        assertTrue(e.getMessage().contains("Box"), e.getMessage());
    }

    @Test
    void trainsAConvolutionalNetworkOnCameraFramesDeterministicallyAndRejectsFeatureDemonstrations() {
        imitation.env.driving.DrivingWorld camera = imitation.env.driving.DrivingWorld.builder()
                .observation(imitation.env.driving.ObservationKind.CAMERA).horizon(60).build();
        Demonstrations frames = imitation.data.driving.DrivingRecord.demonstrations(
                imitation.data.driving.DrivingRuns.in(camera).episodes(2).seed(3).demonstrate());
        BehaviorCloning bc = BehaviorCloning.builder().steps(30).batchSize(16).logEvery(10).validationFraction(0.2).seed(5).build();
        BehaviorCloning.Result a = bc.trainOnImages(frames, camera.actionSpace(), 16, 32);
        BehaviorCloning.Result b = bc.trainOnImages(frames, camera.actionSpace(), 16, 32);
        assertArrayEquals(metric(a.history(), "val_loss"), metric(b.history(), "val_loss"));
        double[][] obs = frames.observations();
        assertArrayEquals(a.policy().act(obs)[7], b.policy().act(obs)[7]);
        assertEquals(3, metric(a.history(), "loss").length);

        imitation.env.driving.DrivingWorld features = imitation.env.driving.DrivingWorld.builder().horizon(60).build();
        Demonstrations feats = imitation.data.driving.DrivingRecord.demonstrations(
                imitation.data.driving.DrivingRuns.in(features).episodes(1).seed(3).demonstrate());
        var e = assertThrows(IllegalArgumentException.class, () -> bc.trainOnImages(feats, features.actionSpace(), 16, 32));
        assertTrue(e.getMessage().contains("size 6") && e.getMessage().contains("CAMERA"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BehaviorCloning.builder().gaussian(true).build().trainOnImages(frames, camera.actionSpace(), 16, 32));
        assertTrue(e.getMessage().contains("gaussian"), e.getMessage());
    }

    @Test
    void anyHeadTrainsThroughTheSameLoop() {
        // a state-dependent Gaussian head: the body outputs mean and log sigma for every observation
        Demonstrations d = noisyLine(3000, 0.3, 4);
        BehaviorCloning.Result r = BehaviorCloning.builder().head(imitation.policy.Head.gaussian(1)).entropyWeight(0)
                .hidden(32).learningRate(3e-3).batchSize(64).steps(3000).seed(2).build().train(d, Space.Box.of(1, -1, 1));
        assertEquals(0.4, r.policy().act(new double[] {0.6, -0.2})[0], 0.05);
        assertEquals(0.3 / Math.sqrt(3), Math.exp(r.policy().outputs(new double[][] {{0.6, -0.2}})[0][1]), 0.03);
        var e = assertThrows(IllegalStateException.class,
                () -> BehaviorCloning.builder().gaussian(true).head(imitation.policy.Head.gaussian(1)).build());
        assertTrue(e.getMessage().contains("keep one"), e.getMessage());
        var nullHead = assertThrows(IllegalArgumentException.class, () -> BehaviorCloning.builder().head(null));
        assertTrue(nullHead.getMessage().contains("head is null"), nullHead.getMessage());
    }

    @Test
    void absurdSettingsStopWithTheSettingToLower() {
        Demonstrations d = noisyLine(500, 0.1, 4);
        var e = assertThrows(ArithmeticException.class, () -> BehaviorCloning.builder().learningRate(1e6).steps(300)
                .seed(1).build().train(d, Space.Box.of(1, -1, 1)));
        assertTrue(e.getMessage().contains("learningRate = 1000000.0") && e.getMessage().contains("lower the learning rate"),
                e.getMessage());
        e = assertThrows(ArithmeticException.class, () -> BehaviorCloning.builder().l2(1e30).steps(10)
                .seed(1).build().train(d, Space.Box.of(1, -1, 1)));
        assertTrue(e.getMessage().contains("l2 = 1.0E30") && e.getMessage().contains("lower l2"), e.getMessage());
        e = assertThrows(ArithmeticException.class, () -> BehaviorCloning.builder().learningRate(1e6).steps(300)
                .seed(1).build().train(expert(1, 0), CartPole.fixedHorizon().actionSpace()));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
    }
}
