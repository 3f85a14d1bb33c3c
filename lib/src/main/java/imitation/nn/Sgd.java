package imitation.nn;

/** Plain gradient descent {@code w ← w − η (g + l2 · w)}, optionally with momentum {@code μ}. */
public final class Sgd implements Optimizer {
    private final double learningRate;
    private final double momentum;
    private final double l2;
    private float[] velocity;
    private long steps;

    public Sgd(double learningRate) {
        this(learningRate, 0, 0);
    }

    public Sgd(double learningRate, double momentum, double l2) {
        this.learningRate = Optimizer.checkLearningRate(learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum = " + momentum + "; pass a value in [0, 1), e.g. 0.9 (0 turns it off)");
        }
        this.momentum = momentum;
        this.l2 = Optimizer.checkL2(l2);
    }

    @Override
    public void step(Params params) {
        int n = params.size();
        if (velocity == null) {
            velocity = new float[n];
        } else if (velocity.length != n) {
            throw new IllegalArgumentException("params has " + n + " entries but this Sgd was used with "
                    + velocity.length + "; use one optimiser per network");
        }
        Optimizer.checkFiniteGradient(params, steps + 1, learningRate);
        steps++;
        for (int i = 0; i < n; i++) {
            double p = params.value.get(i);
            double g = params.grad.get(i);
            if (l2 != 0 && params.decays(i)) {
                g += l2 * p;
            }
            double u = momentum * velocity[i] + g;
            velocity[i] = (float) u;
            params.value.put(i, (float) (p - learningRate * u));
        }
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
