package imitation.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DriftChainTest {

    @Test
    void driftingLeavesTheCourseAndTheExpertActionLeadsBack() {
        DriftChain chain = new DriftChain(3, 10);
        assertEquals(0, chain.next(0, 0));
        assertEquals(1, chain.next(0, 1));
        assertEquals(3, chain.next(3, 1));
        assertEquals(2, chain.next(3, 0));
        assertEquals(0, chain.cost(0));
        assertEquals(1, chain.cost(2));
        assertArrayEquals(new boolean[] {true, false, false, false}, chain.expertStates());
    }

    @Test
    void episodeCostsOnePerStepOffCourseAndEndsAtTheHorizon() {
        DriftChain chain = new DriftChain(2, 3);
        chain.reset(0);
        Step a = chain.step(new double[] {1});
        Step b = chain.step(new double[] {1});
        Step c = chain.step(new double[] {0});
        assertArrayEquals(new double[] {2}, b.observation());
        assertEquals(-1, a.reward());
        assertEquals(-1, c.reward());
        assertTrue(c.truncated() && !b.done());
        assertThrows(IllegalStateException.class, () -> chain.step(new double[] {0}));
    }

    @Test
    void behaviourCloningLearnerErrsWithEpsilonOnExpertStatesAndAlwaysElsewhere() {
        DriftChain chain = new DriftChain(2, 10);
        DriftChain.Learner bc = chain.behaviourCloning(0.1);
        assertArrayEquals(new double[] {0.1, 1, 1}, bc.error());
        assertArrayEquals(new double[] {0}, bc.act(new double[] {0}));
        assertArrayEquals(new double[] {1}, bc.act(new double[] {2}));
        assertArrayEquals(new double[] {0, 0, 0}, ((DriftChain.Learner) chain.expert()).error());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new DriftChain(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new DriftChain(1, 0));
        DriftChain chain = new DriftChain(1, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> chain.behaviourCloning(1.5));
        assertTrue(e.getMessage().contains("epsilon = 1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> chain.learner(0.1, new boolean[3]));
        assertThrows(IllegalArgumentException.class, () -> chain.behaviourCloning(0.1).act(new double[] {2}));
        chain.reset(0);
        assertThrows(IllegalArgumentException.class, () -> chain.step(new double[] {2}));
    }

    @Test
    void passesTheEnvChecker() {
        EnvChecker.check(() -> new DriftChain(3, 12));
        EnvChecker.check(() -> new DriftChain(1, 1));
    }
}
