package imitation.irl;

import imitation.data.Interruption;
import imitation.eval.History;
import imitation.env.TabularMdp;
import imitation.nn.Activation;
import imitation.nn.Adam;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Tape;
import java.util.Arrays;

/**
 * Maximum entropy deep IRL (Wulfmeier, Ondrúška &amp; Posner 2015): the MaxEnt expert model of
 * {@link MaxEntIrl}, but the reward is a neural network of the state features, r = f(φ; θ), so it can
 * express rewards that no weighted sum of features can (Binaryworld's "exactly four blue").
 * Each iteration follows Algorithm 1 of the paper:
 *
 * <pre>
 * rⁿ       = nn_forward(f, θⁿ)
 * πⁿ       = approx_value_iteration(rⁿ, S, A, T, γ)      soft value iteration
 * E[μⁿ]    = propagate_policy(πⁿ, S, A, T)               forward visitation pass
 * ∂L/∂rⁿ   = μ_D − E[μⁿ]                                 L = Σ μ_D^a log πⁿ
 * ∂L/∂θⁿ   = nn_backprop(f, θⁿ, ∂L/∂rⁿ)
 * θⁿ⁺¹     = update_weights(θⁿ, ∂L/∂θⁿ)                  Adam with L2 weight decay
 * </pre>
 *
 * Features are standardised with the training world's means and spreads (kept in the reward model
 * for transfer). The same seed gives the same initial network and the same history.
 */
public final class DeepMaxEntIrl {
    private final int[] hidden;
    private final Activation activation;
    private final int iterations;
    private final double learningRate;
    private final double l2;
    private final boolean startFromDemonstrations;
    private final int evdEvery;
    private final long seed;

    private DeepMaxEntIrl(Builder b) {
        hidden = b.hidden.clone();
        activation = b.activation;
        iterations = b.iterations;
        learningRate = b.learningRate;
        l2 = b.l2;
        startFromDemonstrations = b.startFromDemonstrations;
        evdEvery = b.evdEvery;
        seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Learns a reward network on {@code mdp} from {@code demonstrations}. */
    public IrlResult train(TabularMdp mdp, TabularDemonstrations demonstrations) {
        MaxEntObjective objective = new MaxEntObjective(mdp, demonstrations, startFromDemonstrations);
        ExpectedValueDifference evd = mdp.hasReward() && evdEvery > 0 ? new ExpectedValueDifference(mdp) : null;
        History history = new History("iteration", seed);
        double[][] stats = NetworkReward.statistics(mdp);
        Batch features = Batch.of(NetworkReward.standardise(mdp, stats[0], stats[1]));
        Network net = Network.mlp(mdp.featureCount(), 1, activation, seed, hidden);
        Adam adam = new Adam(learningRate, l2);
        Tape tape = net.tape();
        int states = mdp.states();
        Batch lossGradient = Batch.zeros(states, 1);
        double[] r = new double[states];
        for (int n = 0; ; n++) {
            Batch out = net.forward(tape, features);                     // rⁿ = nn_forward(f, θⁿ)
            for (int s = 0; s < states; s++) {
                r[s] = out.get(s, 0);
            }
            Interruption.check("DeepMaxEntIrl", n, "iterations");
            double nll = objective.evaluateStep(r, n, learningRate);     // πⁿ by soft VI, E[μⁿ] by propagation
            history.add(n, "nll", nll);                                  // −Lⁿ per demonstration
            history.add(n, "visitation_gap", objective.visitationGap());
            if (evd != null && (n % evdEvery == 0 || n == iterations)) {
                history.add(n, "evd", evd.of(r));
            }
            if (n == iterations) {
                break;
            }
            for (int s = 0; s < states; s++) {                           // ∂L/∂rⁿ = μ_D − E[μⁿ]
                lossGradient.set(s, 0, -objective.rewardGradient[s]);    // the network minimises −L
            }
            net.params().zeroGrad();
            net.backwardParams(tape, lossGradient);                      // backprop
            adam.step(net.params());                                     // θⁿ⁺¹ by Adam with L2
        }
        return new IrlResult(r, new NetworkReward(net, stats[0], stats[1]), Plan.of(objective.planner),
                objective.planner.visitation, history.table("deep MaxEnt IRL"));
    }

    /**
     * Settings. Defaults: hidden layers 32, 32 with ReLU, 100 iterations, Adam learning rate 0.01,
     * L2 weight 1e-4, visitation from the demonstrations' start states, EVD every 10 iterations
     * (when the MDP has a true reward), seed 0.
     */
    public static final class Builder {
        private int[] hidden = {32, 32};
        private Activation activation = Activation.RELU;
        private int iterations = 100;
        private double learningRate = 0.01;
        private double l2 = 1e-4;
        private boolean startFromDemonstrations = true;
        private int evdEvery = 10;
        private long seed;

        private Builder() {}

        /** Hidden layer widths, input side first. */
        public Builder hidden(int... widths) {
            if (widths == null || widths.length == 0 || Arrays.stream(widths).anyMatch(w -> w < 1)) {
                throw new IllegalArgumentException("hidden = " + Arrays.toString(widths)
                        + "; give at least one layer, each at least 1 wide (use MaxEntIrl for a linear reward)");
            }
            hidden = widths.clone();
            return this;
        }

        /** Activation of the hidden layers (TANH, RELU, SIGMOID). */
        public Builder activation(Activation a) {
            activation = java.util.Objects.requireNonNull(a, "activation");
            return this;
        }

        /** Number of iterations of Algorithm 1. */
        public Builder iterations(int n) {
            iterations = Settings.iterations(n);
            return this;
        }

        /** Adam step size. */
        public Builder learningRate(double rate) {
            learningRate = Settings.learningRate(rate);
            return this;
        }

        /** L2 weight decay on the network weights. */
        public Builder l2(double lambda) {
            l2 = Settings.l2(lambda);
            return this;
        }

        /** See {@link MaxEntIrl.Builder#startFromDemonstrations}. */
        public Builder startFromDemonstrations(boolean fromDemos) {
            startFromDemonstrations = fromDemos;
            return this;
        }

        /** Record EVD every this many iterations (and at the end); 0 turns it off. */
        public Builder evdEvery(int n) {
            evdEvery = Settings.evdEvery(n);
            return this;
        }

        /** Seed of the network's initial weights. */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public DeepMaxEntIrl build() {
            return new DeepMaxEntIrl(this);
        }
    }
}
