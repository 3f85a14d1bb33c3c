package imitation.irl;

import imitation.env.TabularMdp;

/**
 * A linear reward r(s) = θ·φ(s).
 *
 * @param weights θ, one per feature
 */
public record LinearReward(double[] weights) implements RewardModel {
    public LinearReward {
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException("weights: need one weight per feature, got "
                    + (weights == null ? "null" : "none"));
        }
        weights = weights.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public int featureCount() {
        return weights.length;
    }

    @Override
    public double[] rewards(TabularMdp mdp) {
        checkFeatures(mdp);
        double[] r = new double[mdp.states()];
        rewards(mdp, weights, r);
        return r;
    }

    /** r = Φθ into {@code out}, without allocating. */
    static void rewards(TabularMdp mdp, double[] theta, double[] out) {
        for (int s = 0; s < out.length; s++) {
            double v = 0;
            for (int f = 0; f < theta.length; f++) {
                v += mdp.feature(s, f) * theta[f];
            }
            out[s] = v;
        }
    }
}
