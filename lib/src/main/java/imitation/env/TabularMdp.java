package imitation.env;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * A finite Markov decision process with S states, A actions, sparse transition probabilities
 * P(s'|s,a), a feature row φ(s) per state, an initial distribution p₀, a discount γ and either a
 * finite horizon T or none (then γ &lt; 1 and planning is infinite-horizon discounted).
 *
 * <p>Rewards are state rewards r(s), collected once per step for the state the agent is in: an
 * episode s₀, a₀, …, s_{T−1}, a_{T−1} earns Σ_{t&lt;T} γ^t r(s_t). The optional true reward is what the
 * expert optimises; inverse RL tries to recover it from the features.
 *
 * <p>Transitions are stored row by row (compressed sparse rows): the successors of the pair (s, a)
 * are {@code successors()[k]} with probability {@code successorProbabilities()[k]} for
 * {@code k} in {@code rowStart()[s*A + a] .. rowStart()[s*A + a + 1] - 1}, sorted by successor.
 *
 * <p>As an {@link Env}, the observation is the two-element array {state index, time step}
 * (the time step lets time-dependent finite-horizon policies act in rollouts), the action space is
 * {@code Discrete(A)}, the step reward is the true reward r(s_t) of the state left (0 without a true
 * reward), and an episode is truncated after {@link #horizon()} steps. An MDP without a finite
 * horizon cuts episodes where γ^t drops below 10⁻³. Everything except the current episode is
 * immutable; {@link #withReward} and {@link #withInitial} return modified copies.
 */
public final class TabularMdp implements Env {
    /** Row sums of transition probabilities may differ from 1 by at most this much. */
    public static final double ROW_TOLERANCE = 1e-9;

    private final int states;
    private final int actions;
    private final int featureCount;
    private final int[] rowStart;
    private final int[] next;
    private final double[] prob;
    private final double[] features;
    private final double[] initial;
    private final double discount;
    private final int planningHorizon;
    private final double[] reward;

    private SplittableRandom episodeRng;
    private int state = -1;
    private int time;

    private TabularMdp(int states, int actions, int featureCount, int[] rowStart, int[] next, double[] prob,
                       double[] features, double[] initial, double discount, int planningHorizon, double[] reward) {
        this.states = states;
        this.actions = actions;
        this.featureCount = featureCount;
        this.rowStart = rowStart;
        this.next = next;
        this.prob = prob;
        this.features = features;
        this.initial = initial;
        this.discount = discount;
        this.planningHorizon = planningHorizon;
        this.reward = reward;
    }

    /** A builder for an MDP with {@code states} states and {@code actions} actions. */
    public static Builder builder(int states, int actions) {
        return new Builder(states, actions);
    }

    public int states() {
        return states;
    }

    public int actions() {
        return actions;
    }

    /** Number of features F per state. */
    public int featureCount() {
        return featureCount;
    }

    /** The feature matrix [S][F] (a copy). */
    public double[][] features() {
        double[][] f = new double[states][];
        for (int s = 0; s < states; s++) {
            f[s] = Arrays.copyOfRange(features, s * featureCount, (s + 1) * featureCount);
        }
        return f;
    }

    /** Feature f of state s. */
    public double feature(int s, int f) {
        checkIndex("state", s, states);
        checkIndex("feature", f, featureCount);
        return features[s * featureCount + f];
    }

    /** The initial state distribution p₀ (a copy). */
    public double[] initial() {
        return initial.clone();
    }

    /** The discount γ in (0, 1]. */
    public double discount() {
        return discount;
    }

    /** Whether the MDP has a finite planning horizon; if not, γ &lt; 1 and planning is infinite-horizon. */
    public boolean hasFiniteHorizon() {
        return planningHorizon > 0;
    }

    /**
     * Episode length: the finite horizon T, or for an MDP without one the first t with γ^t ≤ 10⁻³.
     */
    @Override
    public int horizon() {
        return planningHorizon > 0 ? planningHorizon : (int) effectiveHorizon(discount);
    }

    /** Longest episode of an MDP without a finite horizon, and the discount that reaches it. */
    private static final long MAX_EFFECTIVE_HORIZON = 100_000;
    private static final double MAX_DISCOUNT = 0.99993;

    /** The first t with γ^t ≤ 10⁻³ (capped at Long.MAX_VALUE for γ this close to 1). */
    private static long effectiveHorizon(double gamma) {
        return (long) Math.ceil(Math.log(1e-3) / Math.log(gamma));
    }

    /** Whether a true reward is attached. */
    public boolean hasReward() {
        return reward != null;
    }

    /** The true state reward r(s) (a copy). */
    public double[] reward() {
        if (reward == null) {
            throw new IllegalStateException("this MDP has no true reward; attach one with withReward(double[]) "
                    + "or use a generator (GridWorld, ObjectWorld, BinaryWorld) that sets it");
        }
        return reward.clone();
    }

    /** A copy of this MDP with the true reward {@code r} (length S, finite). */
    public TabularMdp withReward(double[] r) {
        return new TabularMdp(states, actions, featureCount, rowStart, next, prob, features, initial, discount,
                planningHorizon, checkReward(r, states));
    }

    /** A copy of this MDP with the initial distribution {@code p0}. */
    public TabularMdp withInitial(double[] p0) {
        return new TabularMdp(states, actions, featureCount, rowStart, next, prob, features,
                checkInitial(p0, states), discount, planningHorizon, reward);
    }

    /** Offsets of each (s, a) row into the successor arrays, length S·A + 1 (a copy). */
    public int[] rowStart() {
        return rowStart.clone();
    }

    /** Successor states of all rows, concatenated (a copy). */
    public int[] successors() {
        return next.clone();
    }

    /** Probabilities matching {@link #successors()} (a copy). */
    public double[] successorProbabilities() {
        return prob.clone();
    }

    /** P(next | s, a). */
    public double probability(int s, int a, int nextState) {
        checkIndex("state", s, states);
        checkIndex("action", a, actions);
        checkIndex("next state", nextState, states);
        for (int k = rowStart[s * actions + a]; k < rowStart[s * actions + a + 1]; k++) {
            if (next[k] == nextState) {
                return prob[k];
            }
        }
        return 0;
    }

    /** Draws a start state from p₀. */
    public int sampleInitial(RandomGenerator rng) {
        checkRng(rng);
        return draw(initial, 0, states, rng);
    }

    /** Draws a successor of (s, a). */
    public int sampleNext(int s, int a, RandomGenerator rng) {
        checkIndex("state", s, states);
        checkIndex("action", a, actions);
        checkRng(rng);
        int row = s * actions + a;
        double u = rng.nextDouble();
        int last = rowStart[row + 1] - 1;
        for (int k = rowStart[row]; k < last; k++) {
            u -= prob[k];
            if (u < 0) {
                return next[k];
            }
        }
        return next[last];
    }

    private static int draw(double[] p, int from, int n, RandomGenerator rng) {
        double u = rng.nextDouble();
        int lastPositive = -1;
        for (int i = 0; i < n; i++) {
            if (p[from + i] > 0) {
                lastPositive = i;
                u -= p[from + i];
                if (u < 0) {
                    return i;
                }
            }
        }
        return lastPositive;
    }

    @Override
    public Space observationSpace() {
        return new Space.Box(new double[] {0, 0}, new double[] {states - 1, horizon()});
    }

    @Override
    public Space actionSpace() {
        return new Space.Discrete(actions);
    }

    @Override
    public double[] reset(long seed) {
        episodeRng = new SplittableRandom(seed);
        state = sampleInitial(episodeRng);
        time = 0;
        return new double[] {state, 0};
    }

    @Override
    public Step step(double[] action) {
        if (state < 0) {
            throw new IllegalStateException("step called before reset or after the episode ended; call reset(seed) first");
        }
        actionSpace().check("action", action);
        double r = reward == null ? 0 : reward[state];
        state = sampleNext(state, (int) action[0], episodeRng);
        time++;
        boolean truncated = time >= horizon();
        double[] obs = {state, time};
        if (truncated) {
            state = -1;
        }
        return new Step(obs, r, false, truncated);
    }

    /** The largest array Java can allocate (a few entries below Integer.MAX_VALUE). */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * Fails, naming {@code what} and the sizes, when an MDP with {@code states} states, {@code actions}
     * actions and {@code features} features per state cannot be held: its S·A transition rows or S·F
     * feature entries exceed a Java array, or its rough footprint (the feature matrix twice, while building,
     * and about 300 bytes per state-action row) exceeds this JVM's maximum heap.
     */
    static void checkFits(String what, long states, long actions, long features) {
        String shape = states + " states × " + actions + " actions × " + features + " features";
        if (states * actions > MAX_ARRAY || states * features > MAX_ARRAY) {
            throw new IllegalArgumentException(what + ": " + shape + " exceeds the 2^31 entries a Java array holds; "
                    + "use fewer states (a smaller size) or fewer features (e.g. a larger blockSize)");
        }
        long bytes = 16 * states * features + 300 * states * actions;
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new IllegalArgumentException(what + ": " + shape + " needs about " + bytes / (1 << 20)
                    + " MB, more than this JVM's maximum heap of " + heap / (1 << 20) + " MB; use fewer states or "
                    + "features, or start Java with a larger -Xmx");
        }
    }

    private static void checkRng(RandomGenerator rng) {
        if (rng == null) {
            throw new IllegalArgumentException("rng is null; pass a generator such as new SplittableRandom(seed)");
        }
    }

    private static void checkIndex(String what, int i, int n) {
        if (i < 0 || i >= n) {
            throw new IllegalArgumentException(what + " = " + i + " is outside [0, " + n + "); use 0.." + (n - 1));
        }
    }

    private static double[] checkReward(double[] r, int states) {
        if (r == null || r.length != states) {
            throw new IllegalArgumentException("reward: expected one value per state (length " + states + "), got "
                    + (r == null ? "null" : "length " + r.length));
        }
        for (int s = 0; s < states; s++) {
            if (!Double.isFinite(r[s])) {
                throw new IllegalArgumentException("reward[" + s + "] = " + r[s]
                        + " is not finite; NaN rewards usually mean a diverged learner (lower its learning rate)");
            }
        }
        return r.clone();
    }

    private static double[] checkInitial(double[] p0, int states) {
        if (p0 == null || p0.length != states) {
            throw new IllegalArgumentException("initial distribution: expected length " + states + ", got "
                    + (p0 == null ? "null" : "length " + p0.length));
        }
        double sum = 0;
        for (int s = 0; s < states; s++) {
            if (!(p0[s] >= 0) || !Double.isFinite(p0[s])) {
                throw new IllegalArgumentException("initial distribution: p0[" + s + "] = " + p0[s]
                        + " must be a finite non-negative probability");
            }
            sum += p0[s];
        }
        if (Math.abs(sum - 1) > ROW_TOLERANCE) {
            throw new IllegalArgumentException("initial distribution sums to " + sum + ", not 1; normalise it");
        }
        return p0.clone();
    }

    /**
     * Collects transitions, features and the rest. Defaults: features = one-hot of the state (F = S),
     * uniform initial distribution, discount 1, no finite horizon (so set {@link #horizon} or a
     * discount &lt; 1), no true reward.
     */
    public static final class Builder {
        private final int states;
        private final int actions;
        private final TreeMap<Integer, Double>[] rows;
        private double[][] features;
        private double[] initial;
        private double discount = 1.0;
        private int horizon;
        private double[] reward;

        @SuppressWarnings("unchecked")
        private Builder(int states, int actions) {
            if (states < 1 || actions < 1) {
                throw new IllegalArgumentException("TabularMdp: states = " + states + " and actions = " + actions
                        + " must both be at least 1");
            }
            checkFits("TabularMdp.builder(" + states + ", " + actions + ")", states, actions, 1);
            this.states = states;
            this.actions = actions;
            rows = new TreeMap[states * actions];
        }

        /** Adds probability {@code p} of moving from {@code s} to {@code nextState} under {@code a} (repeats add up). */
        public Builder transition(int s, int a, int nextState, double p) {
            checkIndex("transition state", s, states);
            checkIndex("transition action", a, actions);
            checkIndex("transition next state", nextState, states);
            if (!(p >= 0) || p > 1 + ROW_TOLERANCE) {
                throw new IllegalArgumentException("transition(state " + s + ", action " + a + ", next " + nextState
                        + "): probability " + p + " is not in [0, 1]; transition probabilities cannot be negative");
            }
            if (p == 0) {
                return this;
            }
            TreeMap<Integer, Double> row = rows[s * actions + a];
            if (row == null) {
                row = new TreeMap<>();
                rows[s * actions + a] = row;
            }
            row.merge(nextState, p, Double::sum);
            return this;
        }

        /** Feature matrix [S][F]: one row per state, equal row lengths, finite values. Default: one-hot (F = S). */
        public Builder features(double[][] f) {
            if (f == null || f.length != states) {
                throw new IllegalArgumentException("features: expected " + states + " rows (one per state), got "
                        + (f == null ? "null" : f.length + " rows") + "; pass a [states][features] matrix");
            }
            int width = f[0] == null ? 0 : f[0].length;
            double[][] copy = new double[states][];
            for (int s = 0; s < states; s++) {
                if (f[s] == null || f[s].length != width || width == 0) {
                    throw new IllegalArgumentException("features: row " + s + " has length "
                            + (f[s] == null ? "null" : f[s].length) + " but row 0 has " + width
                            + "; every state needs the same number (at least 1) of features");
                }
                for (int j = 0; j < width; j++) {
                    if (!Double.isFinite(f[s][j])) {
                        throw new IllegalArgumentException("features[" + s + "][" + j + "] = " + f[s][j] + " is not finite");
                    }
                }
                copy[s] = f[s].clone();
            }
            features = copy;
            return this;
        }

        /** Initial distribution p₀ (length S, non-negative, sums to 1). Default uniform. */
        public Builder initial(double[] p0) {
            initial = checkInitial(p0, states);
            return this;
        }

        /** Discount γ in (0, 1]. Default 1 (then a finite horizon is required). */
        public Builder discount(double gamma) {
            if (!(gamma > 0 && gamma <= 1)) {
                throw new IllegalArgumentException("discount = " + gamma + " must be in (0, 1]");
            }
            discount = gamma;
            return this;
        }

        /** Finite horizon T ≥ 1 (episode length and planning horizon). Default: none. */
        public Builder horizon(int t) {
            if (t < 1) {
                throw new IllegalArgumentException("horizon = " + t + " must be at least 1");
            }
            horizon = t;
            return this;
        }

        /** True state reward (length S, finite). Default: none. */
        public Builder reward(double[] r) {
            reward = checkReward(r, states);
            return this;
        }

        /** Checks that every (s, a) row sums to 1 and builds the MDP. */
        public TabularMdp build() {
            if (horizon == 0 && discount >= 1) {
                throw new IllegalArgumentException("discount = " + discount + " >= 1 without a finite horizon: "
                        + "the infinite sum of rewards diverges; set horizon(T) or a discount below 1");
            }
            if (horizon == 0 && effectiveHorizon(discount) > MAX_EFFECTIVE_HORIZON) {
                throw new IllegalArgumentException("discount = " + discount + " without a finite horizon means episodes of "
                        + String.format("%.3g", Math.log(1e-3) / Math.log(discount)) + " steps (until γ^t < 10⁻³), more than "
                        + MAX_EFFECTIVE_HORIZON + ", and value iteration would need about three times as many sweeps; "
                        + "set horizon(T) or a discount of at most " + MAX_DISCOUNT);
            }
            int[] rowStart = new int[states * actions + 1];
            int nnz = 0;
            for (int row = 0; row < rows.length; row++) {
                rowStart[row] = nnz;
                nnz += rows[row] == null ? 0 : rows[row].size();
            }
            rowStart[rows.length] = nnz;
            int[] next = new int[nnz];
            double[] prob = new double[nnz];
            int k = 0;
            for (int row = 0; row < rows.length; row++) {
                double sum = 0;
                if (rows[row] != null) {
                    for (Map.Entry<Integer, Double> e : rows[row].entrySet()) {
                        next[k] = e.getKey();
                        prob[k++] = e.getValue();
                        sum += e.getValue();
                    }
                }
                if (Math.abs(sum - 1) > ROW_TOLERANCE) {
                    throw new IllegalArgumentException("transition row of state " + row / actions + ", action "
                            + row % actions + " sums to " + sum + ", not 1; every state-action pair needs successor "
                            + "probabilities that add up to 1");
                }
            }
            double[][] f = features;
            if (f == null) {
                checkFits("TabularMdp with the default one-hot features (set features(...) for fewer)", states, actions,
                        states);
                f = new double[states][states];
                for (int s = 0; s < states; s++) {
                    f[s][s] = 1;
                }
            }
            int width = f[0].length;
            double[] flat = new double[states * width];
            for (int s = 0; s < states; s++) {
                System.arraycopy(f[s], 0, flat, s * width, width);
            }
            double[] p0 = initial;
            if (p0 == null) {
                p0 = new double[states];
                Arrays.fill(p0, 1.0 / states);
            }
            return new TabularMdp(states, actions, width, rowStart, next, prob, flat, p0, discount, horizon, reward);
        }
    }
}
