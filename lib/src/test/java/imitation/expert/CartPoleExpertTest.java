package imitation.expert;

import static org.junit.jupiter.api.Assertions.*;

import imitation.data.Episode;
import imitation.data.Rollouts;
import imitation.env.CartPole;
import java.util.List;
import org.junit.jupiter.api.Test;

class CartPoleExpertTest {

    @Test
    void scoresFiveHundredInEveryOneOfHundredSeededEpisodes() {
        List<Episode> episodes = Rollouts.in(CartPole.fixedHorizon().vec(20)).episodes(100).seed(2026)
                .run(new CartPoleExpert(), false);
        assertEquals(100, episodes.size());
        for (Episode e : episodes) {
            assertEquals(500.0, e.totalReward(), "episode " + e.index());
            assertTrue(e.success());
        }
    }

    @Test
    void balancesTheClassicVariantForTwoHundredSteps() {
        for (Episode e : Rollouts.in(CartPole.classic().vec(10)).episodes(30).seed(5).run(new CartPoleExpert(), false)) {
            assertEquals(200, e.length());
            assertFalse(e.terminated());
        }
    }

    @Test
    void pushesAgainstTheFallingPole() {
        CartPoleExpert expert = new CartPoleExpert();
        assertEquals(1.0, expert.act(new double[] {0, 0, 0.05, 0})[0], "pole leaning right: push right");
        assertEquals(0.0, expert.act(new double[] {0, 0, -0.05, 0})[0], "pole leaning left: push left");
    }

    @Test
    void rejectsBadWeightsAndObservations() {
        assertThrows(IllegalArgumentException.class, () -> new CartPoleExpert(new double[] {1, 1, 1}, 1));
        assertThrows(IllegalArgumentException.class, () -> new CartPoleExpert(new double[] {1, 1, 1, 1}, 0));
        var e = assertThrows(IllegalArgumentException.class, () -> new CartPoleExpert().act(new double[] {1, 2}));
        assertTrue(e.getMessage().contains("theta"), e.getMessage());
    }
}
