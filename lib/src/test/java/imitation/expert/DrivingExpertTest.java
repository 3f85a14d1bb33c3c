package imitation.expert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.env.driving.DrivingMetrics;
import imitation.env.driving.DrivingVecEnv;
import imitation.env.driving.DrivingWorld;
import imitation.env.driving.ObservationKind;
import imitation.env.driving.Track;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DrivingExpertTest {

    /** Drives every slot to the end with the expert reading the true features; returns the largest |offset| after step 50. */
    private static double drive(DrivingVecEnv cars, DrivingExpert expert) {
        double worst = 0;
        for (int t = 0; t < cars.horizon(); t++) {
            cars.step(expert.act(cars.features()));
            if (t >= 50) {
                for (int i = 0; i < cars.count(); i++) {
                    worst = Math.max(worst, Math.abs(cars.offset(i)));
                }
            }
        }
        return worst;
    }

    @Test
    void drivesEverySeededTrackAtNearZeroOffset() {
        for (long seed = 0; seed < 6; seed++) {
            DrivingWorld world = DrivingWorld.builder().track(Track.builder().seed(seed).build()).build();
            DrivingVecEnv cars = world.vec(4);
            for (int i = 0; i < 4; i++) {
                cars.reset(i, 100 * seed + i);
            }
            double worst = drive(cars, DrivingExpert.of(world));
            for (int i = 0; i < 4; i++) {
                DrivingMetrics m = cars.metrics(i);
                assertTrue(m.finished(), "track " + seed + " car " + i + ": " + m);
                assertEquals(2, m.laps(), "600 m on a lap of " + world.track().length() + " m");
                assertTrue(m.meanAbsOffset() < 0.05, "track " + seed + ": " + m);
            }
            // once the start offset (up to 0.3 m) has been corrected, the car stays within 10 cm
            assertTrue(worst < 0.1, "track " + seed + " worst offset " + worst);
        }
    }

    @Test
    void steersBackTowardsTheCentre() {
        DrivingWorld world = DrivingWorld.builder().track(Track.stadium(100, 20, 6)).build();
        DrivingExpert expert = DrivingExpert.of(world);
        double left = expert.act(world.features(world.stateAt(30, 1.0, 0)))[0];
        double right = expert.act(world.features(world.stateAt(30, -1.0, 0)))[0];
        double pointingLeft = expert.act(world.features(world.stateAt(30, 0, 0.1)))[0];
        assertTrue(left < 0 && right > 0 && pointingLeft < 0);
        assertEquals(-left, right, 1e-12);
        // on the bend with no error, the feed-forward alone: atan(L / R) / maxSteer
        double bend = expert.act(world.features(world.stateAt(130, 0, 0)))[0];
        assertEquals(Math.atan(2.5 / 20) / 0.5, bend, 1e-5);
    }

    @Test
    void noiseIsSeededCentredAndLeavesActClean() {
        DrivingWorld world = DrivingWorld.builder().build();
        DrivingExpert noisy = DrivingExpert.builder(world).noise(0.1).build();
        double[][] f = {world.features(world.stateAt(10, 0.2, 0.01))};
        double clean = DrivingExpert.of(world).act(f)[0][0];
        assertEquals(clean, noisy.act(f)[0][0]);
        SplittableRandom a = new SplittableRandom(3);
        SplittableRandom b = new SplittableRandom(3);
        assertArrayEquals(noisy.sample(f, a)[0], noisy.sample(f, b)[0]);
        int n = 20000;
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double d = noisy.sample(f, a)[0][0] - clean;
            sum += d;
            sq += d * d;
        }
        double mean = sum / n;
        assertEquals(0, mean, 4 * 0.1 / Math.sqrt(n));
        assertEquals(0.1, Math.sqrt(sq / n - mean * mean), 0.005);
    }

    @Test
    void rejectsCameraRowsAndWorldsWithoutCurvatureAtTheCar() {
        DrivingWorld camera = DrivingWorld.builder().observation(ObservationKind.CAMERA).build();
        DrivingExpert expert = DrivingExpert.of(camera);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> expert.act(new double[][] {new double[512]}));
        assertTrue(e.getMessage().contains("512") && e.getMessage().contains("features"), e.getMessage());
        DrivingWorld noZero = DrivingWorld.builder().lookAheads(5, 10).build();
        assertThrows(IllegalArgumentException.class, () -> DrivingExpert.of(noZero));
        assertThrows(IllegalArgumentException.class, () -> DrivingExpert.builder(camera).noise(-0.1));
    }

    private static final DrivingWorld OBSTACLE = DrivingWorld.builder().obstacle(100, 1).startArc(75)
            .horizon(40).build();

    private static int[] sides(Demonstrations d) {
        int[] s = new int[d.size()];
        for (int k = 0; k < s.length; k++) {
            s[k] = OBSTACLE.passedSide(d.trajectories().get(k));
        }
        return s;
    }

    @Test
    void passesTheObstacleOnARandomSidePerEpisodeRepeatablyPerSeed() {
        DrivingExpert expert = DrivingExpert.builder(OBSTACLE).noise(0.05).build();
        assertEquals(2, expert.clearance(), 1e-12, "halfway between the obstacle's edge (1 m) and the road's (3 m)");
        int[] first = sides(Rollouts.in(OBSTACLE.vec(8)).episodes(400).seed(4).stochastic(true).collect(expert));
        int left = 0;
        for (int s : first) {
            assertTrue(s != 0, "an expert episode hit the obstacle");
            left += s > 0 ? 1 : 0;
        }
        // binomial(400, 0.5) has a standard deviation of 10
        assertEquals(200, left, 40);
        // the side is drawn from the episode's own generator: the same seed repeats it, with any number of cars
        assertArrayEquals(first, sides(Rollouts.in(OBSTACLE.vec(3)).episodes(400).seed(4).stochastic(true)
                .collect(expert)));
        int[] other = sides(Rollouts.in(OBSTACLE.vec(8)).episodes(400).seed(5).stochastic(true).collect(expert));
        assertTrue(!Arrays.equals(first, other));
        // the clean expert passes on the left
        for (int s : sides(Rollouts.in(OBSTACLE.vec(8)).episodes(20).seed(4).collect(expert))) {
            assertEquals(1, s);
        }
    }

    @Test
    void theChoiceIsNotInTheObservationTheLeanDecidesOnceMade() {
        DrivingExpert expert = DrivingExpert.builder(OBSTACLE).decisionDistance(6).build();
        double[] undecided = OBSTACLE.features(OBSTACLE.stateAt(95, 0, 0));
        double[][] row = {undecided};
        SplittableRandom rng = new SplittableRandom(1);
        int left = 0;
        for (int k = 0; k < 1000; k++) {
            double a = expert.sample(row, rng)[0][0];
            assertEquals(1, Math.abs(a), 1e-12, "a full swerve to one side");
            left += a > 0 ? 1 : 0;
        }
        assertEquals(500, left, 80);
        // leaning right already (0.3 m right of the centre): it goes on to the right, whatever it draws
        double[][] leaning = {OBSTACLE.features(OBSTACLE.stateAt(95, -0.3, 0))};
        for (int k = 0; k < 50; k++) {
            assertEquals(-1, expert.sample(leaning, rng)[0][0], 1e-12);
        }
        // before its decision distance it drives the centreline, as without the obstacle
        double[] before = OBSTACLE.features(OBSTACLE.stateAt(90, 0.1, 0));
        assertEquals(expert.act(before)[0], DrivingExpert.of(DrivingWorld.builder().build())
                .act(Arrays.copyOf(before, before.length - 1))[0], 1e-12);
    }

    @Test
    void badObstacleSettingsAreNamed() {
        var plain = DrivingExpert.builder(DrivingWorld.builder().build());
        var e = assertThrows(IllegalArgumentException.class, () -> plain.clearance(2));
        assertTrue(e.getMessage().contains("clearance") && e.getMessage().contains("has none"), e.getMessage());
        var b = DrivingExpert.builder(OBSTACLE);
        e = assertThrows(IllegalArgumentException.class, () -> b.clearance(3.5));
        assertTrue(e.getMessage().contains("clearance = 3.5") && e.getMessage().contains("half width 3.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.clearance(0.5));
        assertTrue(e.getMessage().contains("clearance = 0.5") && e.getMessage().contains("radius 1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.decisionDistance(12));
        assertTrue(e.getMessage().contains("decisionDistance = 12.0") && e.getMessage().contains("10.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.decisionDistance(Double.NaN));
        assertTrue(e.getMessage().contains("decisionDistance = NaN"), e.getMessage());
    }
}
