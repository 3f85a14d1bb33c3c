package imitation.nn;

/**
 * Moves parameters along their accumulated gradient. Optimisers keep their own state (moments, step count)
 * apart from the layers, so one network can be trained by any optimiser, and its gradient can also be used
 * without a step (line searches, natural gradients).
 */
public interface Optimizer {

    /**
     * One step on {@code params} using its current gradient plus {@code l2 · w} for the weights. Fails, naming
     * the step and the learning rate, if the gradient is not finite.
     */
    void step(Params params);

    /** Steps taken so far. */
    long steps();

    /** The step size. */
    double learningRate();

    /** The L2 coefficient (0 for none). */
    double l2();

    /** Checks a learning rate the way every optimiser does. */
    static double checkLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate = " + learningRate
                    + "; pass a finite positive step size such as 1e-3");
        }
        return learningRate;
    }

    /** Checks an L2 coefficient the way every optimiser does. */
    static double checkL2(double l2) {
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 = " + l2 + "; pass a finite coefficient >= 0 (0 turns it off)");
        }
        return l2;
    }

    /** Fails if the gradient holds NaN or infinity, naming where and what to lower. */
    static void checkFiniteGradient(Params params, long step, double learningRate) {
        int bad = params.firstNonFiniteGrad();
        if (bad >= 0) {
            throw new ArithmeticException("the gradient became " + params.grad(bad) + " (parameter " + bad + ") at step "
                    + step + " with learningRate = " + learningRate
                    + "; training diverged: lower the learning rate, add gradient clipping, or check the inputs");
        }
    }
}
