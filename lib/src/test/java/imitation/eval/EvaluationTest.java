package imitation.eval;

import static org.junit.jupiter.api.Assertions.*;

import imitation.env.CartPole;
import imitation.expert.CartPoleExpert;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    @Test
    void expertEvaluationReportsFullReturnAndSuccess() {
        Evaluation.Result r = Evaluation.in(CartPole.fixedHorizon().vec(5)).episodes(10).seed(1).run(new CartPoleExpert());
        assertEquals(500.0, r.meanReturn());
        assertEquals(0.0, r.stdReturn());
        assertEquals(1.0, r.successRate());
        assertEquals(10, r.episodes().rowCount());
        assertEquals(1, r.summary().rowCount());
    }

    @Test
    void alwaysPushingRightFailsEveryEpisode() {
        Evaluation.Result r = Evaluation.in(CartPole.classic().vec(3)).episodes(6).run(obs -> {
            double[][] a = new double[obs.length][1];
            for (double[] row : a) {
                row[0] = 1;
            }
            return a;
        });
        assertEquals(0.0, r.successRate());
        assertTrue(r.meanLength() < 200);
        assertEquals(r.meanLength(), r.meanReturn(), 1e-12);
    }

    @Test
    void anInterruptedEvaluationStopsWithAMessage() throws InterruptedException {
        Evaluation long_ = Evaluation.in(CartPole.fixedHorizon().vec(4)).episodes(Integer.MAX_VALUE);
        var e = imitation.data.InterruptedRun.of(() -> long_.run(new CartPoleExpert()), 200);
        assertTrue(e.getMessage().startsWith("Rollouts was interrupted after"), e.getMessage());
    }

    @Test
    void agreementIsTheShareOfRecordedActionsThePolicyRepeats() {
        imitation.data.Demonstrations demos = imitation.data.Rollouts.in(CartPole.classic().vec(1)).episodes(1).seed(4)
                .collect(new CartPoleExpert());
        assertEquals(1.0, Evaluation.agreement(new CartPoleExpert(), demos));
        double[][] recorded = demos.actions();
        int right = 0;
        for (double[] a : recorded) {
            right += a[0] == 1 ? 1 : 0;
        }
        imitation.policy.Policy alwaysRight = obs -> {
            double[][] a = new double[obs.length][1];
            for (double[] row : a) {
                row[0] = 1;
            }
            return a;
        };
        assertEquals(right / (double) recorded.length, Evaluation.agreement(alwaysRight, demos), 1e-12);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Evaluation.agreement(null, demos))
                .getMessage().contains("policy and demos must not be null"));
    }
}
