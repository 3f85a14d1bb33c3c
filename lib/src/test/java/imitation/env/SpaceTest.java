package imitation.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpaceTest {

    @Test
    void aBoxClipsACopyOfAnActionIntoItsBounds() {
        Space.Box box = new Space.Box(new double[] {-1, 0}, new double[] {1, Double.POSITIVE_INFINITY});
        double[] action = {-3, 7};
        assertArrayEquals(new double[] {-1, 7}, box.clip(action));
        assertArrayEquals(new double[] {-3, 7}, action, "the argument is left as it was");
        assertArrayEquals(new double[] {0.5, 0}, box.clip(new double[] {0.5, -2}));
    }

    @Test
    void aBoxClipsAnActionInPlace() {
        Space.Box box = new Space.Box(new double[] {-1, 0}, new double[] {1, Double.POSITIVE_INFINITY});
        double[] action = {-3, 7};
        box.clipInPlace(action);
        assertArrayEquals(new double[] {-1, 7}, action);
        double[] inside = {0.5, Double.NaN};
        box.clipInPlace(inside);
        assertArrayEquals(new double[] {0.5, Double.NaN}, inside, "a value inside stays, NaN stays NaN");
    }

    @Test
    void badSizesAndBoundsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Space.Box.of(-3, 0, 1));
        assertTrue(e.getMessage().contains("dim = -3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Space.Box.of(2, 1, 0));
        assertTrue(e.getMessage().contains("[1.0, 0.0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Space.Box(null, new double[1]));
        assertTrue(e.getMessage().contains("null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Space.Discrete(0));
        assertTrue(e.getMessage().contains("n = 0"), e.getMessage());
    }
}
