package imitation.policy;

import imitation.nn.Batch;
import java.util.random.RandomGenerator;

/**
 * Per-dimension discretisation: each action value's range is cut into equal bins and the body gives one
 * categorical distribution (softmax of {@code bins} logits) per value, independently: {@code D·B} raw outputs,
 * dimension by dimension. As a density, {@code log π(a|s) = Σ_j [log p_j(bin_j(a_j)|s) − log width_j]} (each
 * bin's probability spread uniformly over it); sampling draws a bin per value, then a point uniformly inside it;
 * the mode is the centre of each value's likeliest bin. Modes within one value are kept; a correlation between
 * values (such as "right then up" against "up then right") is not — that is what {@link AutoregressiveHead} adds.
 */
record BinnedHead(Bins bins) implements Head {

    @Override
    public int rawSize() {
        return bins.dims() * bins.count();
    }

    @Override
    public int actionSize() {
        return bins.dims();
    }

    @Override
    public Distribution distribution(Batch raw) {
        return new Dist(raw);
    }

    private final class Dist implements Distribution {
        private final int n;
        private final int b = bins.count();
        private final int d = bins.dims();
        /** [row][dim][bin] log-probabilities. */
        private final double[][][] logP;

        Dist(Batch raw) {
            n = raw.rows();
            logP = new double[n][d][b];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    for (int k = 0; k < b; k++) {
                        logP[i][j][k] = raw.get(i, j * b + k);
                    }
                    MixtureHead.logSoftmax(logP[i][j]);
                }
            }
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public double[][] mode() {
            double[][] out = new double[n][d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    out[i][j] = bins.centre(j, MixtureHead.argmax(logP[i][j]));
                }
            }
            return out;
        }

        @Override
        public double[][] sample(RandomGenerator rng) {
            double[][] out = new double[n][d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    out[i][j] = bins.uniform(j, MixtureHead.draw(logP[i][j], rng), rng);
                }
            }
            return out;
        }

        @Override
        public double[] logProb(double[][] actions) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                double s = -bins.logVolume();
                for (int j = 0; j < d; j++) {
                    s += logP[i][j][bins.index(actions, i, j)];
                }
                out[i] = s;
            }
            return out;
        }

        private double categoricalEntropy(int i, int j) {
            double h = 0;
            for (int k = 0; k < b; k++) {
                h -= Math.exp(logP[i][j][k]) * logP[i][j][k];
            }
            return h;
        }

        @Override
        public double[] entropy() {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                double h = bins.logVolume();
                for (int j = 0; j < d; j++) {
                    h += categoricalEntropy(i, j);
                }
                out[i] = h;
            }
            return out;
        }

        @Override
        public double lossGradient(double[][] actions, double[] weights, double entropyWeight, Batch dRaw) {
            Distribution.checkLossArguments(this, actions, weights, entropyWeight, dRaw, rawSize(), d);
            double loss = 0;
            for (int i = 0; i < n; i++) {
                double lp = -bins.logVolume();
                double h = bins.logVolume();
                for (int j = 0; j < d; j++) {
                    int a = bins.index(actions, i, j);
                    double hj = categoricalEntropy(i, j);
                    lp += logP[i][j][a];
                    h += hj;
                    for (int k = 0; k < b; k++) {
                        double p = Math.exp(logP[i][j][k]);
                        dRaw.set(i, j * b + k, weights[i] * (p - (k == a ? 1 : 0))
                                + entropyWeight * p * (logP[i][j][k] + hj));
                    }
                }
                loss -= weights[i] * lp + entropyWeight * h;
            }
            return loss;
        }
    }
}
