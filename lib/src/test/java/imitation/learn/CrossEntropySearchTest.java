package imitation.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.env.CartPole;
import imitation.env.Env;
import imitation.env.Space;
import imitation.env.Step;
import imitation.eval.Evaluation;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class CrossEntropySearchTest {

    /** One-step episodes; action 1 succeeds, action 0 fails. */
    private static final class Coin implements Env {
        private boolean ok;

        @Override
        public Space observationSpace() {
            return Space.Box.unbounded(1);
        }

        @Override
        public Space actionSpace() {
            return new Space.Discrete(2);
        }

        @Override
        public double[] reset(long seed) {
            ok = false;
            return new double[] {1};
        }

        @Override
        public Step step(double[] action) {
            ok = action[0] == 1;
            return new Step(new double[] {1}, ok ? 1 : 0, true, false);
        }

        @Override
        public boolean succeeded() {
            return ok;
        }

        @Override
        public int horizon() {
            return 1;
        }
    }

    @Test
    void findsABalancingLinearPolicyAndCountsItsFailures() {
        CrossEntropySearch.Result r = CrossEntropySearch.builder().seed(3).build().search(CartPole.classic());
        assertTrue(r.solved());
        Table h = r.history();
        int last = h.rowCount() - 1;
        assertEquals(r.episodes(), h.intColumn("episodes").getInt(last));
        assertEquals(r.failures(), h.intColumn("failures").getInt(last));
        assertEquals(1.0, h.doubleColumn("check_success").getDouble(last), 0.0);
        // every generation runs 20 candidates and 1 to 5 checks, the last one all 5
        int generations = last + 1;
        assertTrue(r.episodes() >= 21 * generations + 4 && r.episodes() <= 25 * generations, "" + r.episodes());
        assertTrue(r.failures() > 0 && r.failures() < r.episodes(), "random first policies drop the pole");
        // the found policy balances on episodes the search never saw
        assertEquals(1.0, Evaluation.in(CartPole.classic().vec(10)).episodes(50).seed(99).run(r.policy())
                .successRate(), 0.1);
    }

    @Test
    void everyEpisodeOfAPolicyThatFailsIsCountedAsAFailure() {
        // action 0 always fails: with population 4 the search keeps some failures until it learns to pick 1
        CrossEntropySearch.Result r = CrossEntropySearch.builder().population(4).eliteFraction(0.5).check(1)
                .generations(3).seed(1).build().search(new Coin());
        Table h = r.history();
        int episodes = 0;
        for (int g = 0; g < h.rowCount(); g++) {
            episodes += 4 + 1;
            assertEquals(episodes, h.intColumn("episodes").getInt(g));
        }
        assertEquals(r.failures(), h.intColumn("failures").getInt(h.rowCount() - 1));
        // mean return of a generation is its share of successes, so failures = candidates − successes (+ checks)
        int candidateFailures = 0;
        for (int g = 0; g < h.rowCount(); g++) {
            candidateFailures += (int) Math.round(4 * (1 - h.doubleColumn("mean_return").getDouble(g)));
            candidateFailures += h.doubleColumn("check_success").getDouble(g) == 1.0 ? 0 : 1;
        }
        assertEquals(candidateFailures, r.failures());
    }

    @Test
    void sameSeedSameSearch() {
        CrossEntropySearch s = CrossEntropySearch.builder().seed(7).generations(3).build();
        assertEquals(s.search(CartPole.classic()).history().toString(), s.search(CartPole.classic()).history().toString());
    }

    @Test
    void givesUpAfterTheBudget() {
        CrossEntropySearch.Result r = CrossEntropySearch.builder().generations(1).population(2).initialStd(1e-6)
                .noise(0).seed(0).build().search(CartPole.classic());
        assertFalse(r.solved());
        assertEquals(1, r.history().rowCount());
    }

    @Test
    void stopsWhenInterrupted() {
        Thread.currentThread().interrupt();
        CancellationException e = assertThrows(CancellationException.class,
                () -> CrossEntropySearch.builder().build().search(CartPole.classic()));
        assertTrue(e.getMessage().contains("CrossEntropySearch"));
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void rejectsBadSettingsByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrossEntropySearch.builder().population(0))
                .getMessage().contains("population = 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrossEntropySearch.builder().eliteFraction(1.5))
                .getMessage().contains("eliteFraction = 1.5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrossEntropySearch.builder().initialStd(0))
                .getMessage().contains("initialStd"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrossEntropySearch.builder().noise(-1))
                .getMessage().contains("noise = -1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrossEntropySearch.builder().check(0))
                .getMessage().contains("check = 0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CrossEntropySearch.builder().build().search(null)).getMessage().contains("env is null"));
    }
}
