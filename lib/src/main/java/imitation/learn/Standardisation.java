package imitation.learn;

import java.util.SplittableRandom;

/**
 * Per-input mean and scale of a training set, so that learners feed their networks inputs of zero mean
 * and unit spread; a constant input keeps scale 1. Also the seeded shuffle the learners draw minibatches
 * with.
 */
public final class Standardisation {
    final double[] mean;
    final double[] scale;

    private Standardisation(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /** No change: mean 0, scale 1. */
    public static Standardisation identity(int inputs) {
        double[] scale = new double[inputs];
        java.util.Arrays.fill(scale, 1);
        return new Standardisation(new double[inputs], scale);
    }

    /** Mean and (population) standard deviation of every row of {@code obs}. */
    public static Standardisation of(double[][] obs) {
        if (obs == null || obs.length == 0) {
            throw new IllegalArgumentException("obs is " + (obs == null ? "null" : "empty") + "; pass at least one row");
        }
        int[] rows = new int[obs.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return of(obs, rows, rows.length);
    }

    /** The per-input means (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The per-input scales, 1 for a constant input (a copy). */
    public double[] scale() {
        return scale.clone();
    }

    /** Mean and (population) standard deviation of the rows {@code obs[rows[0..count)]}, in that order. */
    static Standardisation of(double[][] obs, int[] rows, int count) {
        int d = obs[rows[0]].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += obs[rows[i]][j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= count;
        }
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < d; j++) {
                double diff = obs[rows[i]][j] - mean[j];
                scale[j] += diff * diff;
            }
        }
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(scale[j] / count);
            scale[j] = s > 1e-8 ? s : 1;
        }
        return new Standardisation(mean, scale);
    }

    /** {@code (row - mean) / scale} as a new array. */
    double[] apply(double[] row) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = (row[j] - mean[j]) / scale[j];
        }
        return out;
    }

    /** A seeded Fisher-Yates permutation of 0..n-1 (the shuffle every learner draws its minibatches with). */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
