package imitation.learn;

import imitation.data.Interruption;
import imitation.env.Env;
import imitation.env.Space;
import imitation.env.Step;
import imitation.policy.Policy;
import java.util.Arrays;
import java.util.SplittableRandom;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Learning by trial and error, for counting what it costs: the cross-entropy method (Rubinstein 1999; on
 * control tasks Szita and Lőrincz 2006) searches the weights of a linear policy, scores
 * {@code a = argmax_k (W s + b)_k}, by running them in the environment. Every episode it runs is counted, and
 * so is every episode that fails (the environment's {@link Env#succeeded()} is false at its end: the pole
 * fell, the car left the road).
 *
 * <pre>
 * μ = 0, σ = initialStd
 * repeat for each generation:
 *     draw population parameter vectors θ ~ N(μ, σ²), run each for one episode, score = return
 *     μ, σ ← mean and std of the elite (the best elite × population), σ ← σ + noise
 *     run the policy μ for check episodes: stop when all of them succeed
 * </pre>
 *
 * The search stops when the mean policy succeeds in every one of {@code check} consecutive episodes, or
 * after {@code generations}. The check episodes are interaction too and are counted like the others.
 *
 * <pre>{@code
 * CrossEntropySearch.Result r = CrossEntropySearch.builder().seed(0).build().search(CartPole.classic());
 * r.solved(); r.episodes(); r.failures(); r.policy();
 * }</pre>
 */
public final class CrossEntropySearch {
    private final int population;
    private final double eliteFraction;
    private final double initialStd;
    private final double noise;
    private final int generations;
    private final int check;
    private final long seed;

