package imitation.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Adam's optional first-moment decay: used in the update, kept by copies, and checked. */
class AdamBeta1Test {
    /** Two steps on one value with gradients 1 then −1, by the bias-corrected formulas. */
    private static double twoSteps(double beta1) {
        double lr = 0.1;
        double m = (1 - beta1) * 1;
        double v = 0.001 * 1;
        double x = -lr * (m / (1 - beta1)) / (Math.sqrt(v / 0.001) + 1e-8);
        m = beta1 * m + (1 - beta1) * -1;
        v = 0.999 * v + 0.001 * 1;
        return x - lr * (m / (1 - beta1 * beta1)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
    }

    @Test
    void theDecayEntersTheUpdateAndCopiesKeepIt() {
        for (double beta1 : new double[] {0.9, 0.5, 0}) {
            Adam adam = beta1 == 0.9 ? new Adam(0.1) : new Adam(0.1, 0, beta1);
            double[] x = {0};
            adam.step(x, new double[] {1});
            Adam copy = adam.copy();
            double[] y = x.clone();
            adam.step(x, new double[] {-1});
            copy.step(y, new double[] {-1});
            assertEquals(twoSteps(beta1), x[0], 1e-12, "beta1 = " + beta1);
            assertEquals(x[0], y[0], 0, "the copy keeps beta1 = " + beta1);
        }
        assertTrue(twoSteps(0.5) != twoSteps(0.9));
    }

    @Test
    void aDecayOutsideZeroToOneIsNamed() {
        for (double beta1 : new double[] {1, -0.1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(1e-3, 0, beta1));
            assertTrue(e.getMessage().contains("beta1 = " + beta1) && e.getMessage().contains("[0, 1)"), e.getMessage());
        }
    }
}
