package imitation.env.driving;

/**
 * The true state of a car: the position of its rear axle in metres and its heading in radians
 * (0 = +x, counter-clockwise positive). The speed is a constant of the world.
 */
public record CarState(double x, double y, double heading) {
    public CarState {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(heading)) {
            throw new IllegalArgumentException("CarState: x = " + x + ", y = " + y + ", heading = " + heading
                    + " must all be finite");
        }
    }
}