    private CrossEntropySearch(Builder b) {
        this.population = b.population;
        this.eliteFraction = b.eliteFraction;
        this.initialStd = b.initialStd;
        this.noise = b.noise;
        this.generations = b.generations;
        this.check = b.check;
        this.seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * What the search cost and found: whether it met the stopping test, the episodes it ran and how many of
     * them failed (both including the check episodes), the final mean policy, and a history with one row per
     * generation: {@code generation | episodes | failures | mean_return | best_return | check_success}
     * (episodes and failures cumulative).
     */
    public record Result(boolean solved, int episodes, int failures, Policy policy, Table history) {
        public Result {
            history = history.copy();
        }

        @Override
        public Table history() {
            return history.copy();
        }
    }

    /**
     * Runs the search in {@code env}, whose observations are a box and whose actions are discrete.
     *
     * @throws IllegalArgumentException if env is null or its spaces do not fit a linear discrete policy
     * @throws java.util.concurrent.CancellationException if the thread is interrupted (checked per generation)
     */
    public Result search(Env env) {
        if (env == null) {
            throw new IllegalArgumentException("CrossEntropySearch.search: env is null");
        }
        if (!(env.actionSpace() instanceof Space.Discrete actions)) {
            throw new IllegalArgumentException("CrossEntropySearch.search: action space " + env.actionSpace()
                    + " is not discrete; the linear policy scores discrete actions");
        }
        if (!(env.observationSpace() instanceof Space.Box box)) {
            throw new IllegalArgumentException("CrossEntropySearch.search: observation space "
                    + env.observationSpace() + " is not a box of numbers");
        }
        int obs = box.size();
        int k = actions.n();
        int dim = k * (obs + 1);
        int elite = Math.max(1, (int) Math.round(eliteFraction * population));
        SplittableRandom rng = new SplittableRandom(seed);
        double[] mean = new double[dim];
        double[] std = new double[dim];
        Arrays.fill(std, initialStd);
        IntColumn genCol = IntColumn.create("generation");
        IntColumn episodesCol = IntColumn.create("episodes");
        IntColumn failuresCol = IntColumn.create("failures");
        DoubleColumn meanCol = DoubleColumn.create("mean_return");
        DoubleColumn bestCol = DoubleColumn.create("best_return");
        DoubleColumn checkCol = DoubleColumn.create("check_success");
        int episodes = 0;
        int failures = 0;
        boolean solved = false;
        for (int g = 1; g <= generations && !solved; g++) {
            Interruption.check("CrossEntropySearch", g - 1, "generations");
            double[][] candidates = new double[population][dim];
            double[] scores = new double[population];
            for (int i = 0; i < population; i++) {
                for (int j = 0; j < dim; j++) {
                    candidates[i][j] = mean[j] + std[j] * gaussian(rng);
                }
                Outcome o = run(env, new Linear(candidates[i], k, obs), rng.nextLong());
                scores[i] = o.ret;
                episodes++;
                failures += o.success ? 0 : 1;
            }
            Integer[] order = new Integer[population];
            for (int i = 0; i < population; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
            for (int j = 0; j < dim; j++) {
                double m = 0;
                for (int e = 0; e < elite; e++) {
                    m += candidates[order[e]][j];
                }
                m /= elite;
                double v = 0;
                for (int e = 0; e < elite; e++) {
                    double d = candidates[order[e]][j] - m;
                    v += d * d;
                }
                mean[j] = m;
                std[j] = Math.sqrt(v / elite) + noise;
            }
            Linear current = new Linear(mean.clone(), k, obs);
            int passed = 0;
            for (int c = 0; c < check; c++) {
                Outcome o = run(env, current, rng.nextLong());
                episodes++;
                if (!o.success) {
                    failures++;
                    break;
                }
                passed++;
            }
            solved = passed == check;
            genCol.append(g);
            episodesCol.append(episodes);
            failuresCol.append(failures);
            meanCol.append(Arrays.stream(scores).average().orElseThrow());
            bestCol.append(scores[order[0]]);
            checkCol.append(passed / (double) check);
        }
        Table history = Table.create("cross-entropy search", genCol, episodesCol, failuresCol, meanCol, bestCol,
                checkCol);
        return new Result(solved, episodes, failures, new Linear(mean.clone(), k, obs), history);
    }

    private record Outcome(double ret, boolean success) {}

    private static Outcome run(Env env, Policy policy, long episodeSeed) {
        double[] o = env.reset(episodeSeed);
        double ret = 0;
        for (int t = 0; t < env.horizon(); t++) {
            Step s = env.step(policy.act(o));
            ret += s.reward();
            o = s.observation();
            if (s.done()) {
                break;
            }
        }
        return new Outcome(ret, env.succeeded());
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /** {@code argmax_k (W s + b)_k} with the weights of action k at {@code [k(obs+1), (k+1)(obs+1))}, bias last. */
    private record Linear(double[] theta, int actions, int obs) implements Policy {
        @Override
        public double[][] act(double[][] observations) {
            double[][] out = new double[observations.length][1];
            for (int n = 0; n < observations.length; n++) {
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int a = 0; a < actions; a++) {
                    int off = a * (obs + 1);
                    double score = theta[off + obs];
                    for (int i = 0; i < obs; i++) {
                        score += theta[off + i] * observations[n][i];
                    }
                    if (score > bestScore) {
                        bestScore = score;
                        best = a;
                    }
                }
                out[n][0] = best;
            }
            return out;
        }
    }

    /** Defaults: population 20, elite 0.2, initial std 1, noise 0.1, 100 generations, check 5 episodes, seed 0. */
    public static final class Builder {
        private int population = 20;
        private double eliteFraction = 0.2;
        private double initialStd = 1;
        private double noise = 0.1;
        private int generations = 100;
        private int check = 5;
        private long seed;

        private Builder() {}

        /** Candidate policies per generation, each run for one episode. */
        public Builder population(int size) {
            this.population = positive("population", size);
            return this;
        }

        /** Share of each generation, the best-scoring, that the next one is fitted to; in (0, 1]. */
        public Builder eliteFraction(double fraction) {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("eliteFraction = " + fraction + "; pass a share in (0, 1]");
            }
            this.eliteFraction = fraction;
            return this;
        }

        /** Standard deviation of the first generation around zero weights. */
        public Builder initialStd(double std) {
            if (!(std > 0 && Double.isFinite(std))) {
                throw new IllegalArgumentException("initialStd = " + std + "; pass a positive, finite number");
            }
            this.initialStd = std;
            return this;
        }

        /** Added to the elite's standard deviation each generation, so the search does not collapse early. */
        public Builder noise(double noise) {
            if (!(noise >= 0 && Double.isFinite(noise))) {
                throw new IllegalArgumentException("noise = " + noise + "; pass a finite number ≥ 0");
            }
            this.noise = noise;
            return this;
        }

        /** Most generations before giving up (the result then says not solved). */
        public Builder generations(int count) {
            this.generations = positive("generations", count);
            return this;
        }

        /** Consecutive successful episodes of the mean policy that end the search. */
        public Builder check(int episodes) {
            this.check = positive("check", episodes);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public CrossEntropySearch build() {
            return new CrossEntropySearch(this);
        }

        private static int positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " = " + value + "; pass at least 1");
            }
            return value;
        }
    }
}
