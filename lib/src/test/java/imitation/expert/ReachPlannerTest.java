package imitation.expert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.data.Trajectory;
import imitation.env.PointReach;
import imitation.env.VecEnv;
import imitation.eval.Evaluation;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReachPlannerTest {
    private static final double[] TARGET = {0.3, 0.1};

    /** c(s) = |s − p|: the optimum runs straight to p at full speed and stays there. */
    private static final Function<double[][], double[]> DISTANCE = positions -> {
        double[] c = new double[positions.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.hypot(positions[i][0] - TARGET[0], positions[i][1] - TARGET[1]);
        }
        return c;
    };

    @Test
    void runsStraightToTheOnlyMinimumOfADistanceCost() {
        Demonstrations runs = Rollouts.in(VecEnv.of(4, PointReach::new)).episodes(8).seed(3)
                .collect(ReachPlanner.optimalFor(DISTANCE));
        for (Trajectory t : runs.trajectories()) {
            double[][] s = t.observations();
            double d0 = Math.hypot(s[0][0] - TARGET[0], s[0][1] - TARGET[1]);
            // no policy can do better than closing 0.15 per step: Σ_t max(d0 − 0.15 t, 0)
            double bound = 0;
            double cost = 0;
            for (int k = 1; k < s.length; k++) {
                bound += Math.max(d0 - PointReach.SPEED * k, 0);
                cost += Math.hypot(s[k][0] - TARGET[0], s[k][1] - TARGET[1]);
            }
            double[] end = s[s.length - 1];
            // it ends within the smallest move (0.2 · 0.15) of p, and loses at most half of one per step to the bound
            assertTrue(Math.hypot(end[0] - TARGET[0], end[1] - TARGET[1]) < 0.2 * PointReach.SPEED, "final position");
            assertTrue(cost >= bound - 1e-9 && cost <= bound + PointReach.HORIZON * 0.1 * PointReach.SPEED,
                    "cost " + cost + " against the bound " + bound);
        }
    }

    @Test
    void theLastBackupIsTheCheapestNextPositionAndTheFirstStepCountsFromEachEpisodeStart() {
        ReachPlanner planner = ReachPlanner.optimalFor(DISTANCE);
        assertEquals(0, planner.costToGo(PointReach.HORIZON, 0.2, -0.4), 0);
        // p = (0.3, 0.1) is a grid position: staying there costs nothing
        assertEquals(0, planner.costToGo(PointReach.HORIZON - 1, 0.3, 0.1), 1e-12);
        // from (−1, −1) the best last move closes 0.15 along the nearest of 32 directions (at most 5.6° off, which
        // loses under 1e-3): V_{T−1} = |(−1, −1) − p| − 0.15
        double far = Math.hypot(-1 - TARGET[0], -1 - TARGET[1]) - PointReach.SPEED;
        assertEquals(far, planner.costToGo(PointReach.HORIZON - 1, -1, -1), 1e-3);
        // on the last step it takes the greedy move; an episode start resets the step count
        double[][] at = {{-1, -1}, {-1, -1}};
        ReachPlanner.State s = planner.initialState(2);
        for (int t = 0; t < PointReach.HORIZON - 1; t++) {
            s = planner.act(at, s, new boolean[] {t == 0, t == 0}).state();
        }
        double[][] last = planner.act(at, s, new boolean[] {false, true}).actions();
        double[][] first = planner.act(at, planner.initialState(2), new boolean[] {true, true}).actions();
        assertEquals(first[1][0], last[1][0], 0);
        assertEquals(first[1][1], last[1][1], 0);
        double[] moved = PointReach.next(-1, -1, last[0]);
        assertEquals(far, DISTANCE.apply(new double[][] {moved})[0], 1e-3);
    }

    @Test
    void badInputIsRefusedWithTheFix() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReachPlanner.optimalFor(null)).getMessage()
                .contains("cost is null"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReachPlanner.optimalFor(DISTANCE, 1)).getMessage()
                .contains("grid = 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReachPlanner.optimalFor(p -> new double[1]))
                .getMessage().contains("one cost per row"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReachPlanner.optimalFor(p -> {
            double[] c = DISTANCE.apply(p);
            c[c.length / 2] = Double.NaN;
            return c;
        })).getMessage().contains("is NaN"));
        ReachPlanner planner = ReachPlanner.optimalFor(DISTANCE, 5);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> planner.costToGo(31, 0, 0)).getMessage()
                .contains("t = 31"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> planner.act(new double[][] {{0, 0, 0}},
                planner.initialState(1), new boolean[] {true})).getMessage().contains("3 values"));
    }

    @Test
    void stopsWhenItsThreadIsInterrupted() {
        Thread.currentThread().interrupt();
        try {
            assertTrue(assertThrows(CancellationException.class, () -> ReachPlanner.optimalFor(DISTANCE)).getMessage()
                    .contains("ReachPlanner was interrupted"));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void onTheTrueCostItIsAtLeastAsGoodAsTheScriptedExpert() {
        Evaluation evaluation = Evaluation.in(VecEnv.of(10, PointReach::new)).episodes(50).seed(7);
        double planned = evaluation.run(ReachPlanner.trueCost()).meanReturn();
        assertTrue(planned > evaluation.run(new ReachExpert()).meanReturn(), "planner " + planned);
    }
}
