package imitation.bench;

import imitation.env.driving.DrivingVecEnv;
import imitation.env.driving.DrivingWorld;
import imitation.env.driving.ObservationKind;
import imitation.nn.Adam;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Tape;
import java.util.List;

/**
 * Speed of the driving world on one thread: vectorised steps with feature observations, with camera
 * observations (one rendered frame per step), and side-camera renders; and the networks that learn from
 * its camera: behaviour cloning's convolutional {@link Network} (MSE and {@link Adam}, written out as a learner
 * would) on 16x32 frames, per training step (batch 64) and
 * per forward pass for 20 cars (one closed-loop step of the notebooks' test episodes). Each car steers by the road
 * curvature it reads in its features (open loop, so it drifts off slowly) and is reset when its
 * episode ends, so every measured step is a real step of a car on the road.
 */
final class DrivingBench implements BenchSuite {
    private static final int CARS = 256;

    @Override
    public List<Row> run(boolean fast) {
        int repeats = fast ? 3 : 7;
        int calls = fast ? 20 : 200;
        DrivingVecEnv features = cars(ObservationKind.FEATURES);
        DrivingVecEnv camera = cars(ObservationKind.CAMERA);
        double[][] actions = new double[CARS][1];
        double featureStep = Timing.medianSeconds(() -> drive(features, actions), calls, repeats, calls);
        double cameraStep = Timing.medianSeconds(() -> drive(camera, actions), calls, repeats, calls);
        double[] frame = new double[camera.observationSpace().size()];
        double sideRender = Timing.medianSeconds(() -> {
            for (int i = 0; i < CARS; i++) {
                camera.render(i, 1.0, frame);
            }
        }, calls, repeats, calls);
        double[][] frames = new double[64][];
        double[][] labels = new double[64][1];
        for (int i = 0; i < 64; i++) {
            frames[i] = camera.observations()[i].clone();
            labels[i][0] = features.features()[i][2];
        }
        double[][] twenty = java.util.Arrays.copyOf(frames, 20);
        int netCalls = fast ? 20 : 100;
        Network net = Network.builder(16 * 32).image(16, 32, 1).conv(8, 5, 2).relu().conv(16, 3, 2).relu()
                .dense(32).relu().dense(1).seed(1).build();
        Adam adam = new Adam(1e-3);
        Tape tape = net.tape();
        Batch dOut = Batch.zeros(64, 1);
        double netFit = Timing.medianSeconds(() -> meanSquaredErrorStep(net, tape, adam, frames, labels, dOut),
                netCalls, repeats, netCalls);
        double netOut = Timing.medianSeconds(() -> net.predict(twenty), netCalls, repeats, netCalls);
        return List.of(
                new Row("driving", "step, features, " + CARS + " cars", CARS / featureStep / 1e6, "M steps/s", ">= 1"),
                new Row("driving", "step, camera 16x32, " + CARS + " cars", CARS / cameraStep / 1e3, "k frames/s", ">= 100"),
                new Row("driving", "side-camera render 16x32", CARS / sideRender / 1e3, "k frames/s", ""),
                new Row("driving", "conv network 16x32 train step, batch 64", netFit * 1e3, "ms", "<= 1.85 (old ConvNet)"),
                new Row("driving", "conv network 16x32 forward, 20 frames", netOut * 1e3, "ms", "<= 0.257 (old ConvNet)"));
    }

    /** One Adam step on the mean squared error, as behaviour cloning takes it: load, forward, backward, step. */
    private static void meanSquaredErrorStep(Network net, Tape tape, Adam adam, double[][] x, double[][] y, Batch dOut) {
        Batch in = tape.input(x.length, net.inputs());
        in.load(x);
        Batch out = net.forward(tape, in);
        for (int r = 0; r < x.length; r++) {
            dOut.set(r, 0, 2 * (out.get(r, 0) - y[r][0]) / x.length);
        }
        net.params().zeroGrad();
        net.backwardParams(tape, dOut);
        adam.step(net.params());
    }

    private static DrivingVecEnv cars(ObservationKind kind) {
        DrivingWorld world = DrivingWorld.builder().observation(kind).horizon(600).build();
        DrivingVecEnv cars = world.vec(CARS);
        for (int i = 0; i < CARS; i++) {
            cars.reset(i, i);
        }
        return cars;
    }

    /** One step of every car, steering by the curvature at the car (feature 2, already in action units). */
    private static void drive(DrivingVecEnv cars, double[][] actions) {
        double[][] f = cars.features();
        for (int i = 0; i < CARS; i++) {
            if (!cars.running(i)) {
                cars.reset(i, i + cars.steps(i));
            }
            actions[i][0] = f[i][2];
        }
        cars.step(actions);
    }

    /** Prints the rows; {@code bin/bench} runs every suite the same way. */
    public static void main(String[] args) {
        for (Row r : new DrivingBench().run(args.length > 0 && args[0].equals("fast"))) {
            System.out.printf("%-10s %-36s %10.2f %-11s %s%n", r.group(), r.work(), r.value(), r.unit(), r.target());
        }
    }
}
