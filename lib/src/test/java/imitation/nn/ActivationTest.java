package imitation.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActivationTest {

    @Test
    void floatTanhAndSigmoidStayWithinFourTenMillionthsOfTheDoublePrecisionFunctions() {
        double worstTanh = 0;
        double worstSigmoid = 0;
        for (int i = -2_000_000; i <= 2_000_000; i++) {
            float z = i * 1e-5f;
            worstTanh = Math.max(worstTanh, Math.abs(Activation.tanh(z) - Math.tanh(z)));
            worstSigmoid = Math.max(worstSigmoid, Math.abs(Activation.sigmoid(z) - 1 / (1 + Math.exp(-z))));
        }
        assertTrue(worstTanh < 4e-7, "tanh error " + worstTanh);
        assertTrue(worstSigmoid < 4e-7, "sigmoid error " + worstSigmoid);
        // saturation: exactly ±1 far out, no NaN at the extremes
        assertEquals(1f, Activation.tanh(50f));
        assertEquals(-1f, Activation.tanh(-Float.MAX_VALUE));
        assertEquals(0f, Activation.sigmoid(-200f), 1e-7f);
        assertEquals(1f, Activation.sigmoid(Float.POSITIVE_INFINITY));
    }

    @Test
    void aBatchAcrossSeveralChunksEqualsTheValueByValueFunctionInPlaceOrNot() {
        int rows = 700;
        int cols = 3; // 2100 values: two full chunks and a partial one
        Batch x = NetworkTest.random(rows, cols, 1, 4);
        for (int i = 0; i < rows * cols; i++) {
            x.data.put(i, x.data.get(i) * 12); // past the tanh clamp on both sides
        }
        for (Activation f : Activation.values()) {
            Batch y = Batch.zeros(rows, cols);
            f.apply(x, y);
            Batch inPlace = Batch.zeros(rows, cols);
            for (int i = 0; i < rows * cols; i++) {
                inPlace.data.put(i, x.data.get(i));
            }
            f.apply(inPlace, inPlace);
            for (int i = 0; i < rows * cols; i++) {
                float z = x.data.get(i);
                float expected = switch (f) {
                    case TANH -> Activation.tanh(z);
                    case SIGMOID -> Activation.sigmoid(z);
                    case RELU -> Math.max(z, 0f);
                    case IDENTITY -> z;
                };
                assertEquals(expected, y.data.get(i), f + " at " + i);
                assertEquals(expected, inPlace.data.get(i), f + " in place at " + i);
            }
        }
    }
}
