package imitation.irl;

/** Checks of the settings that the MaxEnt learners' builders share. */
final class Settings {
    private Settings() {}

    /** Number of gradient steps, at least 0. */
    static int iterations(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("iterations = " + n + " must be at least 0");
        }
        return n;
    }

    /** Adam step size, positive and finite. */
    static double learningRate(double rate) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("learningRate = " + rate + " must be positive and finite");
        }
        return rate;
    }

    /** L2 weight, non-negative and finite. */
    static double l2(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("l2 = " + lambda + " must be non-negative and finite");
        }
        return lambda;
    }

    /** EVD period, at least 0 (0 = never). */
    static int evdEvery(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("evdEvery = " + n + " must be at least 0 (0 = never)");
        }
        return n;
    }
}
