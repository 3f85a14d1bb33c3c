package imitation.policy;

import imitation.nn.Batch;
import java.util.random.RandomGenerator;

/**
 * A categorical distribution over {@code n} discrete actions, {@code π(a|s) = softmax(z)_a} from logits
 * {@code z}. Log-probabilities use a log-sum-exp, so large logits never overflow. Gradients:
 * {@code ∂(−log π(a))/∂z_j = p_j − [j = a]} and {@code ∂H/∂z_j = −p_j (log p_j + H)}; the Fisher metric in
 * the logits is {@code diag(p) − p pᵀ}.
 */
record CategoricalHead(int n) implements Head {

    CategoricalHead {
        Head.checkSize("n (actions)", n, 2);
    }

    @Override
    public int rawSize() {
        return n;
    }

    @Override
    public int actionSize() {
        return 1;
    }

    @Override
    public Distribution distribution(Batch raw) {
        return new Dist(raw);
    }

    private final class Dist implements Distribution {
        private final double[][] logP;

        Dist(Batch raw) {
            logP = new double[raw.rows()][n];
            for (int i = 0; i < logP.length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    max = Math.max(max, raw.get(i, j));
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += Math.exp(raw.get(i, j) - max);
                }
                double logSum = max + Math.log(sum);
                for (int j = 0; j < n; j++) {
                    logP[i][j] = raw.get(i, j) - logSum;
                }
            }
        }

        @Override
        public int size() {
            return logP.length;
        }

        @Override
        public double[][] logProbabilities() {
            double[][] out = new double[logP.length][];
            for (int i = 0; i < out.length; i++) {
                out[i] = logP[i].clone();
            }
            return out;
        }

        @Override
        public double[][] mode() {
            double[][] out = new double[logP.length][1];
            for (int i = 0; i < out.length; i++) {
                int best = 0;
                for (int j = 1; j < n; j++) {
                    if (logP[i][j] > logP[i][best]) {
                        best = j;
                    }
                }
                out[i][0] = best;
            }
            return out;
        }

        @Override
        public double[][] sample(RandomGenerator rng) {
            double[][] out = new double[logP.length][1];
            for (int i = 0; i < out.length; i++) {
                double u = rng.nextDouble();
                int a = n - 1;
                double c = 0;
                for (int j = 0; j < n; j++) {
                    c += Math.exp(logP[i][j]);
                    if (u < c) {
                        a = j;
                        break;
                    }
                }
                out[i][0] = a;
            }
            return out;
        }

        @Override
        public double[] logProb(double[][] actions) {
            double[] out = new double[logP.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = logP[i][index(actions, i)];
            }
            return out;
        }

        private int index(double[][] actions, int i) {
            if (actions[i] == null || actions[i].length != 1) {
                throw new IllegalArgumentException("actions[" + i + "] must hold one action index, got "
                        + (actions[i] == null ? "no array" : actions[i].length + " values"));
            }
            double a = actions[i][0];
            if (a != Math.rint(a) || a < 0 || a >= n) {
                throw new IllegalArgumentException("actions[" + i + "][0] = " + a + " is not an action index in 0.."
                        + (n - 1) + "; pass whole numbers below n = " + n);
            }
            return (int) a;
        }

        @Override
        public double[] entropy() {
            double[] out = new double[logP.length];
            for (int i = 0; i < out.length; i++) {
                double h = 0;
                for (int j = 0; j < n; j++) {
                    h -= Math.exp(logP[i][j]) * logP[i][j];
                }
                out[i] = h;
            }
            return out;
        }

        @Override
        public double[] kl(Distribution other) {
            Distribution.checkKlArgument(this, other);
            double[][] q = ((Dist) other).logP;
            double[] out = new double[logP.length];
            for (int i = 0; i < out.length; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += Math.exp(logP[i][j]) * (logP[i][j] - q[i][j]);
                }
                out[i] = s;
            }
            return out;
        }

        /** {@code M v = p ⊙ v − p (pᵀv)}: the covariance of the one-hot action, the Hessian of the log-sum-exp. */
        @Override
        public double[][] fisherProduct(double[][] v) {
            Distribution.checkFisherArgument(this, v, n);
            double[][] out = new double[logP.length][n];
            for (int i = 0; i < out.length; i++) {
                double pv = 0;
                for (int j = 0; j < n; j++) {
                    pv += Math.exp(logP[i][j]) * v[i][j];
                }
                for (int j = 0; j < n; j++) {
                    out[i][j] = Math.exp(logP[i][j]) * (v[i][j] - pv);
                }
            }
            return out;
        }

        @Override
        public double lossGradient(double[][] actions, double[] weights, double entropyWeight, Batch dRaw) {
            Distribution.checkLossArguments(this, actions, weights, entropyWeight, dRaw, n, 1);
            double[] h = entropy();
            double loss = 0;
            for (int i = 0; i < logP.length; i++) {
                int a = index(actions, i);
                loss -= weights[i] * logP[i][a] + entropyWeight * h[i];
                for (int j = 0; j < n; j++) {
                    double p = Math.exp(logP[i][j]);
                    double g = weights[i] * (p - (j == a ? 1 : 0)) + entropyWeight * p * (logP[i][j] + h[i]);
                    dRaw.set(i, j, g);
                }
            }
            return loss;
        }
    }
}
