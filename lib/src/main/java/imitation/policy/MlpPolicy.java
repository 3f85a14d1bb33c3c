package imitation.policy;

import imitation.env.Space;
import java.util.random.RandomGenerator;

/**
 * A policy backed by an {@link Mlp}: observations are standardised with the training data's mean
 * and scale, then fed forward as one float batch.
 *
 * <p>Discrete action spaces: the network outputs action probabilities; {@link #act} takes the most
 * likely action and {@link #sample} draws from them. Box action spaces: the network regresses the
 * action; {@link #act} returns it clipped to the box (a regressor's output is unbounded, the
 * environment's actions are not) and {@link #sample} is the same, except in the subclass
 * {@link GaussianPolicy}, which samples around that mean. The policy owns a private copy of the
 * network, so later training of the original does not change it.
 */
public sealed class MlpPolicy implements Policy permits GaussianPolicy {
    private final Mlp net;
    private final double[] mean;
    private final double[] scale;
    private final Space actionSpace;

    /**
     * @param net         the trained network (copied)
     * @param mean        per-input offset subtracted before the network
     * @param scale       per-input divisor (positive)
     * @param actionSpace the environment's action space: Discrete(n) needs n outputs, Box(k) needs k
     */
    public MlpPolicy(Mlp net, double[] mean, double[] scale, Space actionSpace) {
        if (mean.length != net.inputs() || scale.length != net.inputs()) {
            throw new IllegalArgumentException("MlpPolicy: mean and scale need " + net.inputs() + " values (the network's inputs), got "
                    + mean.length + " and " + scale.length);
        }
        for (int i = 0; i < scale.length; i++) {
            if (!(scale[i] > 0) || !Double.isFinite(scale[i]) || !Double.isFinite(mean[i])) {
                throw new IllegalArgumentException("MlpPolicy: scale[" + i + "] = " + scale[i] + ", mean[" + i + "] = "
                        + mean[i] + "; scales must be finite and positive, means finite");
            }
        }
        int needed = actionSpace instanceof Space.Discrete d ? d.n() : actionSpace.size();
        if (net.outputs() != needed) {
            throw new IllegalArgumentException("MlpPolicy: the network has " + net.outputs() + " outputs but the action space "
                    + actionSpace + " needs " + needed);
        }
        this.net = net.copy();
        this.mean = mean.clone();
        this.scale = scale.clone();
        this.actionSpace = actionSpace;
    }

    public Space actionSpace() {
        return actionSpace;
    }

    /** A copy of the network. */
    public Mlp network() {
        return net.copy();
    }

    /** Raw network outputs for a batch: probabilities for discrete actions, actions for box ones. */
    public double[][] outputs(double[][] observations) {
        return net.output(input(observations));
    }

    @Override
    public double[][] act(double[][] observations) {
        double[][] out = outputs(observations);
        if (actionSpace instanceof Space.Discrete) {
            double[][] actions = new double[out.length][1];
            for (int i = 0; i < out.length; i++) {
                int best = 0;
                for (int j = 1; j < out[i].length; j++) {
                    if (out[i][j] > out[i][best]) {
                        best = j;
                    }
                }
                actions[i][0] = best;
            }
            return actions;
        }
        Space.Box box = (Space.Box) actionSpace;
        double[] low = box.low();
        double[] high = box.high();
        for (double[] row : out) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.max(low[j], Math.min(high[j], row[j]));
            }
        }
        return out;
    }

    @Override
    public double[][] sample(double[][] observations, RandomGenerator rng) {
        if (!(actionSpace instanceof Space.Discrete)) {
            return act(observations);
        }
        double[][] p = outputs(observations);
        double[][] actions = new double[p.length][1];
        for (int i = 0; i < p.length; i++) {
            double u = rng.nextDouble();
            int a = p[i].length - 1;
            double c = 0;
            for (int j = 0; j < p[i].length; j++) {
                c += p[i][j];
                if (u < c) {
                    a = j;
                    break;
                }
            }
            actions[i][0] = a;
        }
        return actions;
    }

    /** Standardised copies of the observations (plain arrays: small batches then skip ND4J entirely). */
    private double[][] input(double[][] observations) {
        int d = mean.length;
        double[][] x = new double[observations.length][d];
        for (int i = 0; i < observations.length; i++) {
            double[] row = observations[i];
            if (row == null || row.length != d) {
                throw new IllegalArgumentException("MlpPolicy: observation " + i + " has "
                        + (row == null ? "null" : row.length + " values") + " but the policy was trained on " + d
                        + "; use the environment the demonstrations came from");
            }
            for (int j = 0; j < d; j++) {
                double v = row[j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("MlpPolicy: observation " + i + "[" + j + "] = " + v + " is not finite");
                }
                x[i][j] = (v - mean[j]) / scale[j];
            }
        }
        return x;
    }
}
