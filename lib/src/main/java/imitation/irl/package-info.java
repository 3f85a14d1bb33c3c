/**
 * Inverse reinforcement learning on tabular MDPs: soft and hard value iteration
 * ({@link imitation.irl.ValueIteration}), expected and empirical state visitation
 * ({@link imitation.irl.Visitation}, {@link imitation.irl.TabularDemonstrations}), the expected value
 * difference ({@link imitation.irl.ExpectedValueDifference}), linear MaxEnt IRL
 * ({@link imitation.irl.MaxEntIrl}, Ziebart et al. 2008) and deep MaxEnt IRL
 * ({@link imitation.irl.DeepMaxEntIrl}, Wulfmeier et al. 2015). Rewards are state rewards r(s) of
 * {@link imitation.env.TabularMdp} worlds.
 */
package imitation.irl;
