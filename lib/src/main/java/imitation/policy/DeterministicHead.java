package imitation.policy;

import imitation.nn.Batch;
import java.util.random.RandomGenerator;

/**
 * A point prediction of the action, trained by mean squared error. Its "log-probability" is the negative
 * mean squared error per action value, {@code log π(a|s) = −(1/k)·Σ_j (a_j − μ_j)²} (a Gaussian of fixed
 * variance ½ without its constant), so that minimising {@code −mean log π} is exactly the mean squared
 * error over all values; its entropy is 0, and sampling returns the prediction.
 */
record DeterministicHead(int size) implements Head {

    DeterministicHead {
        Head.checkSize("size", size, 1);
    }

    @Override
    public int rawSize() {
        return size;
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

        @Override
        public int size() {
            return raw.rows();
        }

        @Override
        public double[][] mode() {
            return raw.toArray();
        }

        @Override
        public double[][] sample(RandomGenerator rng) {
            return mode();
        }

        @Override
        public double[] logProb(double[][] actions) {
            double[] out = new double[size()];
            for (int i = 0; i < out.length; i++) {
                double s = 0;
                for (int j = 0; j < size; j++) {
                    double d = actions[i][j] - raw.get(i, j);
                    s += d * d;
                }
                out[i] = -s / size;
            }
            return out;
        }

        @Override
        public double[] entropy() {
            return new double[size()];
        }

        @Override
        public double lossGradient(double[][] actions, double[] weights, double entropyWeight, Batch dRaw) {
            Distribution.checkLossArguments(this, actions, weights, entropyWeight, dRaw, size, size);
            double loss = 0;
            for (int i = 0; i < size(); i++) {
                for (int j = 0; j < size; j++) {
                    double d = raw.get(i, j) - actions[i][j];
                    loss += weights[i] * d * d / size;
                    dRaw.set(i, j, weights[i] * 2 * d / size);
                }
            }
            return loss;
        }
    }
}
