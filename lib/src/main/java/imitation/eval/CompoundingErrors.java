package imitation.eval;

import imitation.env.DriftChain;
import imitation.policy.Policy;
import java.util.SplittableRandom;

/**
 * Expected cost of a learner on the {@link DriftChain}, computed exactly and by simulation, in closed
 * loop (the learner's own states) and teacher-forced (the expert's states).
 *
 * <p>Exact closed-loop cost by forward dynamic programming over the state distribution
 * {@code d_t}: {@code d_{t+1}(s') = Σ_s d_t(s)·[(1 − e(s))·1{s' = next(s, 0)} + e(s)·1{s' = next(s, 1)}]},
 * {@code J(T) = Σ_{t=1..T} Σ_s d_t(s)·cost(s)}. The learner is any {@link DriftChain.Learner}, so the
 * same code scores behaviour cloning (trained on the expert's states) and DAgger (trained on the
 * states it visits). Teacher-forced cost restarts every step from the expert's state distribution, so
 * mistakes cannot pile up: it grows like εT, against εT² for behaviour cloning in closed loop.
 */
public final class CompoundingErrors {
    private CompoundingErrors() {}

    /**
     * Mean cumulative cost after each step with its standard error over the simulated episodes.
     *
     * @param mean          {@code mean[t]}, t = 0..T ({@code mean[0] = 0})
     * @param standardError standard error of {@code mean[t]}
     */
    public record CostCurve(double[] mean, double[] standardError) {
        public CostCurve {
            mean = mean.clone();
            standardError = standardError.clone();
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[] standardError() {
            return standardError.clone();
        }
    }

    /** Exact expected cumulative cost {@code J(t)} for t = 0..horizon, learner acting in closed loop. */
    public static double[] exactCost(DriftChain chain, DriftChain.Learner learner, int horizon) {
        check(chain, learner, horizon);
        int n = chain.states();
        double[] d = new double[n];
        d[0] = 1;
        double[] next = new double[n];
        double[] cost = new double[horizon + 1];
        for (int t = 1; t <= horizon; t++) {
            java.util.Arrays.fill(next, 0);
            for (int s = 0; s < n; s++) {
                double e = learner.error(s);
                int expert = chain.expertAction(s);
                next[chain.next(s, expert)] += d[s] * (1 - e);
                next[chain.next(s, 1 - expert)] += d[s] * e;
            }
            double[] swap = d;
            d = next;
            next = swap;
            double step = 0;
            for (int s = 0; s < n; s++) {
                step += d[s] * chain.cost(s);
            }
            cost[t] = cost[t - 1] + step;
        }
        return cost;
    }

    /**
     * Exact expected cumulative cost when, at every step, the learner acts once from the state the
     * expert would be in ("waking up" on expert states) and the expert's trajectory then continues.
     */
    public static double[] teacherForcedCost(DriftChain chain, DriftChain.Learner learner, int horizon) {
        check(chain, learner, horizon);
        int n = chain.states();
        double[] d = new double[n];
        d[0] = 1;
        double[] cost = new double[horizon + 1];
        for (int t = 1; t <= horizon; t++) {
            double step = 0;
            double[] next = new double[n];
            for (int s = 0; s < n; s++) {
                double e = learner.error(s);
                int expert = chain.expertAction(s);
                step += d[s] * ((1 - e) * chain.cost(chain.next(s, expert)) + e * chain.cost(chain.next(s, 1 - expert)));
                next[chain.next(s, expert)] += d[s];
            }
            d = next;
            cost[t] = cost[t - 1] + step;
        }
        return cost;
    }

    /**
     * Cumulative cost of {@code learner} (its {@link Policy#sample}) in closed loop, averaged over
     * {@code episodes} runs of the chain through its {@link imitation.env.Env} interface.
     */
    public static CostCurve simulatedCost(DriftChain chain, Policy learner, int horizon, int episodes, long seed) {
        if (learner == null) {
            throw new IllegalArgumentException("simulatedCost: learner is null");
        }
        if (episodes < 2) {
            throw new IllegalArgumentException("simulatedCost: episodes = " + episodes + " must be at least 2 for a standard error");
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("simulatedCost: horizon = " + horizon + " must be at least 1");
        }
        DriftChain env = chain.withHorizon(horizon);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] sum = new double[horizon + 1];
        double[] sq = new double[horizon + 1];
        for (int k = 0; k < episodes; k++) {
            double[] obs = env.reset(rng.nextLong());
            double total = 0;
            for (int t = 1; t <= horizon; t++) {
                imitation.env.Step s = env.step(learner.sample(new double[][] {obs}, rng)[0]);
                total -= s.reward();
                obs = s.observation();
                sum[t] += total;
                sq[t] += total * total;
            }
        }
        double[] mean = new double[horizon + 1];
        double[] se = new double[horizon + 1];
        for (int t = 1; t <= horizon; t++) {
            mean[t] = sum[t] / episodes;
            double var = Math.max(0, (sq[t] - episodes * mean[t] * mean[t]) / (episodes - 1));
            se[t] = Math.sqrt(var / episodes);
        }
        return new CostCurve(mean, se);
    }

    private static void check(DriftChain chain, DriftChain.Learner learner, int horizon) {
        if (chain == null || learner == null) {
            throw new IllegalArgumentException("chain and learner must not be null");
        }
        if (learner.error().length != chain.states()) {
            throw new IllegalArgumentException("learner has error probabilities for " + learner.error().length
                    + " states but the chain has " + chain.states() + "; build it with chain.learner(...)");
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon = " + horizon + " must be at least 1");
        }
    }
}
