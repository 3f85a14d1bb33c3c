package imitation.policy;

import imitation.env.Space;
import java.util.random.RandomGenerator;

/**
 * A stochastic policy for box actions: {@link #act} is the Gaussian's mean clipped to the box (as
 * {@link MlpPolicy}), {@link #sample} draws {@code a = μ(s) + σ·z} with {@code z ~ N(0, I)} and then
 * clips. Made by behaviour cloning with {@code BehaviorCloning.builder().gaussian(true)} from a trained
 * {@link GaussianMlp}; a snapshot, like every learned policy.
 */
public final class GaussianPolicy extends MlpPolicy {
    private final double[] std;
    private final double[] logStd;

    /**
     * @param model       the trained Gaussian (its mean network and log σ are copied)
     * @param mean        per-input offset subtracted before the network
     * @param scale       per-input divisor (positive)
     * @param actionSpace a Box with as many dimensions as the model has outputs
     */
    public GaussianPolicy(GaussianMlp model, double[] mean, double[] scale, Space actionSpace) {
        super(model.mean(), mean, scale, requireBox(actionSpace));
        this.logStd = model.logStd();
        this.std = new double[logStd.length];
        for (int j = 0; j < std.length; j++) {
            std[j] = Math.exp(logStd[j]);
        }
    }

    private static Space requireBox(Space actionSpace) {
        if (!(actionSpace instanceof Space.Box)) {
            throw new IllegalArgumentException("GaussianPolicy: action space " + actionSpace
                    + " is not a Box; a Gaussian policy is for continuous actions (use MlpPolicy for discrete ones)");
        }
        return actionSpace;
    }

    /** Standard deviation σ per action dimension (a copy). */
    public double[] std() {
        return std.clone();
    }

    /** {@code log σ} per action dimension (a copy). */
    public double[] logStd() {
        return logStd.clone();
    }

    @Override
    public double[][] sample(double[][] observations, RandomGenerator rng) {
        double[][] out = outputs(observations);
        Space.Box box = (Space.Box) actionSpace();
        double[] low = box.low();
        double[] high = box.high();
        for (double[] row : out) {
            for (int j = 0; j < row.length; j++) {
                double a = row[j] + std[j] * rng.nextGaussian();
                row[j] = Math.max(low[j], Math.min(high[j], a));
            }
        }
        return out;
    }
}
