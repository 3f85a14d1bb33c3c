package imitation.nn;

/**
 * Adam (Kingma and Ba 2015) in PyTorch's form: bias-corrected moments, {@code beta1 = 0.9},
 * {@code beta2 = 0.999}, {@code eps = 1e-8} added to the corrected root. L2 ({@code l2 · w} added to the
 * weights' gradients, not to biases) is the coupled form, as PyTorch's {@code weight_decay}.
 */
public final class Adam implements Optimizer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final double learningRate;
    private final double l2;
    private float[] m;
    private float[] v;
    private long steps;

    public Adam(double learningRate) {
        this(learningRate, 0);
    }

    public Adam(double learningRate, double l2) {
        this.learningRate = Optimizer.checkLearningRate(learningRate);
        this.l2 = Optimizer.checkL2(l2);
    }

    @Override
    public void step(Params params) {
        int n = params.size();
        if (m == null) {
            m = new float[n];
            v = new float[n];
        } else if (m.length != n) {
            throw new IllegalArgumentException("params has " + n + " entries but this Adam was used with " + m.length
                    + "; use one optimiser per network");
        }
        Optimizer.checkFiniteGradient(params, steps + 1, learningRate);
        steps++;
        double stepSize = learningRate / (1 - Math.pow(BETA1, steps));
        double root2 = Math.sqrt(1 - Math.pow(BETA2, steps));
        java.nio.FloatBuffer value = params.value;
        java.nio.FloatBuffer grad = params.grad;
        for (int i = 0; i < n; i++) {
            double p = value.get(i);
            double g = grad.get(i);
            if (l2 != 0 && params.decays(i)) {
                g += l2 * p;
            }
            double mi = BETA1 * m[i] + (1 - BETA1) * g;
            double vi = BETA2 * v[i] + (1 - BETA2) * g * g;
            m[i] = (float) mi;
            v[i] = (float) vi;
            value.put(i, (float) (p - stepSize * mi / (Math.sqrt(vi) / root2 + EPS)));
        }
    }

    /** An independent copy with the same moments and step count. */
    public Adam copy() {
        Adam a = new Adam(learningRate, l2);
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

    public double l2() {
        return l2;
    }
}
