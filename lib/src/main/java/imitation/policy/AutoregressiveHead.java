package imitation.policy;

import imitation.nn.Batch;
import java.util.random.RandomGenerator;

/**
 * Autoregressive discretisation (the PixelRNN idea on the lecture's slide): the action values are discretised as
 * in {@link BinnedHead}, but each value's bin is predicted given the bins already chosen for the values before
 * it, {@code p(b_1..b_D|s) = Π_j p(b_j | s, b_1..b_{j−1})}, so correlated modes ("right then up" against "up then
 * right") are kept. Each factor is a softmax over {@code B} bins: the number of classes stays {@code B} per value
 * instead of {@code B^D} for the joint.
 *
 * <p><b>Conditioning.</b> The body outputs the logits of every conditional: for value {@code j}, one block of
 * {@code B} logits for each of the {@code B^(j−1)} possible earlier bins, and the head picks the block of the bins
 * chosen so far. This needs no parameters outside the body (one {@link imitation.learn.BehaviorCloning} trains it
 * like any head), at a cost of {@code B(B^D − 1)/(B − 1)} raw outputs: 272 for 16 bins in two dimensions. It
 * suits the low-dimensional actions of this library; the head refuses more than {@value #MAX_RAW} outputs.
 *
 * <p>{@code log π(a|s) = Σ_j log p(b_j|s, b_<j) − Σ_j log width_j}; the entropy is exact (the expectation over
 * the tree of conditionals); the mode is greedy (the likeliest bin of each value given the earlier choices, at
 * its centre); sampling draws bins in order, then points uniformly inside them.
 */
record AutoregressiveHead(Bins bins) implements Head {
    static final int MAX_RAW = 1 << 16;

    AutoregressiveHead {
        long raw = 0;
        long nodes = 1;
        for (int j = 0; j < bins.dims(); j++) {
            raw += nodes * bins.count();
            nodes *= bins.count();
        }
        if (raw > MAX_RAW) {
            throw new IllegalArgumentException("an autoregressive head with " + bins.count() + " bins over "
                    + bins.dims() + " action values needs " + raw + " raw outputs (more than " + MAX_RAW
                    + "); use fewer bins or BinnedHead");
        }
    }

    @Override
    public int rawSize() {
        return offset(bins.dims());
    }

    @Override
    public int actionSize() {
        return bins.dims();
    }

    /** Raw index of the first logit of dimension {@code j}: {@code B·(B^j − 1)/(B − 1)}. */
    private int offset(int j) {
        int b = bins.count();
        int off = 0;
        int nodes = 1;
        for (int i = 0; i < j; i++) {
            off += nodes * b;
            nodes *= b;
        }
        return off;
    }

    @Override
    public Distribution distribution(Batch raw) {
        return new Dist(raw);
    }

    private final class Dist implements Distribution {
        private final int n;
        private final int b = bins.count();
        private final int d = bins.dims();
        private final int[] off = new int[d + 1];
        /** Log-probabilities of every conditional, block by block in the raw layout. */
        private final double[][] logP;

        Dist(Batch raw) {
            n = raw.rows();
            for (int j = 0; j <= d; j++) {
                off[j] = offset(j);
            }
            logP = new double[n][off[d]];
            double[] block = new double[b];
            for (int i = 0; i < n; i++) {
                for (int start = 0; start < off[d]; start += b) {
                    for (int k = 0; k < b; k++) {
                        block[k] = raw.get(i, start + k);
                    }
                    MixtureHead.logSoftmax(block);
                    System.arraycopy(block, 0, logP[i], start, b);
                }
            }
        }

        @Override
        public int size() {
            return n;
        }

        /** The action values chosen by {@code pick} (bin, value) node by node. */
        private double[] walk(int i, java.util.function.IntBinaryOperator pickBin, RandomGenerator rng) {
            double[] a = new double[d];
            int q = 0;
            for (int j = 0; j < d; j++) {
                int start = off[j] + q * b;
                int bin = pickBin.applyAsInt(i, start);
                a[j] = rng == null ? bins.centre(j, bin) : bins.uniform(j, bin, rng);
                q = q * b + bin;
            }
            return a;
        }

        private int argmax(int i, int start) {
            int best = 0;
            for (int k = 1; k < b; k++) {
                if (logP[i][start + k] > logP[i][start + best]) {
                    best = k;
                }
            }
            return best;
        }

        private int draw(int i, int start, RandomGenerator rng) {
            double u = rng.nextDouble();
            double c = 0;
            for (int k = 0; k < b; k++) {
                c += Math.exp(logP[i][start + k]);
                if (u < c) {
                    return k;
                }
            }
            return b - 1;
        }

