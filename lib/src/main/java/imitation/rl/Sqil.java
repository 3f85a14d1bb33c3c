package imitation.rl;

import imitation.data.Demonstrations;
import imitation.data.Trajectory;
import imitation.env.VecEnv;
import java.util.SplittableRandom;

/**
 * Soft Q imitation learning (Reddy, Dragan and Levine 2020): Q-learning where the demonstrations are replayed
 * with reward 1 and the agent's own transitions with reward 0, every minibatch drawn as a fixed share
 * {@code demoRatio} (default one half) from the demonstrations and the rest from the agent's buffer. The
 * environment's reward is never used. As in the peer library's SQIL, the Q-learner is {@link Dqn} (hard
 * max in the target) rather than the paper's soft Q-learning.
 *
 * <pre>{@code
 * Dqn.Result r = Sqil.builder().dqn(Dqn.builder().seed(1).build()).build().train(CartPole.classic().vec(4), demos);
 * }</pre>
 */
public final class Sqil {
    private final Dqn dqn;
    private final double demoRatio;

    private Sqil(Builder b) {
        dqn = b.dqn;
        demoRatio = b.demoRatio;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** SQIL in {@code env} from {@code demos} (discrete actions; their rewards are ignored). */
    public Dqn.Result train(VecEnv env, Demonstrations demos) {
        dqn.checkEnv(env);
        Session session = new Session(demos, env.observationSpace().size(), env.count());
        return dqn.run("SQIL", env, new Dqn.Variant() {
            @Override
            public void store(int slot, double[] obs, int action, double reward, double[] next, boolean terminated,
                    boolean truncated) {
                session.storeAgent(slot, obs, action, next, terminated, truncated);
            }

            @Override
            public boolean ready(long envSteps) {
                return envSteps >= dqn.learningStarts && session.agent.size() > 0;
            }

            @Override
            public double update(Dqn.Learner learner, long envSteps, SplittableRandom rng) {
                return learner.tdStep(session.batch(rng));
            }
        });
    }

    /** The two buffers of one SQIL run: demonstrations relabelled with reward 1, agent steps with reward 0. */
    final class Session {
        final ReplayBuffer demos;
        final ReplayBuffer agent;
        private final NStep agentSteps;

        Session(Demonstrations demonstrations, int observationSize, int slots) {
            if (demonstrations == null || demonstrations.size() == 0) {
                throw new IllegalArgumentException("demos is " + (demonstrations == null ? "null" : "empty")
                        + "; SQIL needs expert demonstrations, e.g. Rollouts.in(env.vec(5)).episodes(5).collect(expert)");
            }
            if (demonstrations.observationSize() != observationSize || demonstrations.actionSize() != 1) {
                throw new IllegalArgumentException("demos have observations of " + demonstrations.observationSize()
                        + " values and actions of " + demonstrations.actionSize() + " but the environment has "
                        + observationSize + " and discrete actions (1 index); record them in the same environment");
            }
            demos = new ReplayBuffer(demonstrations.steps(), observationSize);
            NStep demoSteps = new NStep(1, 1, dqn.gamma, demos);
            for (Trajectory t : demonstrations.trajectories()) {
                for (int i = 0; i < t.length(); i++) {
                    boolean last = i == t.length() - 1;
                    demoSteps.add(0, t.observation(i), (int) t.action(i)[0], 1.0, t.observation(i + 1),
                            last && t.terminal(), last && !t.terminal(), true);
                }
            }
            agent = new ReplayBuffer(dqn.bufferSize, observationSize);
            agentSteps = new NStep(slots, 1, dqn.gamma, agent);
        }

        /** Stores an agent step with reward 0, whatever the environment paid. */
        void storeAgent(int slot, double[] obs, int action, double[] next, boolean terminated, boolean truncated) {
            agentSteps.add(slot, obs, action, 0.0, next, terminated, truncated, false);
        }

        /** A minibatch: round(demoRatio · batchSize) demonstration rows first, then agent rows. */
        ReplayBuffer.Sample batch(SplittableRandom rng) {
            int fromDemos = (int) Math.round(demoRatio * dqn.batchSize);
            int fromAgent = dqn.batchSize - fromDemos;
            if (fromAgent == 0) {
                return demos.uniform(fromDemos, rng);
            }
            if (fromDemos == 0) {
                return agent.uniform(fromAgent, rng);
            }
            return ReplayBuffer.Sample.concat(demos.uniform(fromDemos, rng), agent.uniform(fromAgent, rng));
        }
    }

    /** Settings: the Q-learner's ({@link Dqn}) and the demonstration share. */
    public static final class Builder {
        private Dqn dqn = Dqn.builder().build();
        private double demoRatio = 0.5;

        private Builder() {}

        /** The Q-learning settings (network, optimiser, buffer, exploration, steps, evaluation, seed). */
        public Builder dqn(Dqn dqn) {
            if (dqn == null) {
                throw new IllegalArgumentException("dqn is null; pass Dqn.builder()...build()");
            }
            this.dqn = dqn;
            return this;
        }

        /** Share of each minibatch drawn from the demonstrations; default 0.5 (the paper's half and half). */
        public Builder demoRatio(double ratio) {
            if (!(ratio >= 0 && ratio <= 1)) {
                throw new IllegalArgumentException("demoRatio = " + ratio + "; pass a share in [0, 1], e.g. 0.5 (half"
                        + " of each batch from the demonstrations)");
            }
            demoRatio = ratio;
            return this;
        }

        public Sqil build() {
            return new Sqil(this);
        }
    }
}
