package imitation.irl;

import tech.tablesaw.api.Table;

/**
 * What an IRL learner returns: the learned reward on the training MDP, the model that computes it
 * from features (to transfer it to other worlds), the MaxEnt plan for it, the expected visitation of
 * that plan, and the training history (long format: iteration, metric, value, seed; metrics
 * {@code nll}, {@code visitation_gap} and, when the MDP has a true reward, {@code evd}).
 */
public record IrlResult(double[] reward, RewardModel model, Plan plan, double[] visitation, Table history) {
    public IrlResult {
        reward = reward.clone();
        visitation = visitation.clone();
        history = history.copy();
    }

    @Override
    public double[] reward() {
        return reward.clone();
    }

    @Override
    public double[] visitation() {
        return visitation.clone();
    }

    @Override
    public Table history() {
        return history.copy();
    }
}
