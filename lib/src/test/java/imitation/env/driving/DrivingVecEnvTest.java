package imitation.env.driving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.env.EnvChecker;
import imitation.env.Step;
import org.junit.jupiter.api.Test;

class DrivingVecEnvTest {
    private static final Track STADIUM = Track.stadium(100, 20, 6);

    private static DrivingWorld.Builder stadium() {
        return DrivingWorld.builder().track(STADIUM);
    }

    @Test
    void zeroSteeringDrivesStraightOneStepLengthPerStep() {
        DrivingEnv env = stadium().build().env();
        env.reset(new CarState(-40, -20, 0.1));
        Step s = env.step(new double[] {0});
        CarState c = env.state();
        assertEquals(-40 + Math.cos(0.1), c.x(), 1e-12);
        assertEquals(-20 + Math.sin(0.1), c.y(), 1e-12);
        assertEquals(0.1, c.heading(), 1e-12);
        assertFalse(s.done());
    }

    @Test
    void constantSteeringTurnsAtTheBicycleRate() {
        DrivingWorld world = stadium().build();
        DrivingEnv env = world.env();
        env.reset(new CarState(-40, -20, 0));
        env.step(new double[] {0.5});
        double rate = world.speed() * Math.tan(0.5 * world.maxSteer()) / world.wheelbase();
        assertEquals(rate * world.dt(), env.state().heading(), 1e-12);
        double radius = world.speed() / rate;
        double turn = rate * world.dt();
        assertEquals(-40 + radius * Math.sin(turn), env.state().x(), 1e-12);
        assertEquals(-20 + radius * (1 - Math.cos(turn)), env.state().y(), 1e-12);
    }

    @Test
    void steeringToTheCurvatureFollowsACircularTrackExactly() {
        Track circle = Track.builder().meanRadius(30).wiggle(0).build();
        DrivingWorld world = DrivingWorld.builder().track(circle).horizon(400).build();
        DrivingEnv env = world.env();
        env.reset(world.stateAt(0, 0, 0));
        double action = Math.atan(world.wheelbase() / 30) / world.maxSteer();
        Step last = null;
        for (int t = 0; t < 400; t++) {
            last = env.step(new double[] {action});
            assertEquals(0, env.offset(), 1e-6);
        }
        assertTrue(last.truncated() && !last.terminated());
        DrivingMetrics m = env.metrics();
        assertEquals(400, m.steps());
        assertEquals(400 * world.speed() * world.dt(), m.distance(), 1e-3);
        assertEquals((int) Math.floor(400.0 / (2 * Math.PI * 30)), m.laps());
        assertTrue(m.finished() && env.succeeded());
        assertEquals(0, m.meanAbsOffset(), 1e-6);
    }

    @Test
    void leavingTheRoadEndsTheEpisodeAsAFailure() {
        DrivingWorld world = stadium().build();
        DrivingEnv env = world.env();
        env.reset(world.stateAt(10, 0, 0));
        Step s;
        int steps = 0;
        do {
            s = env.step(new double[] {1});
            steps++;
        } while (!s.done());
        assertTrue(s.terminated() && !s.truncated());
        assertTrue(Math.abs(env.offset()) > STADIUM.halfWidth());
        DrivingMetrics m = env.metrics();
        assertTrue(m.leftRoad() && !m.finished() && !env.succeeded());
        assertEquals(steps, m.steps());
        assertThrows(IllegalStateException.class, () -> env.step(new double[] {0}));
    }

    @Test
    void featuresDescribeOffsetHeadingAndCurvatureAhead() {
        DrivingWorld world = stadium().lookAheads(0, 5, 120).build();
        double[] f = world.features(world.stateAt(20, 1.5, 0.1));
        assertEquals(0.5, f[0], 1e-9);
        assertEquals(0.1, f[1], 1e-9);
        assertEquals(0, f[2], 1e-12);
        assertEquals(0, f[3], 1e-12);
        assertEquals(Math.atan(world.wheelbase() / 20) / world.maxSteer(), f[4], 1e-9);
        double[] where = world.locate(world.stateAt(20, -1.5, -0.2));
        assertArrayEquals(new double[] {20, -1.5, -0.2}, where, 1e-9);
    }

