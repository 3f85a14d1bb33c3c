package imitation.irl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PartitionEstimateTest {

    /** Z of f(x) = exp(−x²/(2s²)) is s√(2π); samples from q = N(0, 1). */
    @Test
    void importanceSampledGaussianIntegralMatchesTheKnownAnswer() {
        double s = 0.5;
        int n = 20000;
        Random rng = new Random(3);
        double[] logF = new double[n];
        double[] logQ = new double[n];
        double[] w = new double[n];
        for (int j = 0; j < n; j++) {
            double x = rng.nextGaussian();
            logF[j] = -x * x / (2 * s * s);
            logQ[j] = -x * x / 2 - 0.5 * Math.log(2 * Math.PI);
            w[j] = Math.exp(logF[j] - logQ[j]);
        }
        PartitionEstimate z = PartitionEstimate.of(logF, logQ);
        double mean = java.util.Arrays.stream(w).average().orElseThrow();
        double var = java.util.Arrays.stream(w).map(v -> (v - mean) * (v - mean)).sum() / (n - 1);
        double standardError = Math.sqrt(var / n) / mean;   // of log Ẑ, by the delta method
        double truth = Math.log(s * Math.sqrt(2 * Math.PI));
        assertEquals(truth, z.logZ(), 4 * standardError, "log Z against log(s√(2π))");
        // ESS / n tends to (E w)² / E w² = 2π s² / (√(2π) · √(π / (1/s² − 1/2))) = 0.661 for s = 0.5
        double expected = 2 * Math.PI * s * s / (Math.sqrt(2 * Math.PI) * Math.sqrt(Math.PI / (1 / (s * s) - 0.5)));
        assertEquals(expected, z.effectiveSampleSize() / n, 0.02);
        assertEquals(1, java.util.Arrays.stream(z.weights()).sum(), 1e-9);
    }

    @Test
    void proposalProportionalToTheTargetGivesTheExactAnswerAndFullSampleSize() {
        double[] logQ = {-1.2, -0.3, -2.5, -0.9};
        double[] logF = new double[4];
        for (int j = 0; j < 4; j++) {
            logF[j] = logQ[j] + 3.7;
        }
        PartitionEstimate z = PartitionEstimate.of(logF, logQ);
        assertEquals(3.7, z.logZ(), 1e-12);
        assertEquals(4, z.effectiveSampleSize(), 1e-9);
        assertFalse(z.collapsed(2));
    }

    @Test
    void mixtureWeightsAreNormalisedAndWeightTheSamples() {
        // two samples, weights 3:1, ratios f/q = e^0 and e^2: Ẑ = 0.75 + 0.25 e²
        PartitionEstimate z = PartitionEstimate.of(new double[] {0, 2}, new double[] {0, 0},
                new double[] {Math.log(3), 0});
        assertEquals(Math.log(0.75 + 0.25 * Math.exp(2)), z.logZ(), 1e-12);
    }

    @Test
    void weightsThatOverflowADoubleStayFiniteInLogSpace() {
        double[] logF = {1000, 1001, 1002};
        double[] logQ = {0, 0, 0};
        assertEquals(Double.POSITIVE_INFINITY, Math.exp(logF[0] - logQ[0]), "the naive weight overflows");
        PartitionEstimate z = PartitionEstimate.of(logF, logQ);
        double expected = 1000 + Math.log((1 + Math.E + Math.E * Math.E) / 3);
        assertEquals(expected, z.logZ(), 1e-9);
        assertTrue(Double.isFinite(z.effectiveSampleSize()));
    }

    @Test
    void oneDominantWeightIsReportedAsACollapse() {
        double[] logF = new double[50];
        logF[17] = 40;
        PartitionEstimate z = PartitionEstimate.of(logF, new double[50]);
        assertEquals(1, z.effectiveSampleSize(), 1e-9);
        assertTrue(z.collapsed(2));
        assertEquals(1, z.weights()[17], 1e-12);
    }

    @Test
    void badInputIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PartitionEstimate.of(null, new double[1]))
                .getMessage().contains("logF"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PartitionEstimate.of(new double[0], new double[0]))
                .getMessage().contains("no samples"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PartitionEstimate.of(new double[2], new double[3]))
                .getMessage().contains("one of each per sample"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PartitionEstimate.of(new double[] {0, Double.NaN}, new double[2])).getMessage().contains("logF[1] = NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PartitionEstimate.of(new double[2], new double[] {Double.NEGATIVE_INFINITY, 0})).getMessage()
                .contains("logQ[0] = -Infinity"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PartitionEstimate.of(new double[] {Double.NEGATIVE_INFINITY}, new double[1])).getMessage()
                .contains("every sample has weight 0"));
    }
}
