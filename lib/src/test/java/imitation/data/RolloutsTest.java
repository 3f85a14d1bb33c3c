package imitation.data;

import static org.junit.jupiter.api.Assertions.*;

import imitation.env.CartPole;
import imitation.env.Env;
import imitation.env.Space;
import imitation.env.Step;
import imitation.env.VecEnv;
import imitation.expert.CartPoleExpert;
import imitation.policy.Policy;
import imitation.policy.RecurrentPolicy;
import imitation.policy.Remembering;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
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
        Rollouts.Driver driver = running -> {
            if (++calls[0] > 40) {
                return null;
            }
            return new Rollouts.Decision(new double[running.size()][1], expert.act(running.observations()));
        };
        List<Episode> episodes = Rollouts.in(CartPole.fixedHorizon().vec(2)).episodes(3).seed(1).drive(driver, true);
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

    /**
     * Episodes of 1 to 6 steps (drawn from the seed), so the slots of a vectorised copy restart at different
     * times; the observation is {@code [id, t]}: an id drawn from the seed and the steps taken so far.
     */
    private static final class Countdown implements Env {
        private double id;
        private int length;
        private int t;

        @Override
        public Space observationSpace() {
            return Space.Box.unbounded(2);
        }

        @Override
        public Space actionSpace() {
            return Space.Box.unbounded(2);
        }

        @Override
        public double[] reset(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            id = r.nextDouble();
            length = r.nextInt(1, 7);
            t = 0;
            return new double[] {id, t};
        }

        @Override
        public Step step(double[] action) {
            t++;
            return new Step(new double[] {id, t}, 1, t == length, false);
        }

        @Override
        public int horizon() {
            return 6;
        }
    }

    @Test
    void theDriverIsToldExactlyWhenEachEpisodeStarts() {
        List<Integer> starts = new ArrayList<>();
        Rollouts.Driver driver = running -> {
            for (int k = 0; k < running.size(); k++) {
                double t = running.observations()[k][1];
                assertEquals(t == 0, running.episodeStart()[k], "episode " + running.episodes()[k] + " at t = " + t);
                if (running.episodeStart()[k]) {
                    starts.add(running.episodes()[k]);
                }
                assertEquals(Rollouts.episodeSeed(6, running.episodes()[k]), running.seeds()[k]);
            }
            return new Rollouts.Decision(new double[running.size()][2], new double[running.size()][2]);
        };
        List<Episode> episodes = Rollouts.in(Countdown::new, 3).episodes(20).seed(6).drive(driver, false);
        assertEquals(20, episodes.size());
        assertTrue(episodes.stream().mapToInt(Episode::length).distinct().count() > 3, "lengths vary, so slots restart apart");
        assertEquals(20, starts.size(), "one start per episode");
        assertEquals(20, starts.stream().distinct().count());
    }

    @Test
    void aRecurrentPolicyKeepsItsStatePerSlotAndForgetsItAtEpisodeStart() {
        Demonstrations d = Rollouts.in(Countdown::new, 3).episodes(20).seed(6).collect(new Remembering());
        assertEquals(20, d.size());
        for (Trajectory t : d.trajectories()) {
            for (int s = 0; s < t.length(); s++) {
                assertEquals(t.observation(0)[0], t.action(s)[0], "remembers its own episode's first observation");
                assertEquals(s, t.action(s)[1], "counts the steps of its own episode");
                assertEquals(s, t.observation(s)[1]);
            }
        }
        Demonstrations alone = Rollouts.in(Countdown::new, 1).episodes(20).seed(6).collect(new Remembering());
        assertEquals(alone.trajectories(), d.trajectories(), "deterministic: the same episodes whatever the parallelism");
    }

    @Test
    void aPlainPolicySeenAsRecurrentGivesTheSameEpisodes() {
        Policy lean = obs -> {
            double[][] a = new double[obs.length][1];
            for (int i = 0; i < obs.length; i++) {
                a[i][0] = obs[i][2] + 0.3 * obs[i][0] > 0 ? 1 : 0;
            }
            return a;
        };
        Rollouts r = Rollouts.in(CartPole.classic().vec(3)).episodes(8).seed(3);
        assertEquals(r.collect(lean).trajectories(), r.collect(RecurrentPolicy.of(lean)).trajectories());
    }

    @Test
    void sampledEpisodesOfAPlainPolicyDoNotDependOnParallelism() {
        Policy coin = new Policy() {
            @Override
            public double[][] act(double[][] obs) {
                return new double[obs.length][1];
            }

            @Override
            public double[][] sample(double[][] obs, RandomGenerator rng) {
                double[][] a = act(obs);
                for (double[] row : a) {
                    row[0] = rng.nextInt(2);
                }
                return a;
            }
        };
        Rollouts one = Rollouts.in(CartPole.classic().vec(1)).episodes(6).seed(2).stochastic(true);
        Rollouts four = Rollouts.in(CartPole.classic().vec(4)).episodes(6).seed(2).stochastic(true);
        Demonstrations a = one.collect(coin);
        assertEquals(a.trajectories(), four.collect(coin).trajectories());
        assertTrue(a.trajectories().get(0).length() != a.trajectories().get(1).length()
                || !a.trajectories().get(0).equals(a.trajectories().get(1)), "episodes differ from each other");
        Demonstrations r = Rollouts.in(Countdown::new, 3).episodes(5).seed(2).stochastic(true).collect(new Remembering());
        assertEquals(r.trajectories(), Rollouts.in(Countdown::new, 3).episodes(5).seed(2).stochastic(true)
                .collect(new Remembering()).trajectories(), "a recurrent policy samples reproducibly by seed");
        assertTrue(r.trajectories().get(0).action(0)[0] != r.trajectories().get(0).observation(0)[0], "and it did sample");
    }

    @Test
    void aRecurrentPolicyThatBreaksItsContractIsNamed() {
        RecurrentPolicy lossy = new RecurrentPolicy() {
            @Override
            protected State newState(int n) {
                return () -> n;
            }

            @Override
            protected Output step(double[][] observations, State state, boolean[] episodeStart) {
                return new Output(new double[observations.length][2], () -> 1);
            }
        };
        var e = assertThrows(IllegalStateException.class, () -> Rollouts.in(Countdown::new, 2).episodes(2).collect(lossy));
        assertTrue(e.getMessage().contains("a state of size 1 for 2 observations"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Rollouts.in(Countdown::new, 2).collect((RecurrentPolicy) null));
    }
}
