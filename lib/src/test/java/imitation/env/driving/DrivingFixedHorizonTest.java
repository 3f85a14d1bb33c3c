package imitation.env.driving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.driving.DrivingRuns;
import imitation.env.EnvChecker;
import imitation.env.Step;
import imitation.policy.Policy;
import org.junit.jupiter.api.Test;

class DrivingFixedHorizonTest {
    private static final Track STADIUM = Track.stadium(100, 20, 6);

    private static DrivingWorld fixed(int horizon) {
        return DrivingWorld.builder().track(STADIUM).horizon(horizon).fixedHorizon(true).build();
    }

    @Test
    void defaultEndsOnLeavingTheRoad() {
        assertFalse(DrivingWorld.builder().build().isFixedHorizon());
        assertTrue(fixed(10).isFixedHorizon());
    }

    @Test
    void leavingTheRoadEndsNothingEarnsNothingAndIsCounted() {
        DrivingWorld world = fixed(120);
        DrivingEnv env = world.env();
        env.reset(world.stateAt(10, 0, 0));
        int off = 0;
        double sum = 0;
        for (int t = 1; t <= 120; t++) {
            Step s = env.step(new double[] {1});
            boolean isOff = Math.abs(env.offset()) > STADIUM.halfWidth();
            off += isOff ? 1 : 0;
            if (isOff) {
                assertEquals(0, s.reward(), "step " + t + " ended off the road");
            }
            sum += s.reward();
            assertFalse(s.terminated(), "step " + t);
            assertEquals(t == 120, s.truncated(), "step " + t);
        }
        assertTrue(off > 60, "full left lock circles off the road: " + off + " of 120 steps off");
        DrivingMetrics m = env.metrics();
        assertEquals(120, m.steps());
        assertEquals(off, m.offRoadSteps());
        assertEquals(1 - off / 120.0, m.onRoadFraction(), 1e-12);
        assertEquals(sum, m.distance(), 1e-9);
        assertTrue(m.leftRoad() && !m.finished() && !env.succeeded());
        assertThrows(IllegalStateException.class, () -> env.step(new double[] {0}));
    }

    @Test
    void aCarThatDriftsOffCanSteerBackAndEarnAgain() {
        DrivingWorld world = fixed(40);
        DrivingEnv env = world.env();
        double edge = STADIUM.halfWidth();
        env.reset(world.stateAt(10, edge - 0.2, 0.3));
        boolean wentOff = false;
        boolean cameBack = false;
        for (int t = 0; t < 40; t++) {
            Step s = env.step(new double[] {wentOff ? -1 : 0});
            if (Math.abs(env.offset()) > edge) {
                wentOff = true;
            } else if (wentOff && !cameBack) {
                cameBack = true;
                assertTrue(s.reward() > 0, "back on the road the step earns its progress: " + s.reward());
            }
        }
        assertTrue(wentOff && cameBack);
        DrivingMetrics m = env.metrics();
        assertTrue(m.leftRoad() && !m.finished() && m.offRoadSteps() > 0 && m.offRoadSteps() < 40);
    }

    @Test
    void stayingOnTheRoadSucceedsWithNoStepOff() {
        Track circle = Track.builder().meanRadius(30).wiggle(0).build();
        DrivingWorld world = DrivingWorld.builder().track(circle).horizon(200).fixedHorizon(true).build();
        DrivingEnv env = world.env();
        env.reset(world.stateAt(0, 0, 0));
        double action = Math.atan(world.wheelbase() / 30) / world.maxSteer();
        for (int t = 0; t < 200; t++) {
            env.step(new double[] {action});
        }
        DrivingMetrics m = env.metrics();
        assertTrue(m.finished() && env.succeeded() && !m.leftRoad());
        assertEquals(0, m.offRoadSteps());
        assertEquals(1, m.onRoadFraction());
        assertEquals(200 * world.speed() * world.dt(), m.distance(), 1e-3);
    }

    @Test
    void anOffRoadStartRunsTheHorizonButCannotSucceed() {
        DrivingWorld world = fixed(5);
        DrivingVecEnv cars = world.vec(1);
        cars.place(0, world.stateAt(10, 10, 0));
        assertTrue(cars.running(0) && !cars.terminated()[0]);
        for (int t = 0; t < 5; t++) {
            cars.step(new double[][] {{0}});
        }
        assertTrue(cars.truncated()[0] && !cars.succeeded(0));
        assertEquals(5, cars.metrics(0).offRoadSteps());
    }

    @Test
    void aRecordedFixedHorizonEpisodeIsNotTerminal() {
        Policy straight = obs -> new double[obs.length][1];
        DrivingWorld classic = DrivingWorld.builder().horizon(200).build();
        DrivingWorld fixed = DrivingWorld.builder().horizon(200).fixedHorizon(true).build();
        var ended = DrivingRuns.in(classic).seed(1).drive(straight).get(0);
        var kept = DrivingRuns.in(fixed).seed(1).drive(straight).get(0);
        assertTrue(ended.metrics().leftRoad() && ended.trajectory().terminal() && ended.length() < 200);
        assertTrue(kept.metrics().leftRoad() && !kept.trajectory().terminal());
        assertEquals(200, kept.length());
    }

    @Test
    void fixedHorizonWorldsPassTheEnvChecker() {
        for (ObservationKind kind : ObservationKind.values()) {
            DrivingWorld world = DrivingWorld.builder().track(STADIUM).observation(kind).horizon(60)
                    .fixedHorizon(true).build();
            EnvChecker.check(world::env, world::vec);
        }
    }

    @Test
    void badHorizonIsStillRejectedWithTheFixedHorizon() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DrivingWorld.builder().fixedHorizon(true).horizon(0).build());
        assertTrue(e.getMessage().contains("horizon = 0"), e.getMessage());
    }
}
