package imitation.policy;

import imitation.nn.Batch;
import java.util.random.RandomGenerator;

/**
 * A mixture density network's head (Bishop 1994): {@code π(a|s) = Σ_k w_k N(a; μ_k, diag σ_k²)} with
 * {@code components} Gaussians over {@code size} action values. Raw outputs per observation: {@code K} logits
 * ({@code w = softmax}), then the {@code K·D} means (component by component), then {@code K·D} numbers
 * {@code ρ} with {@code σ = minStd + exp(ρ)}.
 *
 * <p><b>Variance floor.</b> {@code σ ≥ minStd} (default {@value #DEFAULT_MIN_STD}): a component that sits on a
 * single demonstrated action would otherwise shrink its σ towards 0 and send the likelihood to infinity. The
 * floor is smooth (no clipping), so the gradient stays exact.
 *
 * <p>{@code log π} is a log-sum-exp over components, so it neither overflows nor underflows for actions far
 * from every mean. With responsibilities {@code r_k = w_k N_k / π} and {@code z = (a − μ)/σ}:
 * {@code ∂log π/∂logit_k = r_k − w_k}, {@code ∂log π/∂μ_kj = r_k z_kj/σ_kj},
 * {@code ∂log π/∂ρ_kj = r_k (z_kj² − 1) e^ρ/σ_kj}.
 *
 * <p><b>Entropy.</b> A mixture's entropy has no closed form; {@link Distribution#entropy} gives the upper bound
 * {@code H(w) + Σ_k w_k H(N_k)}, exact when the components do not overlap, and the entropy bonus uses it.
 */
record MixtureHead(int components, int size, double minStd) implements Head {
    static final double DEFAULT_MIN_STD = 1e-3;
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    MixtureHead {
        if (components < 1) {
            throw new IllegalArgumentException("components (K) = " + components
                    + "; a mixture needs at least 1 component (K = 1 is a single Gaussian)");
        }
        Head.checkSize("size", size, 1);
        if (!(minStd > 0) || Double.isInfinite(minStd)) {
            throw new IllegalArgumentException("minStd = " + minStd + "; the variance floor must be finite and > 0,"
                    + " e.g. " + DEFAULT_MIN_STD + " (a zero floor lets a component collapse onto one action)");
        }
    }

    @Override
    public int rawSize() {
        return components * (1 + 2 * size);
    }

    @Override
    public int actionSize() {
        return size;
    }

    @Override
    public Distribution distribution(Batch raw) {
        return new Dist(raw);
    }

    private final class Dist implements Distribution {
        private final int n;
        private final double[][] logW;
        private final double[][] mean;
        private final double[][] rho;

        Dist(Batch raw) {
            n = raw.rows();
            int k = components;
            logW = new double[n][k];
            mean = new double[n][k * size];
            rho = new double[n][k * size];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    logW[i][c] = raw.get(i, c);
                }
                logSoftmax(logW[i]);
                for (int m = 0; m < k * size; m++) {
                    mean[i][m] = raw.get(i, k + m);
                    rho[i][m] = raw.get(i, k + k * size + m);
                }
            }
        }

        private double std(int i, int m) {
            return minStd + Math.exp(rho[i][m]);
        }

        @Override
        public int size() {
            return n;
        }

        /** The mean of the heaviest component (the mixture's exact mode has no closed form). */
        @Override
        public double[][] mode() {
            double[][] out = new double[n][size];
            for (int i = 0; i < n; i++) {
                int best = argmax(logW[i]);
                System.arraycopy(mean[i], best * size, out[i], 0, size);
            }
            return out;
        }

        @Override
        public double[][] sample(RandomGenerator rng) {
            double[][] out = new double[n][size];
            for (int i = 0; i < n; i++) {
                int c = draw(logW[i], rng);
                for (int j = 0; j < size; j++) {
                    int m = c * size + j;
                    out[i][j] = mean[i][m] + std(i, m) * rng.nextGaussian();
                }
            }
            return out;
        }

        /** {@code log w_k + log N(a; μ_k, σ_k)} for each component of row {@code i}, into {@code out}. */
        private void joint(int i, double[] a, double[] out) {
            for (int c = 0; c < components; c++) {
                double s = logW[i][c];
                for (int j = 0; j < size; j++) {
                    int m = c * size + j;
                    double sd = std(i, m);
                    double z = (a[j] - mean[i][m]) / sd;
                    s += -0.5 * z * z - Math.log(sd) - HALF_LOG_2PI;
                }
                out[c] = s;
            }
        }

        @Override
        public double[] logProb(double[][] actions) {
            double[] out = new double[n];
            double[] tmp = new double[components];
            for (int i = 0; i < n; i++) {
                joint(i, actions[i], tmp);
                out[i] = Distribution.logSumExp(tmp);
            }
            return out;
        }

        private double componentEntropy(int i, int c) {
            double h = 0;
            for (int j = 0; j < size; j++) {
                h += Math.log(std(i, c * size + j)) + HALF_LOG_2PI + 0.5;
            }
            return h;
        }

        @Override
        public double[] entropy() {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                double h = 0;
                for (int c = 0; c < components; c++) {
                    double w = Math.exp(logW[i][c]);
                    h += w * (componentEntropy(i, c) - logW[i][c]);
                }
                out[i] = h;
            }
            return out;
        }

        @Override
        public double lossGradient(double[][] actions, double[] weights, double entropyWeight, Batch dRaw) {
            Distribution.checkLossArguments(this, actions, weights, entropyWeight, dRaw, rawSize(), size);
            int k = components;
            double[] lj = new double[k];
            double[] f = new double[k];
            double loss = 0;
            for (int i = 0; i < n; i++) {
                joint(i, actions[i], lj);
                double logP = Distribution.logSumExp(lj);
                double h = 0;
                for (int c = 0; c < k; c++) {
                    f[c] = componentEntropy(i, c) - logW[i][c];
                    h += Math.exp(logW[i][c]) * f[c];
                }
                loss -= weights[i] * logP + entropyWeight * h;
                for (int c = 0; c < k; c++) {
                    double w = Math.exp(logW[i][c]);
                    double r = Math.exp(lj[c] - logP);
                    // −w_i ∂log π/∂logit − c ∂H/∂logit, with ∂H/∂logit_c = w_c (f_c − H)
                    dRaw.set(i, c, -weights[i] * (r - w) - entropyWeight * w * (f[c] - h));
                    for (int j = 0; j < size; j++) {
                        int m = c * size + j;
                        double sd = std(i, m);
                        double e = Math.exp(rho[i][m]);
                        double z = (actions[i][j] - mean[i][m]) / sd;
                        dRaw.set(i, k + m, -weights[i] * r * z / sd);
                        dRaw.set(i, k + k * size + m, -weights[i] * r * (z * z - 1) * e / sd - entropyWeight * w * e / sd);
                    }
                }
            }
            return loss;
        }
    }

    /** Turns logits into log-probabilities in place (log-sum-exp). */
    static void logSoftmax(double[] z) {
        double lse = Distribution.logSumExp(z);
        for (int j = 0; j < z.length; j++) {
            z[j] -= lse;
        }
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (v[j] > v[best]) {
                best = j;
            }
        }
        return best;
    }

    /** An index drawn with probabilities {@code exp(logP)}. */
    static int draw(double[] logP, RandomGenerator rng) {
        double u = rng.nextDouble();
        double c = 0;
        for (int j = 0; j < logP.length; j++) {
            c += Math.exp(logP[j]);
            if (u < c) {
                return j;
            }
        }
        return logP.length - 1;
    }
}
