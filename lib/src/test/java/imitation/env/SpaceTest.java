package imitation.env;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpaceTest {

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
