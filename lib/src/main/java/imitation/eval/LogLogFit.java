package imitation.eval;

/**
 * A power law {@code y ≈ a·x^slope} fitted by least squares on {@code (ln x, ln y)}: the slope is the
 * growth exponent, e.g. about 2 for behaviour cloning's cost against the horizon and about 1 for DAgger.
 *
 * @param slope     the exponent
 * @param intercept {@code ln a}
 * @param rSquared  fraction of the variance of {@code ln y} explained by the line
 */
public record LogLogFit(double slope, double intercept, double rSquared) {

    /** Fits the line through {@code (ln x[i], ln y[i])}; needs at least two distinct positive x and positive y. */
    public static LogLogFit fit(double[] x, double[] y) {
        if (x == null || y == null || x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("LogLogFit: need two arrays of equal length >= 2, got "
                    + (x == null ? "null" : x.length) + " and " + (y == null ? "null" : y.length) + " values");
        }
        int n = x.length;
        double[] lx = new double[n];
        double[] ly = new double[n];
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            if (!(x[i] > 0) || !(y[i] > 0) || Double.isInfinite(x[i]) || Double.isInfinite(y[i])) {
                throw new IllegalArgumentException("LogLogFit: point " + i + " = (" + x[i] + ", " + y[i]
                        + ") is not positive and finite; a log-log fit needs x > 0 and y > 0");
            }
            lx[i] = Math.log(x[i]);
            ly[i] = Math.log(y[i]);
            mx += lx[i] / n;
            my += ly[i] / n;
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (lx[i] - mx) * (lx[i] - mx);
            sxy += (lx[i] - mx) * (ly[i] - my);
            syy += (ly[i] - my) * (ly[i] - my);
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("LogLogFit: all x are equal (" + x[0] + "); a slope needs at least two distinct x");
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return new LogLogFit(slope, my - slope * mx, r2);
    }

    /** The fitted {@code y} at {@code x}. */
    public double predict(double x) {
        return Math.exp(intercept + slope * Math.log(x));
    }
}
