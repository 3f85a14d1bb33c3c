package imitation.learn;

import imitation.data.Demonstrations;
import imitation.data.Episode;
import imitation.data.Interruption;
import imitation.data.Rollouts;
import imitation.data.Trajectory;
import imitation.env.Space;
import imitation.env.VecEnv;
import imitation.policy.RecurrentPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * DAgger for a learner with memory: the learner drives whole episodes with its own hidden state, carried from
 * step to step and reset at every episode start; the expert labels every state the learner reached; the
 * labelled episodes are kept whole, as sequences, and aggregated; the learner is retrained on all of them.
 *
 * <pre>
 * π ← train(D)                                   (D: expert demonstrations, whole episodes)
 * for i = 1..N:
 *     run π (state h reset at each episode start, h_t = f(h_{t−1}, o_t), a_t ~ π(h_t)) for some episodes
 *     the expert labels each visited step from what it sees: D_π = {(o_0..T, expert(s_0..T))}
 *     D ← D ∪ D_π;  π ← train(D)
 * </pre>
 *
 * The learner always drives (β = 0): a recurrent learner must meet the histories its own actions produce. The
 * expert may see more than the learner (an {@link ExpertView}): on CartPole with the velocities hidden the learner
 * sees {@code [x, θ]} and the expert the full state,
 * {@code expertSees(env -> ((PartialObservation.Vec) env).fullObservations())}. The trainer is any function from
 * sequences to a recurrent policy: recurrent behaviour cloning, or a plain policy over a {@link
 * imitation.policy.FrameStack} (a frame-stack learner aggregates the same way). Retrained from scratch each round.
 */
public final class RecurrentDagger {
    private final VecEnv env;
    private final Expert expert;
    private final ExpertView view;
    private final Function<Demonstrations, ? extends RecurrentPolicy> trainer;
    private final int episodesPerRound;
    private final long seed;

    private RecurrentDagger(Builder b) {
        env = b.env;
        expert = b.expert;
        view = b.view;
        trainer = b.trainer;
        episodesPerRound = b.episodesPerRound < 0 ? env.count() : b.episodesPerRound;
        seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The last policy, the aggregate, and one row per round: {@code round | return | new_states | total_states},
     * where {@code return} is the mean return of the round's episodes, driven by the policy trained before the
     * round (round 1: on the first dataset alone).
     */
    public record Result(RecurrentPolicy policy, Demonstrations dataset, Table rounds) {
        public Result {
            rounds = rounds.copy();
        }

        @Override
        public Table rounds() {
            return rounds.copy();
        }
    }

    /** Trains on {@code initial} (whole expert episodes), then runs {@code rounds ≥ 0} rounds. */
    public Result train(Demonstrations initial, int rounds) {
        if (initial == null) {
            throw new IllegalArgumentException("RecurrentDagger: initial is null; collect expert episodes first, e.g. "
                    + "Rollouts.in(env).episodes(10).collect(expert), with the observations the learner sees");
        }
        if (initial.observationSize() != env.observationSpace().size() || initial.actionSize() != env.actionSpace().size()) {
            throw new IllegalArgumentException("RecurrentDagger: initial has observations of size " + initial.observationSize()
                    + " and actions of size " + initial.actionSize() + " but the environment has " + env.observationSpace().size()
                    + " and " + env.actionSpace().size() + "; demonstrate with the observations the learner sees");
        }
        if (rounds < 0) {
            throw new IllegalArgumentException("train: rounds = " + rounds + "; pass 0 (recurrent behaviour cloning) or more");
        }
        Demonstrations data = initial;
        RecurrentPolicy policy = trained(data);
        Table table = Table.create("recurrent DAgger rounds", IntColumn.create("round"), DoubleColumn.create("return"),
                IntColumn.create("new_states"), IntColumn.create("total_states"));
        for (int round = 1; round <= rounds; round++) {
            Interruption.check("RecurrentDagger", round - 1, "rounds");
            LabellingDriver driver = new LabellingDriver(new Rollouts.Carried(policy, env.count(), null));
            long roundSeed = new SplittableRandom(seed ^ (0xBF58476D1CE4E5B9L * round)).nextLong();
            List<Episode> episodes = Rollouts.in(env).episodes(episodesPerRound).seed(roundSeed).drive(driver, true);
            List<Trajectory> visited = new ArrayList<>();
            double total = 0;
            int states = 0;
            for (Episode e : episodes) {
                Trajectory t = e.trajectory().orElseThrow();
                visited.add(t);
                states += t.length();
                total += e.totalReward();
            }
            data = data.concat(Demonstrations.of(visited));
            policy = trained(data);
            table.intColumn("round").append(round);
            table.doubleColumn("return").append(total / episodes.size());
            table.intColumn("new_states").append(states);
            table.intColumn("total_states").append(data.steps());
        }
        return new Result(policy, data, table);
    }

    private RecurrentPolicy trained(Demonstrations data) {
        RecurrentPolicy p = trainer.apply(data);
        if (p == null) {
            throw new IllegalStateException("RecurrentDagger: the trainer returned null instead of a recurrent policy");
        }
        return p;
    }

    /** The learner acts with its carried state; the expert's label of every running state is recorded. */
    private final class LabellingDriver implements Rollouts.Driver {
        private final Rollouts.Carried learner;
        private final Space actions = env.actionSpace();

        LabellingDriver(Rollouts.Carried learner) {
            this.learner = learner;
        }

        @Override
        public Rollouts.Decision decide(Rollouts.Running running) {
            int[] slots = running.slots();
            double[][] all = view.rows(running.env());
            double[][] seen = new double[slots.length][];
            for (int k = 0; k < slots.length; k++) {
                seen[k] = all[slots[k]].clone();
            }
            double[][] labels = Dagger.checkedLabels(expert.label(seen), slots.length, actions);
            return new Rollouts.Decision(learner.act(running), labels);
        }
    }

    /** Configuration; {@link #env}, {@link #expert} and {@link #trainer} are required. */
    public static final class Builder {
        private VecEnv env;
        private Expert expert;
        private ExpertView view = ExpertView.observations();
        private Function<Demonstrations, ? extends RecurrentPolicy> trainer;
        private int episodesPerRound = -1;
        private long seed;

        private Builder() {}

        /** Where the learner drives; its slots run episodes in parallel. */
        public Builder env(VecEnv env) {
            if (env == null) {
                throw new IllegalArgumentException("env: null; pass e.g. PartialObservation.vec(10, CartPole::fixedHorizon, 0, 2)");
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
                throw new IllegalArgumentException("expertSees: null; pass ExpertView.observations() or a view of the full state");
            }
            this.view = view;
            return this;
        }

        /** Trains a recurrent policy on whole labelled episodes, e.g. {@code d -> rbc.train(d, space).policy()}. */
        public Builder trainer(Function<Demonstrations, ? extends RecurrentPolicy> trainer) {
            if (trainer == null) {
                throw new IllegalArgumentException("trainer: null; pass a function from Demonstrations to a RecurrentPolicy");
            }
            this.trainer = trainer;
            return this;
        }

        /** Episodes the learner drives per round (default: one per slot of the env). */
        public Builder episodesPerRound(int n) {
            episodesPerRound = Settings.atLeastOne("episodesPerRound", n);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public RecurrentDagger build() {
            if (env == null || expert == null || trainer == null) {
                throw new IllegalStateException("RecurrentDagger: set env(...), expert(...) and trainer(...) before build() (missing: "
                        + (env == null ? "env " : "") + (expert == null ? "expert " : "") + (trainer == null ? "trainer" : "") + ")");
            }
            return new RecurrentDagger(this);
        }
    }
}
