package imitation.rl;

import imitation.data.Demonstrations;
import imitation.data.Interruption;
import imitation.data.Trajectory;
import imitation.env.VecEnv;
import imitation.eval.History;
import imitation.nn.Batch;
import java.util.SplittableRandom;

/**
 * Deep Q-learning from demonstrations (Hester et al. 2018). The loss on a prioritised minibatch is
 * <pre>
 * J(Q) = J_DQ(Q) + λ₁ J_n(Q) + λ₂ J_E(Q)        (+ λ₃ L2, the optimiser's l2)
 * J_DQ = huber(Q(s, a) − (r + γ max_a' Q_target(s', a')))                       one-step TD
 * J_n  = huber(Q(s, a) − (Σ_{k<n} γ^k r_k + γ^n max_a' Q_target(s_n, a')))      n-step TD
 * J_E  = max_a [Q(s, a) + l(a_E, a)] − Q(s, a_E),  l = margin if a ≠ a_E else 0  (demonstration rows only)
 * </pre>
 * First {@code pretrainSteps} gradient steps on the demonstrations alone; then the ε-greedy agent adds its own
 * transitions to the same buffer, in which the demonstrations stay for good. Sampling is proportional to
 * {@code (|δ| + ε)^α} with {@code ε = agentBonus} for agent rows and {@code agentBonus + demoBonus} for
 * demonstrations, with importance weights whose exponent β rises linearly to 1 over training. The Q-learner
 * settings come from {@link Dqn} (its {@code l2} is λ₃; DQfD's paper uses 1e-5). Unlike the paper, the targets
 * use the target network's max (not double Q-learning).
 */
public final class Dqfd {
    private final Dqn dqn;
    private final int nStep;
    private final double margin;
    private final double nStepWeight;
    private final double marginWeight;
    private final int pretrainSteps;
    private final double demoBonus;
    private final double agentBonus;
    private final double alpha;
    private final double beta;

