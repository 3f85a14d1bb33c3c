package imitation.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.data.Trajectory;
import imitation.env.CartPole;
import imitation.expert.CartPoleExpert;
import imitation.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InverseDynamicsTest {
    private static final CartPole CART = CartPole.classic();

    private static Demonstrations randomPlay(int episodes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Policy coin = obs -> {
            double[][] a = new double[obs.length][1];
            for (double[] row : a) {
                row[0] = rng.nextInt(2);
            }
            return a;
        };
        return Rollouts.in(CART.vec(1)).episodes(episodes).seed(seed).collect(coin);
    }

    private static Demonstrations expertDemo() {
        return Rollouts.in(CART.vec(1)).episodes(1).seed(11).collect(new CartPoleExpert());
    }

    @Test
    void pairsPutEachStateNextToItsSuccessor() {
        Demonstrations play = randomPlay(2, 1);
        Demonstrations pairs = InverseDynamics.pairs(play);
        assertEquals(play.steps(), pairs.steps());
        Trajectory t = play.trajectories().get(0);
        Trajectory p = pairs.trajectories().get(0);
        double[] row = p.observation(3);
        assertArrayEquals(t.observation(3), java.util.Arrays.copyOfRange(row, 0, 4));
        assertArrayEquals(t.observation(4), java.util.Arrays.copyOfRange(row, 4, 8));
        assertArrayEquals(t.action(3), p.action(3));
    }

    @Test
    void recoversTheExpertsActionsFromItsStatesAlone() {
        // in CartPole the push direction decides the change of cart velocity, so (s, s') determines the action
        InverseDynamics.Result r = InverseDynamics.label(randomPlay(30, 2), expertDemo(),
                BehaviorCloning.builder().steps(1500).seed(0).build(), CART.actionSpace());
        assertTrue(r.agreement() > 0.95, "agreement " + r.agreement());
        assertEquals(r.agreement(), imitation.eval.Evaluation.agreement(new CartPoleExpert(), r.labelled()), 1e-12);
    }

    @Test
    void theRecordedActionsAreNotUsedForLabelling() {
        Demonstrations demo = expertDemo();
        List<Trajectory> flipped = new ArrayList<>();
        for (Trajectory t : demo.trajectories()) {
            double[][] a = t.actions();
            for (double[] row : a) {
                row[0] = 1 - row[0];
            }
            flipped.add(new Trajectory(t.observations(), a, t.rewards(), t.terminal()));
        }
        BehaviorCloning learner = BehaviorCloning.builder().steps(300).seed(0).build();
        Demonstrations play = randomPlay(10, 3);
        InverseDynamics.Result straight = InverseDynamics.label(play, demo, learner, CART.actionSpace());
        InverseDynamics.Result wrong = InverseDynamics.label(play, Demonstrations.of(flipped), learner, CART.actionSpace());
        assertEquals(straight.labelled().toTable().toString(), wrong.labelled().toTable().toString());
        assertEquals(1.0, straight.agreement() + wrong.agreement(), 1e-12);
    }

    @Test
    void rejectsMissingOrMismatchedData() {
        BehaviorCloning learner = BehaviorCloning.builder().steps(10).build();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> InverseDynamics.label(null, expertDemo(), learner, CART.actionSpace())).getMessage()
                .contains("must not be null"));
        Trajectory small = new Trajectory(new double[][] {{0}, {1}}, new double[][] {{0}}, new double[] {0}, false);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> InverseDynamics.label(Demonstrations.of(small), expertDemo(), learner, CART.actionSpace()))
                .getMessage().contains("observations have 1 numbers"));
    }
}
