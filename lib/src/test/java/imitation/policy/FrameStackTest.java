package imitation.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Rollouts;
import imitation.env.CueMemory;
import org.junit.jupiter.api.Test;

class FrameStackTest {
    /** The policy that returns what it reads, to show the window a frame stack feeds it. */
    private static final Policy ECHO = observations -> observations;

    @Test
    void stackRepeatsTheFirstObservationAndKeepsTheOldestFirst() {
        double[][] episode = {{1, 10}, {2, 20}, {3, 30}};
        assertArrayEquals(new double[][] {{1, 10, 1, 10, 1, 10}, {1, 10, 1, 10, 2, 20}, {1, 10, 2, 20, 3, 30}},
                FrameStack.stack(episode, 3));
        assertArrayEquals(episode, FrameStack.stack(episode, 1), "one frame is the observation itself");
    }

    @Test
    void steppingCarriesTheWindowPerRowAndResetsItAtEpisodeStart() {
        FrameStack p = FrameStack.of(ECHO, 2);
        var a = p.act(new double[][] {{1}, {5}}, p.initialState(2), new boolean[] {true, true});
        assertArrayEquals(new double[][] {{1, 1}, {5, 5}}, a.actions());
        var b = p.act(new double[][] {{2}, {6}}, a.state(), new boolean[] {false, false});
        assertArrayEquals(new double[][] {{1, 2}, {5, 6}}, b.actions());
        var c = p.act(new double[][] {{3}, {9}}, b.state(), new boolean[] {false, true});
        assertArrayEquals(new double[][] {{2, 3}, {9, 9}}, c.actions(), "row 1 starts again: its window forgets 5 and 6");
        var again = p.act(new double[][] {{3}, {9}}, b.state(), new boolean[] {false, true});
        assertArrayEquals(c.actions(), again.actions(), "acting does not change the state it was given");
    }

    @Test
    void aStackShorterThanTheDelayCannotSeeTheCueAndALongerOneCan() {
        CueMemory env = new CueMemory(5, 8);
        // action 1 when the window holds cue +1 and go = 1: right exactly when the window reaches back to the cue
        Policy reads = obs -> {
            double[][] out = new double[obs.length][1];
            for (int i = 0; i < obs.length; i++) {
                boolean cue = false;
                for (int k = 0; k < obs[i].length; k += 2) {
                    cue |= obs[i][k] > 0;
                }
                out[i][0] = cue && obs[i][obs[i].length - 1] == 1 ? 1 : 0;
            }
            return out;
        };
        double shortStack = right(env, FrameStack.of(reads, 5));
        double longStack = right(env, FrameStack.of(reads, 9));
        assertTrue(shortStack > 0.4 && shortStack < 0.6, "5 frames, delays 5..8: right in " + shortStack);
        assertTrue(longStack == 1, "9 frames, delays 5..8: right in " + longStack);
    }

    private static double right(CueMemory env, RecurrentPolicy p) {
        return Rollouts.in(env.vec(8)).episodes(400).seed(3).run(p, false).stream().filter(e -> e.success()).count() / 400.0;
    }

    @Test
    void badInputIsNamed() {
        var frames = assertThrows(IllegalArgumentException.class, () -> FrameStack.of(ECHO, 0));
        assertTrue(frames.getMessage().contains("frames = 0"), frames.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> FrameStack.of(null, 2));
        assertTrue(none.getMessage().contains("policy is null"), none.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> FrameStack.stack(new double[0][], 2));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        var sizes = assertThrows(IllegalArgumentException.class, () -> FrameStack.stack(new double[][] {{1}, {1, 2}}, 2));
        assertTrue(sizes.getMessage().contains("one size"), sizes.getMessage());
    }
}