    private Dqfd(Builder b) {
        dqn = b.dqn;
        nStep = b.nStep;
        margin = b.margin;
        nStepWeight = b.nStepWeight;
        marginWeight = b.marginWeight;
        pretrainSteps = b.pretrainSteps;
        demoBonus = b.demoBonus;
        agentBonus = b.agentBonus;
        alpha = b.alpha;
        beta = b.beta;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * DQfD in {@code env} from {@code demos} (whose rewards are the environment's). The history's first
     * {@code return} (at 0 environment steps) is the pre-trained policy's; {@code pretrain_loss} is the mean loss
     * of the last tenth of pre-training.
     */
    public Dqn.Result train(VecEnv env, Demonstrations demos) {
        dqn.checkEnv(env);
        Session session = new Session(demos, env.observationSpace().size(), env.count());
        return dqn.run("DQfD", env, new Dqn.Variant() {
            @Override
            public void start(Dqn.Learner learner, History history, SplittableRandom rng) {
                double sum = 0;
                int counted = 0;
                for (int k = 0; k < pretrainSteps; k++) {
                    Interruption.check("DQfD pre-training", k, "gradient steps");
                    double loss = session.step(learner, 0, rng);
                    if (k >= pretrainSteps - Math.max(1, pretrainSteps / 10)) {
                        sum += loss;
                        counted++;
                    }
                }
                if (counted > 0) {
                    history.add(0, "pretrain_loss", sum / counted);
                }
            }

            @Override
            public void store(int slot, double[] obs, int action, double reward, double[] next, boolean terminated,
                    boolean truncated) {
                session.agentSteps.add(slot, obs, action, reward, next, terminated, truncated, false);
            }

            @Override
            public boolean ready(long envSteps) {
                return true;
            }

            @Override
            public double update(Dqn.Learner learner, long envSteps, SplittableRandom rng) {
                return session.step(learner, (double) envSteps / dqn.steps, rng);
            }
        });
    }

    /** The buffer of one run: demonstrations first (kept), then the agent's transitions. */
    final class Session {
        final ReplayBuffer buffer;
        final NStep agentSteps;

        Session(Demonstrations demonstrations, int observationSize, int slots) {
            if (demonstrations == null || demonstrations.size() == 0) {
                throw new IllegalArgumentException("demos is " + (demonstrations == null ? "null" : "empty")
                        + "; DQfD needs expert demonstrations with rewards, e.g. Rollouts.in(env.vec(5)).episodes(5)"
                        + ".collect(expert)");
            }
            if (demonstrations.observationSize() != observationSize || demonstrations.actionSize() != 1) {
                throw new IllegalArgumentException("demos have observations of " + demonstrations.observationSize()
                        + " values and actions of " + demonstrations.actionSize() + " but the environment has "
                        + observationSize + " and discrete actions (1 index); record them in the same environment");
            }
            buffer = new ReplayBuffer(demonstrations.steps() + dqn.bufferSize, observationSize);
            NStep demoSteps = new NStep(1, nStep, dqn.gamma, buffer);
            for (Trajectory t : demonstrations.trajectories()) {
                double[] rewards = t.rewards();
                for (int i = 0; i < t.length(); i++) {
                    boolean last = i == t.length() - 1;
                    demoSteps.add(0, t.observation(i), (int) t.action(i)[0], rewards[i], t.observation(i + 1),
                            last && t.terminal(), last && !t.terminal(), true);
                }
            }
            agentSteps = new NStep(slots, nStep, dqn.gamma, buffer);
        }

        /** One gradient step on a prioritised batch; {@code progress} in [0, 1] anneals β to 1. */
        double step(Dqn.Learner learner, double progress, SplittableRandom rng) {
            ReplayBuffer.Sample s = buffer.prioritised(dqn.batchSize, beta + (1 - beta) * Math.min(1, progress), rng);
            double[] oneStep = learner.oneStepTargets(s);
            double[] nStepTargets = learner.targets(s.nReturns, s.nNexts, s.nTerminals, s.nDiscounts);
            Batch q = learner.values(s.observations);
            Batch dq = learner.zeroGradient(q.rows(), q.cols());
            double[] errors = new double[s.size()];
            double loss = loss(q, s, oneStep, nStepTargets, dq, errors);
            learner.step(dq);
            for (int i = 0; i < errors.length; i++) {
                errors[i] += agentBonus + (s.demonstration[i] ? demoBonus : 0);
            }
            buffer.setPriorities(s.index, errors, alpha);
            return loss;
        }

        /** J_DQ + λ₁ J_n + λ₂ J_E on {@code q}, gradient into {@code dq}, one-step |δ| into {@code errors}. */
        double loss(Batch q, ReplayBuffer.Sample s, double[] oneStep, double[] nStepTargets, Batch dq, double[] errors) {
            return QLoss.td(q, s.actions, oneStep, s.weights, 1, dq, errors)
                    + QLoss.td(q, s.actions, nStepTargets, s.weights, nStepWeight, dq, null)
                    + QLoss.margin(q, s.actions, s.demonstration, s.weights, margin, marginWeight, dq);
        }
    }

    /** Settings with the paper's defaults where they fit CartPole. */
    public static final class Builder {
        private Dqn dqn = Dqn.builder().build();
        private int nStep = 10;
        private double margin = 0.8;
        private double nStepWeight = 1;
        private double marginWeight = 1;
        private int pretrainSteps = 1000;
        private double demoBonus = 1.0;
        private double agentBonus = 0.001;
        private double alpha = 0.4;
        private double beta = 0.6;

        private Builder() {}

        /** The Q-learning settings (network, optimiser and its l2, buffer, exploration, steps, evaluation, seed). */
        public Builder dqn(Dqn dqn) {
            if (dqn == null) {
                throw new IllegalArgumentException("dqn is null; pass Dqn.builder()...build()");
            }
            this.dqn = dqn;
            return this;
        }

        /** Steps n of the n-step return; default 10. */
        public Builder nStep(int n) {
            nStep = NStep.checkN(n);
            return this;
        }

        /** Margin l of the classification loss; default 0.8. */
        public Builder margin(double margin) {
            if (!(margin >= 0) || Double.isInfinite(margin)) {
                throw new IllegalArgumentException("margin = " + margin + "; pass a finite margin >= 0, e.g. 0.8 (0 only"
                        + " asks the demonstrated action to be among the best)");
            }
            this.margin = margin;
            return this;
        }

        /** Weights λ₁ (n-step TD) and λ₂ (margin loss); default 1 and 1. */
        public Builder weights(double nStepWeight, double marginWeight) {
            if (!(nStepWeight >= 0) || !(marginWeight >= 0) || Double.isInfinite(nStepWeight)
                    || Double.isInfinite(marginWeight)) {
                throw new IllegalArgumentException("weights(nStepWeight = " + nStepWeight + ", marginWeight = "
                        + marginWeight + "); pass finite weights >= 0, e.g. weights(1, 1)");
            }
            this.nStepWeight = nStepWeight;
            this.marginWeight = marginWeight;
            return this;
        }

        /** Gradient steps on the demonstrations before the agent acts; default 1000. */
        public Builder pretrainSteps(int steps) {
            if (steps < 0) {
                throw new IllegalArgumentException("pretrainSteps = " + steps + "; pass 0 or more gradient steps");
            }
            pretrainSteps = steps;
            return this;
        }

        /**
         * Prioritised replay: exponent α of the priorities, initial importance exponent β (rising to 1), the
         * priority bonus of demonstrations ε_d and of every transition ε_a; default 0.4, 0.6, 1.0, 0.001.
         */
        public Builder priorities(double alpha, double beta, double demoBonus, double agentBonus) {
            if (!(alpha >= 0 && alpha <= 1) || !(beta >= 0 && beta <= 1) || !(demoBonus >= 0)
                    || Double.isInfinite(demoBonus) || !(agentBonus > 0) || Double.isInfinite(agentBonus)) {
                throw new IllegalArgumentException("priorities(alpha = " + alpha + ", beta = " + beta + ", demoBonus = "
                        + demoBonus + ", agentBonus = " + agentBonus + "); need alpha and beta in [0, 1], demoBonus >= 0"
                        + " and agentBonus > 0 (finite), e.g. priorities(0.4, 0.6, 1.0, 0.001)");
            }
            this.alpha = alpha;
            this.beta = beta;
            this.demoBonus = demoBonus;
            this.agentBonus = agentBonus;
            return this;
        }

        public Dqfd build() {
            return new Dqfd(this);
        }
    }
}
