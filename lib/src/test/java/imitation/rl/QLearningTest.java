package imitation.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Demonstrations;
import imitation.data.InterruptedRun;
import imitation.data.Rollouts;
import imitation.data.Trajectory;
import imitation.env.CartPole;
import imitation.eval.Evaluation;
import imitation.expert.CartPoleExpert;
import imitation.nn.Activation;
import imitation.nn.Batch;
import imitation.nn.Network;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class QLearningTest {
    private static final CartPole CART = CartPole.classic();
    private static final double[] S0 = {0, 0, 0, 0};

    private static double[] obs(double v) {
        return new double[] {v, 0, 0, 0};
    }

    private static Demonstrations expertDemos(int episodes) {
        return Rollouts.in(CART.vec(episodes)).episodes(episodes).seed(0).collect(new CartPoleExpert());
    }

    // ---------------------------------------------------------------- replay buffer and n-step returns

    @Test
    void emptyBufferNamesTheProblem() {
        ReplayBuffer b = new ReplayBuffer(10, 4);
        var e = assertThrows(IllegalStateException.class, () -> b.uniform(8, new SplittableRandom(0)));
        assertTrue(e.getMessage().contains("replay buffer is empty"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> b.prioritised(8, 0.5, new SplittableRandom(0)));
        var c = assertThrows(IllegalArgumentException.class, () -> new ReplayBuffer(0, 4));
        assertTrue(c.getMessage().contains("capacity = 0"), c.getMessage());
    }

    @Test
    void demonstrationsStayWhileAgentTransitionsCycle() {
        ReplayBuffer b = new ReplayBuffer(3, 4);
        NStep demo = new NStep(1, 1, 0.9, b);
        demo.add(0, obs(7), 1, 1, obs(8), false, true, true);
        NStep agent = new NStep(1, 1, 0.9, b);
        for (int k = 0; k < 5; k++) {
            agent.add(0, obs(k), 0, 0, obs(k + 1), false, false, false);
        }
        assertEquals(3, b.size());
        assertEquals(1, b.demonstrations());
        ReplayBuffer.Sample s = b.uniform(200, new SplittableRandom(1));
        boolean sawDemo = false;
        for (int k = 0; k < s.size(); k++) {
            if (s.demonstration[k]) {
                sawDemo = true;
                assertEquals(7, s.observations[k][0]);
            } else {
                assertTrue(s.observations[k][0] >= 3, "agent entries 0..2 were overwritten by 3 and 4");
            }
        }
        assertTrue(sawDemo);
        assertThrows(IllegalStateException.class, () -> demo.add(0, obs(1), 0, 0, obs(2), true, false, true),
                "demonstrations after agent data are refused");
    }

    @Test
    void prioritisedSamplingFollowsPrioritiesWithImportanceWeights() {
        ReplayBuffer b = new ReplayBuffer(2, 4);
        NStep add = new NStep(1, 1, 0.9, b);
        add.add(0, obs(0), 0, 0, obs(1), false, false, false);
        add.add(0, obs(1), 0, 0, obs(2), false, false, false);
        b.setPriorities(new int[] {0, 1}, new double[] {3, 1}, 1.0);
        // total 4, four slices of width 1: three fall in entry 0 (mass 3), one in entry 1
        ReplayBuffer.Sample s = b.prioritised(4, 0.5, new SplittableRandom(2));
        assertArrayEquals(new int[] {0, 0, 0, 1}, s.index);
        // w = (N P)^-β / max: (2·3/4)^-0.5 / (2·1/4)^-0.5 = 3^-0.5
        assertEquals(1 / Math.sqrt(3), s.weights[0], 1e-12);
        assertEquals(1.0, s.weights[3], 1e-12);
    }

    @Test
    void nStepReturnsMatchHandComputedSums() {
        ReplayBuffer b = new ReplayBuffer(10, 4);
        NStep n2 = new NStep(1, 2, 0.5, b);
        double[] r = {1, 2, 3, 4};
        for (int t = 0; t < 4; t++) {
            n2.add(0, obs(t), t % 2, r[t], obs(t + 1), t == 3, false, false);
        }
        ReplayBuffer.Sample s = b.prioritised(4, 0, new SplittableRandom(0)); // equal priorities: one per entry
        assertArrayEquals(new int[] {0, 1, 2, 3}, s.index);
        // t0: 1 + 0.5·2 = 2, bootstrap from s2 with 0.25; t1: 2 + 0.5·3 = 3.5 from s3;
        // t2: 3 + 0.5·4 = 5, s4 terminal; t3: 4 alone, s4 terminal, γ^1
        assertArrayEquals(new double[] {2, 3.5, 5, 4}, s.nReturns, 1e-12);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.5}, s.nDiscounts, 1e-12);
        assertArrayEquals(new boolean[] {false, false, true, true}, s.nTerminals);
        double[] bootstrapFrom = new double[4];
        for (int k = 0; k < 4; k++) {
            bootstrapFrom[k] = s.nNexts[k][0];
        }
        assertArrayEquals(new double[] {2, 3, 4, 4}, bootstrapFrom);
        // the one-step part is the plain transition
        assertArrayEquals(new double[] {1, 2, 3, 4}, s.rewards);
        assertArrayEquals(new boolean[] {false, false, false, true}, s.terminals);
    }

    @Test
    void aTimeLimitCutStillBootstraps() {
        ReplayBuffer b = new ReplayBuffer(10, 4);
        NStep n3 = new NStep(1, 3, 0.5, b);
        n3.add(0, obs(0), 0, 1, obs(1), false, false, false);
        n3.add(0, obs(1), 0, 1, obs(2), false, true, false);
        ReplayBuffer.Sample s = b.prioritised(2, 0, new SplittableRandom(0));
        assertArrayEquals(new double[] {1.5, 1}, s.nReturns, 1e-12);
        assertArrayEquals(new boolean[] {false, false}, s.nTerminals);
        assertEquals(2, s.nNexts[0][0]);
    }

    @Test
    void nStepBelowOneIsRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Dqfd.builder().nStep(0));
        assertTrue(e.getMessage().contains("nStep = 0") && e.getMessage().contains("n >= 1"), e.getMessage());
    }

    // ---------------------------------------------------------------- losses

    @Test
    void huberGradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 6;
        Batch q = Batch.zeros(n, 2);
        int[] actions = new int[n];
        double[] targets = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            q.set(i, 0, rng.nextDouble(-3, 3));
            q.set(i, 1, rng.nextDouble(-3, 3));
            actions[i] = i % 2;
            targets[i] = rng.nextDouble(-3, 3);   // errors both inside and outside |δ| ≤ 1
            weights[i] = rng.nextDouble(0.2, 1);
        }
        Batch dq = Batch.zeros(n, 2);
        QLoss.td(q, actions, targets, weights, 0.7, dq, null);
        double h = 1e-3;
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 2; a++) {
                float v = q.get(i, a);
                q.set(i, a, v + h);
                double up = QLoss.td(q, actions, targets, weights, 0.7, Batch.zeros(n, 2), null);
                q.set(i, a, v - h);
                double down = QLoss.td(q, actions, targets, weights, 0.7, Batch.zeros(n, 2), null);
                q.set(i, a, v);
                assertEquals((up - down) / (2 * h), dq.get(i, a), 2e-3, "dL/dq(" + i + ", " + a + ")");
            }
        }
        assertEquals(0.5 * 0.25, QLoss.huber(0.5), 1e-15);
        assertEquals(2.5, QLoss.huber(-3), 1e-15);
    }

    @Test
    void marginLossMatchesHandComputedCases() {
        Batch q = Batch.zeros(3, 2);
        q.set(0, 0, 1.0);   // expert action 1 valued below action 0: max(1.0 + 0.8, 0.5) − 0.5 = 1.3
        q.set(0, 1, 0.5);
        q.set(1, 0, 0.2);   // expert action 1 ahead by more than the margin: max(0.2 + 0.8, 1.5) − 1.5 = 0
        q.set(1, 1, 1.5);
        q.set(2, 0, 9.0);   // not a demonstration: no margin loss
        q.set(2, 1, 0.0);
        Batch dq = Batch.zeros(3, 2);
        double loss = QLoss.margin(q, new int[] {1, 1, 1}, new boolean[] {true, true, false}, new double[] {1, 1, 1},
                0.8, 2.0, dq);
        assertEquals(2.0 * (1.3 + 0) / 3, loss, 1e-6);
        assertEquals(2.0 / 3, dq.get(0, 0), 1e-6);
        assertEquals(-2.0 / 3, dq.get(0, 1), 1e-6);
        assertArrayEquals(new double[] {0, 0, 0, 0}, new double[] {dq.get(1, 0), dq.get(1, 1), dq.get(2, 0), dq.get(2, 1)});
    }

    @Test
    void negativeMarginIsRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Dqfd.builder().margin(-0.1));
        assertTrue(e.getMessage().contains("margin = -0.1"), e.getMessage());
    }

    // ---------------------------------------------------------------- SQIL

    @Test
    void sqilRelabelsRewardsAndMixesBatches() {
        // a demonstration whose recorded rewards are 0 and an agent step paid 1 by the environment
        Trajectory t = new Trajectory(new double[][] {obs(10), obs(11), obs(12)}, new double[][] {{1}, {0}},
                new double[] {0, 0}, false);
        Dqn dqn = Dqn.builder().batchSize(8).build();
        Sqil sqil = Sqil.builder().dqn(dqn).demoRatio(0.25).build();
        Sqil.Session session = sqil.new Session(Demonstrations.of(t), 4, 1);
        session.storeAgent(0, obs(0), 1, obs(1), false, false);
        ReplayBuffer.Sample s = session.batch(new SplittableRandom(4));
        assertEquals(8, s.size());
        for (int k = 0; k < 8; k++) {
            boolean demo = k < 2;   // round(0.25 · 8) = 2 demonstration rows first
            assertEquals(demo, s.demonstration[k]);
            assertEquals(demo ? 1.0 : 0.0, s.rewards[k], "row " + k);
            assertEquals(demo, s.observations[k][0] >= 10);
        }
        Sqil.Session half = Sqil.builder().dqn(dqn).build().new Session(Demonstrations.of(t), 4, 1);
        half.storeAgent(0, obs(0), 1, obs(1), false, false);
        int demos = 0;
        for (boolean d : half.batch(new SplittableRandom(5)).demonstration) {
            demos += d ? 1 : 0;
        }
        assertEquals(4, demos, "the default batch is half demonstrations");
    }

    @Test
    void demoRatioOutsideTheUnitIntervalIsRefusedByName() {
        for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Sqil.builder().demoRatio(bad));
            assertTrue(e.getMessage().contains("demoRatio = " + bad) && e.getMessage().contains("[0, 1]"), e.getMessage());
        }
    }

    @Test
    void emptyDemonstrationsAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Sqil.builder().build().train(CART.vec(2), null));
        assertTrue(e.getMessage().contains("demos is null"), e.getMessage());
    }

    // ---------------------------------------------------------------- networks

    @Test
    void targetNetworkIsACopyRefreshedEveryTargetEverySteps() {
        Dqn settings = Dqn.builder().targetEvery(2).learningRate(0.01).build();
        Dqn.Learner learner = new Dqn.Learner(settings, Network.mlp(4, 2, Activation.RELU, 1, 8));
        float[] initial = learner.online.params().values();
        assertArrayEquals(initial, learner.target.params().values());
        ReplayBuffer b = new ReplayBuffer(4, 4);
        new NStep(1, 1, 0.9, b).add(0, new double[] {0.1, 0.2, 0.3, 0.4}, 1, 1, S0, false, false, false);
        ReplayBuffer.Sample s = b.uniform(4, new SplittableRandom(0));
        learner.tdStep(s);
        assertNotEquals(java.util.Arrays.toString(initial), java.util.Arrays.toString(learner.online.params().values()));
        assertArrayEquals(initial, learner.target.params().values(), "one step: the target is still the old network");
        learner.tdStep(s);
        assertArrayEquals(learner.online.params().values(), learner.target.params().values(), "after 2 steps: synced");
        double[][] x = {{0.1, 0.2, 0.3, 0.4}};
        assertArrayEquals(learner.online.predict(x)[0], learner.target.predict(x)[0]);
    }

    @Test
    void greedyPolicyIsASnapshotTakingTheLargestValue() {
        Network net = Network.mlp(4, 2, Activation.RELU, 3, 8);
        QPolicy p = new QPolicy(net);
        double[][] x = {{0.5, -1, 0.2, 1}, {-0.3, 0.4, -0.1, -2}};
        double[][] q = p.values(x);
        double[][] a = p.act(x);
        for (int i = 0; i < 2; i++) {
            assertEquals(q[i][1] > q[i][0] ? 1 : 0, a[i][0]);
        }
        net.params().set(new float[net.params().size()]);
        assertArrayEquals(q[0], p.values(x)[0], "changing the trained network leaves the policy alone");
    }

    // ---------------------------------------------------------------- the loops

    @Test
    void sameSeedGivesTheSameHistory() {
        Dqn dqn = Dqn.builder().steps(600).learningStarts(100).seed(7).build();
        Table a = dqn.train(CART.vec(4)).history();
        Table b = dqn.train(CART.vec(4)).history();
        assertEquals(a.print(1000), b.print(1000));
        assertTrue(a.stringColumn("metric").asList().contains("loss"));
    }

    @Test
    void dqfdPretrainedPolicyIsCloseToTheExpertBeforeActing() {
        Demonstrations demos = expertDemos(5);
        double expert = Evaluation.in(CART.vec(10)).episodes(10).seed(9).run(new CartPoleExpert()).meanReturn();
        Dqn dqn = Dqn.builder().steps(4).seed(1).evaluateIn(CART.vec(10), 10, 1000).build();
        Table h = Dqfd.builder().dqn(dqn).pretrainSteps(1000).build().train(CART.vec(4), demos).history();
        Table atStart = h.where(h.intColumn("env_steps").isEqualTo(0).and(h.stringColumn("metric").isEqualTo("return")));
        double pretrained = atStart.doubleColumn("value").get(0);
        assertTrue(pretrained >= 0.9 * expert, "pre-trained return " + pretrained + " vs expert " + expert);
    }

    @Test
    void sqilReachesTheExpertsReturn() {
        Demonstrations demos = expertDemos(5);
        Dqn dqn = Dqn.builder().steps(6000).seed(2).evaluateIn(CART.vec(10), 10, 6000).build();
        var r = Sqil.builder().dqn(dqn).build().train(CART.vec(4), demos);
        double ret = Evaluation.in(CART.vec(10)).episodes(20).seed(11).run(r.policy()).meanReturn();
        assertTrue(ret >= 0.9 * 200, "SQIL return after 6000 steps: " + ret);
    }

    @Test
    void longLoopsStopWhenInterrupted() throws InterruptedException {
        Dqn dqn = Dqn.builder().steps(100_000_000).learningStarts(10).seed(1).build();
        var e = InterruptedRun.of(() -> dqn.train(CART.vec(4)), 300);
        assertTrue(e.getMessage().startsWith("DQN was interrupted after"), e.getMessage());
        var p = InterruptedRun.of(() -> Dqfd.builder().dqn(dqn).pretrainSteps(100_000_000).build()
                .train(CART.vec(4), expertDemos(1)), 300);
        assertTrue(p.getMessage().startsWith("DQfD pre-training was interrupted after"), p.getMessage());
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
