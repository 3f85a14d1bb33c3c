/**
 * Only the reinforcement learning that adversarial imitation needs, small and readable: advantages by
 * {@link imitation.rl.Gae GAE(γ, λ)} with a value-function baseline, and two policy steps on the same samples,
 * {@link imitation.rl.Ppo PPO} (clipped ratio, epochs over minibatches) and {@link imitation.rl.Trpo TRPO}
 * (natural gradient by conjugate gradient on Fisher-vector products, maximum KL, backtracking line search).
 * {@link imitation.rl.PolicyOptimisation} runs them against any {@link imitation.rl.Reward}: the environment's,
 * or a reward learned by GAIL or AIRL. For off-policy imitation, a small {@link imitation.rl.Dqn DQN} (replay,
 * target network, Huber loss) and the two learners that put demonstrations into its replay buffer,
 * {@link imitation.rl.Sqil SQIL} and {@link imitation.rl.Dqfd DQfD}.
 */
package imitation.rl;
