package imitation.policy;

import java.util.random.RandomGenerator;

/**
 * Maps observations to actions, a batch at a time (one row per observation). Experts, learned
 * networks and tabular policies all implement it, so anything that runs a policy (rollouts,
 * evaluation, DAgger) takes any of them.
 *
 * <p>{@link #act} is the deterministic choice (the mode, or the mean of a Gaussian);
 * {@link #sample} draws from the policy's distribution and defaults to {@link #act} for
 * deterministic policies. Actions follow {@link imitation.env.Space}: a discrete action is a
 * one-element row holding the index.
 */
public interface Policy {

    /** Deterministic actions for a batch of observations ({@code [n][obsSize]} to {@code [n][actSize]}). */
    double[][] act(double[][] observations);

    /** Actions drawn from the policy's distribution; deterministic policies return {@link #act}. */
    default double[][] sample(double[][] observations, RandomGenerator rng) {
        return act(observations);
    }

    /** Deterministic action for one observation. */
    default double[] act(double[] observation) {
        return act(new double[][] {observation})[0];
    }
}
