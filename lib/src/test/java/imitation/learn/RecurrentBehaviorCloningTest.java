package imitation.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.env.CueMemory;
import imitation.expert.CueExpert;
import imitation.policy.RecurrentPolicy;
import org.junit.jupiter.api.Test;

class RecurrentBehaviorCloningTest {
    private static final CueMemory ENV = new CueMemory(5, 20);
    private static final Demonstrations DEMOS = Rollouts.in(ENV.vec(16)).episodes(200).seed(1).collect(new CueExpert());

    private static double success(RecurrentPolicy p) {
        return Rollouts.in(ENV.vec(50)).episodes(200).seed(9).run(p, false).stream().filter(e -> e.success()).count() / 200.0;
    }

    @Test
    void lstmAndGruLearnACueSeenUpTo20StepsBeforeTheDecision() {
        for (var cell : RecurrentBehaviorCloning.Cell.values()) {
            var r = RecurrentBehaviorCloning.builder().cell(cell).steps(100).seed(3).build().train(DEMOS, ENV.actionSpace());
            double s = success(r.policy());
            assertTrue(s >= 0.95, cell + " decides right in " + s + " of the episodes");
            int rows = r.history().rowCount();
            r.history().clear();
            assertEquals(rows, r.history().rowCount(), "the history handed out is a copy");
        }
    }

    @Test
    void truncatedWindowsWithBurnInLearnWhenTheWindowSpansTheDelay() {
        var r = RecurrentBehaviorCloning.builder().window(21, 4).steps(150).seed(3).build().train(DEMOS, ENV.actionSpace());
        double s = success(r.policy());
        assertTrue(s >= 0.95, "window 21 after 4 burn-in steps: " + s);
    }

    @Test
    void badInputIsNamed() {
        var w = assertThrows(IllegalArgumentException.class, () -> RecurrentBehaviorCloning.builder().window(0, 2));
        assertTrue(w.getMessage().contains("length = 0"), w.getMessage());
        var b = assertThrows(IllegalArgumentException.class, () -> RecurrentBehaviorCloning.builder().window(4, -1));
        assertTrue(b.getMessage().contains("burnIn = -1"), b.getMessage());
        var h = assertThrows(IllegalArgumentException.class, () -> RecurrentBehaviorCloning.builder().build()
                .train(DEMOS, imitation.env.Space.Box.of(2, -1, 1)));
        assertTrue(h.getMessage().contains("actions have 1 values"), h.getMessage());
    }
}
