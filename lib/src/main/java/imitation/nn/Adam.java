package imitation.nn;

/**
 * Adam (Kingma and Ba 2015) in PyTorch's form: bias-corrected moments, {@code beta1 = 0.9} (or as given),
 * {@code beta2 = 0.999}, {@code eps = 1e-8} added to the corrected root. L2 ({@code l2 · w} added to the
 * weights' gradients, not to biases) is the coupled form, as PyTorch's {@code weight_decay}.
 */
public final class Adam implements Optimizer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final double learningRate;
    private final double l2;
    private final double beta1;
    private double[] m;
    private double[] v;
    private long steps;

    public Adam(double learningRate) {
        this(learningRate, 0);
    }

    public Adam(double learningRate, double l2) {
        this(learningRate, l2, BETA1);
    }

    /**
     * With the first moment's decay {@code beta1} in [0, 1) instead of 0.9 (adversarial training usually takes
     * 0.5, after Radford et al. 2016: less momentum, less overshoot of a moving target).
     */
    public Adam(double learningRate, double l2, double beta1) {
        this.learningRate = Optimizer.checkLearningRate(learningRate);
        this.l2 = Optimizer.checkL2(l2);
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 = " + beta1 + "; Adam's first-moment decay must be in [0, 1),"
                    + " e.g. 0.9 (the default) or 0.5 for adversarial training");
        }
        this.beta1 = beta1;
    }

    @Override
    public void step(Params params) {
        int n = params.size();
        moments(n);
        Optimizer.checkFiniteGradient(params, steps + 1, learningRate);
        steps++;
        double stepSize = learningRate / (1 - Math.pow(beta1, steps));
        double root2 = Math.sqrt(1 - Math.pow(BETA2, steps));
        // bulk copies: element-wise access to the native buffers costs more than the update itself
        float[] value = params.values();
        float[] grad = params.gradient();
        for (int i = 0; i < n; i++) {
            double p = value[i];
            double g = grad[i];
            if (l2 != 0 && params.decays(i)) {
                g += l2 * p;
            }
            value[i] = (float) (p - update(i, g, stepSize, root2));
        }
        params.value.put(0, value);
    }

    /**
     * One step on a plain vector of double values (e.g. the weights of a linear reward), downhill along
     * {@code gradient}; L2 applies to every entry.
     */
    public void step(double[] values, double[] gradient) {
        if (values == null || gradient == null || values.length != gradient.length) {
            throw new IllegalArgumentException("values and gradient must be arrays of one length, got "
                    + (values == null ? "null" : values.length) + " and " + (gradient == null ? "null" : gradient.length));
        }
        moments(values.length);
        for (int i = 0; i < gradient.length; i++) {
            if (!Double.isFinite(gradient[i])) {
                throw new ArithmeticException("the gradient became " + gradient[i] + " (entry " + i + ") at step "
                        + (steps + 1) + " with learningRate = " + learningRate
                        + "; training diverged: lower the learning rate or check the inputs");
            }
        }
        steps++;
        double stepSize = learningRate / (1 - Math.pow(beta1, steps));
        double root2 = Math.sqrt(1 - Math.pow(BETA2, steps));
        for (int i = 0; i < values.length; i++) {
            values[i] -= update(i, gradient[i] + l2 * values[i], stepSize, root2);
        }
    }

    private void moments(int n) {
        if (m == null) {
            m = new double[n];
            v = new double[n];
        } else if (m.length != n) {
            throw new IllegalArgumentException("this Adam was used with " + m.length + " parameters and now gets " + n
                    + "; use one optimiser per network");
        }
    }

    /** Updates the moments of entry {@code i} with gradient {@code g}; returns the step to subtract. */
    private double update(int i, double g, double stepSize, double root2) {
        double mi = beta1 * m[i] + (1 - beta1) * g;
        double vi = BETA2 * v[i] + (1 - BETA2) * g * g;
        m[i] = mi;
        v[i] = vi;
        return stepSize * mi / (Math.sqrt(vi) / root2 + EPS);
    }

    /** An independent copy with the same moments and step count. */
    public Adam copy() {
        Adam a = new Adam(learningRate, l2, beta1);
        a.m = m == null ? null : m.clone();
        a.v = v == null ? null : v.clone();
        a.steps = steps;
        return a;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public double l2() {
        return l2;
    }
}
