package imitation.irl;

import imitation.env.TabularMdp;

/**
 * A learned reward as a function of state features, r(s) = f(φ(s)), so it can be applied to any MDP
 * with the same features — which is how a reward learned on one world transfers to a new one.
 */
public interface RewardModel {

    /** Number of features the model reads. */
    int featureCount();

    /** r(s) for every state of {@code mdp}, from its features. */
    double[] rewards(TabularMdp mdp);

    /** Fails unless {@code mdp} has the feature count the model expects. */
    default void checkFeatures(TabularMdp mdp) {
        if (mdp.featureCount() != featureCount()) {
            throw new IllegalArgumentException("reward model reads " + featureCount() + " features but the MDP has "
                    + mdp.featureCount() + "; apply it to worlds built with the same feature kind");
        }
    }
}
