package imitation.policy;

import java.util.random.RandomGenerator;

/**
 * A policy with memory: its action depends on the observations of the episode so far, summarised in an
 * explicit {@link State} that the caller carries from one step to the next (as Stable-Baselines3's
 * {@code predict(obs, state, episode_start)} does). Row {@code i} of every batch is one running episode; a row
 * whose {@code episodeStart} flag is set begins a new episode and is treated as if its state were
 * {@link #initialState fresh}, so a vectorised rollout passes the flags and never rebuilds the state itself.
 *
 * <pre>{@code
 * RecurrentPolicy.State s = policy.initialState(n);
 * boolean[] starts = new boolean[n]; Arrays.fill(starts, true);
 * RecurrentPolicy.Output out = policy.act(observations, s, starts);   // out.actions(): one row per episode
 * s = out.state();                                                       // carried to the next step
 * }</pre>
 *
 * States are immutable: {@link #act} and {@link #sample} return a new state and leave the given one as it was,
 * so a caller may keep an old state (to branch, or to replay). A state belongs to one batch size. A plain
 * {@link Policy} is the stateless case, {@link #of(Policy)}.
 *
 * <p>Implementing: give {@link #newState}, {@link #step} and, for a stochastic policy, {@link #sampleStep}; the
 * public methods check the arguments and results around them, so an implementation sees a state of the right
 * size and one flag per row. A network policy over an LSTM body keeps {@code (h, c)} in its state, zeroes the
 * rows that start an episode, runs one step of the body and reads the head.
 */
public abstract class RecurrentPolicy {

    /** What the policy remembers about each of a batch of running episodes; immutable. */
    public interface State {
        /** Number of episodes (rows) this state is for. */
        int size();
    }

    /**
     * The result of one step.
     *
     * @param actions one action row per observation row
     * @param state   the state after this step, to pass with the next observations
     */
    public record Output(double[][] actions, State state) {}

    /** The state of {@code n} episodes that have seen nothing yet. */
    public final State initialState(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("initialState: n = " + n + " episodes; pass at least 1 (one per batch row)");
        }
        State s = newState(n);
        if (s == null || s.size() != n) {
            throw new IllegalStateException(getClass().getSimpleName() + ".newState(" + n + ") returned "
                    + (s == null ? "null" : "a state of size " + s.size()) + "; it must return a state for " + n + " episodes");
        }
        return s;
    }

    /** Deterministic actions for one step of the running episodes, and the state after it. */
    public final Output act(double[][] observations, State state, boolean[] episodeStart) {
        check(observations, state, episodeStart);
        return checked(step(observations, state, episodeStart), observations.length, "step");
    }

    /** Actions drawn from the policy's distribution for one step, and the state after it. */
    public final Output sample(double[][] observations, State state, boolean[] episodeStart, RandomGenerator rng) {
        check(observations, state, episodeStart);
        if (rng == null) {
            throw new IllegalArgumentException("sample: rng is null; pass a seeded generator, e.g. new SplittableRandom(seed)");
        }
        return checked(sampleStep(observations, state, episodeStart, rng), observations.length, "sampleStep");
    }

    /** A fresh state for {@code n ≥ 1} episodes. */
    protected abstract State newState(int n);

    /**
     * One deterministic step: {@code observations} has one row per episode of {@code state} and
     * {@code episodeStart} one flag per row (rows flagged start from a fresh state). Must not change
     * {@code state}.
     */
    protected abstract Output step(double[][] observations, State state, boolean[] episodeStart);

    /** One sampled step; deterministic policies keep this default, {@link #step}. */
    protected Output sampleStep(double[][] observations, State state, boolean[] episodeStart, RandomGenerator rng) {
        return step(observations, state, episodeStart);
    }

    /**
     * {@code state} as this policy's own state type, or a clear error when it was made by another policy
     * (for implementations: {@code MyState s = own(state, MyState.class)}).
     */
    protected final <S extends State> S own(State state, Class<S> type) {
        if (!type.isInstance(state)) {
            throw new IllegalArgumentException("state is a " + state.getClass().getSimpleName() + " but "
                    + getClass().getSimpleName() + " keeps a " + type.getSimpleName()
                    + "; pass a state made by this policy's initialState or returned by its act");
        }
        return type.cast(state);
    }

    /** A plain policy as a recurrent one: no memory, the flags are ignored. */
    public static RecurrentPolicy of(Policy policy) {
        if (policy == null) {
            throw new IllegalArgumentException("RecurrentPolicy.of: policy is null");
        }
        return new Stateless(policy);
    }

    private static void check(double[][] observations, State state, boolean[] episodeStart) {
        if (observations == null || observations.length == 0) {
            throw new IllegalArgumentException("observations is " + (observations == null ? "null" : "empty")
                    + "; pass one row per running episode");
        }
        int n = observations.length;
        if (state == null) {
            throw new IllegalArgumentException("state is null; start with initialState(" + n + ")");
        }
        if (state.size() != n) {
            throw new IllegalArgumentException("state is for " + state.size() + " episodes but observations has " + n
                    + " rows; a state belongs to one batch size: use initialState(" + n + ") for a batch of " + n);
        }
        if (episodeStart == null || episodeStart.length != n) {
            throw new IllegalArgumentException("episodeStart has " + (episodeStart == null ? "no array" : episodeStart.length
                    + " flags") + " but observations has " + n + " rows; pass one flag per row, true where an episode begins");
        }
    }

    private Output checked(Output out, int n, String method) {
        String who = getClass().getSimpleName() + "." + method;
        if (out == null || out.actions() == null || out.actions().length != n) {
            throw new IllegalStateException(who + " returned " + (out == null ? "null" : out.actions() == null
                    ? "no actions" : out.actions().length + " action rows") + " for " + n + " observations; return one row each");
        }
        if (out.state() == null || out.state().size() != n) {
            throw new IllegalStateException(who + " returned " + (out.state() == null ? "no state" : "a state of size "
                    + out.state().size()) + " for " + n + " observations; return the state of the same " + n + " episodes");
        }
        return out;
    }

    /** A plain policy: the state only remembers the batch size. */
    private static final class Stateless extends RecurrentPolicy {
        private final Policy policy;

        Stateless(Policy policy) {
            this.policy = policy;
        }

        private record Size(int size) implements State {}

        @Override
        protected State newState(int n) {
            return new Size(n);
        }

        @Override
        protected Output step(double[][] observations, State state, boolean[] episodeStart) {
            return new Output(policy.act(observations), state);
        }

        @Override
        protected Output sampleStep(double[][] observations, State state, boolean[] episodeStart, RandomGenerator rng) {
            return new Output(policy.sample(observations, rng), state);
        }

        @Override
        public String toString() {
            return "RecurrentPolicy.of(" + policy + ")";
        }
    }
}