        @Override
        public double[][] mode() {
            double[][] out = new double[n][];
            for (int i = 0; i < n; i++) {
                out[i] = walk(i, this::argmax, null);
            }
            return out;
        }

        @Override
        public double[][] sample(RandomGenerator rng) {
            double[][] out = new double[n][];
            for (int i = 0; i < n; i++) {
                out[i] = walk(i, (row, start) -> draw(row, start, rng), rng);
            }
            return out;
        }

        /** Raw indices of the logits on the path of action row {@code i} (one per dimension). */
        private int[] path(double[][] actions, int i) {
            int[] at = new int[d];
            int q = 0;
            for (int j = 0; j < d; j++) {
                int bin = bins.index(actions, i, j);
                at[j] = off[j] + q * b + bin;
                q = q * b + bin;
            }
            return at;
        }

        @Override
        public double[] logProb(double[][] actions) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                double s = -bins.logVolume();
                for (int at : path(actions, i)) {
                    s += logP[i][at];
                }
                out[i] = s;
            }
            return out;
        }

        private double nodeEntropy(int i, int start) {
            double h = 0;
            for (int k = 0; k < b; k++) {
                h -= Math.exp(logP[i][start + k]) * logP[i][start + k];
            }
            return h;
        }

        /**
         * For row {@code i}: {@code value[j][q]} = expected entropy of the bins of values {@code j..D−1} below
         * node {@code (j, q)}, computed from the last value up.
         */
        private double[][] values(int i) {
            double[][] v = new double[d + 1][];
            v[d] = new double[off[d] - off[d - 1]];
            for (int j = d - 1; j >= 0; j--) {
                int nodes = (off[j + 1] - off[j]) / b;
                v[j] = new double[nodes];
                for (int q = 0; q < nodes; q++) {
                    int start = off[j] + q * b;
                    double s = nodeEntropy(i, start);
                    if (j + 1 < d) {
                        for (int k = 0; k < b; k++) {
                            s += Math.exp(logP[i][start + k]) * v[j + 1][q * b + k];
                        }
                    }
                    v[j][q] = s;
                }
            }
            return v;
        }

        @Override
        public double[] entropy() {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = values(i)[0][0] + bins.logVolume();
            }
            return out;
        }

        @Override
        public double lossGradient(double[][] actions, double[] weights, double entropyWeight, Batch dRaw) {
            Distribution.checkLossArguments(this, actions, weights, entropyWeight, dRaw, rawSize(), d);
            double loss = 0;
            for (int i = 0; i < n; i++) {
                int[] at = path(actions, i);
                double lp = -bins.logVolume();
                for (int x : at) {
                    lp += logP[i][x];
                }
                // −w ∂log π/∂z: softmax minus one-hot on the path's nodes, nothing elsewhere
                for (int x = 0; x < off[d]; x++) {
                    dRaw.set(i, x, 0);
                }
                int q = 0;
                for (int j = 0; j < d; j++) {
                    int start = off[j] + q * b;
                    for (int k = 0; k < b; k++) {
                        double p = Math.exp(logP[i][start + k]);
                        dRaw.set(i, start + k, weights[i] * (p - (start + k == at[j] ? 1 : 0)));
                    }
                    q = q * b + (at[j] - start);
                }
                double h = bins.logVolume();
                if (entropyWeight != 0) {
                    double[][] v = values(i);
                    h += v[0][0];
                    // ∂H/∂z_m at node (j, q), reached with probability P: P·[−p_m(log p_m + H_node) + p_m(V_m − Σ p V)]
                    double[] reach = {1};
                    for (int j = 0; j < d; j++) {
                        int nodes = reach.length;
                        double[] next = new double[nodes * b];
                        for (int node = 0; node < nodes; node++) {
                            int start = off[j] + node * b;
                            double hNode = nodeEntropy(i, start);
                            double meanChild = 0;
                            if (j + 1 < d) {
                                for (int k = 0; k < b; k++) {
                                    meanChild += Math.exp(logP[i][start + k]) * v[j + 1][node * b + k];
                                }
                            }
                            for (int k = 0; k < b; k++) {
                                double lpk = logP[i][start + k];
                                double p = Math.exp(lpk);
                                double child = j + 1 < d ? v[j + 1][node * b + k] - meanChild : 0;
                                double g = reach[node] * p * (-(lpk + hNode) + child);
                                dRaw.set(i, start + k, dRaw.get(i, start + k) - entropyWeight * g);
                                next[node * b + k] = reach[node] * p;
                            }
                        }
                        reach = next;
                    }
                }
                loss -= weights[i] * lp + entropyWeight * h;
            }
            return loss;
        }
    }
}
