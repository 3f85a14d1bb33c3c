package imitation.policy;

import java.io.Serializable;
import java.util.random.RandomGenerator;

/**
 * Equal-width bins over each action value's range {@code [low_j, high_j]}, shared by the discretised heads.
 * A bin's probability spread uniformly over its width gives a density, so discretised heads have a
 * {@code log π(a|s)} comparable with continuous heads: {@code log p(bin) − log width}. Actions outside the
 * range are rejected, never clipped.
 */
record Bins(int count, double[] low, double[] high) implements Serializable {

    Bins {
        if (count < 2) {
            throw new IllegalArgumentException("bins = " + count + "; a discretised head needs at least 2 bins per"
                    + " action value (try 21)");
        }
        if (low == null || high == null || low.length != high.length || low.length == 0) {
            throw new IllegalArgumentException("low and high must give one bound per action value (equal, non-zero"
                    + " lengths), got " + (low == null ? "null" : low.length) + " and " + (high == null ? "null" : high.length));
        }
        for (int j = 0; j < low.length; j++) {
            if (!Double.isFinite(low[j]) || !Double.isFinite(high[j]) || !(low[j] < high[j])) {
                throw new IllegalArgumentException("bin range " + j + " is [" + low[j] + ", " + high[j]
                        + "]; pass finite bounds with low < high, e.g. the action box [-1, 1]");
            }
        }
        low = low.clone();
        high = high.clone();
    }

    int dims() {
        return low.length;
    }

    double width(int j) {
        return (high[j] - low[j]) / count;
    }

    /** The bin of {@code actions[i][j]} (the upper bound belongs to the last bin); out-of-range values throw. */
    int index(double[][] actions, int i, int j) {
        double a = actions[i][j];
        if (!(a >= low[j] && a <= high[j])) {
            throw new IllegalArgumentException("actions[" + i + "][" + j + "] = " + a + " is outside the bins' range ["
                    + low[j] + ", " + high[j] + "]; the head does not clip: widen the range or drop such rows");
        }
        return Math.min(count - 1, (int) ((a - low[j]) / width(j)));
    }

    double centre(int j, int bin) {
        return low[j] + (bin + 0.5) * width(j);
    }

    /** A value drawn uniformly inside {@code bin} of dimension {@code j}. */
    double uniform(int j, int bin, RandomGenerator rng) {
        return low[j] + (bin + rng.nextDouble()) * width(j);
    }

    /** {@code Σ_j log width_j}: what turns bin probabilities into a density. */
    double logVolume() {
        double s = 0;
        for (int j = 0; j < dims(); j++) {
            s += Math.log(width(j));
        }
        return s;
    }

    @Override
    public double[] low() {
        return low.clone();
    }

    @Override
    public double[] high() {
        return high.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bins b && b.count == count && java.util.Arrays.equals(low, b.low)
                && java.util.Arrays.equals(high, b.high);
    }

    @Override
    public int hashCode() {
        return 31 * count + java.util.Arrays.hashCode(low) + 17 * java.util.Arrays.hashCode(high);
    }

    @Override
    public String toString() {
        return count + " bins over " + java.util.Arrays.toString(low) + ".." + java.util.Arrays.toString(high);
    }
}
