package imitation.rl;

import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Params;
import imitation.nn.Tape;
import imitation.policy.Distribution;
import imitation.policy.Head;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Trust region policy optimisation (Schulman et al. 2015), the step of the GAIL slide: maximise the surrogate
 * {@code L(θ) = mean_i ρ_i(θ) A_i + c·mean_i H_i} subject to {@code mean_i KL(π_old(·|s_i) ‖ π_θ(·|s_i)) ≤ δ}.
 * <ol>
 *   <li>g = ∇L at θ_old;</li>
 *   <li>the natural gradient x ≈ F⁻¹g by conjugate gradient on Fisher-vector products
 *       {@code F v = (1/n) Jᵀ M J v + damping·v}, where J is the Jacobian of the raw outputs in θ (J v by forward
 *       mode, {@link Network#tangent}, Jᵀ by one backward pass) and M the head's {@link Distribution#fisherProduct
 *       metric};</li>
 *   <li>the largest step along x with {@code ½ sᵀF s = δ}: {@code s = √(2δ / xᵀF x)·x};</li>
 *   <li>a backtracking line search that halves s until the measured KL is at most δ and the surrogate improved;
 *       if no fraction passes, the parameters stay.</li>
 * </ol>
 * The parameters are handled as one vector ({@link Params#values()}, {@link Params#set}).
 *
 * @param maxKl         δ, the largest mean KL a step may take (0.01, the GAIL paper's value)
 * @param cgIterations  conjugate-gradient iterations (10)
 * @param damping       added to F to keep it positive definite (0.1)
 * @param backtracks    halvings tried by the line search (10)
 * @param entropyWeight c, the weight of the entropy bonus (0)
 */
public record Trpo(double maxKl, int cgIterations, double damping, int backtracks, double entropyWeight)
        implements PolicyStep {
    public Trpo {
        if (!(maxKl > 0) || Double.isInfinite(maxKl)) {
            throw new IllegalArgumentException("maxKl = " + maxKl
                    + "; the trust region needs a finite positive KL bound such as 0.01");
        }
        if (cgIterations < 1 || backtracks < 1) {
            throw new IllegalArgumentException("cgIterations = " + cgIterations + ", backtracks = " + backtracks
                    + "; both must be at least 1 (usually 10)");
        }
        if (!(damping >= 0) || Double.isInfinite(damping)) {
            throw new IllegalArgumentException("damping = " + damping + "; pass a finite value >= 0 such as 0.1");
        }
        if (!(entropyWeight >= 0) || Double.isInfinite(entropyWeight)) {
            throw new IllegalArgumentException("entropyWeight = " + entropyWeight + "; pass a finite weight >= 0 (0 for none)");
        }
    }

    /** δ 0.01, 10 CG iterations, damping 0.1, 10 halvings, no entropy bonus. */
    public static Trpo defaults() {
        return new Trpo(0.01, 10, 0.1, 10, 0);
    }

    public Trpo maxKl(double maxKl) {
        return new Trpo(maxKl, cgIterations, damping, backtracks, entropyWeight);
    }

    public Trpo entropyWeight(double entropyWeight) {
        return new Trpo(maxKl, cgIterations, damping, backtracks, entropyWeight);
    }

    public Trpo damping(double damping) {
        return new Trpo(maxKl, cgIterations, damping, backtracks, entropyWeight);
    }

    @Override
    public Improver start(Network body, Head head) {
        return (samples, rng) -> new Step(body, head, samples).run();
    }

    /** One TRPO step on one batch. */
    final class Step {
        final Network body;
        final Head head;
        final Samples samples;
        final Params params;
        final float[] theta0;
        final Tape tape;
        final Tape probe;
        final Batch x;
        /** The raw outputs at θ_old, left on {@code tape} for every backward pass of the step. */
        final Batch raw0;
        final Distribution old;
        final double[] oldLogProb;
        final int n;
        /** Reused by every Fisher-vector product: dL/d(raw outputs) and the direction in float. */
        private final Batch dRaw;
        private final float[] direction;

        Step(Network body, Head head, Samples samples) {
            this.body = body;
            this.head = head;
            this.samples = samples;
            params = body.params();
            theta0 = params.values();
            tape = body.tape();
            probe = body.tape();
            n = samples.size();
            x = samples.load(tape, samples.all()).copy();
            raw0 = body.forward(tape, x);
            old = head.distribution(raw0.copy());
            oldLogProb = old.logProb(samples.actions());
            dRaw = Batch.zeros(n, head.rawSize());
            direction = new float[theta0.length];
        }

        Map<String, Double> run() {
            double[] g = gradient();
            double[] s = ConjugateGradient.solve(this::fisherVector, g, cgIterations, 1e-10);
            double sFs = ConjugateGradient.dot(s, fisherVector(s));
            double scale = Math.sqrt(2 * maxKl / Math.max(sFs, 1e-12));
            for (int i = 0; i < s.length; i++) {
                s[i] *= scale;
            }
            double[] at0 = evaluate(theta0);
            Search found = lineSearch(theta0, s, maxKl, backtracks, at0[1], this::evaluate);
            params.set(found.fraction() > 0 ? found.theta() : theta0);
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("surrogate_gain", found.gain());
            out.put("kl", found.kl());
            out.put("step_fraction", found.fraction());
            out.put("entropy", at0[2]);
            return out;
        }

        /** ∇L at θ_old (ratio 1): minus the gradient of {@code −Σ (A_i/n) log π − (c/n) Σ H}. */
        double[] gradient() {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = samples.advantages()[i] / n;
            }
            Batch d = Batch.zeros(n, head.rawSize());
            params.zeroGrad();
            head.distribution(raw0).lossGradient(samples.actions(), w, entropyWeight / n, d);
            body.backward(tape, d);
            float[] grad = params.gradient();
            double[] g = new double[grad.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = -grad[i];
            }
            return g;
        }

        /**
         * {@code (1/n) Jᵀ M J v + damping·v} at θ_old: J v by forward mode on the tape of θ_old, Jᵀ by one backward
         * pass on the same tape. Both products are exact (to float rounding), so F is symmetric and positive
         * semi-definite whatever the inputs; a finite difference of the outputs is not once tanh units saturate.
         */
        double[] fisherVector(double[] v) {
            for (int i = 0; i < v.length; i++) {
                direction[i] = (float) v[i];
            }
            double[][] jv = body.tangent(tape, direction).toArray();
            double[][] mjv = old.fisherProduct(jv);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < mjv[i].length; j++) {
                    dRaw.set(i, j, mjv[i][j] / n);
                }
            }
            params.zeroGrad();
            body.backward(tape, dRaw);
            float[] grad = params.gradient();
            double[] out = new double[v.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = grad[i] + damping * v[i];
            }
            return out;
        }

        /** {@code {mean KL(π_old ‖ π_θ), L(θ), mean H}} at {@code theta}. */
        double[] evaluate(float[] theta) {
            params.set(theta);
            Distribution d = head.distribution(body.forward(probe, x));
            double[] logP = d.logProb(samples.actions());
            double[] h = d.entropy();
            double[] kl = old.kl(d);
            double surrogate = 0;
            double meanKl = 0;
            double entropy = 0;
            for (int i = 0; i < n; i++) {
                surrogate += Math.exp(logP[i] - oldLogProb[i]) * samples.advantages()[i];
                meanKl += kl[i];
                entropy += h[i];
            }
            params.set(theta0);
            return new double[] {meanKl / n, surrogate / n + entropyWeight * entropy / n, entropy / n};
        }
    }

    /** The outcome of a line search: the accepted fraction of the step (0 if none), its parameters, KL and gain. */
    record Search(double fraction, float[] theta, double kl, double gain) {}

    /**
     * Tries {@code θ0 + 2^−k·step} for k = 0, 1, ... and accepts the first whose KL ({@code evaluate(θ)[0]}) is at
     * most {@code maxKl} and whose surrogate ({@code evaluate(θ)[1]}) exceeds {@code surrogate0}.
     */
    static Search lineSearch(float[] theta0, double[] step, double maxKl, int backtracks, double surrogate0,
            Function<float[], double[]> evaluate) {
        double fraction = 1;
        for (int k = 0; k < backtracks; k++, fraction /= 2) {
            float[] theta = new float[theta0.length];
            for (int i = 0; i < theta.length; i++) {
                theta[i] = (float) (theta0[i] + fraction * step[i]);
            }
            double[] e = evaluate.apply(theta);
            if (e[0] <= maxKl && e[1] > surrogate0) {
                return new Search(fraction, theta, e[0], e[1] - surrogate0);
            }
        }
        return new Search(0, theta0, 0, 0);
    }
}
