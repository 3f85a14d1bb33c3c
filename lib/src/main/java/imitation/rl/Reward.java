package imitation.rl;

import imitation.data.Trajectory;

/**
 * The reward a policy is trained on, one value per step of a trajectory: the environment's own, or one learned
 * from demonstrations (GAIL's discriminator, AIRL's f). It may read the whole transition
 * {@code (s_t, a_t, s_{t+1})} and whether the episode ended there.
 */
@FunctionalInterface
public interface Reward {

    /** {@code r_0..r_{T−1}} for the T steps of {@code trajectory}. */
    double[] rewards(Trajectory trajectory);

    /** The rewards the environment recorded. */
    static Reward environment() {
        return Trajectory::rewards;
    }
}
