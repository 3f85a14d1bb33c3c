package imitation.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TransitionTest {

    @Test
    void nonFiniteNullAndMismatchedValuesAreNamed() {
        double[] o = {1, 2};
        Object[][] cases = {
            {new double[] {Double.NaN, 0}, new double[] {1}, 0.0, o, "observation[0] = NaN"},
            {o, new double[] {Double.POSITIVE_INFINITY}, 0.0, o, "action[0] = Infinity"},
            {o, new double[] {1}, Double.NaN, o, "reward = NaN"},
            {o, new double[] {1}, 0.0, new double[] {1, 2, 3}, "nextObservation has 3 values but observation has 2"},
            {o, null, 0.0, o, "action is null"},
            {o, new double[0], 0.0, o, "action is empty"},
        };
        for (Object[] c : cases) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> new Transition((double[]) c[0], (double[]) c[1], (double) c[2], (double[]) c[3], false));
            assertTrue(e.getMessage().contains((String) c[4]), e.getMessage());
        }
        double[] a = {1};
        Transition t = new Transition(o, a, 0.5, o, true);
        a[0] = 7;
        assertArrayEquals(new double[] {1}, t.action(), "defensive copy");
    }
}
