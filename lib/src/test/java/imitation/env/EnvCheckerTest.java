package imitation.env;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EnvCheckerTest {

    /** A counter env of {@code horizon} steps whose faults are switched on one at a time. */
    private static final class Faulty implements Env {
        private static final AtomicInteger RESETS = new AtomicInteger();
        private final String fault;
        private int t = -1;
        private double x;

        Faulty(String fault) {
            this.fault = fault;
        }

        @Override
        public Space observationSpace() {
            return Space.Box.of(1, -10, 10);
        }

        @Override
        public Space actionSpace() {
            return new Space.Discrete(2);
        }

        @Override
        public int horizon() {
            return 5;
        }

        @Override
        public double[] reset(long seed) {
            t = 0;
            x = fault.equals("ignores seed") ? RESETS.incrementAndGet() % 7 : seed % 3;
            return new double[] {x};
        }

        @Override
        public Step step(double[] action) {
            if (t < 0 || t >= horizon()) {
                throw new IllegalStateException("over");
            }
            t++;
            x += fault.equals("leaves its space") ? 4 : action[0];
            boolean end = t == horizon();
            boolean both = fault.equals("sets both flags");
            return new Step(new double[] {x}, 1, end && both, end);
        }
    }

    @Test
    void aCorrectEnvPasses() {
        EnvChecker.check(() -> new Faulty("none"));
    }

    @Test
    void eachBrokenContractIsNamed() {
        String[][] cases = {
            {"ignores seed", "seeded reset"},
            {"leaves its space", "shapes"},
            {"sets both flags", "termination flags"},
        };
        for (String[] c : cases) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> EnvChecker.check(() -> new Faulty(c[0])));
            assertTrue(e.getMessage().contains("fails the " + c[1] + " check"), c[0] + ": " + e.getMessage());
        }
    }

    @Test
    void aVectorisedFormThatDiffersFromTheSingleEnvIsCaught() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EnvChecker.check(CartPole::classic, CartPole.fixedHorizon()::vec));
        assertTrue(e.getMessage().contains("vectorised"), e.getMessage());
        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class, () -> EnvChecker.check(null));
        assertTrue(nul.getMessage().contains("factory"), nul.getMessage());
    }
}
