package imitation.eval;

import imitation.data.Demonstrations;
import imitation.data.Episode;
import imitation.data.Rollouts;
import imitation.env.VecEnv;
import imitation.policy.Policy;
import imitation.policy.RecurrentPolicy;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * Runs a policy for a number of seeded episodes and reports return, episode length and success.
 *
 * <pre>{@code
 * Evaluation.Result r = Evaluation.in(CartPole.fixedHorizon().vec(25)).episodes(100).seed(0).run(policy);
 * r.meanReturn(); r.successRate(); r.episodes();   // the last is a Table, one row per episode
 * }</pre>
 * Actions are the policy's deterministic ones unless {@link #stochastic(boolean)} is set.
 */
public final class Evaluation {
    private final Rollouts rollouts;

    private Evaluation(Rollouts rollouts) {
        this.rollouts = rollouts;
    }

    /** Evaluate in {@code env}; defaults: one episode per slot, seed 0, deterministic actions. */
    public static Evaluation in(VecEnv env) {
        return new Evaluation(Rollouts.in(env));
    }

    public Evaluation episodes(int n) {
        return new Evaluation(rollouts.episodes(n));
    }

    public Evaluation seed(long seed) {
        return new Evaluation(rollouts.seed(seed));
    }

    public Evaluation stochastic(boolean stochastic) {
        return new Evaluation(rollouts.stochastic(stochastic));
    }

    public Result run(Policy policy) {
        return new Result(rollouts.run(policy, false));
    }

    /** The same for a policy with memory (its state carried from step to step, reset at each episode's start). */
    public Result run(RecurrentPolicy policy) {
        return new Result(rollouts.run(policy, false));
    }

    /**
     * Teacher-forced accuracy: the share of the steps of {@code demos} at which the policy's deterministic action
     * equals the recorded one, each judged on the demonstrator's own state, as a classifier of i.i.d. labels is
     * judged. Nothing is run in an environment.
     *
     * @throws IllegalArgumentException if an argument is null
     */
    public static double agreement(Policy policy, Demonstrations demos) {
        if (policy == null || demos == null) {
            throw new IllegalArgumentException("Evaluation.agreement: policy and demos must not be null");
        }
        double[][] actions = policy.act(demos.observations());
        double[][] recorded = demos.actions();
        int same = 0;
        for (int i = 0; i < recorded.length; i++) {
            same += Arrays.equals(actions[i], recorded[i]) ? 1 : 0;
        }
        return same / (double) recorded.length;
    }

    /** Per-episode outcomes and their means. */
    public static final class Result {
        private final List<Episode> episodes;

        Result(List<Episode> episodes) {
            this.episodes = List.copyOf(episodes);
        }

        public double meanReturn() {
            return Stats.mean(returns());
        }

        /** Sample standard deviation of the returns (0 for a single episode). */
        public double stdReturn() {
            return Stats.std(returns());
        }

        public double successRate() {
            return episodes.stream().filter(Episode::success).count() / (double) episodes.size();
        }

        public double meanLength() {
            return episodes.stream().mapToInt(Episode::length).average().orElseThrow();
        }

        public double[] returns() {
            return episodes.stream().mapToDouble(Episode::totalReward).toArray();
        }

        /** One row per episode: episode, seed, return, length, success. */
        public Table episodes() {
            return Table.create("episodes",
                    IntColumn.create("episode", episodes.stream().mapToInt(Episode::index).toArray()),
                    LongColumn.create("seed", episodes.stream().mapToLong(Episode::seed).toArray()),
                    DoubleColumn.create("return", returns()),
                    IntColumn.create("length", episodes.stream().mapToInt(Episode::length).toArray()),
                    BooleanColumn.create("success", episodes.stream().map(Episode::success).toList()));
        }

        /** One row: episodes, return mean and std, success rate, mean length. */
        public Table summary() {
            return Table.create("evaluation",
                    IntColumn.create("episodes", new int[] {episodes.size()}),
                    DoubleColumn.create("return_mean", new double[] {meanReturn()}),
                    DoubleColumn.create("return_std", new double[] {stdReturn()}),
                    DoubleColumn.create("success_rate", new double[] {successRate()}),
                    DoubleColumn.create("length_mean", new double[] {meanLength()}));
        }

        @Override
        public String toString() {
            return String.format("return %.1f ± %.1f, success %.0f%%, length %.1f over %d episodes", meanReturn(),
                    stdReturn(), 100 * successRate(), meanLength(), episodes.size());
        }
    }
}
