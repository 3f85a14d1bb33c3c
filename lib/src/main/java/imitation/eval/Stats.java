package imitation.eval;

/** Mean, sample standard deviation and Student-t confidence intervals for results over seeds. */
public final class Stats {
    /** Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    private Stats() {}

    public static double mean(double[] values) {
        requireValues(values);
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
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

    /** Half-width of the 95% Student-t confidence interval of the mean; 0 for a single value. */
    public static double ci95(double[] values) {
        requireValues(values);
        int df = values.length - 1;
        if (df == 0) {
            return 0;
        }
        double t = df <= T975.length ? T975[df - 1] : 1.96;
        return t * std(values) / Math.sqrt(values.length);
    }

    private static void requireValues(double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("statistics need at least one value, got "
                    + (values == null ? "null" : "an empty array"));
        }
    }
}
