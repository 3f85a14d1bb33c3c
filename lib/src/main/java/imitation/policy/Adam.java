package imitation.policy;

/**
 * Adam (Kingma and Ba 2015) over one flat parameter vector, in PyTorch's form: bias-corrected
 * moments with {@code beta1 = 0.9}, {@code beta2 = 0.999} and {@code eps = 1e-8} added to the corrected
 * root. The networks call {@link #begin} once per step, then {@link #update} for every parameter.
 */
final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final double learningRate;
    private final float[] m;
    private final float[] v;
    private long steps;
    private double stepSize;
    private double rootCorrection2;

    Adam(int size, double learningRate) {
        this.learningRate = learningRate;
        this.m = new float[size];
        this.v = new float[size];
    }

    /** Copies the moments and step count of {@code source} (same size). */
    void copyFrom(Adam source) {
        System.arraycopy(source.m, 0, m, 0, m.length);
        System.arraycopy(source.v, 0, v, 0, v.length);
        steps = source.steps;
    }

    /** Starts step t + 1: advances the count and the bias corrections. */
    void begin() {
        steps++;
        stepSize = learningRate / (1 - Math.pow(BETA1, steps));
        rootCorrection2 = Math.sqrt(1 - Math.pow(BETA2, steps));
    }

    /** The new value of parameter {@code i}, now {@code p}, with gradient {@code g}; updates its moments. */
    float update(int i, double p, double g) {
        double mi = BETA1 * m[i] + (1 - BETA1) * g;
        double vi = BETA2 * v[i] + (1 - BETA2) * g * g;
        m[i] = (float) mi;
        v[i] = (float) vi;
        return (float) (p - stepSize * mi / (Math.sqrt(vi) / rootCorrection2 + EPS));
    }

    /** Steps taken so far. */
    long steps() {
        return steps;
    }
}
