package imitation.irl;

import imitation.data.Interruption;
import imitation.eval.History;
import imitation.env.TabularMdp;
import imitation.nn.Adam;

/**
 * Linear maximum entropy IRL (Ziebart et al. 2008): the expert is modelled as a MaxEnt policy for a
 * reward r(s) = θ·φ(s), and θ maximises the likelihood of the demonstrations. The gradient is the
 * difference of feature counts, ∇_θ L = Φᵀ(μ_D − E[μ]) − λθ: expert feature counts minus the feature
 * counts the current soft-optimal policy expects. Ascent uses Adam.
 *
 * <pre>{@code
 * IrlResult fit = MaxEntIrl.builder().iterations(200).learningRate(0.05).build().train(world, demos);
 * }</pre>
 *
 * <p>Linear MaxEnt is deterministic (θ starts at 0); {@code seed} only labels the history rows.
 */
public final class MaxEntIrl {
    private final int iterations;
    private final double learningRate;
    private final double l2;
    private final boolean startFromDemonstrations;
    private final int evdEvery;
    private final long seed;

    private MaxEntIrl(Builder b) {
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

    /** Learns a linear reward on {@code mdp} from {@code demonstrations}. */
    public IrlResult train(TabularMdp mdp, TabularDemonstrations demonstrations) {
        MaxEntObjective objective = new MaxEntObjective(mdp, demonstrations, startFromDemonstrations);
        ExpectedValueDifference evd = mdp.hasReward() && evdEvery > 0 ? new ExpectedValueDifference(mdp) : null;
        History history = new History("iteration", seed);
        SparseFeatures phi = new SparseFeatures(mdp);
        double[] theta = new double[mdp.featureCount()];
        double[] gradient = new double[theta.length];
        double[] r = new double[mdp.states()];
        Adam adam = new Adam(learningRate, l2);
        for (int it = 0; ; it++) {
            phi.times(theta, r);                           // r = Φθ
            Interruption.check("MaxEntIrl", it, "iterations");
            double nll = objective.evaluateStep(r, it, learningRate);   // soft VI → π, forward pass → E[μ], μ_D − E[μ]
            history.add(it, "nll", nll);
            history.add(it, "visitation_gap", objective.visitationGap());
            if (evd != null && (it % evdEvery == 0 || it == iterations)) {
                history.add(it, "evd", evd.of(r));
            }
            if (it == iterations) {
                break;
            }
            phi.transposeTimes(objective.rewardGradient, gradient);   // ∂L/∂θ = Φᵀ(μ_D − E[μ])
            for (int f = 0; f < theta.length; f++) {
                gradient[f] = -gradient[f];                // Adam descends −L, with its L2 term λθ
            }
            adam.step(theta, gradient);
        }
        objective.evaluate(r);
        return new IrlResult(r, new LinearReward(theta), Plan.of(objective.planner),
                objective.planner.visitation, history.table("linear MaxEnt IRL"));
    }

    /** The nonzero entries of Φ row by row, so Φθ and Φᵀg cost the number of nonzeros (one-hot features: S). */
    private static final class SparseFeatures {
        private final int[] start;
        private final int[] index;
        private final double[] value;

        SparseFeatures(TabularMdp mdp) {
            double[][] phi = mdp.features();
            start = new int[phi.length + 1];
            for (int s = 0; s < phi.length; s++) {
                start[s + 1] = start[s] + (int) java.util.Arrays.stream(phi[s]).filter(v -> v != 0).count();
            }
            index = new int[start[phi.length]];
            value = new double[index.length];
            for (int s = 0, k = 0; s < phi.length; s++) {
                for (int f = 0; f < phi[s].length; f++) {
                    if (phi[s][f] != 0) {
                        index[k] = f;
                        value[k++] = phi[s][f];
                    }
                }
            }
        }

        void times(double[] theta, double[] out) {
            for (int s = 0; s < out.length; s++) {
                double v = 0;
                for (int k = start[s]; k < start[s + 1]; k++) {
                    v += value[k] * theta[index[k]];
                }
                out[s] = v;
            }
        }

        void transposeTimes(double[] g, double[] out) {
            java.util.Arrays.fill(out, 0);
            for (int s = 0; s < g.length; s++) {
                for (int k = start[s]; k < start[s + 1]; k++) {
                    out[index[k]] += value[k] * g[s];
                }
            }
        }
    }

    /**
     * Settings. Defaults: 200 iterations, Adam learning rate 0.05, L2 weight 0, visitation from the
     * demonstrations' start states, EVD every 10 iterations (when the MDP has a true reward), seed 0.
     */
    public static final class Builder {
        private int iterations = 200;
        private double learningRate = 0.05;
        private double l2;
        private boolean startFromDemonstrations = true;
        private int evdEvery = 10;
        private long seed;

        private Builder() {}

        /** Number of gradient steps. */
        public Builder iterations(int n) {
            iterations = Settings.iterations(n);
            return this;
        }

        /** Adam step size. */
        public Builder learningRate(double rate) {
            learningRate = Settings.learningRate(rate);
            return this;
        }

        /** L2 penalty λ on θ. */
        public Builder l2(double lambda) {
            l2 = Settings.l2(lambda);
            return this;
        }

        /**
         * Whether E[μ] starts from the demonstrations' start states (true, exact gradient of their
         * likelihood) or from the MDP's initial distribution (false).
         */
        public Builder startFromDemonstrations(boolean fromDemos) {
            startFromDemonstrations = fromDemos;
            return this;
        }

        /** Record EVD every this many iterations (and at the end); 0 turns it off. */
        public Builder evdEvery(int n) {
            evdEvery = Settings.evdEvery(n);
            return this;
        }

        /** Labels the history rows (linear MaxEnt has no randomness). */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public MaxEntIrl build() {
            return new MaxEntIrl(this);
        }
    }
}
