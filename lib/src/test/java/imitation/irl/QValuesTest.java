package imitation.irl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.env.GridWorld;
import imitation.env.TabularMdp;
import imitation.policy.TabularPolicy;
import org.junit.jupiter.api.Test;

class QValuesTest {

    /** Two states, actions 0 = stay and 1 = switch, deterministic; reward 0 in state 0 and 1 in state 1. */
    static TabularMdp stayOrSwitch() {
        return TabularMdp.builder(2, 2)
                .transition(0, 0, 0, 1).transition(0, 1, 1, 1)
                .transition(1, 0, 1, 1).transition(1, 1, 0, 1)
                .horizon(4).reward(new double[] {0, 1}).build();
    }

    @Test
    void qValuesOfATwoStateChainMatchTheHandSolvedBellmanEquations() {
        // γ = 0.5: V(1) = 1 + 0.5 V(1) = 2; V(0) = 0.5 max(V(0), V(1)) = 1.
        // Q(0, stay) = 0.5·1 = 0.5, Q(0, switch) = 0.5·2 = 1, Q(1, stay) = 1 + 0.5·2 = 2, Q(1, switch) = 1 + 0.5·1 = 1.5.
        // The MDP's horizon 4 and discount 1 are not used.
        double[][] q = ValueIteration.qValues(stayOrSwitch(), new double[] {0, 1}, 0.5);
        assertArrayEquals(new double[] {0.5, 1}, q[0], 1e-9);
        assertArrayEquals(new double[] {2, 1.5}, q[1], 1e-9);
        TabularPolicy greedy = ValueIteration.greedy(q);
        assertEquals(1, greedy.probability(0, 0, 1), "switch to the rewarding state");
        assertEquals(1, greedy.probability(0, 1, 0), "stay on it");
        assertArrayEquals(new double[] {1}, greedy.act(new double[][] {{0, 3}})[0], "observations {state, time} work");
    }

    @Test
    void qValuesWithWindSatisfyTheBellmanOptimalityEquationAndAgreeWithTheOptimalPlan() {
        TabularMdp grid = GridWorld.builder().size(5).wind(0.2).build();
        double[] r = grid.reward();
        double gamma = 0.9;
        double[][] q = ValueIteration.qValues(grid, r, gamma);
        for (int s = 0; s < grid.states(); s++) {
            for (int a = 0; a < grid.actions(); a++) {
                double next = 0;
                for (int n = 0; n < grid.states(); n++) {
                    next += grid.probability(s, a, n) * java.util.Arrays.stream(q[n]).max().orElseThrow();
                }
                assertEquals(r[s] + gamma * next, q[s][a], 1e-8, "Bellman optimality at s=" + s + ", a=" + a);
            }
        }
        // the goal cell is worth 1 per step forever at best: Q ≤ 1 / (1 − γ)
        assertTrue(java.util.Arrays.stream(q).flatMapToDouble(java.util.Arrays::stream).max().orElseThrow() <= 1 / (1 - gamma) + 1e-9);
    }

    @Test
    void greedyBreaksTiesToTheLowestActionIndex() {
        TabularPolicy p = ValueIteration.greedy(new double[][] {{3, 3, 1}, {0, 2, 2}});
        assertEquals(1, p.probability(0, 0, 0));
        assertEquals(1, p.probability(0, 1, 1));
    }

    @Test
    void badInputIsNamed() {
        TabularMdp mdp = stayOrSwitch();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValueIteration.qValues(mdp, new double[] {0, 1}, 1.0));
        assertTrue(e.getMessage().contains("discount = 1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ValueIteration.qValues(mdp, new double[] {0, 1, 2}, 0.9));
        assertTrue(e.getMessage().contains("reward"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ValueIteration.qValues(null, new double[] {0, 1}, 0.9));
        assertTrue(e.getMessage().contains("mdp is null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ValueIteration.greedy(new double[][] {{1, 2}, {1}}));
        assertTrue(e.getMessage().contains("q[1] has 1 actions"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ValueIteration.greedy(new double[][] {{1, Double.NaN}}));
        assertTrue(e.getMessage().contains("q[0][1] is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ValueIteration.greedy(null));
        assertTrue(e.getMessage().contains("q is null"), e.getMessage());
    }
}
