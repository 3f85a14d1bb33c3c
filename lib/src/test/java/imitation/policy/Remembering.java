package imitation.policy;

import java.util.random.RandomGenerator;

/**
 * Test helper: a recurrent policy whose action is {@code [first, count]}, where {@code first} is element 0 of
 * the episode's first observation and {@code count} the number of steps taken since the episode started
 * (0 at its first step). A state carried correctly and reset at each episode start shows in every action.
 * {@link #sample} adds one uniform draw in [0, 1) to {@code first}.
 */
public final class Remembering extends RecurrentPolicy {

    /** Per row: the remembered first value and the step count; never changed after construction. */
    record Memory(double[] first, int[] count) implements State {
        @Override
        public int size() {
            return first.length;
        }
    }

    @Override
    protected State newState(int n) {
        return new Memory(new double[n], new int[n]);
    }

    @Override
    protected Output step(double[][] observations, State state, boolean[] episodeStart) {
        Memory m = own(state, Memory.class);
        int n = observations.length;
        double[] first = new double[n];
        int[] count = new int[n];
        double[][] actions = new double[n][];
        for (int i = 0; i < n; i++) {
            first[i] = episodeStart[i] ? observations[i][0] : m.first()[i];
            count[i] = episodeStart[i] ? 0 : m.count()[i] + 1;
            actions[i] = new double[] {first[i], count[i]};
        }
        return new Output(actions, new Memory(first, count));
    }

    @Override
    protected Output sampleStep(double[][] observations, State state, boolean[] episodeStart, RandomGenerator rng) {
        Output out = step(observations, state, episodeStart);
        for (double[] a : out.actions()) {
            a[0] += rng.nextDouble();
        }
        return out;
    }
}
