package imitation.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Rollouts;
import imitation.expert.CueExpert;
import imitation.policy.RecurrentPolicy;
import org.junit.jupiter.api.Test;

class PartialObservationTest {

    @Test
    void bothEnvironmentsPassTheChecker() {
        EnvChecker.check(() -> PartialObservation.of(CartPole.fixedHorizon(), 0, 2));
        EnvChecker.check(() -> new CueMemory(3, 9), new CueMemory(3, 9)::vec);
    }

    @Test
    void hiddenVelocitiesShowOnlyTheKeptColumns() {
        PartialObservation env = PartialObservation.of(CartPole.fixedHorizon(), 0, 2);
        CartPole full = CartPole.fixedHorizon();
        assertArrayEquals(env.observe(full.reset(7)), env.reset(7), 0);
        assertArrayEquals(env.observe(full.step(new double[] {1}).observation()), env.step(new double[] {1}).observation(), 0);
        assertEquals(2, env.observationSpace().size());
    }

    @Test
    void theVectorisedViewKeepsTheFullObservationsForAPrivilegedExpert() {
        PartialObservation.Vec vec = PartialObservation.vec(2, CartPole::fixedHorizon, 0, 2);
        CartPole full = CartPole.fixedHorizon();
        vec.reset(1, 7);
        double[] start = full.reset(7);
        assertArrayEquals(start, vec.fullObservations()[1], 0);
        assertArrayEquals(new double[] {start[0], start[2]}, vec.observations()[1], 0);
        vec.step(new double[][] {{0}, {1}});
        double[] next = full.step(new double[] {1}).observation();
        assertArrayEquals(next, vec.fullObservations()[1], 0);
        assertArrayEquals(new double[] {next[0], next[2]}, vec.observations()[1], 0);
        var none = assertThrows(IllegalArgumentException.class, () -> PartialObservation.vec(2, null, 0, 2));
        assertTrue(none.getMessage().contains("inner is null"), none.getMessage());
        var early = assertThrows(IllegalStateException.class, () -> PartialObservation.of(CartPole.classic(), 0).full());
        assertTrue(early.getMessage().contains("reset(seed) first"), early.getMessage());
    }

    @Test
    void theCueExpertIsAlwaysRightAndAMemorylessPolicyIsRightHalfTheTime() {
        CueMemory env = new CueMemory(4, 12);
        long right = Rollouts.in(env.vec(8)).episodes(400).seed(1).run(new CueExpert(), false).stream()
                .filter(e -> e.success()).count();
        assertEquals(400, right);
        // the best memoryless policy acts on [0, 1] at the decision: one fixed action, right when the cue agrees
        long guessed = Rollouts.in(env.vec(8)).episodes(400).seed(1).run(
                RecurrentPolicy.of(obs -> new double[obs.length][1]), false).stream().filter(e -> e.success()).count();
        assertTrue(guessed > 160 && guessed < 240, "a fair coin decides: " + guessed + " of 400");
    }

    @Test
    void badInputIsNamed() {
        var keep = assertThrows(IllegalArgumentException.class, () -> PartialObservation.of(CartPole.classic(), 2, 0));
        assertTrue(keep.getMessage().contains("keep = [2, 0]"), keep.getMessage());
        var delays = assertThrows(IllegalArgumentException.class, () -> new CueMemory(5, 4));
        assertTrue(delays.getMessage().contains("delays [5, 4]"), delays.getMessage());
    }
}
