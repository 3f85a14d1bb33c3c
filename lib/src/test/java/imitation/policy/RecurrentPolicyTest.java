package imitation.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecurrentPolicyTest {
    private static final boolean[] START = {true, true};
    private static final boolean[] GO_ON = {false, false};

    @Test
    void theStateIsCarriedAndResetPerRowAtEpisodeStart() {
        Remembering p = new Remembering();
        RecurrentPolicy.Output a = p.act(new double[][] {{5}, {7}}, p.initialState(2), START);
        assertArrayEquals(new double[][] {{5, 0}, {7, 0}}, a.actions());
        RecurrentPolicy.Output b = p.act(new double[][] {{1}, {2}}, a.state(), GO_ON);
        assertArrayEquals(new double[][] {{5, 1}, {7, 1}}, b.actions(), "carried: first observation and count");
        RecurrentPolicy.Output c = p.act(new double[][] {{3}, {4}}, b.state(), new boolean[] {false, true});
        assertArrayEquals(new double[][] {{5, 2}, {4, 0}}, c.actions(), "row 1 starts a new episode, row 0 goes on");
    }

    @Test
    void statesAreNotChangedByActing() {
        Remembering p = new Remembering();
        RecurrentPolicy.State s = p.act(new double[][] {{5}, {7}}, p.initialState(2), START).state();
        double[][] once = p.act(new double[][] {{0}, {0}}, s, GO_ON).actions();
        double[][] again = p.act(new double[][] {{0}, {0}}, s, GO_ON).actions();
        assertArrayEquals(once, again, "the same state gives the same step twice");
    }

    @Test
    void sampleUsesTheGeneratorAndDefaultsToAct() {
        Remembering p = new Remembering();
        double[][] obs = {{5}, {7}};
        double[][] drawn = p.sample(obs, p.initialState(2), START, new SplittableRandom(3)).actions();
        SplittableRandom same = new SplittableRandom(3);
        assertEquals(5 + same.nextDouble(), drawn[0][0]);
        assertEquals(7 + same.nextDouble(), drawn[1][0]);
        RecurrentPolicy plain = RecurrentPolicy.of(o -> new double[][] {{o[0][0] * 2}});
        assertArrayEquals(new double[][] {{6}}, plain.sample(new double[][] {{3}}, plain.initialState(1), new boolean[1],
                new SplittableRandom(1)).actions(), "a deterministic policy samples its act");
    }

    @Test
    void aPlainPolicyIsTheStatelessCase() {
        Policy noisy = new Policy() {
            @Override
            public double[][] act(double[][] obs) {
                return new double[][] {{obs[0][0] + 1}, {obs[1][0] + 1}};
            }

            @Override
            public double[][] sample(double[][] obs, java.util.random.RandomGenerator rng) {
                return new double[][] {{rng.nextDouble()}, {rng.nextDouble()}};
            }
        };
        RecurrentPolicy r = RecurrentPolicy.of(noisy);
        RecurrentPolicy.State s = r.initialState(2);
        double[][] obs = {{1}, {2}};
        RecurrentPolicy.Output out = r.act(obs, s, START);
        assertArrayEquals(noisy.act(obs), out.actions());
        assertSame(s, out.state(), "nothing to remember");
        assertArrayEquals(noisy.sample(obs, new SplittableRandom(8)), r.sample(obs, s, GO_ON, new SplittableRandom(8)).actions());
    }

    @Test
    void rejectsAStateOfAnotherSizeFlagsOfTheWrongLengthAndForeignStates() {
        Remembering p = new Remembering();
        double[][] two = {{1}, {2}};
        var e = assertThrows(IllegalArgumentException.class, () -> p.act(two, p.initialState(3), START));
        assertTrue(e.getMessage().contains("state is for 3 episodes but observations has 2 rows")
                && e.getMessage().contains("initialState(2)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.act(two, p.initialState(2), new boolean[3]));
        assertTrue(e.getMessage().contains("episodeStart has 3 flags but observations has 2 rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.act(two, p.initialState(2), null));
        assertTrue(e.getMessage().contains("episodeStart has no array"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.act(two, null, START));
        assertTrue(e.getMessage().contains("state is null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.act(new double[0][], p.initialState(1), new boolean[0]));
        assertTrue(e.getMessage().contains("observations is empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.initialState(0));
        assertTrue(e.getMessage().contains("n = 0"), e.getMessage());
        RecurrentPolicy.State foreign = RecurrentPolicy.of(o -> o).initialState(2);
        e = assertThrows(IllegalArgumentException.class, () -> p.act(two, foreign, START));
        assertTrue(e.getMessage().contains("Remembering keeps a Memory"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.sample(two, p.initialState(2), START, null));
        assertTrue(e.getMessage().contains("rng is null"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecurrentPolicy.of(null));
    }

    @Test
    void rejectsAnImplementationThatLosesRowsOrItsState() {
        RecurrentPolicy shrinking = new RecurrentPolicy() {
            @Override
            protected State newState(int n) {
                return () -> n;
            }

            @Override
            protected Output step(double[][] observations, State state, boolean[] episodeStart) {
                return new Output(observations, () -> 1);
            }
        };
        var e = assertThrows(IllegalStateException.class,
                () -> shrinking.act(new double[][] {{1}, {2}}, shrinking.initialState(2), START));
        assertTrue(e.getMessage().contains("a state of size 1 for 2 observations"), e.getMessage());
        RecurrentPolicy rowless = new RecurrentPolicy() {
            @Override
            protected State newState(int n) {
                return n == 2 ? () -> 3 : () -> n;
            }

            @Override
            protected Output step(double[][] observations, State state, boolean[] episodeStart) {
                return new Output(new double[1][1], state);
            }
        };
        e = assertThrows(IllegalStateException.class, () -> rowless.initialState(2));
        assertTrue(e.getMessage().contains("returned a state of size 3"), e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> rowless.act(new double[][] {{1}, {2}, {3}}, rowless.initialState(3), new boolean[3]));
        assertTrue(e.getMessage().contains("returned 1 action rows for 3 observations"), e.getMessage());
    }
}
