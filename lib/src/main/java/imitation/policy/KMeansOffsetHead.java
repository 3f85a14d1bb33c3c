package imitation.policy;

import imitation.nn.Batch;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * k-means action bins with a per-bin continuous offset, the recipe of Behaviour Transformers (Shafiullah et al.
 * 2022): the demonstrated actions are clustered into {@code K} centres {@code c_k} once, before training; the body
 * gives {@code K} logits (which bin) and {@code K·D} offsets {@code o_k(s)} (where in the bin), and the action is
 * {@code c_k + o_k(s)}.
 *
 * <p>Training objective for a demonstrated action {@code a} whose nearest centre is {@code k}:
 * {@code −log π(a|s) = −log p_k(s) + ‖a − c_k − o_k(s)‖² / (2σ²) + D log σ + (D/2) log 2π}, the cross-entropy of
 * the bin plus a Gaussian offset term of fixed standard deviation {@code σ = offsetStd} (BeT's bin loss plus a
 * weighted offset regression). This "log-probability" uses the hard assignment to the nearest centre, so it is
 * not a normalised density: do not compare it with other heads' likelihoods. Sampling draws a bin and adds its
 * offset (no noise, as BeT); the mode takes the likeliest bin; the entropy is that of the bin choice.
 */
record KMeansOffsetHead(double[][] centres, double offsetStd) implements Head {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    KMeansOffsetHead {
        if (centres == null || centres.length < 1) {
            throw new IllegalArgumentException("centres: a k-means head needs at least 1 centre (K >= 1), got "
                    + (centres == null ? "null" : "none"));
        }
        int d = centres[0] == null ? 0 : centres[0].length;
        double[][] copy = new double[centres.length][];
        for (int k = 0; k < centres.length; k++) {
            if (centres[k] == null || centres[k].length != d || d == 0) {
                throw new IllegalArgumentException("centres[" + k + "] must hold " + d + " finite values like the first");
            }
            for (double v : centres[k]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("centres[" + k + "] holds " + v + "; centres must be finite");
                }
            }
            copy[k] = centres[k].clone();
        }
        centres = copy;
        if (!(offsetStd > 0) || Double.isInfinite(offsetStd)) {
            throw new IllegalArgumentException("offsetStd = " + offsetStd + " must be finite and > 0, e.g. 0.1");
        }
    }

    /**
     * Clusters {@code actions} into {@code k} centres by Lloyd's k-means (k-means++ start, seeded, at most 100
     * rounds) and returns the head.
     */
    static KMeansOffsetHead fit(double[][] actions, int k, double offsetStd, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("k = " + k + "; k-means needs at least 1 cluster (K >= 1)");
        }
        if (actions == null || actions.length < k) {
            throw new IllegalArgumentException("k-means with k = " + k + " needs at least " + k + " actions, got "
                    + (actions == null ? "null" : actions.length) + "; use fewer clusters or more demonstrations");
        }
        int d = actions[0].length;
        for (int i = 0; i < actions.length; i++) {
            if (actions[i].length != d) {
                throw new IllegalArgumentException("actions[" + i + "] has " + actions[i].length + " values, the first " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(actions[i][j])) {
                    throw new IllegalArgumentException("actions[" + i + "][" + j + "] = " + actions[i][j]
                            + "; k-means needs finite actions: repair or drop that row");
                }
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] c = new double[k][];
        c[0] = actions[rng.nextInt(actions.length)].clone();
        double[] dist = new double[actions.length];
        for (int m = 1; m < k; m++) {
            double total = 0;
            for (int i = 0; i < actions.length; i++) {
                dist[i] = squared(actions[i], c[nearest(c, m, actions[i])]);
                total += dist[i];
            }
            double u = rng.nextDouble() * total;
            int pick = actions.length - 1;
            for (int i = 0; i < actions.length; i++) {
                u -= dist[i];
                if (u < 0) {
                    pick = i;
                    break;
                }
            }
            c[m] = actions[pick].clone();
        }
        int[] assign = new int[actions.length];
        for (int round = 0; round < 100; round++) {
            boolean changed = round == 0;
            for (int i = 0; i < actions.length; i++) {
                int a = nearest(c, k, actions[i]);
                changed |= a != assign[i];
                assign[i] = a;
            }
            if (!changed) {
                break;
            }
            double[][] sum = new double[k][d];
            int[] count = new int[k];
            for (int i = 0; i < actions.length; i++) {
                count[assign[i]]++;
                for (int j = 0; j < d; j++) {
                    sum[assign[i]][j] += actions[i][j];
                }
            }
            for (int m = 0; m < k; m++) {
                if (count[m] > 0) {
                    for (int j = 0; j < d; j++) {
                        c[m][j] = sum[m][j] / count[m];
                    }
                }
            }
        }
        return new KMeansOffsetHead(c, offsetStd);
    }

    private static int nearest(double[][] c, int count, double[] a) {
        int best = 0;
        for (int m = 1; m < count; m++) {
            if (squared(a, c[m]) < squared(a, c[best])) {
                best = m;
            }
        }
        return best;
    }

    private static double squared(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return s;
    }

    /** The centres (a copy). */
    @Override
    public double[][] centres() {
        double[][] out = new double[centres.length][];
        for (int k = 0; k < out.length; k++) {
            out[k] = centres[k].clone();
        }
        return out;
    }

    @Override
    public int rawSize() {
        return centres.length * (1 + actionSize());
    }

    @Override
    public int actionSize() {
        return centres[0].length;
    }

    @Override
    public Distribution distribution(Batch raw) {
        return new Dist(raw);
    }

    @Override
    public String toString() {
        return "KMeansOffsetHead[" + centres.length + " centres, offsetStd " + offsetStd + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KMeansOffsetHead h && java.util.Arrays.deepEquals(centres, h.centres) && h.offsetStd == offsetStd;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.deepHashCode(centres) + Double.hashCode(offsetStd);
    }

    private final class Dist implements Distribution {
        private final int n;
        private final int k = centres.length;
        private final int d = actionSize();
        private final double[][] logP;
        private final double[][] offset;

        Dist(Batch raw) {
            n = raw.rows();
            logP = new double[n][k];
            offset = new double[n][k * d];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    logP[i][c] = raw.get(i, c);
                }
                MixtureHead.logSoftmax(logP[i]);
                for (int m = 0; m < k * d; m++) {
                    offset[i][m] = raw.get(i, k + m);
                }
            }
        }

        @Override
        public int size() {
            return n;
        }

        private double[] action(int i, int c) {
            double[] a = new double[d];
            for (int j = 0; j < d; j++) {
                a[j] = centres[c][j] + offset[i][c * d + j];
            }
            return a;
        }

        @Override
        public double[][] mode() {
            double[][] out = new double[n][];
            for (int i = 0; i < n; i++) {
                out[i] = action(i, MixtureHead.argmax(logP[i]));
            }
            return out;
        }

        @Override
        public double[][] sample(RandomGenerator rng) {
            double[][] out = new double[n][];
            for (int i = 0; i < n; i++) {
                out[i] = action(i, MixtureHead.draw(logP[i], rng));
            }
            return out;
        }

        @Override
        public double[] logProb(double[][] actions) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                int c = nearest(centres, k, actions[i]);
                double s = logP[i][c];
                for (int j = 0; j < d; j++) {
                    double z = (actions[i][j] - centres[c][j] - offset[i][c * d + j]) / offsetStd;
                    s += -0.5 * z * z - Math.log(offsetStd) - HALF_LOG_2PI;
                }
                out[i] = s;
            }
            return out;
        }

        @Override
        public double[] entropy() {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    out[i] -= Math.exp(logP[i][c]) * logP[i][c];
                }
            }
            return out;
        }

        @Override
        public double lossGradient(double[][] actions, double[] weights, double entropyWeight, Batch dRaw) {
            Distribution.checkLossArguments(this, actions, weights, entropyWeight, dRaw, rawSize(), d);
            double[] lp = logProb(actions);
            double[] h = entropy();
            double loss = 0;
            for (int i = 0; i < n; i++) {
                loss -= weights[i] * lp[i] + entropyWeight * h[i];
                int a = nearest(centres, k, actions[i]);
                for (int c = 0; c < k; c++) {
                    double p = Math.exp(logP[i][c]);
                    dRaw.set(i, c, weights[i] * (p - (c == a ? 1 : 0)) + entropyWeight * p * (logP[i][c] + h[i]));
                    for (int j = 0; j < d; j++) {
                        double g = 0;
                        if (c == a) {
                            g = -weights[i] * (actions[i][j] - centres[c][j] - offset[i][c * d + j]) / (offsetStd * offsetStd);
                        }
                        dRaw.set(i, k + c * d + j, g);
                    }
                }
            }
            return loss;
        }
    }
}
