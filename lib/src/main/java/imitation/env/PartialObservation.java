package imitation.env;

import java.util.Arrays;

/**
 * An environment seen through a subset of its observation: the wrapped environment runs unchanged, the agent
 * sees only the columns {@code keep}. CartPole with its velocities hidden is
 * {@code PartialObservation.of(CartPole.fixedHorizon(), 0, 2)} ({@code [x, θ]}): the state is no longer a
 * function of the current observation, while an expert that reads the full state still balances the pole.
 * {@link #observe} projects a full observation, e.g. to hide the velocities in demonstrations collected with
 * the full state.
 */
public final class PartialObservation implements Env {
    private final Env inner;
    private final int[] keep;
    private final Space observationSpace;

    private PartialObservation(Env inner, int[] keep) {
        this.inner = inner;
        this.keep = keep;
        Space full = inner.observationSpace();
        if (!(full instanceof Space.Box box)) {
            throw new IllegalArgumentException("PartialObservation: the observation space " + full
                    + " is not a box; hide columns of vector observations only");
        }
        double[] low = new double[keep.length];
        double[] high = new double[keep.length];
        for (int j = 0; j < keep.length; j++) {
            low[j] = box.low()[keep[j]];
            high[j] = box.high()[keep[j]];
        }
        observationSpace = new Space.Box(low, high);
    }

    /** {@code inner} seen through columns {@code keep} (distinct, increasing, inside its observation). */
    public static PartialObservation of(Env inner, int... keep) {
        if (inner == null) {
            throw new IllegalArgumentException("PartialObservation.of: inner is null; pass the environment to wrap");
        }
        int d = inner.observationSpace().size();
        if (keep == null || keep.length == 0) {
            throw new IllegalArgumentException("PartialObservation.of: keep is empty; name the observation columns the agent sees, e.g. 0, 2");
        }
        for (int j = 0; j < keep.length; j++) {
            if (keep[j] < 0 || keep[j] >= d || (j > 0 && keep[j] <= keep[j - 1])) {
                throw new IllegalArgumentException("PartialObservation.of: keep = " + Arrays.toString(keep)
                        + "; pass distinct increasing columns in 0.." + (d - 1));
            }
        }
        return new PartialObservation(inner, keep.clone());
    }

    /** The columns the agent sees (a copy). */
    public int[] kept() {
        return keep.clone();
    }

    /** The visible part of a full observation of the wrapped environment. */
    public double[] observe(double[] full) {
        if (full == null || full.length != inner.observationSpace().size()) {
            throw new IllegalArgumentException("observe: full has " + (full == null ? "no array" : full.length + " values")
                    + " but the wrapped environment's observations have " + inner.observationSpace().size());
        }
        double[] out = new double[keep.length];
        for (int j = 0; j < keep.length; j++) {
            out[j] = full[keep[j]];
        }
        return out;
    }

    @Override
    public Space observationSpace() {
        return observationSpace;
    }

    @Override
    public Space actionSpace() {
        return inner.actionSpace();
    }

    @Override
    public double[] reset(long seed) {
        return observe(inner.reset(seed));
    }

    @Override
    public Step step(double[] action) {
        Step s = inner.step(action);
        return new Step(observe(s.observation()), s.reward(), s.terminated(), s.truncated());
    }

    @Override
    public boolean succeeded() {
        return inner.succeeded();
    }

    @Override
    public int horizon() {
        return inner.horizon();
    }

    @Override
    public String toString() {
        return inner + " seeing columns " + Arrays.toString(keep);
    }
}
