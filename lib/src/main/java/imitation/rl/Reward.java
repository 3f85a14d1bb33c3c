package imitation.rl;

import imitation.data.Trajectory;
import java.util.ArrayList;
import java.util.List;

/**
 * The reward a policy is trained on, one value per step of a trajectory: the environment's own, or one learned
 * from demonstrations (GAIL's discriminator, AIRL's f). It may read the whole transition
 * {@code (s_t, a_t, s_{t+1})} and whether the episode ended there.
 */
@FunctionalInterface
public interface Reward {

    /** {@code r_0..r_{T−1}} for the T steps of {@code trajectory}. */
    double[] rewards(Trajectory trajectory);

    /**
     * The rewards of each of {@code trajectories}, in order. By default one call per trajectory; a learned reward
     * overrides it to score all steps in one batched pass of its network.
     */
    default List<double[]> rewards(List<Trajectory> trajectories) {
        List<double[]> out = new ArrayList<>(trajectories.size());
        for (Trajectory t : trajectories) {
            out.add(rewards(t));
        }
        return out;
    }

    /** The rewards the environment recorded. */
    static Reward environment() {
        return Trajectory::rewards;
    }
}
