package imitation.env.driving;

/**
 * How an episode of driving went.
 *
 * @param steps         steps taken
 * @param distance      metres of centreline covered, the episode's return (progress along the road; driving
 *                      backwards counts negative; with a fixed horizon, steps that end off the road add nothing)
 * @param laps          whole laps completed ({@code floor(distance / track length)}, at least 0)
 * @param meanAbsOffset mean of |lateral offset| in metres over the states after each step (0 before any step)
 * @param leftRoad      whether the car left the road (which ends the episode unless the horizon is fixed)
 * @param finished      whether the episode reached the horizon without ever leaving the road or colliding
 * @param offRoadSteps  steps that ended off the road (at most 1 unless the horizon is fixed)
 * @param collided      whether the car hit the world's obstacle (which always ends the episode; false without one)
 */
public record DrivingMetrics(int steps, double distance, int laps, double meanAbsOffset, boolean leftRoad,
        boolean finished, int offRoadSteps, boolean collided) {

    /**
     * The record's usual text, with {@code collided} shown only when true: an episode without a collision (every
     * episode of a world without an obstacle) prints as it did before the obstacle existed.
     */
    @Override
    public String toString() {
        return "DrivingMetrics[steps=" + steps + ", distance=" + distance + ", laps=" + laps + ", meanAbsOffset="
                + meanAbsOffset + ", leftRoad=" + leftRoad + ", finished=" + finished + ", offRoadSteps=" + offRoadSteps
                + (collided ? ", collided=true" : "") + "]";
    }

    /** Fraction of the steps that ended on the road (1 before any step). */
    public double onRoadFraction() {
        return steps == 0 ? 1 : 1 - offRoadSteps / (double) steps;
    }
}
