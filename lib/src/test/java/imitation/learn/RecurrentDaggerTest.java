package imitation.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.data.Trajectory;
import imitation.env.CartPole;
import imitation.env.CueMemory;
import imitation.env.PartialObservation;
import imitation.expert.CartPoleExpert;
import imitation.expert.CueExpert;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecurrentDaggerTest {
    private static final CueMemory ENV = new CueMemory(3, 9);

    @Test
    void theLearnerDrivesWithItsStateCarriedAndResetAndTheExpertLabelsWhatItReached() {
        Demonstrations demos = Rollouts.in(ENV.vec(2)).episodes(4).seed(1).collect(new CueExpert());
        List<double[][]> asked = new ArrayList<>();
        Expert alwaysZero = states -> {
            asked.add(states);
            return new double[states.length][1];
        };
        // the learner is the cue expert itself: right in every episode only if its memory is carried through each
        // episode and reset at each start, also when a slot runs several episodes in a row (12 episodes, 3 slots)
        var r = RecurrentDagger.builder().env(ENV.vec(3)).expert(alwaysZero).trainer(d -> new CueExpert())
                .episodesPerRound(12).seed(5).build().train(demos, 2);
        assertEquals(List.of(1.0, 1.0), r.rounds().doubleColumn("return").asList(), "the learner drove, and always right");
        int labelled = 0;
        for (double[][] batch : asked) {
            labelled += batch.length;
        }
        List<Trajectory> visited = r.dataset().trajectories().subList(demos.size(), r.dataset().size());
        assertEquals(24, visited.size(), "whole episodes aggregated");
        int steps = 0;
        for (Trajectory t : visited) {
            steps += t.length();
            for (int s = 0; s < t.length(); s++) {
                assertEquals(0, t.action(s)[0], "the recorded action is the expert's label, not the learner's");
            }
            assertEquals(1, t.observation(t.length() - 1)[1], "each episode runs to its decision");
        }
        assertEquals(steps, labelled, "one expert query per visited state");
        assertEquals(demos.steps() + steps, (int) r.rounds().intColumn("total_states").get(1));
    }

    @Test
    void aPrivilegedExpertSeesTheFullStateWhileTheLearnerSeesPart() {
        PartialObservation.Vec env = PartialObservation.vec(2, CartPole::fixedHorizon, 0, 2);
        CartPoleExpert lqr = new CartPoleExpert();
        List<Integer> widths = new ArrayList<>();
        Expert expert = states -> {
            widths.add(states[0].length);
            return lqr.act(states);
        };
        Demonstrations first = Rollouts.in(env).episodes(2).collect(imitation.policy.RecurrentPolicy.of(o -> new double[o.length][1]));
        var r = RecurrentDagger.builder().env(env).expert(expert).expertSees(e -> ((PartialObservation.Vec) e).fullObservations())
                .trainer(d -> imitation.policy.RecurrentPolicy.of(o -> new double[o.length][1])).seed(1).build().train(first, 1);
        assertTrue(widths.stream().allMatch(w -> w == 4), "the expert read [x, ẋ, θ, θ̇]");
        assertEquals(2, r.dataset().observationSize(), "the learner's data holds what it sees, [x, θ]");
    }

    @Test
    void badInputIsNamed() {
        Demonstrations demos = Rollouts.in(ENV.vec(2)).episodes(2).collect(new CueExpert());
        var builder = RecurrentDagger.builder().env(ENV.vec(2)).expert(s -> new double[s.length][1]).trainer(d -> new CueExpert());
        var missing = assertThrows(IllegalStateException.class, () -> RecurrentDagger.builder().env(ENV.vec(2)).build());
        assertTrue(missing.getMessage().contains("expert trainer"), missing.getMessage());
        var rounds = assertThrows(IllegalArgumentException.class, () -> builder.build().train(demos, -1));
        assertTrue(rounds.getMessage().contains("rounds = -1"), rounds.getMessage());
        Demonstrations pole = Rollouts.in(CartPole.fixedHorizon().vec(1)).episodes(1).collect(new CartPoleExpert());
        var sizes = assertThrows(IllegalArgumentException.class, () -> builder.build().train(pole, 1));
        assertTrue(sizes.getMessage().contains("size 4"), sizes.getMessage());
        var labels = assertThrows(IllegalArgumentException.class, () -> RecurrentDagger.builder().env(ENV.vec(2))
                .expert(s -> new double[1][1]).trainer(d -> new CueExpert()).build().train(demos, 1));
        assertTrue(labels.getMessage().contains("one action row per state"), labels.getMessage());
    }

    @Test
    void aCarriedStateBelongsToOneEnvironmentSize() {
        var carried = new Rollouts.Carried(new CueExpert(), 2, null);
        var e = assertThrows(IllegalArgumentException.class, () -> Rollouts.in(ENV.vec(3)).drive(running -> {
            double[][] a = carried.act(running);
            return new Rollouts.Decision(a, a);
        }, false));
        assertTrue(e.getMessage().contains("3 slots") && e.getMessage().contains("for 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Rollouts.Carried(null, 2, null));
    }
}
