package imitation.policy;

import imitation.env.Space;
import imitation.nn.Batch;
import java.util.random.RandomGenerator;

/**
 * A diagonal Gaussian {@code π(a|s) = N(μ(s), diag σ(s)²)} from raw outputs {@code [μ_1..μ_k, ρ_1..ρ_k]} with
 * {@code ρ = log σ}. Per row, {@code log π(a|s) = Σ_j [−½ z_j² − ρ_j − ½ log 2π]} with {@code z = (a − μ)/σ},
 * and {@code H = Σ_j (ρ_j + ½ log 2πe)}. Gradients: {@code ∂log π/∂μ_j = z_j/σ_j},
 * {@code ∂log π/∂ρ_j = z_j² − 1}, {@code ∂H/∂ρ_j = 1}.
 */
record GaussianHead(int size) implements Head {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    GaussianHead {
        Head.checkSize("size", size, 1);
    }

    @Override
    public int rawSize() {
        return 2 * size;
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
        private final Batch raw;

        Dist(Batch raw) {
            this.raw = raw;
        }

        private double mean(int i, int j) {
            return raw.get(i, j);
        }

        private double logStd(int i, int j) {
            return raw.get(i, size + j);
        }

        @Override
        public int size() {
            return raw.rows();
        }

        @Override
        public double[][] mode() {
            double[][] out = new double[size()][size];
            for (int i = 0; i < out.length; i++) {
                for (int j = 0; j < size; j++) {
                    out[i][j] = mean(i, j);
                }
            }
            return out;
        }

        @Override
        public double[][] sample(RandomGenerator rng) {
            double[][] out = mode();
            for (int i = 0; i < out.length; i++) {
                for (int j = 0; j < size; j++) {
                    out[i][j] += Math.exp(logStd(i, j)) * rng.nextGaussian();
                }
            }
            return out;
        }

        @Override
        public double[] logProb(double[][] actions) {
            double[] out = new double[size()];
            for (int i = 0; i < out.length; i++) {
                double s = 0;
                for (int j = 0; j < size; j++) {
                    double rho = logStd(i, j);
                    double z = (actions[i][j] - mean(i, j)) * Math.exp(-rho);
                    s += -0.5 * z * z - rho - HALF_LOG_2PI;
                }
                out[i] = s;
            }
            return out;
        }

        /**
         * Per dimension: {@code log N(a_j; μ_j, σ_j)} inside the box, {@code log Φ((low_j − μ_j)/σ_j)} at or below the
         * lower bound and {@code log Φ((μ_j − high_j)/σ_j)} at or above the upper one; summed over dimensions.
         */
        @Override
        public double[] executedLogProb(double[][] actions, Space.Box box) {
            double[] low = box.low();
            double[] high = box.high();
            double[] out = new double[size()];
            for (int i = 0; i < out.length; i++) {
                double s = 0;
                for (int j = 0; j < size; j++) {
                    double mu = mean(i, j);
                    double rho = logStd(i, j);
                    double sigma = Math.exp(rho);
                    double a = actions[i][j];
                    if (a <= low[j]) {
                        s += Distribution.logNormalCdf((low[j] - mu) / sigma);
                    } else if (a >= high[j]) {
                        s += Distribution.logNormalCdf((mu - high[j]) / sigma);
                    } else {
                        double z = (a - mu) / sigma;
                        s += -0.5 * z * z - rho - HALF_LOG_2PI;
                    }
                }
                out[i] = s;
            }
            return out;
        }

        @Override
        public double[] entropy() {
            double[] out = new double[size()];
            for (int i = 0; i < out.length; i++) {
                double s = 0;
                for (int j = 0; j < size; j++) {
                    s += logStd(i, j) + HALF_LOG_2PI + 0.5;
                }
                out[i] = s;
            }
            return out;
        }

        /** Per dimension {@code ρ₁ − ρ₀ + (σ₀² + (μ₀ − μ₁)²) / (2σ₁²) − ½}. */
        @Override
        public double[] kl(Distribution other) {
            Distribution.checkKlArgument(this, other);
            Dist q = (Dist) other;
            double[] out = new double[size()];
            for (int i = 0; i < out.length; i++) {
                double s = 0;
                for (int j = 0; j < size; j++) {
                    double rho0 = logStd(i, j);
                    double rho1 = q.logStd(i, j);
                    double dm = mean(i, j) - q.mean(i, j);
                    s += rho1 - rho0 + (Math.exp(2 * rho0) + dm * dm) * Math.exp(-2 * rho1) / 2 - 0.5;
                }
                out[i] = s;
            }
            return out;
        }

        /** The metric is diagonal: {@code 1/σ²} for each mean, {@code 2} for each log σ. */
        @Override
        public double[][] fisherProduct(double[][] v) {
            Distribution.checkFisherArgument(this, v, 2 * size);
            double[][] out = new double[size()][2 * size];
            for (int i = 0; i < out.length; i++) {
                for (int j = 0; j < size; j++) {
                    out[i][j] = v[i][j] * Math.exp(-2 * logStd(i, j));
                    out[i][size + j] = 2 * v[i][size + j];
                }
            }
            return out;
        }

        @Override
        public double lossGradient(double[][] actions, double[] weights, double entropyWeight, Batch dRaw) {
            Distribution.checkLossArguments(this, actions, weights, entropyWeight, dRaw, 2 * size, size);
            double loss = 0;
            for (int i = 0; i < size(); i++) {
                for (int j = 0; j < size; j++) {
                    double rho = logStd(i, j);
                    double invStd = Math.exp(-rho);
                    double z = (actions[i][j] - mean(i, j)) * invStd;
                    double logP = -0.5 * z * z - rho - HALF_LOG_2PI;
                    loss -= weights[i] * logP + entropyWeight * (rho + HALF_LOG_2PI + 0.5);
                    dRaw.set(i, j, -weights[i] * z * invStd);
                    dRaw.set(i, size + j, -weights[i] * (z * z - 1) - entropyWeight);
                }
            }
            return loss;
        }
    }
}
