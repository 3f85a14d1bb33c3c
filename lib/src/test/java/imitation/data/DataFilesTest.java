package imitation.data;

import static org.junit.jupiter.api.Assertions.*;

import imitation.env.CartPole;
import imitation.expert.CartPoleExpert;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each file in data/ equals what the call documented in data/README.md produces. */
class DataFilesTest {
    private static final Path DATA = Path.of("..", "data");

    @Test
    void cartPoleExpertFileMatchesItsGeneratingCall() {
        Demonstrations file = Demonstrations.readCsv(DATA.resolve("cartpole-expert.csv"));
        Demonstrations fresh = Rollouts.in(CartPole.fixedHorizon().vec(10)).episodes(10).seed(0).collect(new CartPoleExpert());
        assertEquals(fresh.trajectories(), file.trajectories());
        assertEquals(10, file.size());
        assertEquals(500.0, file.trajectories().get(0).totalReward());
    }
}
