package imitation.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.eval.Evaluation;
import imitation.expert.ReachExpert;
import org.junit.jupiter.api.Test;

class PointReachTest {

    @Test
    void passesTheEnvChecker() {
        EnvChecker.check(PointReach::new);
    }

    @Test
    void costIsDistancePlusTheHill() {
        assertEquals(PointReach.HILL_HEIGHT * Math.exp(-(0.6 * 0.6 + 0.8 * 0.8) / (2 * 0.0625)), PointReach.cost(0.7, 0.7), 1e-12);
        assertEquals(Math.hypot(0.6, 0.8) + PointReach.HILL_HEIGHT, PointReach.cost(0.1, -0.1), 1e-12);
    }

    @Test
    void episodesLastTheHorizonAndStepsAreBoundedBySpeed() {
        PointReach env = new PointReach();
        double[] s = env.reset(4);
        for (int t = 1; t <= PointReach.HORIZON; t++) {
            Step step = env.step(new double[] {1, 1});
            assertTrue(Math.hypot(step.observation()[0] - s[0], step.observation()[1] - s[1]) <= PointReach.SPEED + 1e-12);
            assertEquals(-PointReach.cost(step.observation()[0], step.observation()[1]), step.reward(), 1e-12);
            assertFalse(step.terminated());
            assertEquals(t == PointReach.HORIZON, step.truncated());
            s = step.observation();
        }
        assertThrows(IllegalStateException.class, () -> env.step(new double[] {0, 0}));
        assertTrue(assertThrows(IllegalStateException.class, () -> new PointReach().step(new double[] {0, 0}))
                .getMessage().contains("not started"));
        PointReach fresh = new PointReach();
        fresh.reset(1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> fresh.step(new double[] {2, 0}))
                .getMessage().contains("action[0] = 2.0"));
    }

    @Test
    void expertGoesAroundTheHillAndReachesTheGoal() {
        Evaluation.Result r = Evaluation.in(VecEnv.of(5, PointReach::new)).episodes(20).seed(1).run(new ReachExpert());
        assertEquals(1.0, r.successRate());
        // the straight line through the hill costs more than the expert's detour
        double straight = 0;
        PointReach env = new PointReach();
        double[] s = env.reset(1);
        for (int t = 0; t < PointReach.HORIZON; t++) {
            double dx = PointReach.GOAL[0] - s[0];
            double dy = PointReach.GOAL[1] - s[1];
            double k = Math.max(Math.hypot(dx, dy), PointReach.SPEED);
            Step step = env.step(new double[] {dx / k, dy / k});
            straight += step.reward();
            s = step.observation();
        }
        assertTrue(r.meanReturn() > straight + 2, "expert " + r.meanReturn() + ", straight " + straight);
    }
}
