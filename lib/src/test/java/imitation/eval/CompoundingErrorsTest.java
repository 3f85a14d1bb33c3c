package imitation.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.env.DriftChain;
import org.junit.jupiter.api.Test;

class CompoundingErrorsTest {

    @Test
    void behaviourCloningCostMatchesHandComputedValues() {
        double eps = 0.1;
        DriftChain chain = new DriftChain(1, 1);
        double[] j = CompoundingErrors.exactCost(chain, chain.behaviourCloning(eps), 3);
        assertEquals(0, j[0]);
        assertEquals(eps, j[1], 1e-15);
        // step 2 is off course unless both actions were right: 1 - 0.9^2
        assertEquals(3 * eps - eps * eps, j[2], 1e-15);
        assertEquals(j[2] + 1 - Math.pow(1 - eps, 3), j[3], 1e-15);
    }

    @Test
    void behaviourCloningCostIsTheClosedFormForAnyDepth() {
        double eps = 0.01;
        for (int depth = 1; depth <= 4; depth++) {
            DriftChain chain = new DriftChain(depth, 1);
            double[] j = CompoundingErrors.exactCost(chain, chain.behaviourCloning(eps), 60);
            double closed = 0;
            for (int t = 1; t <= 60; t++) {
                closed += 1 - Math.pow(1 - eps, t);
                assertEquals(closed, j[t], 1e-12, "depth " + depth + " t " + t);
            }
        }
    }

    @Test
    void learnerTrainedOnEveryStatePaysEpsilonPerStep() {
        double eps = 0.05;
        DriftChain chain = new DriftChain(1, 1);
        DriftChain.Learner everywhere = chain.learner(eps, new boolean[] {true, true});
        double[] j = CompoundingErrors.exactCost(chain, everywhere, 40);
        for (int t = 0; t <= 40; t++) {
            assertEquals(eps * t, j[t], 1e-12);
        }
    }

    @Test
    void teacherForcedCostIsEpsilonTimesT() {
        DriftChain chain = new DriftChain(3, 1);
        double[] j = CompoundingErrors.teacherForcedCost(chain, chain.behaviourCloning(0.02), 100);
        for (int t = 0; t <= 100; t++) {
            assertEquals(0.02 * t, j[t], 1e-12);
        }
    }

    @Test
    void simulationAgreesWithTheExactCost() {
        DriftChain chain = new DriftChain(2, 1);
        DriftChain.Learner[] learners = {chain.behaviourCloning(0.02), chain.learner(0.1, new boolean[] {true, true, true})};
        for (DriftChain.Learner learner : learners) {
            double[] exact = CompoundingErrors.exactCost(chain, learner, 80);
            CompoundingErrors.CostCurve sim = CompoundingErrors.simulatedCost(chain, learner, 80, 20000, 7);
            for (int t = 10; t <= 80; t += 10) {
                double se = sim.standardError()[t];
                assertTrue(se > 0);
                assertEquals(exact[t], sim.mean()[t], 4 * se, learner + " t " + t);
            }
        }
        CompoundingErrors.CostCurve a = CompoundingErrors.simulatedCost(chain, learners[0], 20, 100, 3);
        CompoundingErrors.CostCurve b = CompoundingErrors.simulatedCost(chain, learners[0], 20, 100, 3);
        assertEquals(a.mean()[20], b.mean()[20]);
    }

    @Test
    void logLogSlopeIsAboutTwoForBehaviourCloningAndOneWhenTrainedEverywhere() {
        double eps = 0.001;
        DriftChain chain = new DriftChain(1, 1);
        double[] horizons = {10, 20, 40, 80, 160};
        double[] bc = new double[horizons.length];
        double[] all = new double[horizons.length];
        double[] jBc = CompoundingErrors.exactCost(chain, chain.behaviourCloning(eps), 160);
        double[] jAll = CompoundingErrors.exactCost(chain, chain.learner(eps, new boolean[] {true, true}), 160);
        for (int i = 0; i < horizons.length; i++) {
            bc[i] = jBc[(int) horizons[i]];
            all[i] = jAll[(int) horizons[i]];
        }
        // T(T+1)/2 over T = 10..160 has slope about 1.97; saturation as eps*T nears 1 bends it slightly lower
        assertEquals(2, LogLogFit.fit(horizons, bc).slope(), 0.1);
        assertEquals(1, LogLogFit.fit(horizons, all).slope(), 1e-9);
    }

    @Test
    void logLogFitRecoversAPowerLaw() {
        double[] x = {1, 2, 5, 10};
        double[] y = new double[4];
        for (int i = 0; i < 4; i++) {
            y[i] = 3 * Math.pow(x[i], 1.5);
        }
        LogLogFit fit = LogLogFit.fit(x, y);
        assertEquals(1.5, fit.slope(), 1e-12);
        assertEquals(Math.log(3), fit.intercept(), 1e-12);
        assertEquals(1, fit.rSquared(), 1e-12);
        assertEquals(3 * Math.pow(7, 1.5), fit.predict(7), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> LogLogFit.fit(new double[] {1, 2}, new double[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> LogLogFit.fit(new double[] {2, 2}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> LogLogFit.fit(new double[] {1}, new double[] {1}));
    }

    @Test
    void rejectsMismatchedLearnerAndBadHorizons() {
        DriftChain small = new DriftChain(1, 1);
        DriftChain large = new DriftChain(3, 1);
        assertThrows(IllegalArgumentException.class,
                () -> CompoundingErrors.exactCost(large, small.behaviourCloning(0.1), 10));
        assertThrows(IllegalArgumentException.class,
                () -> CompoundingErrors.exactCost(small, small.behaviourCloning(0.1), 0));
        assertThrows(IllegalArgumentException.class,
                () -> CompoundingErrors.simulatedCost(small, small.behaviourCloning(0.1), 10, 1, 0));
    }
}
