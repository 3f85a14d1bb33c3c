package imitation.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StandardisationTest {

    @Test
    void meanAndPopulationSpreadOfEveryRowWithScaleOneForAConstantColumn() {
        Standardisation s = Standardisation.of(new double[][] {{1, 5}, {3, 5}, {5, 5}});
        assertArrayEquals(new double[] {3, 5}, s.mean(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(8.0 / 3), 1}, s.scale(), 1e-12);
        assertArrayEquals(new double[] {-Math.sqrt(1.5), 0}, s.apply(new double[] {1, 5}), 1e-12);
    }

    @Test
    void rejectsNoRows() {
        var e = assertThrows(IllegalArgumentException.class, () -> Standardisation.of(new double[0][]));
        assertTrue(e.getMessage().contains("obs is empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Standardisation.of(null));
        assertTrue(e.getMessage().contains("obs is null"), e.getMessage());
    }
}
