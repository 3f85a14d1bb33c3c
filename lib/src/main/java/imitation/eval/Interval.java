package imitation.eval;

/**
 * A confidence interval {@code [low, high]} with the name of the method that made it, e.g. {@code "t 95%"}
 * or {@code "Wilson 95%"}. Both bounds are NaN when the data cannot give an interval (a t interval from a
 * single value).
 */
public record Interval(double low, double high, String kind) {
    public Interval {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("Interval: kind = " + (kind == null ? "null" : "'" + kind + "'")
                    + "; name the method, e.g. \"t 95%\"");
        }
        if (low > high) {
            throw new IllegalArgumentException("Interval: low = " + low + " is above high = " + high
                    + "; pass the lower bound first");
        }
    }

    /** Whether the bounds are numbers (false when too few values were given for this kind of interval). */
    public boolean defined() {
        return Double.isFinite(low) && Double.isFinite(high);
    }

    @Override
    public String toString() {
        return kind + " [" + low + ", " + high + "]";
    }
}
