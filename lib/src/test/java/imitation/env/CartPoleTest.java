package imitation.env;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class CartPoleTest {

    @Test
    void pushRightFromRestMatchesHandComputedEulerStep() {
        // From rest with F = +10: temp = 10/1.1, θ̈ = -temp / (0.5 (4/3 - 0.1/1.1)) = -600/41,
        // ẍ = temp + 0.05·(600/41)/1.1 = 400/41; after dt = 0.02: ẋ = 8/41, θ̇ = -12/41, x and θ unchanged.
        double[] s = {0, 0, 0, 0};
        boolean out = CartPole.advance(s, 0, true);
        assertFalse(out);
        assertArrayEquals(new double[] {0, 8.0 / 41, 0, -12.0 / 41}, s, 1e-12);
    }

    @Test
    void pushLeftFromTiltedStateMatchesGymFormula() {
        double[] s = {0.1, -0.2, 0.05, 0.3};
        CartPole.advance(s, 0, false);
        assertArrayEquals(new double[] {0.096, -0.3957976546439626, 0.056, 0.6080233136061515}, s, 1e-12);
    }

    @Test
    void resetIsUniformWithinFivePercentAndDeterministicBySeed() {
        CartPole env = CartPole.classic();
        double[] a = env.reset(7);
        double[] b = CartPole.classic().reset(7);
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, env.reset(8)));
        for (long seed = 0; seed < 200; seed++) {
            for (double v : env.reset(seed)) {
                assertTrue(v >= -0.05 && v < 0.05, "start value " + v);
            }
        }
    }

    @Test
    void classicEndsOnFailureWithRewardOnePerStep() {
        CartPole env = CartPole.classic();
        env.reset(0);
        Step s;
        int steps = 0;
        double total = 0;
        do {
            s = env.step(new double[] {1});
            total += s.reward();
            steps++;
        } while (!s.done());
        assertTrue(s.terminated(), "always pushing right must drop the pole");
        assertFalse(s.truncated());
        assertTrue(steps < 200);
        assertEquals(steps, total);
        assertFalse(env.succeeded());
        assertThrows(IllegalStateException.class, () -> env.step(new double[] {0}));
    }

    @Test
    void fixedHorizonRunsFiveHundredStepsAndPaysZeroOutsideLimits() {
        CartPole env = CartPole.fixedHorizon();
        env.reset(0);
        int steps = 0;
        double total = 0;
        Step s;
        do {
            s = env.step(new double[] {1});
            total += s.reward();
            steps++;
        } while (!s.done());
        assertEquals(500, steps);
        assertTrue(s.truncated());
        assertFalse(s.terminated());
        assertTrue(total < 100, "reward must stop once the pole is lost, got " + total);
        assertFalse(env.succeeded());
    }

    @Test
    void rejectsBadActionsWithClearMessages() {
        CartPole env = CartPole.classic();
        env.reset(1);
        var e = assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {2}));
        assertTrue(e.getMessage().contains("action") && e.getMessage().contains("2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {0, 1}));
        assertTrue(e.getMessage().contains("length 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {Double.NaN}));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void vectorisedStepsMatchSingleEpisodes() {
        VecEnv vec = CartPole.classic().vec(3);
        CartPole[] single = {CartPole.classic(), CartPole.classic(), CartPole.classic()};
        for (int i = 0; i < 3; i++) {
            vec.reset(i, 10 + i);
            assertArrayEquals(single[i].reset(10 + i), vec.observations()[i]);
        }
        double[][] actions = {{1}, {0}, {1}};
        for (int t = 0; t < 300; t++) {
            for (int i = 0; i < 3; i++) {
                actions[i][0] = (t + i) % 3 == 0 ? 0 : 1;
            }
            boolean[] wasRunning = {vec.running(0), vec.running(1), vec.running(2)};
            vec.step(actions);
            for (int i = 0; i < 3; i++) {
                if (!wasRunning[i]) {
                    continue;
                }
                Step s = single[i].step(actions[i]);
                assertArrayEquals(s.observation(), vec.observations()[i]);
                assertEquals(s.reward(), vec.rewards()[i]);
                assertEquals(s.terminated(), vec.terminated()[i]);
                assertEquals(s.done(), !vec.running(i));
            }
        }
    }

    @Test
    void vectorisedStepRejectsBadAction() {
        VecEnv vec = CartPole.fixedHorizon().vec(2);
        vec.reset(0, 0);
        vec.reset(1, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> vec.step(new double[][] {{0}, {0.5}}));
        assertTrue(e.getMessage().contains("slot 1"), e.getMessage());
    }

    @Test
    void bothVariantsPassTheEnvChecker() {
        EnvChecker.check(CartPole::classic, CartPole.classic()::vec);
        EnvChecker.check(CartPole::fixedHorizon, CartPole.fixedHorizon()::vec);
        EnvChecker.check(() -> CartPole.fixedHorizon().withHorizon(30), CartPole.fixedHorizon().withHorizon(30)::vec);
    }

    @Test
    void fixedHorizonWrapsTheAngleSoAPoleBackUprightAfterAFullTurnEarnsOne() {
        double[] s = {0, 0, Math.PI - 0.001, 1};   // just short of upside down, still turning forwards
        CartPole.advance(s, 0, true);
        assertTrue(s[2] >= -Math.PI && s[2] < -Math.PI + 0.1, "angle wrapped into [-pi, pi), got " + s[2]);
        double[] almostAround = {0, 0, 2 * Math.PI - 0.01, 0};
        boolean out = CartPole.advance(almostAround, 0, true);
        assertEquals(-0.01, almostAround[2], 1e-12, "a pole a hair short of a full turn is 0.01 rad left of upright");
        assertFalse(out, "upright again after a full turn: inside the limits, so the seals variant pays 1");
        double[] upright = {0, 0, 0.1, 0.3};
        double[] copy = upright.clone();
        CartPole.advance(upright, 0, false);
        assertEquals(0.1 + 0.02 * 0.3, upright[2], 0.0, "inside [-pi, pi) the angle is not touched");
        assertEquals(0.3, copy[3]);
    }

    @Test
    void badSlotsFactoriesAndActionRowsAreNamed() {
        for (VecEnv vec : new VecEnv[] {CartPole.classic().vec(2), VecEnv.of(2, CartPole::classic)}) {
            var e = assertThrows(IllegalArgumentException.class, () -> vec.reset(5, 0));
            assertTrue(e.getMessage().contains("slot = 5 must be in [0, 2)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> vec.running(-1));
            assertTrue(e.getMessage().contains("slot = -1"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> vec.step(null));
            assertTrue(e.getMessage().contains("expected 2 action rows, got null"), e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> VecEnv.of(2, null));
        assertTrue(e.getMessage().contains("factory is null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VecEnv.of(2, () -> null));
        assertTrue(e.getMessage().contains("factory returned null for copy 0"), e.getMessage());
    }
}