    @Test
    void sameSeedSameEpisodeAndSingleEnvMatchesVectorised() {
        DrivingWorld world = DrivingWorld.builder().build();
        DrivingVecEnv cars = world.vec(3);
        DrivingEnv env = world.env();
        cars.reset(0, 11);
        cars.reset(1, 12);
        cars.reset(2, 11);
        double[] obs = env.reset(12);
        assertArrayEquals(cars.observations()[0], cars.observations()[2]);
        assertArrayEquals(obs, cars.observations()[1]);
        double[][] actions = {{0.05}, {0.05}, {0.05}};
        for (int t = 0; t < 15; t++) {
            cars.step(actions);
            Step s = env.step(actions[1]);
            assertArrayEquals(s.observation(), cars.observations()[1]);
            assertEquals(s.reward(), cars.rewards()[1]);
        }
        assertArrayEquals(cars.observations()[0], cars.observations()[2]);
        assertEquals(cars.state(1), env.state());
    }

    @Test
    void stoppedSlotsAreNotSteppedAndRewardNothing() {
        DrivingWorld world = stadium().horizon(2).build();
        DrivingVecEnv cars = world.vec(2);
        cars.reset(0, 1);
        double[][] a = {{0}, null};
        cars.step(a);
        assertEquals(0, cars.rewards()[1]);
        assertFalse(cars.running(1));
        cars.step(a);
        assertFalse(cars.running(0));
        assertTrue(cars.truncated()[0] && cars.succeeded(0));
        CarState end = cars.state(0);
        cars.step(a);
        assertEquals(end, cars.state(0));
        assertEquals(0, cars.rewards()[0]);
    }

    @Test
    void rejectsSteeringOutsideTheRangeInsteadOfClipping() {
        DrivingEnv env = stadium().build().env();
        env.reset(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {1.2}));
        assertTrue(e.getMessage().contains("1.2") && e.getMessage().contains("outside"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {0, 0}));
        DrivingVecEnv cars = stadium().build().vec(2);
        cars.reset(0, 1);
        cars.reset(1, 2);
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
                () -> cars.step(new double[][] {{0}, {-1.5}}));
        assertTrue(v.getMessage().contains("slot 1"), v.getMessage());
    }

    @Test
    void rejectsBadWorldSettings() {
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> DrivingWorld.builder().camera(3, 32).build());
        assertTrue(small.getMessage().contains("3x32") && small.getMessage().contains("too small"), small.getMessage());
        IllegalArgumentException large = assertThrows(IllegalArgumentException.class,
                () -> DrivingWorld.builder().camera(16, 128).build());
        assertTrue(large.getMessage().contains("16x128") && large.getMessage().contains("too large"), large.getMessage());
        IllegalArgumentException weak = assertThrows(IllegalArgumentException.class,
                () -> DrivingWorld.builder().maxSteer(0.05).build());
        assertTrue(weak.getMessage().contains("maxSteer"), weak.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DrivingWorld.builder().horizon(0).build());
        assertThrows(IllegalArgumentException.class, () -> DrivingWorld.builder().lookAheads().build());
        assertThrows(IllegalArgumentException.class, () -> DrivingWorld.builder().startOffset(3).build());
        assertThrows(IllegalArgumentException.class, () -> DrivingWorld.builder().speed(-1).build());
    }

    @Test
    void featuresAndCameraWorldsPassTheEnvChecker() {
        for (ObservationKind kind : ObservationKind.values()) {
            DrivingWorld world = stadium().observation(kind).horizon(60).build();
            EnvChecker.check(world::env, world::vec);
        }
    }
}
