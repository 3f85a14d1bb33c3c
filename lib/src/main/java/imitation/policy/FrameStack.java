package imitation.policy;

import java.util.random.RandomGenerator;

/**
 * A policy of the last {@code k} observations: a plain {@link Policy} that reads {@code k} observations laid
 * side by side, oldest first, run as a {@link RecurrentPolicy} whose state is the window of each episode. At an
 * episode's first step the window is that first observation repeated {@code k} times, so the policy always sees
 * {@code k} frames and never sees the previous episode. {@link #stack} lays out an episode's observations the same way, for
 * training the plain policy on demonstrations whose observations were stacked:
 *
 * <pre>{@code
 * // each trajectory t of the demonstrations: new Trajectory(FrameStack.stack(t.observations(), 4), t.actions(), ...)
 * RecurrentPolicy stacked = FrameStack.of(mlpTrainedOnStackedDemos, 4);   // drive it with Rollouts.run / collect
 * }</pre>
 *
 * {@code k = 1} is the current observation alone. A window of {@code k} frames cannot recall anything seen
 * {@code k} or more steps ago.
 */
public final class FrameStack extends RecurrentPolicy {
    private final Policy policy;
    private final int frames;

    private FrameStack(Policy policy, int frames) {
        this.policy = policy;
        this.frames = frames;
    }

    /** {@code policy}, which reads {@code frames} stacked observations, run on single observations. */
    public static FrameStack of(Policy policy, int frames) {
        if (policy == null) {
            throw new IllegalArgumentException("FrameStack.of: policy is null; pass a policy trained on FrameStack.stack(demos, frames)");
        }
        return new FrameStack(policy, checkedFrames(frames));
    }

    /** Observation {@code t} of one episode's {@code observations} replaced by observations {@code t−k+1..t} side by side (the first repeated before the start). */
    public static double[][] stack(double[][] observations, int frames) {
        if (observations == null || observations.length == 0) {
            throw new IllegalArgumentException("FrameStack.stack: observations is " + (observations == null ? "null" : "empty")
                    + "; pass the observations of one episode in order");
        }
        checkedFrames(frames);
        double[][] stacked = new double[observations.length][];
        for (int s = 0; s < observations.length; s++) {
            double[][] window = new double[frames][];
            for (int k = 0; k < frames; k++) {
                window[k] = observations[Math.max(0, s - frames + 1 + k)];
            }
            stacked[s] = concat(window);
        }
        return stacked;
    }

    public int frames() {
        return frames;
    }

    /** The last {@code frames} observations of each episode, oldest first (empty before the first step). */
    private record Window(int size, double[][][] rows) implements State {}

    @Override
    protected State newState(int n) {
        return new Window(n, new double[n][][]);
    }

    @Override
    protected Output step(double[][] observations, State state, boolean[] episodeStart) {
        Window w = advanced(observations, own(state, Window.class), episodeStart);
        return new Output(policy.act(inputs(w)), w);
    }

    @Override
    protected Output sampleStep(double[][] observations, State state, boolean[] episodeStart, RandomGenerator rng) {
        Window w = advanced(observations, own(state, Window.class), episodeStart);
        return new Output(policy.sample(inputs(w), rng), w);
    }

    private Window advanced(double[][] observations, Window before, boolean[] episodeStart) {
        double[][][] rows = new double[observations.length][][];
        for (int i = 0; i < rows.length; i++) {
            if (observations[i] == null) {
                throw new IllegalArgumentException("observation " + i + " is null; pass one observation row per episode");
            }
            rows[i] = new double[frames][];
            boolean fresh = episodeStart[i] || before.rows()[i] == null;
            for (int k = 0; k + 1 < frames; k++) {
                rows[i][k] = fresh ? observations[i].clone() : before.rows()[i][k + 1];
            }
            rows[i][frames - 1] = observations[i].clone();
        }
        return new Window(rows.length, rows);
    }

    private static double[][] inputs(Window w) {
        double[][] x = new double[w.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = concat(w.rows()[i]);
        }
        return x;
    }

    private static double[] concat(double[][] window) {
        int d = window[0].length;
        double[] out = new double[window.length * d];
        for (int k = 0; k < window.length; k++) {
            if (window[k].length != d) {
                throw new IllegalArgumentException("observations of " + window[k].length + " and " + d
                        + " values in one window; a frame stack needs observations of one size");
            }
            System.arraycopy(window[k], 0, out, k * d, d);
        }
        return out;
    }

    private static int checkedFrames(int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames = " + frames + "; a frame stack holds at least 1 observation (1 is the current one alone)");
        }
        return frames;
    }

    @Override
    public String toString() {
        return "FrameStack(" + frames + ", " + policy + ")";
    }
}
