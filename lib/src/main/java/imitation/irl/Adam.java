package imitation.irl;

/** Adam (Kingma &amp; Ba 2015) on a plain parameter vector, for the linear reward weights. */
final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    private final double rate;
    private final double[] m;
    private final double[] v;
    private int step;

    Adam(int size, double rate) {
        this.rate = rate;
        m = new double[size];
        v = new double[size];
    }

    /** One step uphill along {@code gradient}. */
    void ascend(double[] theta, double[] gradient) {
        step++;
        double c1 = 1 - Math.pow(BETA1, step);
        double c2 = 1 - Math.pow(BETA2, step);
        for (int i = 0; i < theta.length; i++) {
            m[i] = BETA1 * m[i] + (1 - BETA1) * gradient[i];
            v[i] = BETA2 * v[i] + (1 - BETA2) * gradient[i] * gradient[i];
            theta[i] += rate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
        }
    }
}
