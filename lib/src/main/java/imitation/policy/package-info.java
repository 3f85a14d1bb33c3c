/**
 * Policies: the {@link imitation.policy.Policy} contract (batched {@code act} and {@code sample}), learned policies
 * as a body network plus a {@link imitation.policy.Head} that reads its raw outputs as a
 * {@link imitation.policy.Distribution} (deterministic, categorical, Gaussian, mixture, binned, autoregressive,
 * k-means + offset) with log-probabilities, entropies and loss gradients ({@link imitation.policy.NetPolicy}), the
 * recurrent view with explicit state ({@link imitation.policy.RecurrentPolicy},
 * {@link imitation.policy.RecurrentNetPolicy}), and tabular policies.
 */
package imitation.policy;
