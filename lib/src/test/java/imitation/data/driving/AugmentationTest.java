package imitation.data.driving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Demonstrations;
import imitation.data.Trajectory;
import imitation.env.driving.DrivingWorld;
import imitation.env.driving.ObservationKind;
import imitation.expert.DrivingExpert;
import java.util.List;
import org.junit.jupiter.api.Test;

class AugmentationTest {
    private static final DrivingWorld CAMERA = DrivingWorld.builder().observation(ObservationKind.CAMERA).horizon(60).build();
    private static final DrivingWorld FEATURES = DrivingWorld.builder().horizon(60).build();

    @Test
    void sideCamerasAddShiftedViewsWithCorrectedLabels() {
        List<DrivingRecord> demos = DrivingRuns.in(CAMERA).episodes(2).seed(5).demonstrate();
        Demonstrations extra = new SideCameras(0.25).augment(demos);
        assertEquals(4, extra.size());
        double d = CAMERA.sideCameraShift();
        for (int i = 0; i < 2; i++) {
            DrivingRecord r = demos.get(i);
            Trajectory left = extra.trajectories().get(2 * i);
            Trajectory right = extra.trajectories().get(2 * i + 1);
            for (int t = 0; t < r.length(); t += 7) {
                assertArrayEquals(CAMERA.observe(r.state(t), d), left.observation(t), 1e-12);
                assertArrayEquals(CAMERA.observe(r.state(t), -d), right.observation(t), 1e-12);
                double label = r.labels()[t];
                assertEquals(Math.max(-1, label - 0.25), left.action(t)[0], 1e-12);
                assertEquals(Math.min(1, label + 0.25), right.action(t)[0], 1e-12);
            }
        }
    }

    @Test
    void theLeftCameraCorrectionSteersRightLikeTheExpertDoesWhenTooFarLeft() {
        // the expert's own answer to being d metres left of a straight centreline is to steer right
        DrivingWorld stadium = DrivingWorld.builder().track(imitation.env.driving.Track.stadium(100, 20, 6)).build();
        double tooFarLeft = DrivingExpert.of(stadium).act(stadium.features(stadium.stateAt(30, 1.0, 0)))[0];
        assertTrue(tooFarLeft < 0);
        assertEquals(-Math.atan(stadium.speed() / (4 * stadium.wheelbase()) * 1.0 / stadium.speed()) / stadium.maxSteer(),
                tooFarLeft, 1e-9);
    }

    @Test
    void sideCamerasRejectTheWrongSignAndFeatureDemonstrations() {
        IllegalArgumentException sign = assertThrows(IllegalArgumentException.class, () -> new SideCameras(-0.2));
        assertTrue(sign.getMessage().contains("-0.2") && sign.getMessage().contains("wrong sign"), sign.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SideCameras(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new SideCameras(1.5));
        List<DrivingRecord> features = DrivingRuns.in(FEATURES).demonstrate();
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> new SideCameras(0.2).augment(features));
        assertTrue(kind.getMessage().contains("FEATURES"), kind.getMessage());
    }

    @Test
    void syntheticStatesArePerturbedWithinBoundsAndLabelledByTheExpert() {
        List<DrivingRecord> demos = DrivingRuns.in(FEATURES).episodes(2).seed(1).demonstrate();
        SyntheticStates aug = SyntheticStates.builder().copies(3).maxOffset(1.0).maxHeading(0.1).seed(7).build();
        Demonstrations extra = aug.augment(demos);
        assertEquals(6, extra.size());
        DrivingExpert expert = DrivingExpert.of(FEATURES);
        double hw = FEATURES.track().halfWidth();
        double largest = 0;
        for (int k = 0; k < 6; k++) {
            DrivingRecord r = demos.get(k / 3);
            Trajectory t = extra.trajectories().get(k);
            for (int i = 0; i < t.length(); i++) {
                double[] f = t.observation(i);
                double moved = Math.abs(f[0] * hw - r.offsets()[i]);
                double turned = Math.abs(f[1] - FEATURES.features(r.state(i))[1]);
                assertTrue(moved <= 1.0 + 1e-9 && turned <= 0.1 + 1e-9, "frame " + i + " moved " + moved + ", turned " + turned);
                largest = Math.max(largest, moved);
                assertEquals(expert.act(f)[0], t.action(i)[0], 1e-9);
            }
        }
        assertTrue(largest > 0.9, "offsets spread over the range, largest " + largest);
        Demonstrations again = aug.augment(demos);
        assertArrayEquals(extra.observations()[10], again.observations()[10]);
        assertThrows(IllegalArgumentException.class, () -> SyntheticStates.builder().maxOffset(3).build().augment(demos));
        assertThrows(IllegalArgumentException.class, () -> SyntheticStates.builder().copies(0).build());
    }
}
