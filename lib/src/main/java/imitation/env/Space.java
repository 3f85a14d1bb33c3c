package imitation.env;

/**
 * The set of valid observations or actions of an environment: a finite set of indices
 * ({@link Discrete}) or a box of real vectors ({@link Box}).
 *
 * <p>Every observation and action travels as a {@code double[]}: a box of dimension d is an
 * array of length d, a discrete value is an array of length 1 holding the index.
 */
public sealed interface Space extends java.io.Serializable permits Space.Discrete, Space.Box {

    /** Length of the {@code double[]} that carries one element of this space. */
    int size();

    /**
     * Checks that {@code value} belongs to this space; throws an {@link IllegalArgumentException}
     * naming {@code what} (for example {@code "action"}), the offending value and the fix.
     */
    void check(String what, double[] value);

    /** Finite set {0, ..., n-1}, carried as a one-element array holding the index. */
    record Discrete(int n) implements Space {
        public Discrete {
            if (n < 1) {
                throw new IllegalArgumentException("Discrete space: n = " + n + " must be at least 1");
            }
        }

        @Override
        public int size() {
            return 1;
        }

        @Override
        public void check(String what, double[] value) {
            if (value == null || value.length != 1) {
                throw new IllegalArgumentException(what + ": expected an array of length 1 holding an index in [0, "
                        + n + "), got " + describe(value) + "; pass new double[]{index}");
            }
            double v = value[0];
            if (v != Math.rint(v) || v < 0 || v >= n) {
                throw new IllegalArgumentException(what + ": index " + v + " is not an integer in [0, " + n
                        + "); pass one of 0.." + (n - 1));
            }
        }
    }

    /** Box [low, high] of real vectors; bounds may be infinite. */
    record Box(double[] low, double[] high) implements Space {
        public Box {
            if (low == null || high == null || low.length != high.length || low.length == 0) {
                throw new IllegalArgumentException("Box space: low and high must be non-empty arrays of equal length, got "
                        + describe(low) + " and " + describe(high));
            }
            for (int i = 0; i < low.length; i++) {
                if (Double.isNaN(low[i]) || Double.isNaN(high[i]) || low[i] > high[i]) {
                    throw new IllegalArgumentException("Box space: bound " + i + " is [" + low[i] + ", " + high[i]
                            + "]; need low <= high and no NaN");
                }
            }
            low = low.clone();
            high = high.clone();
        }

        /** A box of dimension {@code dim} with every coordinate in [low, high]. */
        public static Box of(int dim, double low, double high) {
            if (dim < 1) {
                throw new IllegalArgumentException("Box space: dim = " + dim + " must be at least 1");
            }
            double[] lo = new double[dim];
            double[] hi = new double[dim];
            java.util.Arrays.fill(lo, low);
            java.util.Arrays.fill(hi, high);
            return new Box(lo, hi);
        }

        /** An unbounded box of dimension {@code dim}. */
        public static Box unbounded(int dim) {
            return of(dim, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
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
        public int size() {
            return low.length;
        }

        /** {@code action} with each value moved into its bound (a copy; NaN stays NaN). */
        public double[] clip(double[] action) {
            double[] out = action.clone();
            clipInPlace(out);
            return out;
        }

        /** Moves each value of {@code action} into its bound, in place (NaN stays NaN). */
        public void clipInPlace(double[] action) {
            for (int j = 0; j < action.length; j++) {
                action[j] = Math.max(low[j], Math.min(high[j], action[j]));
            }
        }

        @Override
        public void check(String what, double[] value) {
            if (value == null || value.length != low.length) {
                throw new IllegalArgumentException(what + ": expected an array of length " + low.length
                        + ", got " + describe(value) + "; check the " + what + " size of the environment");
            }
            for (int i = 0; i < value.length; i++) {
                double v = value[i];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(what + "[" + i + "] = " + v
                            + " is not finite; NaN or infinite values usually come from a diverged network or a division by zero");
                }
                if (v < low[i] || v > high[i]) {
                    throw new IllegalArgumentException(what + "[" + i + "] = " + v + " is outside [" + low[i] + ", "
                            + high[i] + "]; clip it to the space before passing it");
                }
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Box b && java.util.Arrays.equals(low, b.low) && java.util.Arrays.equals(high, b.high);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(low) + java.util.Arrays.hashCode(high);
        }

        @Override
        public String toString() {
            return "Box(" + java.util.Arrays.toString(low) + ", " + java.util.Arrays.toString(high) + ")";
        }
    }

    private static String describe(double[] value) {
        return value == null ? "null" : "length " + value.length + " " + java.util.Arrays.toString(value);
    }
}
