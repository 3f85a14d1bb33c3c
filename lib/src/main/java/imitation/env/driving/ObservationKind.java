package imitation.env.driving;

/** What the car's policy sees; chosen with {@link DrivingWorld.Builder#observation}. */
public enum ObservationKind {
    /**
     * A short vector computed from the true state: lateral offset divided by the road's half width
     * (so ±1 is the road edge, positive = left of the centreline), heading error in radians (positive =
     * pointing left of the road direction), then for each look-ahead distance the road's curvature
     * there, expressed as the normalised steering that would follow it: {@code atan(wheelbase·κ) / maxSteer}.
     * A world with an obstacle adds one last value: the distance along the centreline from the car's nearest
     * point forward to the obstacle divided by {@link DrivingWorld#OBSTACLE_SIGHT} and clipped to [-1, 1]
     * (1: 10 m or more ahead, 0: level with it, negative: passed). The obstacle sits on the centreline, so the
     * car's lateral offset from it is the first value; no separate value is needed.
     */
    FEATURES,
    /**
     * A small grey image of the ground ahead of a camera on the car, flattened row-major: row 0 is the
     * farthest row, column 0 the leftmost; road pixels are 1, off-road pixels 0, edges in between; an obstacle is a dark (0) disc.
     */
    CAMERA
}
