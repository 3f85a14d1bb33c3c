package imitation.data;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TrajectoryTest {

    static Trajectory sample() {
        return new Trajectory(new double[][] {{0, 1}, {1, 2}, {2, 3}}, new double[][] {{0}, {1}}, new double[] {1, 0.5}, true);
    }

    @Test
    void holdsShapesAndTotals() {
        Trajectory t = sample();
        assertEquals(2, t.length());
        assertEquals(2, t.observationSize());
        assertEquals(1, t.actionSize());
        assertEquals(1.5, t.totalReward());
        assertTrue(t.terminal());
    }

    @Test
    void isImmutableThroughInputsAndAccessors() {
        double[][] obs = {{0}, {1}};
        Trajectory t = new Trajectory(obs, new double[][] {{3}}, new double[] {1}, false);
        obs[0][0] = 99;
        assertEquals(0, t.observations()[0][0]);
        t.observations()[0][0] = 42;
        t.actions()[0][0] = 42;
        assertEquals(0, t.observation(0)[0]);
        assertEquals(3, t.action(0)[0]);
    }

    @Test
    void rejectsLengthsThatDisagree() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Trajectory(new double[][] {{0}, {1}}, new double[][] {{0}, {1}}, new double[] {0, 0}, false));
        assertTrue(e.getMessage().contains("T+1 observations"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Trajectory(new double[][] {{0}, {1}}, new double[][] {{0}}, new double[] {0, 0}, false));
        assertTrue(e.getMessage().contains("one reward per action"), e.getMessage());
    }

    @Test
    void rejectsRaggedRowsAndNonFiniteNumbers() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Trajectory(new double[][] {{0, 1}, {1}}, new double[][] {{0}}, new double[] {0}, false));
        assertTrue(e.getMessage().contains("observations[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Trajectory(new double[][] {{0}, {Double.NaN}}, new double[][] {{0}}, new double[] {0}, false));
        assertTrue(e.getMessage().contains("observations[1][0] = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Trajectory(new double[][] {{0}, {1}}, new double[][] {{Double.POSITIVE_INFINITY}}, new double[] {0}, false));
        assertTrue(e.getMessage().contains("actions[0][0] = Infinity"), e.getMessage());
    }

    @Test
    void prefixKeepsTheFirstSteps() {
        Trajectory p = sample().prefix(1);
        assertEquals(1, p.length());
        assertEquals(1.0, p.totalReward());
        assertFalse(p.terminal());
        assertEquals(sample(), sample().prefix(2));
    }
}
