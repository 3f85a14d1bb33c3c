package imitation.policy;

import imitation.env.Space;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A policy that samples its actions from a {@link GenerativeModel} (conditional VAE, GAN or diffusion): it
 * standardises the observations, draws standardised actions from the model and maps them back
 * ({@code a·scale + mean}); for a box action space the actions are clipped to the box, as {@link NetPolicy} does.
 * These models have no closed-form mode or log-probability, so {@link #act} is a draw too, with a fixed seed:
 * the same observations give the same actions.
 *
 * <p>A snapshot: it owns a copy of the model, so later training does not change it. Safe to call from several
 * threads at once.
 */
public final class GenerativePolicy implements Policy {
    /** The seed of {@link #act}'s draws. */
    public static final long ACT_SEED = 0;

    private final GenerativeModel model;
    private final double[] observationMean;
    private final double[] observationScale;
    private final double[] actionMean;
    private final double[] actionScale;
    private final Space actionSpace;

    /**
     * @param model            the trained model (copied)
     * @param observationMean  per-observation-value offset subtracted before the model
     * @param observationScale per-observation-value divisor (finite, positive)
     * @param actionMean       per-action-value offset added to the model's draws
     * @param actionScale      per-action-value factor applied to the model's draws (finite, positive)
     * @param actionSpace      the environment's action space
     */
    public GenerativePolicy(GenerativeModel model, double[] observationMean, double[] observationScale,
            double[] actionMean, double[] actionScale, Space actionSpace) {
        if (model == null || actionSpace == null) {
            throw new IllegalArgumentException("GenerativePolicy: " + (model == null ? "model" : "actionSpace")
                    + " is null; pass the trained model and the environment's action space");
        }
        if (!(actionSpace instanceof Space.Box) || actionSpace.size() != model.actionSize()) {
            throw new IllegalArgumentException("GenerativePolicy: the action space " + actionSpace + " is not a box of "
                    + model.actionSize() + " values, which the model " + model + " generates; pass the box it was trained for");
        }
        NetPolicy.checkAffine("GenerativePolicy: observation", model.observationSize(), "", observationMean, observationScale);
        NetPolicy.checkAffine("GenerativePolicy: action", model.actionSize(), "", actionMean, actionScale);
        this.model = model.copy();
        this.observationMean = observationMean.clone();
        this.observationScale = observationScale.clone();
        this.actionMean = actionMean.clone();
        this.actionScale = actionScale.clone();
        this.actionSpace = actionSpace;
    }

    public Space actionSpace() {
        return actionSpace;
    }

    /** A copy of the model. */
    public GenerativeModel model() {
        return model.copy();
    }

    @Override
    public double[][] act(double[][] observations) {
        return sample(observations, new SplittableRandom(ACT_SEED));
    }

    @Override
    public double[][] sample(double[][] observations, RandomGenerator rng) {
        if (observations == null || observations.length == 0) {
            throw new IllegalArgumentException("observations is " + (observations == null ? "null" : "empty")
                    + "; pass at least one row of " + observationMean.length + " values");
        }
        double[][] x = new double[observations.length][];
        for (int i = 0; i < x.length; i++) {
            double[] row = observations[i];
            if (row == null || row.length != observationMean.length) {
                throw new IllegalArgumentException("observation " + i + " has " + (row == null ? "no array" : row.length
                        + " values") + " but this policy reads " + observationMean.length
                        + "; pass observations of the environment it was trained in");
            }
            x[i] = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                x[i][j] = (row[j] - observationMean[j]) / observationScale[j];
            }
        }
        double[][] a = model.sample(x, rng);
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] = row[j] * actionScale[j] + actionMean[j];
            }
        }
        NetPolicy.clip(a, (Space.Box) actionSpace);
        return a;
    }

    @Override
    public String toString() {
        return "GenerativePolicy[" + model + ", actions " + actionSpace + "]";
    }
}
