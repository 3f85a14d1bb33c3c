package imitation.irl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.env.GridWorld;
import imitation.env.TabularMdp;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class MaxEntIrlTest {

    private static double[] randomReward(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = rng.nextDouble(-1, 1);
        }
        return r;
    }

    @Test
    void rewardGradientMatchesFiniteDifferencesOfTheObjective() {
        for (double gamma : new double[] {1.0, 0.9}) {
            TabularMdp mdp = GridWorld.builder().size(3).wind(0.3).horizon(5).discount(gamma).build();
            double[] r = randomReward(mdp.states(), 1);
            TabularDemonstrations demos = TabularDemonstrations.sample(mdp, ValueIteration.soft(mdp, r).policy(), 7, 2);
            MaxEntObjective objective = new MaxEntObjective(mdp, demos, true);
            double[] probe = randomReward(mdp.states(), 3);
            objective.evaluate(probe);
            double[] analytic = objective.rewardGradient.clone();
            double h = 1e-5;
            for (int s = 0; s < probe.length; s++) {
                double[] up = probe.clone();
                double[] down = probe.clone();
                up[s] += h;
                down[s] -= h;
                double numeric = (objective.objective(up) - objective.objective(down)) / (2 * h);
                assertEquals(numeric, analytic[s], 1e-7, "γ " + gamma + ", ∂L/∂r(" + s + ")");
            }
        }
    }

    @Test
    void objectiveIsTheDemonstrationLogLikelihoodForDeterministicDynamics() {
        TabularMdp mdp = GridWorld.builder().size(4).horizon(6).build();
        double[] r = randomReward(mdp.states(), 4);
        TabularDemonstrations demos = TabularDemonstrations.sample(mdp, ValueIteration.soft(mdp, r).policy(), 5, 9);
        MaxEntObjective objective = new MaxEntObjective(mdp, demos, true);
        double[] probe = randomReward(mdp.states(), 5);
        double dual = objective.objective(probe);
        assertEquals(-objective.negativeLogLikelihood(), dual, 1e-9);
        // and the linear-feature gradient Φᵀ(μ_D − E[μ]) is then the gradient of the log-likelihood
        double h = 1e-5;
        double[] up = probe.clone();
        up[7] += h;
        objective.evaluate(up);
        double llUp = -objective.negativeLogLikelihood();
        up[7] -= 2 * h;
        objective.evaluate(up);
        double llDown = -objective.negativeLogLikelihood();
        objective.evaluate(probe);
        assertEquals((llUp - llDown) / (2 * h), objective.rewardGradient[7], 1e-7);
    }

    @Test
    void recoversAKnownLinearRewardOnAGridWorld() {
        TabularMdp grid = GridWorld.builder().size(8).blockSize(2).wind(0.1).horizon(16).build();
        double[] w = randomReward(grid.featureCount(), 11);
        TabularMdp world = grid.withReward(new LinearReward(w).rewards(grid));
        TabularDemonstrations demos = TabularDemonstrations.sample(world,
                ValueIteration.soft(world, world.reward()).policy(), 2000, 12);
        IrlResult fit = MaxEntIrl.builder().iterations(300).learningRate(0.05).build().train(world, demos);
        double correlation = correlation(fit.reward(), world.reward());
        assertTrue(correlation >= 0.9, "correlation " + correlation);
        double evd = ExpectedValueDifference.between(world, fit.reward());
        double uninformed = ExpectedValueDifference.between(world, new double[world.states()]);
        assertTrue(evd <= 0.05 * uninformed, "EVD " + evd + " vs " + uninformed + " for a constant reward");
        Table h = fit.history();
        double firstGap = gap(h, 0);
        double lastGap = gap(h, 300);
        assertTrue(lastGap < 0.2 * firstGap, "visitation gap " + firstGap + " -> " + lastGap);
    }

    private static double gap(Table h, int iteration) {
        for (int i = 0; i < h.rowCount(); i++) {
            if (h.intColumn("iteration").get(i) == iteration && h.stringColumn("metric").get(i).equals("visitation_gap")) {
                return h.doubleColumn("value").get(i);
            }
        }
        throw new AssertionError("no visitation_gap at iteration " + iteration);
    }

    static double correlation(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElseThrow();
        double mb = Arrays.stream(b).average().orElseThrow();
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void sameSeedGivesTheSameHistoryAndResultIsACopy() {
        TabularMdp world = GridWorld.builder().size(5).wind(0.2).build();
        TabularDemonstrations demos = TabularDemonstrations.sample(world,
                ValueIteration.optimal(world, world.reward()).policy(), 10, 1);
        MaxEntIrl irl = MaxEntIrl.builder().iterations(20).seed(3).build();
        IrlResult a = irl.train(world, demos);
        IrlResult b = irl.train(world, demos);
        assertEquals(a.history().toString(), b.history().toString());
        assertEquals(java.util.List.of("iteration", "metric", "value", "seed"), a.history().columnNames());
        assertEquals(3L, a.history().longColumn("seed").get(0));
        assertTrue(a.history().stringColumn("metric").asSet().containsAll(java.util.Set.of("nll", "visitation_gap", "evd")));
        double[] r = a.reward();
        r[0] = 99;
        assertTrue(a.reward()[0] != 99);
    }

    @Test
    void demonstrationsOutOfRangeOrOfWrongLengthAreRejected() {
        TabularMdp world = GridWorld.builder().size(2).horizon(2).build();
        MaxEntIrl irl = MaxEntIrl.builder().iterations(1).build();
        IllegalArgumentException state = assertThrows(IllegalArgumentException.class, () -> irl.train(world,
                new TabularDemonstrations(new int[][] {{0, 4}}, new int[][] {{0, 0}})));
        assertTrue(state.getMessage().contains("demonstration 0, step 1: state 4 is outside [0, 4)"), state.getMessage());
        IllegalArgumentException action = assertThrows(IllegalArgumentException.class, () -> irl.train(world,
                new TabularDemonstrations(new int[][] {{0, 1}}, new int[][] {{5, 0}})));
        assertTrue(action.getMessage().contains("action 5 is outside [0, 5)"), action.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> irl.train(world,
                new TabularDemonstrations(new int[][] {{0}}, new int[][] {{0}})));
        assertTrue(length.getMessage().contains("has 1 steps but the MDP's horizon is 2"), length.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new TabularDemonstrations(new int[][] {{0, 1}}, new int[][] {{0}}));
    }

    @Test
    void divergingLearnerFailsWithAClearError() {
        TabularMdp world = GridWorld.builder().size(4).build();
        TabularDemonstrations demos = TabularDemonstrations.sample(world,
                ValueIteration.optimal(world, world.reward()).policy(), 3, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MaxEntIrl.builder().iterations(5).learningRate(1e308).build().train(world, demos));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
    }

    @Test
    void anInterruptedTrainingStopsWithAMessage() throws InterruptedException {
        TabularMdp mdp = GridWorld.builder().size(6).wind(0.2).build();
        TabularDemonstrations demos = TabularDemonstrations.sample(mdp, ValueIteration.soft(mdp, mdp.reward()).policy(), 4, 1);
        MaxEntIrl forever = MaxEntIrl.builder().iterations(Integer.MAX_VALUE).evdEvery(0).build();
        var e = imitation.data.InterruptedRun.of(() -> forever.train(mdp, demos), 200);
        assertTrue(e.getMessage().startsWith("MaxEntIrl was interrupted after"), e.getMessage());
    }

    @Test
    void aLearningRateThatMakesTheObjectiveInfiniteStopsNamingTheIterationAndRate() {
        TabularMdp mdp = GridWorld.builder().size(4).wind(0.1).build();
        TabularDemonstrations demos = TabularDemonstrations.sample(mdp, ValueIteration.soft(mdp, mdp.reward()).policy(), 8, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MaxEntIrl.builder().iterations(50).learningRate(1e6).evdEvery(0).build().train(mdp, demos));
        assertTrue(e.getMessage().matches("iteration [1-9]\\d* with learningRate = 1000000.0: .*"), e.getMessage());
        assertTrue(e.getMessage().contains("lower learningRate"), e.getMessage());
    }

    @Test
    void demonstrationsImpossibleUnderTheMdpAreRejectedNamingTheStep() {
        TabularMdp mdp = GridWorld.builder().size(3).horizon(3).build();   // no wind: moves are deterministic
        // state 0, action 0 (right) leads to state 1, never to state 8
        TabularDemonstrations jump = new TabularDemonstrations(new int[][] {{0, 8, 8}}, new int[][] {{0, 4, 4}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaxEntIrl.builder().iterations(1).build().train(mdp, jump));
        assertTrue(e.getMessage().contains("demonstration 0, step 1: state 8 cannot follow state 0 under action 0"),
                e.getMessage());
        TabularMdp fromCorner = mdp.withInitial(new double[] {1, 0, 0, 0, 0, 0, 0, 0, 0});
        TabularDemonstrations centre = new TabularDemonstrations(new int[][] {{4, 4, 4}}, new int[][] {{4, 4, 4}});
        e = assertThrows(IllegalArgumentException.class, () -> MaxEntIrl.builder().iterations(1)
                .startFromDemonstrations(false).build().train(fromCorner, centre));
        assertTrue(e.getMessage().contains("demonstration 0 starts in state 4"), e.getMessage());
        MaxEntIrl.builder().iterations(1).build().train(fromCorner, centre);   // its own starts: allowed
        e = assertThrows(IllegalArgumentException.class, () -> MaxEntIrl.builder().build().train(mdp, null));
        assertTrue(e.getMessage().contains("demonstrations is null"), e.getMessage());
    }
}
