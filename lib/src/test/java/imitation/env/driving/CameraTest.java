package imitation.env.driving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CameraTest {
    private static final DrivingWorld WORLD = DrivingWorld.builder().track(Track.stadium(100, 20, 6))
            .observation(ObservationKind.CAMERA).build();
    private static final int H = 16;
    private static final int W = 32;

    @Test
    void centredCarOnAStraightSeesASymmetricRoad() {
        double[] img = WORLD.observe(WORLD.stateAt(5, 0, 0), 0);
        assertEquals(H * W, img.length);
        double road = 0;
        for (int r = 0; r < H; r++) {
            for (int c = 0; c < W; c++) {
                assertEquals(img[r * W + c], img[r * W + W - 1 - c], 1e-12, "row " + r + " column " + c);
                assertEquals(img[c], img[r * W + c], 1e-12, "every row of a straight looks the same");
                road += img[r * W + c];
            }
        }
        // 6 m of road over 0.5 m pixels: 12 bright pixels per row
        assertEquals(12.0 * H, road, 1e-9);
    }

    @Test
    void cameraShiftedLeftSeesTheRoadMovedRight() {
        double[] centre = WORLD.observe(WORLD.stateAt(5, 0, 0), 0);
        double[] left = WORLD.observe(WORLD.stateAt(5, 0, 0), 1.0);
        double[] right = WORLD.observe(WORLD.stateAt(5, 0, 0), -1.0);
        // 1 m is two 0.5 m pixels
        for (int r = 0; r < H; r++) {
            for (int c = 2; c < W - 2; c++) {
                assertEquals(centre[r * W + c - 2], left[r * W + c], 1e-12);
                assertEquals(centre[r * W + c + 2], right[r * W + c], 1e-12);
            }
        }
        assertTrue(roadCentre(left, 0) > roadCentre(centre, 0));
    }

    @Test
    void aCarLeftOfTheCentreSeesWhatTheShiftedCameraSees() {
        double[] offsetCar = WORLD.observe(WORLD.stateAt(5, 1.0, 0), 0);
        double[] shifted = WORLD.observe(WORLD.stateAt(5, 0, 0), 1.0);
        for (int i = 0; i < offsetCar.length; i++) {
            assertEquals(shifted[i], offsetCar[i], 1e-9);
        }
    }

    @Test
    void aLeftBendCurvesTheRoadToTheLeftOfTheImage() {
        // start of the first half circle: the far rows see the road turning left
        double[] img = WORLD.observe(WORLD.stateAt(100, 0, 0), 0);
        assertTrue(roadCentre(img, 0) < roadCentre(img, H - 1) - 3,
                "far row centre " + roadCentre(img, 0) + ", near row centre " + roadCentre(img, H - 1));
    }

    @Test
    void pixelsAreGreyLevelsBetweenZeroAndOne() {
        double[] img = WORLD.observe(WORLD.stateAt(130, 2.2, 0.3), 0);
        boolean partial = false;
        for (double v : img) {
            assertTrue(v >= 0 && v <= 1);
            partial |= v > 0 && v < 1;
        }
        assertTrue(partial, "road edges are anti-aliased");
    }

    /** Column of the brightness-weighted centre of row r. */
    private static double roadCentre(double[] img, int r) {
        double sum = 0;
        double weighted = 0;
        for (int c = 0; c < W; c++) {
            sum += img[r * W + c];
            weighted += c * img[r * W + c];
        }
        return weighted / sum;
    }
}
