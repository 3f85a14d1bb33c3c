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
        for (int s = 0; s < r.length; s++) {
            for (int f = 0; f < weights.length; f++) {
                r[s] += mdp.feature(s, f) * weights[f];
            }
        }
        return r;
    }
}
