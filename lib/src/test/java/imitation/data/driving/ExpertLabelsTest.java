package imitation.data.driving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Demonstrations;
import imitation.env.driving.DrivingWorld;
import org.junit.jupiter.api.Test;

class ExpertLabelsTest {
    private static final DrivingWorld WORLD = DrivingWorld.builder().horizon(200).build();

    @Test
    void nLabelsAreWholeExpertEpisodesThenACutOne() {
        Demonstrations labels = DrivingRuns.in(WORLD).episodes(9).seed(3).expertLabels(450);
        assertEquals(450, labels.steps());
        assertEquals(3, labels.trajectories().size(), "two whole episodes of 200 steps and 50 steps of a third");
        assertEquals(50, labels.trajectories().get(2).length());
        Demonstrations whole = DrivingRecord.demonstrations(DrivingRuns.in(WORLD).episodes(3).seed(3).demonstrate());
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(whole.trajectories().get(k).action(17), labels.trajectories().get(k).action(17),
                    "the same seeded expert episodes as demonstrate()");
        }
    }

    @Test
    void tooFewLabelsAreRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DrivingRuns.in(WORLD).expertLabels(0));
        assertTrue(e.getMessage().contains("n = 0"), e.getMessage());
    }
}
