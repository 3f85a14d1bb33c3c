package imitation.eval;

/**
 * Mean, sample standard deviation and 95% confidence intervals for results over seeds or episodes:
 * Student's t for the mean of an unbounded quantity (a return, an error), Wilson's score interval for a
 * fraction (a success rate), whose bounds stay inside [0, 1].
 *
 * <p>Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference. JASA 22.
 */
public final class Stats {
    /** Two-sided 95% interval: the 97.5% quantile of the standard normal. */
    private static final double Z975 = 1.959963984540054;

    /** 97.5% quantiles of Student's t for 1..30 degrees of freedom. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    static final String T_KIND = "t 95%";
    static final String WILSON_KIND = "Wilson 95%";

    private Stats() {}

    public static double mean(double[] values) {
        requireValues(values);
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    /**
     * The median: the middle value, or the mean of the two middle values for an even count. For counts with a long
     * tail (failures before success) it says more about a typical run than the mean does.
     */
    public static double median(double[] values) {
        requireValues(values);
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Sample standard deviation (n − 1 in the denominator); 0 for a single value. */
    public static double std(double[] values) {
        requireValues(values);
        if (values.length < 2) {
            return 0;
        }
        double m = mean(values);
        double s = 0;
        for (double v : values) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (values.length - 1));
    }

    /**
     * Half-width of the 95% Student-t confidence interval of the mean, t · std / √n; NaN for a single value,
     * which says nothing about the spread.
     */
    public static double ci95(double[] values) {
        requireValues(values);
        int df = values.length - 1;
        if (df == 0) {
            return Double.NaN;
        }
        return t975(df) * std(values) / Math.sqrt(values.length);
    }

    /** The 95% Student-t interval of the mean (kind "t 95%"); NaN bounds for a single value. */
    public static Interval meanInterval(double[] values) {
        double m = mean(values);
        double h = ci95(values);
        return new Interval(m - h, m + h, T_KIND);
    }

    /**
     * The 95% Wilson score interval of the mean of {@code fractions}, each in [0, 1] (kind "Wilson 95%"):
     * {@link #wilson} with p̂ the mean and n the number of values. For 0/1 outcomes this is the textbook
     * interval; for values that are themselves fractions (a success rate per seed) it is conservative,
     * since a quantity in [0, 1] with mean p has variance at most p(1 − p).
     *
     * @throws IllegalArgumentException if a value is outside [0, 1] or not a number
     */
    public static Interval fractionInterval(double[] fractions) {
        requireValues(fractions);
        for (int i = 0; i < fractions.length; i++) {
            if (!(fractions[i] >= 0 && fractions[i] <= 1)) {
                throw new IllegalArgumentException("fractionInterval: value " + i + " = " + fractions[i]
                        + " is not a fraction in [0, 1]; use meanInterval for quantities that are not fractions");
            }
        }
        return wilson(mean(fractions) * fractions.length, fractions.length);
    }

    /**
     * The 95% Wilson score interval for {@code successes} out of {@code trials}: with p̂ = successes / n
     * and z = 1.96, centre (p̂ + z²/2n) / (1 + z²/n) and half-width z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²).
     * It stays inside [0, 1] and, unlike p̂ ± z·√(p̂(1 − p̂)/n), is not empty when p̂ is 0 or 1.
     *
     * @throws IllegalArgumentException if trials is not positive or successes is outside [0, trials]
     */
    public static Interval wilson(double successes, double trials) {
        if (!(trials > 0) || Double.isInfinite(trials)) {
            throw new IllegalArgumentException("wilson: trials = " + trials + "; pass a positive, finite count");
        }
        if (!(successes >= 0 && successes <= trials)) {
            throw new IllegalArgumentException("wilson: successes = " + successes + " with trials = " + trials
                    + "; successes must be in [0, trials]");
        }
        double n = trials;
        double p = successes / n;
        double z2 = Z975 * Z975;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z975 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half), WILSON_KIND);
    }

    /**
     * The 97.5% quantile of Student's t with {@code df} degrees of freedom: a table to 30, then the
     * Cornish-Fisher expansion in 1/df around the normal quantile (error below 1e-4 there).
     */
    static double t975(int df) {
        if (df <= T975.length) {
            return T975[df - 1];
        }
        double z = Z975;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        return z + (z3 + z) / (4.0 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96.0 * df * df);
    }

    private static void requireValues(double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("statistics need at least one value, got "
                    + (values == null ? "null" : "an empty array"));
        }
    }
}
