package imitation.expert;

import imitation.policy.RecurrentPolicy;

/**
 * The expert of {@link imitation.env.CueMemory}: it remembers the cue of the episode's first observation,
 * waits with action 0, and at the decision step ({@code go = 1}) takes action 1 for cue +1 and 0 for cue −1.
 * Always right; its memory is one number per episode.
 */
public final class CueExpert extends RecurrentPolicy {

    /** The remembered cue of each episode (0 before the first step). */
    private record Cues(double[] cue) implements State {
        @Override
        public int size() {
            return cue.length;
        }
    }

    @Override
    protected State newState(int n) {
        return new Cues(new double[n]);
    }

    @Override
    protected Output step(double[][] observations, State state, boolean[] episodeStart) {
        double[] before = own(state, Cues.class).cue();
        int n = observations.length;
        double[] cue = new double[n];
        double[][] actions = new double[n][1];
        for (int i = 0; i < n; i++) {
            if (observations[i] == null || observations[i].length != 2) {
                throw new IllegalArgumentException("observation " + i + " has " + (observations[i] == null ? "no array"
                        : observations[i].length + " values") + "; CueExpert reads CueMemory's [cue, go]");
            }
            cue[i] = episodeStart[i] ? observations[i][0] : before[i];
            boolean go = observations[i][1] == 1;
            actions[i][0] = go && cue[i] > 0 ? 1 : 0;
        }
        return new Output(actions, new Cues(cue));
    }

    @Override
    public String toString() {
        return "CueExpert";
    }
}
