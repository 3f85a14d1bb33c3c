package imitation.learn;

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
import imitation.env.DriftChain;
import imitation.env.driving.DrivingWorld;
import imitation.env.driving.ObservationKind;
import imitation.eval.CompoundingErrors;
import imitation.eval.LogLogFit;
import imitation.expert.CartPoleExpert;
import imitation.expert.DrivingExpert;
import imitation.policy.Policy;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DaggerTest {
    private static final CartPole CART = CartPole.fixedHorizon().withHorizon(100);
    private static final CartPoleExpert LQR = new CartPoleExpert();
    /** A learner that always pushes left, whatever data it is given: mixing is then visible in the executed actions. */
    private static final Policy LEFT = obs -> new double[obs.length][1];

    private static Demonstrations cartDemos() {
        return Rollouts.in(CART.vec(1)).episodes(1).seed(3).collect(LQR);
    }

    private static Dagger.Builder cart(int slots) {
        return Dagger.builder().env(CART.vec(slots)).expert(Expert.of(LQR)).trainer(d -> LEFT).seed(5);
    }

    @Test
    void storedLabelsAreTheExpertsWhoeverActs() {
        for (double beta : new double[] {0, 0.5, 1}) {
            Dagger.Session s = cart(4).schedule(BetaSchedule.constant(beta)).episodesPerRound(8).build().start(cartDemos());
            Dagger.Round r = s.round();
            List<Trajectory> added = s.dataset().trajectories().subList(1, s.dataset().size());
            int steps = 0;
            for (Trajectory t : added) {
                for (int i = 0; i < t.length(); i++) {
                    assertArrayEquals(LQR.act(t.observation(i)), t.action(i), "label at a visited state");
                }
                steps += t.length();
            }
            assertEquals(8 * 100, steps);
            assertEquals(steps, r.newStates());
            if (beta == 0 || beta == 1) {
                assertEquals(beta, r.expertShare(), 0.0);
            } else {
                // 800 fair coin flips: the share is within 0.5 ± 0.1 except with probability below 1e-8
                assertEquals(0.5, r.expertShare(), 0.1);
            }
        }
    }

    @Test
    void theLearnerDrivesWhenBetaIsZero() {
        Dagger.Session s = cart(1).build().start(cartDemos());
        s.round();
        Trajectory t = s.dataset().trajectories().get(1);
        // pushing left all the time: the cart accelerates left, so its velocity keeps falling
        assertTrue(t.observation(30)[1] < t.observation(10)[1] && t.observation(10)[1] < t.observation(0)[1]);
    }

    @Test
    void schedulesGiveTheDocumentedValues() {
        BetaSchedule linear = BetaSchedule.linear(4);
        double[] expected = {1, 0.75, 0.5, 0.25, 0, 0};
        for (int i = 1; i <= 6; i++) {
            assertEquals(expected[i - 1], linear.beta(i), 1e-12, "linear round " + i);
        }
        BetaSchedule exp = BetaSchedule.exponential(0.5);
        assertEquals(1, exp.beta(1));
        assertEquals(0.5, exp.beta(2));
        assertEquals(0.125, exp.beta(4));
        assertEquals(0.3, BetaSchedule.constant(0.3).beta(17));
    }

    @Test
    void badSchedulesAreRejectedWithTheValue() {
        for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BetaSchedule.constant(bad));
            assertTrue(e.getMessage().contains(String.valueOf(bad)) && e.getMessage().contains("[0, 1]"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> BetaSchedule.exponential(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> BetaSchedule.linear(0));
        for (double bad : new double[] {Double.NaN, 1.01, -1}) {
            Dagger.Session s = cart(1).schedule(round -> bad).build().start(cartDemos());
            IllegalStateException e = assertThrows(IllegalStateException.class, s::round);
            assertTrue(e.getMessage().contains(String.valueOf(bad)) && e.getMessage().contains("round 1"), e.getMessage());
            assertEquals(0, s.roundsDone());
        }
    }

    @Test
    void queriesAreCountedOnePerLabelledState() {
        AtomicLong asked = new AtomicLong();
        Expert counting = states -> {
            asked.addAndGet(states.length);
            return LQR.act(states);
        };
        Dagger.Session s = Dagger.builder().env(CART.vec(3)).expert(counting).trainer(d -> LEFT).episodesPerRound(5).build()
                .start(cartDemos());
        s.round();
        s.round();
        assertEquals(2 * 5 * 100, s.queries());
        assertEquals(asked.get(), s.queries());
        assertEquals(100 + 1000, s.dataset().steps());
        assertEquals(1000, s.roundList().get(2).queries());
    }

    @Test
    void theBudgetCutsCollectionAndEndsTheRun() {
        Dagger dagger = cart(1).episodesPerRound(4).budget(250).build();
        Dagger.Session s = dagger.start(cartDemos());
        Dagger.Round first = s.round();
        assertEquals(250, first.queries());
        assertEquals(250, first.newStates());
        assertTrue(s.budgetSpent());
        IllegalStateException e = assertThrows(IllegalStateException.class, s::round);
        assertTrue(e.getMessage().contains("budget of 250"), e.getMessage());
        Dagger.Result r = dagger.train(cartDemos(), 10);
        assertEquals(250, r.queries());
        assertEquals(2, r.rounds().rowCount(), "round 0 and the round the budget ran out in");
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> cart(1).budget(0));
        assertTrue(zero.getMessage().contains("budget = 0"), zero.getMessage());
    }

    @Test
    void aggregationKeepsEveryEarlierStateInOrder() {
        Demonstrations first = cartDemos();
        Dagger.Session s = cart(2).episodesPerRound(2).build().start(first);
        s.round();
        Demonstrations afterOne = s.dataset();
        s.round();
        Demonstrations afterTwo = s.dataset();
        assertEquals(first.trajectories().get(0), afterTwo.trajectories().get(0));
        assertEquals(afterOne.trajectories(), afterTwo.trajectories().subList(0, afterOne.size()));
        assertEquals(100 + 200 + 200, afterTwo.steps());
        int[] totals = s.rounds().intColumn("total_states").asIntArray();
        assertArrayEquals(new int[] {100, 300, 500}, totals);
    }

    @Test
    void anExpertFailureKeepsEverythingLabelledSoFar() {
        AtomicLong asked = new AtomicLong();
        Expert flaky = states -> {
            if (asked.addAndGet(states.length) > 130) {
                throw new IllegalStateException("the human went for coffee");
            }
            return LQR.act(states);
        };
        Dagger.Session s = Dagger.builder().env(CART.vec(1)).expert(flaky).trainer(d -> LEFT).build().start(cartDemos());
        s.round();
        IllegalStateException e = assertThrows(IllegalStateException.class, s::round);
        assertTrue(e.getMessage().contains("coffee") && e.getMessage().contains("round 2"), e.getMessage());
        assertEquals(100 + 100 + 30, s.dataset().steps(), "first data, round 1 and the 30 states labelled before the failure");
        assertEquals(130, s.queries());
        assertEquals(1, s.roundsDone());
    }

    @Test
    void expertsReturningWrongSizesOrNaNAreNamed() {
        Expert nan = states -> new double[][] {{Double.NaN}};
        Expert wide = states -> new double[][] {{0, 1}};
        Expert few = states -> new double[0][];
        for (Expert bad : new Expert[] {nan, wide, few}) {
            Dagger.Session s = Dagger.builder().env(CART.vec(1)).expert(bad).trainer(d -> LEFT).build().start(cartDemos());
            IllegalStateException e = assertThrows(IllegalStateException.class, s::round);
            assertTrue(e.getCause() instanceof IllegalArgumentException, String.valueOf(e.getCause()));
            assertTrue(e.getMessage().contains("expert"), e.getMessage());
            assertEquals(100, s.dataset().steps(), "the first dataset is untouched");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Dagger.builder().env(CART.vec(1))
                .expert(nan).trainer(d -> LEFT).build().start(cartDemos()).round());
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void anEmptyOrMismatchedFirstDatasetIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cart(1).build().start(null));
        assertTrue(e.getMessage().contains("first dataset"), e.getMessage());
        Demonstrations chain = Rollouts.in(() -> new DriftChain(2, 5), 1).episodes(1).collect(new DriftChain(2, 5).expert());
        assertThrows(IllegalArgumentException.class, () -> cart(1).build().start(chain));
        assertThrows(IllegalStateException.class, () -> Dagger.builder().env(CART.vec(1)).build());
    }

    @Test
    void theSameSeedGivesTheSameRounds() {
        BehaviorCloning bc = BehaviorCloning.builder().steps(50).hidden(16).seed(2).build();
        Dagger dagger = Dagger.builder().env(CART.vec(2)).expert(Expert.of(LQR)).learner(bc)
                .schedule(BetaSchedule.constant(0.3)).seed(9).evaluateIn(CART.vec(2), 2).build();
        Dagger.Result a = dagger.train(cartDemos(), 2);
        Dagger.Result b = dagger.train(cartDemos(), 2);
        assertEquals(a.dataset().trajectories(), b.dataset().trajectories());
        assertArrayEquals(a.rounds().doubleColumn("return").asDoubleArray(), b.rounds().doubleColumn("return").asDoubleArray());
    }

    @Test
    void labelDelayShiftsLabelsWithinEachEpisode() {
        Dagger.Session s = cart(1).labelDelay(3).build().start(cartDemos());
        s.round();
        Trajectory t = s.dataset().trajectories().get(1);
        assertArrayEquals(LQR.act(t.observation(0)), t.action(2));
        assertArrayEquals(LQR.act(t.observation(7)), t.action(10));
    }

    @Test
    void theGateTakesOverBeforeTheCarLeavesTheRoad() {
        DrivingWorld world = DrivingWorld.builder().horizon(200).build();
        Demonstrations demos = DrivingRecord.demonstrations(DrivingRuns.in(world).seed(1).demonstrate());
        Policy straight = obs -> new double[obs.length][1];
        Dagger.Builder b = Dagger.builder().env(world.vec(4)).expert(Expert.of(DrivingExpert.of(world)))
                .expertSees(ExpertView.drivingFeatures()).trainer(d -> straight).seed(3);
        Dagger.Round plain = b.build().start(demos).round();
        Dagger.Round gated = b.gate(Gate.whenAbove(0, 0.5)).build().start(demos).round();
        assertEquals(4, plain.crashes(), "driving straight leaves the closed track");
        assertEquals(0, plain.interventions());
        assertEquals(0, gated.crashes());
        assertTrue(gated.interventions() > 0 && gated.expertShare() > 0 && gated.expertShare() < 1);
        assertEquals(4 * 200, gated.newStates());
    }

    @Test
    void aPrivilegedExpertLabelsCameraObservationsFromTheTrueState() {
        DrivingWorld camera = DrivingWorld.builder().observation(ObservationKind.CAMERA).horizon(50).build();
        Demonstrations demos = DrivingRecord.demonstrations(DrivingRuns.in(camera).seed(1).demonstrate());
        Policy straight = obs -> new double[obs.length][1];
        Dagger.Session s = Dagger.builder().env(camera.vec(2)).expert(Expert.of(DrivingExpert.of(camera)))
                .expertSees(ExpertView.drivingFeatures()).trainer(d -> straight).build().start(demos);
        s.round();
        Trajectory t = s.dataset().trajectories().get(1);
        assertEquals(camera.cameraHeight() * camera.cameraWidth(), t.observationSize());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Dagger.builder().env(camera.vec(1))
                .expert(Expert.of(DrivingExpert.of(camera))).trainer(d -> straight).build().start(demos).round());
        // without the feature view, the driving expert is handed images and says so
        assertTrue(e.getMessage().contains("512 values") && e.getMessage().contains("FEATURES"), e.getMessage());
    }

    /** DAgger on the drift chain with a tabular learner that errs with probability eps where it has data. */
    private static DriftChain.Learner daggerOnChain(DriftChain chain, double eps, int horizon) {
        Demonstrations demos = Rollouts.in(() -> chain.withHorizon(horizon), 1).episodes(1).collect(chain.expert());
        Dagger dagger = Dagger.builder().env(imitation.env.VecEnv.of(20, () -> chain.withHorizon(horizon)))
                .expert(Expert.of(chain.expert())).stochastic(true).seed(4).trainer(d -> {
                    boolean[] seen = new boolean[chain.states()];
                    for (double[] o : d.observations()) {
                        seen[(int) o[0]] = true;
                    }
                    return chain.learner(eps, seen);
                }).episodesPerRound(200).build();
        return (DriftChain.Learner) dagger.train(demos, 3).policy();
    }

    @Test
    void onTheDriftChainDaggerCostGrowsLinearlyAndBehaviourCloningQuadratically() {
        double eps = 0.01;
        DriftChain chain = new DriftChain(1, 1);
        DriftChain.Learner dagger = daggerOnChain(chain, eps, 80);
        assertEquals(eps, dagger.error(1), 0.0, "DAgger's data reached the off-course state");
        DriftChain.Learner bc = chain.behaviourCloning(eps);
        double[] horizons = {10, 20, 40, 80};
        double[] exactDagger = CompoundingErrors.exactCost(chain, dagger, 80);
        double[] exactBc = CompoundingErrors.exactCost(chain, bc, 80);
        CompoundingErrors.CostCurve simDagger = CompoundingErrors.simulatedCost(chain, dagger, 80, 20000, 1);
        CompoundingErrors.CostCurve simBc = CompoundingErrors.simulatedCost(chain, bc, 80, 20000, 2);
        double[][] y = new double[4][horizons.length];
        for (int i = 0; i < horizons.length; i++) {
            int t = (int) horizons[i];
            y[0][i] = exactDagger[t];
            y[1][i] = exactBc[t];
            y[2][i] = simDagger.mean()[t];
            y[3][i] = simBc.mean()[t];
        }
        // depth 1, error eps in both states: the off-course probability is exactly eps at every step, J(T) = eps T
        assertEquals(eps * 80, exactDagger[80], 1e-12);
        assertEquals(1, LogLogFit.fit(horizons, y[0]).slope(), 1e-9);
        // BC: J(T) = T - sum_{t=1..T} (1-eps)^t ≈ eps T(T+1)/2; saturation as eps T grows bends the slope below 2
        double[] closedForm = new double[horizons.length];
        for (int i = 0; i < horizons.length; i++) {
            double stay = 0;
            for (int t = 1; t <= horizons[i]; t++) {
                stay += Math.pow(1 - eps, t);
            }
            closedForm[i] = horizons[i] - stay;
            assertEquals(closedForm[i], y[1][i], 1e-9);
        }
        double bcSlope = LogLogFit.fit(horizons, y[1]).slope();
        assertEquals(LogLogFit.fit(horizons, closedForm).slope(), bcSlope, 1e-9);
        assertTrue(bcSlope > 1.8 && bcSlope < 2, "BC slope " + bcSlope);
        assertEquals(1, LogLogFit.fit(horizons, y[2]).slope(), 0.1);
        assertEquals(bcSlope, LogLogFit.fit(horizons, y[3]).slope(), 0.1);
    }

    private record Snapshot(Demonstrations data, long queries, int rounds, Policy policy, List<Dagger.Round> rows,
            boolean budgetSpent) {
        static Snapshot of(Dagger.Session s) {
            return new Snapshot(s.dataset(), s.queries(), s.roundsDone(), s.policy(), s.roundList(), s.budgetSpent());
        }
    }

    @Test
    void aTrainerThrowingMidRoundLeavesTheSessionExactlyAsBefore() {
        AtomicLong calls = new AtomicLong();
        Dagger dagger = cart(2).trainer(d -> {
            if (calls.incrementAndGet() == 3) {
                throw new IllegalStateException("out of memory in the trainer");
            }
            return obs -> new double[obs.length][1];
        }).budget(1000).build();
        Dagger.Session s = dagger.start(cartDemos());
        s.round();
        Snapshot before = Snapshot.of(s);
        IllegalStateException e = assertThrows(IllegalStateException.class, s::round);
        assertTrue(e.getMessage().contains("out of memory in the trainer"), e.getMessage());
        assertEquals(before, Snapshot.of(s), "round counter, data, queries, policy, rows and budget are untouched");
        Dagger.Round next = s.round();
        assertEquals(2, next.round(), "the session goes on from where it was");
        assertEquals(before.data().steps() + next.newStates(), s.dataset().steps());
    }

    @Test
    void aLearnerPolicyReturningNullOrWrongRowsIsNamedAndChangesNothing() {
        Policy nothing = obs -> null;
        Policy extraRow = obs -> new double[obs.length + 1][1];
        Policy emptyRows = obs -> new double[obs.length][];
        Policy wide = obs -> new double[obs.length][3];
        String[] expected = {"returned null for 2 observations", "returned 3 actions for 2 observations",
            "returned an action of size null", "returned an action of size 3"};
        Policy[] bad = {nothing, extraRow, emptyRows, wide};
        for (int i = 0; i < bad.length; i++) {
            Policy learner = bad[i];
            Dagger.Session s = cart(2).trainer(d -> learner).build().start(cartDemos());
            Snapshot before = Snapshot.of(s);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::round);
            assertTrue(e.getMessage().contains("learner's policy " + expected[i]), e.getMessage());
            assertEquals(before, Snapshot.of(s));
        }
    }

    @Test
    void anInterruptedRunStopsWithAMessage() throws InterruptedException {
        Dagger dagger = cart(2).build();
        var e = imitation.data.InterruptedRun.of(() -> dagger.train(cartDemos(), Integer.MAX_VALUE), 200);
        assertTrue(e.getMessage().contains("was interrupted after"), e.getMessage());
    }
}
