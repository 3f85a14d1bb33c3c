package imitation.env;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

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
    private double[] full;

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
        full = inner.reset(seed).clone();
        return observe(full);
    }

    @Override
    public Step step(double[] action) {
        Step s = inner.step(action);
        full = s.observation().clone();
        return new Step(observe(full), s.reward(), s.terminated(), s.truncated());
    }

    /** The wrapped environment's last full observation (a copy), what a privileged expert sees; none before reset. */
    public double[] full() {
        if (full == null) {
            throw new IllegalStateException("full: no episode started yet; call reset(seed) first");
        }
        return full.clone();
    }

    /**
     * {@code count} copies of {@code inner.get()} seen through columns {@code keep}, stepped together, with the
     * full observations at hand for an expert that sees the whole state (e.g. DAgger's {@code ExpertView}
     * {@code env -> ((PartialObservation.Vec) env).fullObservations()}).
     */
    public static Vec vec(int count, Supplier<? extends Env> inner, int... keep) {
        if (inner == null) {
            throw new IllegalArgumentException("PartialObservation.vec: inner is null; pass a factory, e.g. CartPole::fixedHorizon");
        }
        List<PartialObservation> copies = new ArrayList<>();
        VecEnv env = VecEnv.of(count, () -> {
            PartialObservation p = of(inner.get(), keep);
            copies.add(p);
            return p;
        });
        return new Vec(env, List.copyOf(copies));
    }

    /** Partially observed copies stepped together; {@link #fullObservations} shows what the agent does not see. */
    public static final class Vec implements VecEnv {
        private final VecEnv env;
        private final List<PartialObservation> copies;

        private Vec(VecEnv env, List<PartialObservation> copies) {
            this.env = env;
            this.copies = copies;
        }

        /** One full observation of the wrapped environment per slot (rows of slots never reset are zeros). */
        public double[][] fullObservations() {
            double[][] out = new double[copies.size()][];
            for (int i = 0; i < out.length; i++) {
                PartialObservation p = copies.get(i);
                out[i] = p.full == null ? new double[p.inner.observationSpace().size()] : p.full.clone();
            }
            return out;
        }

        @Override
        public int count() {
            return env.count();
        }

        @Override
        public Space observationSpace() {
            return env.observationSpace();
        }

        @Override
        public Space actionSpace() {
            return env.actionSpace();
        }

        @Override
        public int horizon() {
            return env.horizon();
        }

        @Override
        public void reset(int slot, long seed) {
            env.reset(slot, seed);
        }

        @Override
        public void step(double[][] actions) {
            env.step(actions);
        }

        @Override
        public double[][] observations() {
            return env.observations();
        }

        @Override
        public double[] rewards() {
            return env.rewards();
        }

        @Override
        public boolean[] terminated() {
            return env.terminated();
        }

        @Override
        public boolean[] truncated() {
            return env.truncated();
        }

        @Override
        public boolean running(int slot) {
            return env.running(slot);
        }

        @Override
        public boolean succeeded(int slot) {
            return env.succeeded(slot);
        }

        @Override
        public String toString() {
            return copies.size() + " × " + copies.get(0);
        }
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
