package imitation.env.driving;

import imitation.env.Env;
import imitation.env.Space;
import imitation.env.Step;

/**
 * One car of a {@link DrivingWorld}: a {@link DrivingVecEnv} with a single slot behind the {@link Env}
 * contract, so it runs exactly the vectorised dynamics. Observations and steps are fresh arrays.
 */
public final class DrivingEnv implements Env {
    private final DrivingVecEnv car;
    private final double[][] actionRow = new double[1][];

    DrivingEnv(DrivingWorld world) {
        this.car = world.vec(1);
    }

    public DrivingWorld world() {
        return car.world();
    }

    @Override
    public Space observationSpace() {
        return car.observationSpace();
    }

    @Override
    public Space actionSpace() {
        return car.actionSpace();
    }

    @Override
    public int horizon() {
        return car.horizon();
    }

    @Override
    public double[] reset(long seed) {
        car.reset(0, seed);
        return car.observations()[0].clone();
    }

    /** Starts an episode with the car in exactly {@code state}; returns its observation. */
    public double[] reset(CarState state) {
        car.place(0, state);
        return car.observations()[0].clone();
    }

    @Override
    public Step step(double[] action) {
        if (!car.running(0)) {
            throw new IllegalStateException("step called on a driving episode that is "
                    + (car.steps(0) == 0 && !car.terminated()[0] ? "not started" : "over")
                    + "; call reset(seed) first");
        }
        car.actionSpace().check("steering action", action);
        actionRow[0] = action;
        car.step(actionRow);
        return new Step(car.observations()[0].clone(), car.rewards()[0], car.terminated()[0], car.truncated()[0]);
    }

    @Override
    public boolean succeeded() {
        return car.succeeded(0);
    }

    /** True state of the car. */
    public CarState state() {
        return car.state(0);
    }

    /** Feature vector of the current state, whatever the observation kind (a copy). */
    public double[] features() {
        return car.features()[0].clone();
    }

    /** Lateral offset in metres (left positive). */
    public double offset() {
        return car.offset(0);
    }

    /** Camera image from a camera {@code shift} metres to the left of the car (negative: right). */
    public double[] render(double shift) {
        double[] out = new double[world().cameraHeight() * world().cameraWidth()];
        car.render(0, shift, out);
        return out;
    }

    /** How the current (or just ended) episode went. */
    public DrivingMetrics metrics() {
        return car.metrics(0);
    }
}
