package imitation.env.driving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrackTest {

    @Test
    void sameSeedGivesSameTrackAndOtherSeedsDiffer() {
        Track a = Track.builder().seed(5).build();
        Track b = Track.builder().seed(5).build();
        Track c = Track.builder().seed(6).build();
        assertArrayEquals(a.outline()[0], b.outline()[0]);
        assertArrayEquals(a.outline()[1], b.outline()[1]);
        assertNotEquals(a.length(), c.length());
    }

    @Test
    void everySeededTrackIsClosedTurnsOnceAndRespectsTheTightestBend() {
        for (long seed = 0; seed < 20; seed++) {
            Track t = Track.builder().seed(seed).build();
            int n = t.points();
            double gap = Math.hypot(t.x(n) - t.x(n - 1), t.y(n) - t.y(n - 1));
            assertEquals(t.spacing(), gap, 0.01 * t.spacing(), "the lap closes with one more spacing");
            double turned = 0;
            for (int i = 0; i < n; i++) {
                turned += t.curvature(i) * t.spacing();
            }
            assertEquals(2 * Math.PI, turned, 0.01, "a simple counter-clockwise loop turns by 2 pi");
            assertTrue(t.minCurveRadius() >= 12, "seed " + seed + " bends to radius " + t.minCurveRadius());
        }
    }

    @Test
    void variedCurvatureAcrossTheLap() {
        Track t = Track.builder().seed(1).build();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < t.points(); i++) {
            min = Math.min(min, t.curvature(i));
            max = Math.max(max, t.curvature(i));
        }
        double circle = 1 / 40.0;
        assertTrue(max > 1.5 * circle && min < 0.5 * circle, "curvature ranges from " + min + " to " + max
                + "; a circle of the mean radius has " + circle);
    }

    @Test
    void zeroWiggleGivesTheCircleOfMeanRadius() {
        Track t = Track.builder().meanRadius(30).wiggle(0).build();
        assertEquals(2 * Math.PI * 30, t.length(), 1e-6);
        for (int i = 0; i < t.points(); i += 17) {
            assertEquals(30, Math.hypot(t.x(i), t.y(i)), 1e-9);
            assertEquals(1 / 30.0, t.curvature(i), 1e-9);
        }
    }

    @Test
    void stadiumHasStraightsAndHalfCircles() {
        Track t = Track.stadium(100, 20, 6);
        assertEquals(200 + 2 * Math.PI * 20, t.length(), 1e-9);
        assertEquals(0, t.curvatureAt(50), 1e-12);
        assertEquals(1 / 20.0, t.curvatureAt(100 + 10), 1e-12);
        assertEquals(3, t.halfWidth());
    }

    @Test
    void curvatureAtInterpolatesAndWraps() {
        Track t = Track.builder().seed(2).build();
        double ds = t.spacing();
        assertEquals(t.curvature(10), t.curvatureAt(10 * ds), 1e-12);
        assertEquals(0.5 * (t.curvature(10) + t.curvature(11)), t.curvatureAt(10.5 * ds), 1e-12);
        assertEquals(t.curvatureAt(3 * ds), t.curvatureAt(3 * ds + t.length()), 1e-9);
        assertEquals(t.curvatureAt(3 * ds), t.curvatureAt(3 * ds - t.length()), 1e-9);
    }

    @Test
    void rejectsParametersThatCannotMakeAValidTrack() {
        IllegalArgumentException tooTight = assertThrows(IllegalArgumentException.class,
                () -> Track.builder().meanRadius(10).minCurveRadius(12).build());
        assertTrue(tooTight.getMessage().contains("minCurveRadius = 12.0"), tooTight.getMessage());
        IllegalArgumentException folds = assertThrows(IllegalArgumentException.class,
                () -> Track.builder().roadWidth(20).minCurveRadius(12).build());
        assertTrue(folds.getMessage().contains("roadWidth = 20.0"), folds.getMessage());
        IllegalArgumentException wiggle = assertThrows(IllegalArgumentException.class,
                () -> Track.builder().wiggle(1.5).build());
        assertTrue(wiggle.getMessage().contains("wiggle = 1.5"), wiggle.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Track.builder().harmonics(0).build());
        assertThrows(IllegalArgumentException.class, () -> Track.builder().meanRadius(Double.NaN).build());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Track.builder().wiggle(0.9).harmonics(8).minCurveRadius(35).build());
        assertTrue(none.getMessage().contains("no valid track"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Track.stadium(50, 2, 6));
    }
}
