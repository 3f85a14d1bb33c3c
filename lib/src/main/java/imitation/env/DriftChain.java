package imitation.env;

import imitation.policy.Policy;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The smallest world where imitation errors compound: a chain with one "on course" state that the
 * expert never leaves, and {@code depth} states further and further off course that it never visits
 * (the same idea as the seals InitShift tree).
 *
 * <p>States {@code 0..depth}; actions {@code 0} (the expert's action: stay on course in state 0, one
 * step back towards it elsewhere) and {@code 1} (drift one state further off, up to {@code depth}).
 * Each step costs 1 when it ends off course (state ≥ 1); the reward is minus that cost. Episodes start
 * on course and last {@link #horizon()} steps. Observations are the state index.
 *
 * <p>A {@link Learner} is described by its probability of not taking the expert's action in each
 * state. One that errs with probability ε where it was trained and always errs where it was not
 * (the worst case behind Ross and Bagnell's 2010 bound) has, when trained on the expert's states only,
 * expected cost {@code Σ_{t=1..T} (1 − (1−ε)^t) ≈ εT²/2}; trained on every state, as DAgger ends up,
 * its cost grows like εT. {@code imitation.eval.CompoundingErrors} computes both exactly.
 */
public final class DriftChain implements Env {
    private static final Space ACTIONS = new Space.Discrete(2);

    private final int depth;
    private final int horizon;
    private final Space observations;
    private int state;
    private int t;
    private boolean running;

    /** A chain with {@code depth} off-course states (≥ 1) and episodes of {@code horizon} steps (≥ 1). */
    public DriftChain(int depth, int horizon) {
        if (depth < 1) {
            throw new IllegalArgumentException("DriftChain: depth = " + depth + " must be at least 1 off-course state");
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("DriftChain: horizon = " + horizon + " must be at least 1 step");
        }
        this.depth = depth;
        this.horizon = horizon;
        this.observations = new Space.Discrete(depth + 1);
    }

    /** The same chain with another horizon. */
    public DriftChain withHorizon(int steps) {
        return new DriftChain(depth, steps);
    }

    /** Number of states, {@code depth + 1}. */
    public int states() {
        return depth + 1;
    }

    /** The state after taking {@code action} in {@code state}. */
    public int next(int state, int action) {
        if (action == 0) {
            return Math.max(0, state - 1);
        }
        return Math.min(depth, state + 1);
    }

    /** The expert's action: always 0. */
    public int expertAction(int state) {
        return 0;
    }

    /** Cost of ending a step in {@code state}: 1 off course, 0 on course. */
    public double cost(int state) {
        return state == 0 ? 0 : 1;
    }

    /** States the expert visits: only state 0. */
    public boolean[] expertStates() {
        boolean[] visited = new boolean[states()];
        visited[0] = true;
        return visited;
    }

    /** The expert as a policy. */
    public Policy expert() {
        return new Learner(new double[states()]);
    }

    /**
     * A learner that errs with probability {@code epsilon} in the states marked in {@code trained}
     * and always errs elsewhere.
     */
    public Learner learner(double epsilon, boolean[] trained) {
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("learner: epsilon = " + epsilon + " must be a probability in [0, 1]");
        }
        if (trained == null || trained.length != states()) {
            throw new IllegalArgumentException("learner: trained must mark each of the " + states() + " states, got "
                    + (trained == null ? "null" : trained.length + " entries"));
        }
        double[] error = new double[states()];
        for (int s = 0; s < error.length; s++) {
            error[s] = trained[s] ? epsilon : 1;
        }
        return new Learner(error);
    }

    /** Behaviour cloning's learner: trained on the expert's states only. */
    public Learner behaviourCloning(double epsilon) {
        return learner(epsilon, expertStates());
    }

    @Override
    public Space observationSpace() {
        return observations;
    }

    @Override
    public Space actionSpace() {
        return ACTIONS;
    }

    @Override
    public int horizon() {
        return horizon;
    }

    /** Always starts on course; the seed is unused because the start is fixed. */
    @Override
    public double[] reset(long seed) {
        state = 0;
        t = 0;
        running = true;
        return new double[] {0};
    }

    @Override
    public Step step(double[] action) {
        if (!running) {
            throw new IllegalStateException("step called on a DriftChain episode that is "
                    + (t == 0 ? "not started" : "over") + "; call reset(seed) first");
        }
        ACTIONS.check("action", action);
        state = next(state, (int) action[0]);
        t++;
        running = t < horizon;
        return new Step(new double[] {state}, -cost(state), false, !running);
    }

    /**
     * A tabular learner on a {@link DriftChain}: in state s it takes the expert's action 0 with
     * probability {@code 1 − error[s]} and action 1 otherwise. {@link #act} gives the more likely action.
     *
     * @param error probability of not taking the expert's action, per state
     */
    public record Learner(double[] error) implements Policy {
        public Learner {
            error = error.clone();
            for (int s = 0; s < error.length; s++) {
                if (!(error[s] >= 0 && error[s] <= 1)) {
                    throw new IllegalArgumentException("Learner: error[" + s + "] = " + error[s] + " is not a probability");
                }
            }
        }

        @Override
        public double[] error() {
            return error.clone();
        }

        /** Probability of not taking the expert's action in {@code state}. */
        public double error(int state) {
            return error[state];
        }

        @Override
        public double[][] act(double[][] observations) {
            double[][] out = new double[observations.length][];
            for (int i = 0; i < observations.length; i++) {
                out[i] = new double[] {error[state(observations[i])] > 0.5 ? 1 : 0};
            }
            return out;
        }

        @Override
        public double[][] sample(double[][] observations, RandomGenerator rng) {
            double[][] out = new double[observations.length][];
            for (int i = 0; i < observations.length; i++) {
                out[i] = new double[] {rng.nextDouble() < error[state(observations[i])] ? 1 : 0};
            }
            return out;
        }

        private int state(double[] observation) {
            if (observation == null || observation.length != 1 || observation[0] != Math.rint(observation[0])
                    || observation[0] < 0 || observation[0] >= error.length) {
                throw new IllegalArgumentException("Learner: observation " + Arrays.toString(observation)
                        + " is not a state index in [0, " + error.length + ")");
            }
            return (int) observation[0];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Learner l && Arrays.equals(error, l.error);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(error);
        }

        @Override
        public String toString() {
            return "Learner" + Arrays.toString(error);
        }
    }
}
