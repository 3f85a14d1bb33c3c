package imitation.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TabularPolicyTest {
    private final TabularPolicy policy = TabularPolicy.timeDependent(new double[][][] {
        {{0.2, 0.8}, {1, 0}},
        {{0.7, 0.3}, {0.5, 0.5}}});

    @Test
    void actPicksTheMostLikelyActionOfTheObservedTimeStep() {
        assertArrayEquals(new double[] {1}, policy.act(new double[] {0, 0}));
        assertArrayEquals(new double[] {0}, policy.act(new double[] {0, 1}));
        assertArrayEquals(new double[] {0}, policy.act(new double[] {0, 9}), "past the last table: the last table");
        assertArrayEquals(new double[] {1}, policy.act(new double[] {0}), "no time step: time 0");
        assertArrayEquals(new double[] {0}, policy.act(new double[] {1, 1}), "ties go to the lowest index");
    }

    @Test
    void sampleFollowsTheProbabilitiesAndRepeatsBySeed() {
        SplittableRandom rng = new SplittableRandom(5);
        double[][] obs = new double[20_000][];
        java.util.Arrays.fill(obs, new double[] {0, 0});
        double[][] actions = policy.sample(obs, rng);
        double ones = java.util.Arrays.stream(actions).mapToDouble(a -> a[0]).sum() / obs.length;
        assertEquals(0.8, ones, 4 * Math.sqrt(0.16 / obs.length));
        assertTrue(java.util.Arrays.stream(policy.sample(obs, rng)).allMatch(a -> a[0] == 0 || a[0] == 1));
        assertArrayEquals(policy.sample(obs, new SplittableRandom(9)), policy.sample(obs, new SplittableRandom(9)));
        double[][] state1 = new double[100][];
        java.util.Arrays.fill(state1, new double[] {1, 0});
        assertTrue(java.util.Arrays.stream(policy.sample(state1, rng)).allMatch(a -> a[0] == 0), "π(1|1) = 0 is never drawn");
    }

    @Test
    void rowsThatAreNotDistributionsAreRejected() {
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
                () -> TabularPolicy.stationary(new double[][] {{0.5, 0.4}}));
        assertTrue(sum.getMessage().contains("row (state 0, t 0) sums to 0.9"), sum.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TabularPolicy.stationary(new double[][] {{1.5, -0.5}}));
        assertThrows(IllegalArgumentException.class, () -> TabularPolicy.stationary(new double[][] {{1, 0}, {1}}));
        assertThrows(IllegalArgumentException.class, () -> policy.act(new double[] {2, 0}));
    }

    @Test
    void tablesAreCopies() {
        double[][][] t = policy.probabilities();
        t[0][0][0] = 5;
        assertEquals(0.2, policy.probability(0, 0, 0));
        assertEquals(2, policy.steps());
    }
}
