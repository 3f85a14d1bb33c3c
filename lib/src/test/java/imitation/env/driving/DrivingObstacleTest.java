package imitation.env.driving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.data.Trajectory;
import imitation.env.EnvChecker;
import imitation.env.Step;
import imitation.expert.DrivingExpert;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DrivingObstacleTest {
    /** A stadium whose lower straight runs 60 m along +x from the origin; the obstacle sits 30 m along it. */
    private static final Track STADIUM = Track.stadium(60, 20, 6);

    private static DrivingWorld world(double radius) {
        return DrivingWorld.builder().track(STADIUM).obstacle(30, radius).build();
    }

    private static Step straight(DrivingEnv env) {
        return env.step(new double[] {0});
    }

    @Test
    void drivingStraightAtTheObstacleCollidesAndPassingBesideItDoesNot() {
        DrivingWorld w = world(1);
        CarState start = w.stateAt(0, 0, 0);
        assertEquals(30, Math.hypot(w.obstacleCentre().x() - start.x(), w.obstacleCentre().y() - start.y()), 1e-9);
        DrivingEnv env = w.env();
        env.reset(w.stateAt(20, 0, 0));
        Step s;
        int steps = 0;
        do {
            s = straight(env);
            steps++;
        } while (!s.done());
        DrivingMetrics m = env.metrics();
        assertTrue(s.terminated() && m.collided() && !m.leftRoad() && !m.finished() && !env.succeeded());
        assertEquals(9, steps, "the rear axle reaches 1 m before the centre (x = 29) on step 9");
        assertEquals(1, Math.hypot(env.state().x() - w.obstacleCentre().x(), env.state().y() - w.obstacleCentre().y()), 1e-9);
        assertThrows(IllegalStateException.class, () -> straight(env));

        env.reset(w.stateAt(20, 1.2, 0));
        for (int t = 0; t < 20; t++) {
            assertFalse(straight(env).done(), "1.2 m beside a 1 m obstacle is clear");
        }
        assertFalse(env.metrics().collided());
    }

    @Test
    void anObstacleWorldKeepsTheEnvContract() {
        EnvChecker.check(() -> DrivingWorld.builder().track(STADIUM).obstacle(30, 1).startArc(10).horizon(40)
                .build().env());
    }

    @Test
    void aStepThatJumpsAcrossTheObstacleCollides() {
        // both ends of the step lie 0.5 m from the centre of a 0.3 m obstacle; the path between crosses it
        DrivingWorld w = world(0.3);
        DrivingEnv env = w.env();
        env.reset(w.stateAt(29.5, 0, 0));
        Step s = straight(env);
        assertTrue(s.terminated() && env.metrics().collided());
        assertEquals(0.5, Math.hypot(env.state().x() - w.obstacleCentre().x(), env.state().y() - w.obstacleCentre().y()), 1e-9);
    }

    @Test
    void aFixedHorizonDoesNotSurviveACollision() {
        DrivingWorld w = DrivingWorld.builder().track(STADIUM).obstacle(30, 1).fixedHorizon(true).build();
        DrivingEnv env = w.env();
        env.reset(w.stateAt(20, 0, 0));
        Step s;
        do {
            s = straight(env);
        } while (!s.done());
        assertTrue(s.terminated() && env.metrics().collided() && env.metrics().steps() == 9);
    }

    @Test
    void theLastFeatureIsTheDistanceAheadOverTheSight() {
        DrivingWorld w = world(1);
        assertEquals(DrivingWorld.builder().track(STADIUM).build().featureSize() + 1, w.featureSize());
        assertEquals(w.featureSize(), w.observationSpace().size());
        int last = w.featureSize() - 1;
        assertEquals(10 / DrivingWorld.OBSTACLE_SIGHT, w.features(w.stateAt(20, 0, 0))[last], 1e-9);
        assertEquals(1, w.features(w.stateAt(0, 0, 0))[last], 1e-12, "30 m ahead is clipped to 1");
        assertEquals(-5 / DrivingWorld.OBSTACLE_SIGHT, w.features(w.stateAt(35, 0.5, 0))[last], 1e-9);
        assertEquals(-1, w.features(w.stateAt(100, 0, 0))[last], 1e-12);
        // the other features are those of the world without the obstacle
        DrivingWorld plain = DrivingWorld.builder().track(STADIUM).build();
        CarState state = w.stateAt(25, -0.7, 0.1);
        double[] with = w.features(state);
        assertArrayEquals(plain.features(state), Arrays.copyOf(with, last), 0);
        // wrapping: the obstacle near the end of the lap is ahead of a car near its start
        double lap = STADIUM.length();
        DrivingWorld late = DrivingWorld.builder().track(STADIUM).obstacle(lap - 2, 1).build();
        assertEquals(5 / DrivingWorld.OBSTACLE_SIGHT, late.features(late.stateAt(lap - 7, 0, 0))[last], 1e-9);
        assertEquals(-5 / DrivingWorld.OBSTACLE_SIGHT, late.features(late.stateAt(3, 0, 0))[last], 1e-9);
    }

    @Test
    void theCameraSeesTheObstacleAsADarkDisc() {
        DrivingWorld w = DrivingWorld.builder().track(STADIUM).obstacle(30, 1).observation(ObservationKind.CAMERA).build();
        DrivingWorld plain = DrivingWorld.builder().track(STADIUM).observation(ObservationKind.CAMERA).build();
        CarState car = w.stateAt(20, 0, 0);
        double[] seen = w.observe(car, 0);
        double[] road = plain.observe(car, 0);
        int dark = 0;
        for (int p = 0; p < seen.length; p++) {
            assertTrue(seen[p] <= road[p]);
            dark += seen[p] < road[p] ? 1 : 0;
        }
        assertTrue(dark > 0);
        // the row 10 m ahead is dark in the middle columns, road beside the disc
        Camera cam = new Camera(w.cameraHeight(), w.cameraWidth(), 2, 17, 8);
        int row = 7;   // rows are 1 m apart from 17 m (row 0) down to 2 m (row 15)
        assertEquals(10, cam.rowForward(row), 1e-9);
        int mid = w.cameraWidth() / 2;
        assertEquals(0, seen[row * w.cameraWidth() + mid], 1e-12);
        assertEquals(1, seen[row * w.cameraWidth() + mid + 4], 1e-12, "2 m to the side is road");
        // far from the obstacle the image is the plain road's
        CarState away = w.stateAt(100, 0, 0);
        assertArrayEquals(plain.observe(away, 0), w.observe(away, 0), 0);
    }

    @Test
    void episodesStartAtTheStartArcAndPassedSideReadsTheTrajectory() {
        DrivingWorld w = DrivingWorld.builder().track(STADIUM).obstacle(30, 1).startArc(23).horizon(30)
                .startOffset(0).startHeading(0).build();
        int last = w.featureSize() - 1;
        Demonstrations straight = Rollouts.in(w.vec(4)).episodes(8).seed(3).collect(rows -> new double[rows.length][1]);
        for (Trajectory t : straight.trajectories()) {
            assertEquals(7 / DrivingWorld.OBSTACLE_SIGHT, t.observations()[0][last], 0.3 / DrivingWorld.OBSTACLE_SIGHT);
            assertTrue(t.terminal());
            assertEquals(0, w.passedSide(t), "a collision passed on no side");
        }
        Demonstrations left = Rollouts.in(w.vec(4)).episodes(8).seed(3).collect(DrivingExpert.of(w));
        for (Trajectory t : left.trajectories()) {
            assertEquals(30, t.length());
            assertEquals(1, w.passedSide(t), "the deterministic expert, not leaning either way, passes on the left");
        }
    }

    @Test
    void badObstacleSettingsAreNamed() {
        var b = DrivingWorld.builder().track(STADIUM);
        var e = assertThrows(IllegalArgumentException.class, () -> b.obstacle(30, -1));
        assertTrue(e.getMessage().contains("obstacle radius = -1.0") && e.getMessage().contains("positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.obstacle(30, Double.NaN));
        assertTrue(e.getMessage().contains("obstacle radius = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.obstacle(-2, 1));
        assertTrue(e.getMessage().contains("obstacle arcLength = -2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DrivingWorld.builder().track(STADIUM).obstacle(1000, 1).build());
        assertTrue(e.getMessage().contains("obstacle arcLength = 1000.0") && e.getMessage().contains("beyond the track")
                && e.getMessage().contains("[0, " + Math.round(STADIUM.length() * 100) / 100.0 + ")"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DrivingWorld.builder().track(STADIUM).obstacle(30, 3).build());
        assertTrue(e.getMessage().contains("obstacle radius = 3.0") && e.getMessage().contains("no room to pass"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DrivingWorld.builder().track(STADIUM).startArc(1000).build());
        assertTrue(e.getMessage().contains("startArc = 1000.0") && e.getMessage().contains("beyond the track"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.startArc(Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("startArc = Infinity"), e.getMessage());
        DrivingWorld plain = DrivingWorld.builder().track(STADIUM).build();
        Trajectory some = Rollouts.in(plain.vec(1)).episodes(1).collect(rows -> new double[rows.length][1]).trajectories().get(0);
        e = assertThrows(IllegalArgumentException.class, () -> plain.passedSide(some));
        assertTrue(e.getMessage().contains("has no obstacle"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> world(1).passedSide(some));
        assertTrue(e.getMessage().contains("got " + plain.featureSize() + " values"), e.getMessage());
    }

    @Test
    void worldsWithoutAnObstacleHaveNoneOfIt() {
        DrivingWorld plain = DrivingWorld.builder().build();
        assertFalse(plain.hasObstacle());
        assertEquals(6, plain.featureSize());
        assertTrue(Double.isNaN(plain.obstacleArc()) && Double.isNaN(plain.obstacleRadius()) && plain.obstacleCentre() == null);
        DrivingEnv env = plain.env();
        env.reset(1);
        env.step(new double[] {0.1});
        assertFalse(env.metrics().collided());
    }
}
