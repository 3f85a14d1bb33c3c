package imitation.data;

import static org.junit.jupiter.api.Assertions.*;

import imitation.env.CartPole;
import imitation.expert.CartPoleExpert;
import imitation.policy.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutsTest {

    private static final Policy RIGHT = obs -> {
        double[][] a = new double[obs.length][1];
        for (double[] row : a) {
            row[0] = 1;
        }
        return a;
    };

    @Test
    void episodesDoNotDependOnParallelism() {
        Demonstrations one = Rollouts.in(CartPole.classic().vec(1)).episodes(5).seed(9).collect(new CartPoleExpert());
        Demonstrations many = Rollouts.in(CartPole.classic().vec(4)).episodes(5).seed(9).collect(new CartPoleExpert());
        assertEquals(one.trajectories(), many.trajectories());
        Demonstrations serial = Rollouts.in(CartPole::classic, 3).episodes(5).seed(9).collect(new CartPoleExpert());
        assertEquals(one.trajectories(), serial.trajectories());
    }

    @Test
    void trajectoriesEndWithTheFinalObservationAndTerminalFlag() {
        Demonstrations d = Rollouts.in(CartPole.classic().vec(2)).episodes(3).seed(1).collect(RIGHT);
        for (Trajectory t : d.trajectories()) {
            assertTrue(t.terminal());
            double[] last = t.observation(t.length());
            assertTrue(Math.abs(last[0]) > CartPole.X_LIMIT || Math.abs(last[2]) > CartPole.THETA_LIMIT);
            assertEquals(t.length(), t.totalReward());
        }
    }

    @Test
    void stepsStopConditionCollectsWholeEpisodesUntilEnough() {
        Demonstrations d = Rollouts.in(CartPole.classic().vec(3)).steps(50).seed(2).collect(RIGHT);
        assertTrue(d.steps() >= 50);
        Demonstrations fewer = d.take(d.size() - 1);
        assertTrue(fewer.steps() < 50 + 3 * 200, "collector must not run far past the target");
    }

    @Test
    void runReportsSuccessAndCanSkipRecording() {
        List<Episode> episodes = Rollouts.in(CartPole.fixedHorizon().vec(2)).episodes(2).run(new CartPoleExpert(), false);
        assertTrue(episodes.stream().allMatch(e -> e.success() && e.trajectory().isEmpty() && e.length() == 500));
    }

    @Test
    void rejectsPolicyReturningWrongShape() {
        Policy bad = obs -> new double[obs.length][2];
        var e = assertThrows(IllegalArgumentException.class, () -> Rollouts.in(CartPole.classic().vec(2)).collect(bad));
        assertTrue(e.getMessage().contains("size 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Rollouts.in(CartPole.classic().vec(2)).episodes(0));
    }

    @Test
    void aDriverExecutesOneActionRecordsAnotherAndMayStopEarly() {
        CartPoleExpert expert = new CartPoleExpert();
        int[] calls = {0};
        Rollouts.Driver driver = (env, slots, obs) -> {
            if (++calls[0] > 40) {
                return null;
            }
            return new Rollouts.Decision(new double[obs.length][1], expert.act(obs));
        };
        List<Episode> episodes = Rollouts.in(CartPole.fixedHorizon().vec(2)).episodes(3).seed(1).run(driver, true);
        assertEquals(2, episodes.size(), "the two running episodes, cut after 40 steps");
        for (Episode e : episodes) {
            assertEquals(40, e.length());
            assertFalse(e.terminated() || e.success());
            Trajectory t = e.trajectory().orElseThrow();
            assertArrayEquals(expert.act(t.observation(39)), t.action(39), "recorded: the expert's label");
            assertTrue(t.observation(39)[1] < t.observation(0)[1], "executed: push left, so the cart speeds leftwards");
        }
    }

    @Test
    void anInterruptedCollectionStopsWithAMessage() throws InterruptedException {
        Rollouts long_ = Rollouts.in(CartPole.fixedHorizon().vec(4)).steps(Integer.MAX_VALUE);
        var e = InterruptedRun.of(() -> long_.collect(new CartPoleExpert()), 200);
        assertTrue(e.getMessage().startsWith("Rollouts was interrupted after"), e.getMessage());
    }
}
