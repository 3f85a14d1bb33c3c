package imitation.data;

import java.util.Optional;

/**
 * The outcome of one collected episode: its statistics, and its trajectory when it was recorded.
 *
 * @param index       position of the episode in the collection order (0, 1, ...)
 * @param seed        the seed its environment was reset with
 * @param totalReward sum of rewards
 * @param length      number of steps
 * @param terminated  ended inside the task (failure or success) rather than by the time limit
 * @param success     the environment's {@link imitation.env.Env#succeeded()} verdict at the end
 * @param trajectory  the trajectory, when the collector recorded it
 */
public record Episode(int index, long seed, double totalReward, int length, boolean terminated, boolean success,
        Optional<Trajectory> trajectory) {}
