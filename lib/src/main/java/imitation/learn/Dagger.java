package imitation.learn;

import imitation.data.Demonstrations;
import imitation.data.Episode;
import imitation.data.Interruption;
import imitation.data.Rollouts;
import imitation.data.Trajectory;
import imitation.env.Space;
import imitation.env.VecEnv;
import imitation.eval.Evaluation;
import imitation.eval.History;
import imitation.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * DAgger, dataset aggregation (Ross, Gordon and Bagnell 2011): grow the training set where the learner
 * goes, with the expert labelling every state the learner visits.
 *
 * <pre>
 * train π on D                                    (D: expert demonstrations)
 * for i = 1..N:
 *     run π_mix = β_i·expert + (1 − β_i)·π to collect states   (the expert acts with probability β_i)
 *     the expert labels every visited state: D_π = {(s, expert(s))}
 *     D ← D ∪ D_π
 *     train π on D
 * </pre>
 *
 * The stored label is always the expert's, whoever acted. Options: a {@link BetaSchedule}; a {@link Gate}
 * that hands the controls to the expert in dangerous states (HG-DAgger, SafeDAgger); a budget of expert
 * queries; a label delay (the expert reacts late); an {@link ExpertView} for a privileged expert that sees
 * more than the learner (the true state while the learner sees images). Two ways to run it:
 *
 * <pre>{@code
 * Dagger dagger = Dagger.builder().env(world.vec(16)).expert(Expert.of(DrivingExpert.of(world)))
 *         .expertSees(ExpertView.drivingFeatures()).learner(bc).episodesPerRound(8).seed(1).build();
 * Dagger.Result r = dagger.train(demos, 10);            // N rounds in one call
 * Dagger.Session s = dagger.start(demos);               // or one round at a time
 * s.round(); s.round(); s.rounds();                      // round | beta | new_states | total_states | queries | ...
 * }</pre>
 *
 * The learner is retrained from scratch on the whole aggregate every round (the paper's "train on D").
 * The same seed gives the same rounds for deterministic learners and experts.
 */
public final class Dagger {
    private final VecEnv env;
    private final Expert expert;
    private final ExpertView view;
    private final Function<Demonstrations, ? extends Policy> trainer;
    private final BetaSchedule schedule;
    private final Gate gate;
    private final int episodesPerRound;
    private final long budget;
    private final int labelDelay;
    private final boolean stochastic;
    private final long seed;
    private final VecEnv evalEnv;
    private final int evalEpisodes;
    private final boolean progress;

    private Dagger(Builder b) {
        env = b.env;
        expert = b.expert;
        view = b.view;
        BehaviorCloning bc = b.bcLearner;
        Space space = env.actionSpace();
        trainer = b.trainer != null ? b.trainer : d -> bc.train(d, space).policy();
        schedule = b.schedule;
        gate = b.gate;
        episodesPerRound = b.episodesPerRound < 0 ? env.count() : b.episodesPerRound;
        budget = b.budget;
        labelDelay = b.labelDelay;
        stochastic = b.stochastic;
        seed = b.seed;
        evalEnv = b.evalEnv;
        evalEpisodes = b.evalEpisodes;
        progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs {@code rounds} rounds from the expert demonstrations {@code initial} (fewer if the budget runs out). */
    public Result train(Demonstrations initial, int rounds) {
        if (rounds < 0) {
            throw new IllegalArgumentException("train: rounds = " + rounds + " must be >= 0 (0 is behaviour cloning on the initial data)");
        }
        Session session = start(initial);
        while (session.round < rounds && !session.budgetSpent()) {
            Interruption.check("DAgger", session.round, "rounds");
            session.round();
        }
        return session.result();
    }

    /** Trains the first policy on {@code initial} and returns a session positioned before round 1. */
    public Session start(Demonstrations initial) {
        if (initial == null) {
            throw new IllegalArgumentException("DAgger needs a first dataset to train the first policy on, got null; "
                    + "collect expert demonstrations first, e.g. Rollouts.in(env).episodes(1).collect(expert)");
        }
        if (initial.actionSize() != env.actionSpace().size() || initial.observationSize() != env.observationSpace().size()) {
            throw new IllegalArgumentException("DAgger: the first dataset has observations of size " + initial.observationSize()
                    + " and actions of size " + initial.actionSize() + " but the environment has " + env.observationSpace().size()
                    + " and " + env.actionSpace().size() + "; demonstrate in the environment DAgger runs in");
        }
        return new Session(initial);
    }

    /** The outcome of a run: the last policy, the aggregated data, one row per round and the queries spent. */
    public record Result(Policy policy, Demonstrations dataset, Table rounds, Table history, long queries) {
        public Result {
            rounds = rounds.copy();
            history = history.copy();
        }

        /** One row per round (a copy: editing it does not change this result). */
        @Override
        public Table rounds() {
            return rounds.copy();
        }

        /** The long-format history (a copy). */
        @Override
        public Table history() {
            return history.copy();
        }
    }

    /**
     * One row of the rounds table. Round 0 is the policy trained on the first dataset (β, queries and
     * crashes are 0 there; {@code beta} is NaN).
     *
     * @param round           the round (0 = before any DAgger round)
     * @param beta            the mixing probability used for collection
     * @param episodes        episodes driven in the round (the last ones may be cut by the budget)
     * @param newStates       states labelled in the round
     * @param totalStates     states in the aggregate after the round: the expert labels spent so far, the
     *                        first dataset included
     * @param queries         expert queries of all rounds so far (the first dataset not included)
     * @param crashes         episodes of the round that ended inside the task without success (the car left the road)
     * @param interventions   steps of the round where the {@link Gate} gave the expert the controls
     * @param expertShare     fraction of the round's executed actions that were the expert's
     * @param trainingSeconds seconds spent training the policy after the round
     * @param meanReturn      mean return of that policy in the evaluation env (NaN without one)
     * @param successRate     its success rate there (NaN without one)
     */
    public record Round(int round, double beta, int episodes, int newStates, int totalStates, long queries, int crashes,
            int interventions, double expertShare, double trainingSeconds, double meanReturn, double successRate) {}

    /**
     * DAgger one round at a time, for notebooks that show the data set grow. Not thread-safe. A round that
     * fails leaves the session exactly as it was before the round (data, queries, round count, policy,
     * rows) — when the learner's policy fails or returns bad actions, the trainer throws, the evaluation
     * fails or the thread is interrupted — with one documented exception: if the expert fails during a
     * round (throws, or returns labels of the wrong size or NaN), the states it labelled before are still
     * aggregated and their queries counted (expert labels are the costly part), the round is not counted,
     * and the error is thrown after. Either way the session stays usable.
     */
    public final class Session {
        private Demonstrations data;
        private Policy policy;
        private long queries;
        private int round;
        private boolean budgetSpent;
        private final List<Round> rows = new ArrayList<>();

        private Session(Demonstrations initial) {
            data = initial;
            long start = System.nanoTime();
            policy = trainPolicy(initial);
            rows.add(row(0, Double.NaN, 0, 0, initial, 0, 0, 0, 0, (System.nanoTime() - start) / 1e9, policy));
        }

        /** Runs the next round: collect with the mixed policy, label, aggregate, retrain; returns its row. */
        public Round round() {
            if (budgetSpent) {
                throw new IllegalStateException("the budget of " + budget + " expert queries was spent in round " + round
                        + "; start a new session with a larger budget(...) to go on");
            }
            int next = round + 1;
            double beta = schedule.beta(next);
            if (!(beta >= 0 && beta <= 1)) {
                throw new IllegalStateException("the β schedule returned " + beta + " for round " + next
                        + "; β is a probability: return values in [0, 1] (e.g. BetaSchedule.linear(" + Math.max(1, next) + "))");
            }
            MixedDriver driver = new MixedDriver(policy, beta, new SplittableRandom(roundSeed(next) ^ 0x5DEECE66DL), queries);
            List<Episode> episodes = Rollouts.in(env).episodes(episodesPerRound).seed(roundSeed(next)).drive(driver, true);
            List<Trajectory> visited = new ArrayList<>();
            int crashes = 0;
            int states = 0;
            for (Episode e : episodes) {
                Trajectory t = e.trajectory().orElseThrow();
                if (t.length() > 0) {
                    visited.add(labelDelay > 0 ? delayed(t) : t);
                    states += t.length();
                }
                crashes += e.terminated() && !e.success() ? 1 : 0;
            }
            Demonstrations aggregate = visited.isEmpty() ? data : data.concat(Demonstrations.of(visited)); // D ← D ∪ D_π
            if (driver.failure != null) {
                data = aggregate;
                queries += driver.queries;
                throw new IllegalStateException("the expert failed in round " + next + " after " + driver.queries
                        + " queries of the round (" + driver.failure.getMessage() + "); the " + states
                        + " states it labelled are aggregated and nothing earlier is lost: the session holds "
                        + data.steps() + " states (session.dataset())", driver.failure);
            }
            long start = System.nanoTime();
            Policy trained = trainPolicy(aggregate);                         // train π on D
            Round row = row(next, beta, episodes.size(), states, aggregate, queries + driver.queries, crashes,
                    driver.interventions, driver.expertActs, (System.nanoTime() - start) / 1e9, trained);
            data = aggregate;                                                // the round succeeded: commit it
            queries += driver.queries;
            budgetSpent = driver.budgetHit;
            round = next;
            policy = trained;
            rows.add(row);
            return row;
        }

        private Policy trainPolicy(Demonstrations d) {
            Policy p = trainer.apply(d);
            if (p == null) {
                throw new IllegalStateException("the learner's trainer returned null instead of a policy");
            }
            return p;
        }

        /** The row of round r (evaluating {@code trained} when an evaluation env is set), printed with progress on. */
        private Round row(int r, double beta, int episodes, int newStates, Demonstrations aggregate, long queriesAfter,
                int crashes, int interventions, int expertActs, double seconds, Policy trained) {
            double ret = Double.NaN;
            double success = Double.NaN;
            if (evalEnv != null) {
                Evaluation.Result e = Evaluation.in(evalEnv).episodes(evalEpisodes).seed(seed + 7919).run(trained);
                ret = e.meanReturn();
                success = e.successRate();
            }
            Round row = new Round(r, beta, episodes, newStates, aggregate.steps(), queriesAfter, crashes, interventions,
                    expertActs / (double) Math.max(1, newStates), seconds, ret, success);
            if (progress) {
                System.out.println(String.format("round %d: β %.2f, %d new states, %d in total, %d queries, %d crashes%s", r,
                        Double.isNaN(beta) ? 1.0 : beta, newStates, aggregate.steps(), queriesAfter, crashes,
                        evalEnv == null ? "" : String.format(", return %.1f, success %.0f%%", ret, 100 * success)));
            }
            return row;
        }

        /** The policy trained on the current aggregate. */
        public Policy policy() {
            return policy;
        }

        /** The aggregate D: the first dataset followed by every round's labelled states. */
        public Demonstrations dataset() {
            return data;
        }

        /** Rounds completed so far. */
        public int roundsDone() {
            return round;
        }

        /** Expert queries spent by the rounds (the first dataset not included). */
        public long queries() {
            return queries;
        }

        /** Whether the query budget ran out (no further round can run). */
        public boolean budgetSpent() {
            return budgetSpent;
        }

        /** One row per round (see {@link Round}), round 0 first. */
        public List<Round> roundList() {
            return List.copyOf(rows);
        }

        /** The rows as a table: round, beta, episodes, new_states, total_states, queries, crashes, interventions, expert_share, train_seconds, return, success_rate. */
        public Table rounds() {
            Table t = Table.create("DAgger rounds",
                    IntColumn.create("round", rows.stream().mapToInt(Round::round).toArray()),
                    DoubleColumn.create("beta", rows.stream().mapToDouble(Round::beta).toArray()),
                    IntColumn.create("episodes", rows.stream().mapToInt(Round::episodes).toArray()),
                    IntColumn.create("new_states", rows.stream().mapToInt(Round::newStates).toArray()),
                    IntColumn.create("total_states", rows.stream().mapToInt(Round::totalStates).toArray()),
                    LongColumn.create("queries", rows.stream().mapToLong(Round::queries).toArray()),
                    IntColumn.create("crashes", rows.stream().mapToInt(Round::crashes).toArray()),
                    IntColumn.create("interventions", rows.stream().mapToInt(Round::interventions).toArray()),
                    DoubleColumn.create("expert_share", rows.stream().mapToDouble(Round::expertShare).toArray()),
                    DoubleColumn.create("train_seconds", rows.stream().mapToDouble(Round::trainingSeconds).toArray()));
            if (evalEnv != null) {
                t.addColumns(DoubleColumn.create("return", rows.stream().mapToDouble(Round::meanReturn).toArray()),
                        DoubleColumn.create("success_rate", rows.stream().mapToDouble(Round::successRate).toArray()));
            }
            return t;
        }

        /** The rows in long format, {@code round | metric | value | seed}, for {@code Charts.learningCurve(history, "round", ...)}. */
        public Table history() {
            History h = new History("round", seed);
            String[] names = {"total_states", "queries", "crashes", "return", "success_rate"};
            for (Round row : rows) {
                double[] values = {row.totalStates(), row.queries(), row.crashes(), row.meanReturn(), row.successRate()};
                for (int i = 0; i < names.length; i++) {
                    if (!Double.isNaN(values[i])) {
                        h.add(row.round(), names[i], values[i]);
                    }
                }
            }
            return h.table("DAgger history");
        }

        /** The current policy, aggregate and tables as an immutable result. */
        public Result result() {
            return new Result(policy, data, rounds(), history(), queries);
        }
    }

    private long roundSeed(int round) {
        return new SplittableRandom(seed ^ (0xBF58476D1CE4E5B9L * round)).nextLong();
    }

    /** The trajectory with each label replaced by the expert's label {@code labelDelay} steps earlier (the first one held). */
    private Trajectory delayed(Trajectory t) {
        double[][] labels = t.actions();
        double[][] late = new double[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            late[i] = labels[Math.max(0, i - labelDelay)];
        }
        return new Trajectory(t.observations(), late, t.rewards(), t.terminal());
    }

    /**
     * The collection policy of one round: asks the expert to label every running state, lets the expert act
     * with probability β (or when the gate fires) and the learner otherwise, and records the expert's label.
     * Stops the collection when the budget would be exceeded or the expert fails.
     */
    private final class MixedDriver implements Rollouts.Driver {
        private final Policy learner;
        private final double beta;
        private final SplittableRandom rng;
        private final Space actions = env.actionSpace();
        private final long spentBefore;
        long queries;
        int interventions;
        int expertActs;
        boolean budgetHit;
        RuntimeException failure;

        MixedDriver(Policy learner, double beta, SplittableRandom rng, long spentBefore) {
            this.learner = learner;
            this.beta = beta;
            this.rng = rng;
            this.spentBefore = spentBefore;
        }

        @Override
        public Rollouts.Decision decide(Rollouts.Running running) {
            int[] slots = running.slots();
            double[][] observations = running.observations();
            int n = slots.length;
            if (spentBefore + queries + n > budget) {
                budgetHit = true;
                return null;
            }
            double[][] all = view.rows(running.env());
            double[][] seen = new double[n][];
            for (int k = 0; k < n; k++) {
                seen[k] = all[slots[k]].clone();
            }
            double[][] labels;
            try {
                labels = checkedLabels(expert.label(seen), n);
            } catch (RuntimeException e) {
                failure = e;
                return null;
            }
            queries += n;
            double[][] learnerActs = beta == 1 ? null
                    : checkedLearnerActions(stochastic ? learner.sample(observations, rng) : learner.act(observations), n);
            double[][] executed = new double[n][];
            for (int k = 0; k < n; k++) {
                boolean expertActs = rng.nextDouble() < beta;
                if (!expertActs && gate.expertTakesOver(seen[k], learnerActs[k], labels[k])) {
                    expertActs = true;
                    interventions++;
                }
                executed[k] = expertActs ? labels[k] : learnerActs[k];
                this.expertActs += expertActs ? 1 : 0;
            }
            return new Rollouts.Decision(executed, labels);
        }

        /** The learner's actions when they are one row per state, or a message naming what it returned. */
        private double[][] checkedLearnerActions(double[][] acts, int n) {
            if (acts == null || acts.length != n) {
                throw new IllegalArgumentException("the learner's policy returned " + (acts == null ? "null" : acts.length
                        + " actions") + " for " + n + " observations; act must return one action row per observation");
            }
            for (int k = 0; k < n; k++) {
                if (acts[k] == null || acts[k].length != actions.size()) {
                    throw new IllegalArgumentException("the learner's policy returned an action of size "
                            + (acts[k] == null ? "null" : acts[k].length) + " for observation " + k
                            + " but the environment's actions have size " + actions.size()
                            + "; check the policy's output width");
                }
            }
            return acts;
        }

        private double[][] checkedLabels(double[][] labels, int n) {
            return Dagger.checkedLabels(labels, n, actions);
        }
    }

    /** {@code labels} when they are one action of {@code actions} per state of {@code n}, or a message naming what the expert returned. */
    static double[][] checkedLabels(double[][] labels, int n, Space actions) {
        if (labels == null || labels.length != n) {
            throw new IllegalArgumentException("the expert returned " + (labels == null ? "null" : labels.length + " labels")
                    + " for " + n + " states; label(states) must return one action row per state");
        }
        for (int k = 0; k < n; k++) {
            actions.check("the expert's label " + k, labels[k]);
        }
        return labels;
    }

    /** Configuration; {@link #env}, {@link #expert} and a learner are required. */
    public static final class Builder {
        private VecEnv env;
        private Expert expert;
        private ExpertView view = ExpertView.observations();
        private Function<Demonstrations, ? extends Policy> trainer;
        private BehaviorCloning bcLearner;
        private BetaSchedule schedule = BetaSchedule.constant(0);
        private Gate gate = Gate.never();
        private int episodesPerRound = -1;
        private long budget = Long.MAX_VALUE;
        private int labelDelay;
        private boolean stochastic;
        private long seed;
        private VecEnv evalEnv;
        private int evalEpisodes;
        private boolean progress;

        private Builder() {}

        /** Where the learner collects states; its slots run episodes in parallel (one batched learner call per step). */
        public Builder env(VecEnv env) {
            if (env == null) {
                throw new IllegalArgumentException("env: null; pass e.g. world.vec(16) or CartPole.fixedHorizon().vec(8)");
            }
            this.env = env;
            return this;
        }

        /** The labeller. */
        public Builder expert(Expert expert) {
            if (expert == null) {
                throw new IllegalArgumentException("expert: null; pass e.g. Expert.of(new CartPoleExpert())");
            }
            this.expert = expert;
            return this;
        }

        /** What the expert sees (default: the learner's observations). */
        public Builder expertSees(ExpertView view) {
            if (view == null) {
                throw new IllegalArgumentException("expertSees: null; use ExpertView.observations() or ExpertView.drivingFeatures()");
            }
            this.view = view;
            return this;
        }

        /** Behaviour cloning (as configured) trains the policy on the aggregate each round. */
        public Builder learner(BehaviorCloning bc) {
            if (bc == null) {
                throw new IllegalArgumentException("learner: null; pass BehaviorCloning.builder()....build()");
            }
            trainer = null;
            bcLearner = bc;
            return this;
        }

        /** Any supervised learner: a function from the aggregate to a policy (e.g. a tabular one). */
        public Builder trainer(Function<Demonstrations, ? extends Policy> trainer) {
            if (trainer == null) {
                throw new IllegalArgumentException("trainer: null; pass a function from Demonstrations to Policy");
            }
            this.trainer = trainer;
            this.bcLearner = null;
            return this;
        }

        /** The β schedule (default {@code BetaSchedule.constant(0)}: the learner always drives, as the peer library's default after round 0). */
        public Builder schedule(BetaSchedule schedule) {
            if (schedule == null) {
                throw new IllegalArgumentException("schedule: null; use BetaSchedule.constant(0), linear(R) or exponential(p)");
            }
            this.schedule = schedule;
            return this;
        }

        /** Gated intervention (default {@link Gate#never()}). */
        public Builder gate(Gate gate) {
            if (gate == null) {
                throw new IllegalArgumentException("gate: null; use Gate.never() for plain DAgger");
            }
            this.gate = gate;
            return this;
        }

        /** Episodes collected per round (default: one per slot of the env). */
        public Builder episodesPerRound(int n) {
            episodesPerRound = Settings.atLeastOne("episodesPerRound", n);
            return this;
        }

        /** Cap on expert queries over all rounds (default: none). Collection stops before a step that would exceed it. */
        public Builder budget(long queries) {
            if (queries < 1) {
                throw new IllegalArgumentException("budget = " + queries + " allows no expert query, and DAgger learns only "
                        + "from expert labels; give a positive number of queries, or leave the budget unset for no cap");
            }
            budget = queries;
            return this;
        }

        /** The expert's labels arrive {@code steps} late: state t gets the label of state t − steps (default 0). */
        public Builder labelDelay(int steps) {
            if (steps < 0) {
                throw new IllegalArgumentException("labelDelay = " + steps + " must be >= 0 steps");
            }
            labelDelay = steps;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether the learner acts with {@link Policy#sample} (seeded) while collecting, instead of {@link Policy#act} (default false). */
        public Builder stochastic(boolean stochastic) {
            this.stochastic = stochastic;
            return this;
        }

        /** After each round, evaluate the new policy on {@code episodes} seeded episodes of {@code env}. */
        public Builder evaluateIn(VecEnv env, int episodes) {
            if (env == null || episodes < 1) {
                throw new IllegalArgumentException("evaluateIn: need an env and episodes >= 1, got " + env + ", " + episodes);
            }
            evalEnv = env;
            evalEpisodes = episodes;
            return this;
        }

        /** Print one line per round (default false). */
        public Builder progress(boolean progress) {
            this.progress = progress;
            return this;
        }

        public Dagger build() {
            if (env == null || expert == null || (trainer == null && bcLearner == null)) {
                throw new IllegalStateException("Dagger: set env(...), expert(...) and learner(...) or trainer(...) before build()"
                        + " (missing: " + (env == null ? "env " : "") + (expert == null ? "expert " : "")
                        + (trainer == null && bcLearner == null ? "learner" : "") + ")");
            }
            return new Dagger(this);
        }
    }
}
