package imitation.env.driving;

/**
 * How an episode of driving went.
 *
 * @param steps         steps taken
 * @param distance      metres of centreline covered before the episode ended (progress along the road;
 *                      driving backwards counts negative)
 * @param laps          whole laps completed ({@code floor(distance / track length)}, at least 0)
 * @param meanAbsOffset mean of |lateral offset| in metres over the states after each step (0 before any step)
 * @param leftRoad      whether the car left the road (which ends the episode)
 * @param finished      whether the episode reached the horizon without leaving the road
 */
public record DrivingMetrics(int steps, double distance, int laps, double meanAbsOffset, boolean leftRoad,
        boolean finished) {}
