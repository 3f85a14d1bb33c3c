package imitation.learn;

/**
 * When the expert takes the controls during {@link Dagger}'s data collection, whatever β says: gated
 * intervention in the style of HG-DAgger (Kelly et al. 2019, a human takes over when the learner drifts
 * into danger) and SafeDAgger (Zhang and Cho 2017, the expert acts when the learner's action strays
 * too far from its own). The stored label is the expert's either way.
 */
@FunctionalInterface
public interface Gate {

    /**
     * Whether the expert acts in this state.
     *
     * @param expertView    what the expert sees in this state (for the driving world: the true features)
     * @param learnerAction the learner's proposed action
     * @param expertAction  the expert's label for this state
     */
    boolean expertTakesOver(double[] expertView, double[] learnerAction, double[] expertAction);

    /** Never intervenes: plain DAgger. */
    static Gate never() {
        return (view, learner, expert) -> false;
    }

    /**
     * Intervenes when {@code |expertView[index]| > threshold}; for the driving world's features index 0 is
     * the lateral offset as a fraction of the half width, so {@code whenAbove(0, 0.5)} takes over once the
     * car is half-way to the road edge.
     */
    static Gate whenAbove(int index, double threshold) {
        if (index < 0) {
            throw new IllegalArgumentException("whenAbove: index = " + index + " must be a column of the expert's view (>= 0)");
        }
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("whenAbove: threshold = " + threshold + " must be finite and >= 0");
        }
        return (view, learner, expert) -> {
            if (index >= view.length) {
                throw new IllegalArgumentException("whenAbove: index " + index + " but the expert sees only "
                        + view.length + " values per state; pick a column below " + view.length);
            }
            return Math.abs(view[index]) > threshold;
        };
    }

    /** Intervenes when the learner's action differs from the expert's by more than {@code threshold} in some coordinate. */
    static Gate whenDisagreeing(double threshold) {
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("whenDisagreeing: threshold = " + threshold + " must be finite and >= 0");
        }
        return (view, learner, expert) -> {
            for (int j = 0; j < learner.length; j++) {
                if (Math.abs(learner[j] - expert[j]) > threshold) {
                    return true;
                }
            }
            return false;
        };
    }
}
