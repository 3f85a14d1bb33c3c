package imitation.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.data.Trajectory;
import imitation.expert.RoutesExpert;
import org.junit.jupiter.api.Test;

class MultimodalTasksTest {

    @Test
    void theRoutesKeepTheEnvContract() {
        EnvChecker.check(ThreeRoutes::new);
    }

    @Test
    void routesExpertReachesTheGoalByEachRouteWithItsProbability() {
        Demonstrations d = Rollouts.in(ThreeRoutes::new, 16).episodes(3000).seed(5).stochastic(true)
                .collect(RoutesExpert.standard());
        double[] share = new double[3];
        for (Trajectory t : d.trajectories()) {
            assertTrue(t.terminal() && t.totalReward() == 1, "an expert episode missed the goal");
            share[ThreeRoutes.routeOf(t)] += 1.0 / d.size();
        }
        double[] expected = {0.3, 0.4, 0.3};
        for (int r = 0; r < 3; r++) {
            // binomial std of a share over 3000 episodes is below 0.009
            assertEquals(expected[r], share[r], 0.03, ThreeRoutes.ROUTE_NAMES[r]);
        }
        // the deterministic expert takes its likeliest route, the diagonal
        Demonstrations clean = Rollouts.in(ThreeRoutes::new, 4).episodes(4).seed(1).collect(RoutesExpert.standard());
        assertEquals(1, ThreeRoutes.routeOf(clean.trajectories().get(0)));
    }

    @Test
    void badArgumentsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> new RoutesExpert(new double[] {0.5, 0.5, 0.5}, 0));
        assertTrue(e.getMessage().contains("sum to 1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RoutesExpert(new double[] {0.3, 0.4, 0.3}, -1));
        assertTrue(e.getMessage().contains("noise = -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ThreeRoutes.route(3));
        assertTrue(e.getMessage().contains("route = 3"), e.getMessage());
        ThreeRoutes env = new ThreeRoutes();
        env.reset(0);
        e = assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {Double.NaN, 0}));
        assertTrue(e.getMessage().contains("action[0] = NaN"), e.getMessage());
    }
}
