package imitation.irl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Trajectory;
import imitation.env.PointReach;
import imitation.policy.Distribution;
import imitation.policy.NetPolicy;
import imitation.rl.PolicyOptimisation;
import imitation.rl.Reward;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoftRewardTest {
    private static final NetPolicy POLICY = PolicyOptimisation.builder().hidden(8).seed(3).build()
            .start(2, new PointReach().actionSpace()).policy();
    private static final Trajectory A = new Trajectory(new double[][] {{0, 0}, {0.1, 0}, {0.2, 0.1}},
            new double[][] {{0.7, 0.1}, {0.6, 0.6}}, new double[] {0, 0}, false);
    private static final Trajectory B = new Trajectory(new double[][] {{-0.5, 0.5}, {-0.4, 0.4}},
            new double[][] {{1.8, -0.3}}, new double[] {0}, false);

    /** r_t − α ℓ_t, by hand, for an inside action and one clipped to the box's bound. */
    @Test
    void subtractsTheTemperatureTimesTheExecutedLogLikelihood() {
        Reward base = t -> {
            double[] r = new double[t.length()];
            for (int i = 0; i < r.length; i++) {
                r[i] = -(i + 1) - t.observation(i + 1)[0];
            }
            return r;
        };
        double alpha = 0.7;
        List<double[]> soft = new SoftReward(base, POLICY, alpha).rewards(List.of(A, B));
        double[] la = ExecutedLikelihood.of(POLICY, List.of(A));
        assertEquals(-1 - 0.1 - alpha * la[0], soft.get(0)[0], 1e-12);
        assertEquals(-2 - 0.2 - alpha * la[1], soft.get(0)[1], 1e-12);
        assertEquals(POLICY.logProb(new double[][] {{0, 0}}, new double[][] {{0.7, 0.1}})[0], la[0], 1e-12);
        double[] raw = POLICY.outputs(new double[][] {{-0.5, 0.5}})[0];
        double mass = Distribution.logNormalCdf((raw[0] - 1) / Math.exp(raw[2]));
        double z = (-0.3 - raw[1]) / Math.exp(raw[3]);
        double inside = -0.5 * z * z - raw[3] - 0.5 * Math.log(2 * Math.PI);
        assertEquals(-1 + 0.4 - alpha * (mass + inside), soft.get(1)[0], 1e-12);
        assertArrayEquals(soft.get(1), new SoftReward(base, POLICY, alpha).rewards(B), 1e-12);
        // temperature 0: the reward unchanged
        List<double[]> plain = base.rewards(List.of(A, B));
        List<double[]> zero = new SoftReward(base, POLICY, 0).rewards(List.of(A, B));
        assertArrayEquals(plain.get(0), zero.get(0), 0);
        assertArrayEquals(plain.get(1), zero.get(1), 0);
    }

    @Test
    void badInputIsNamed() {
        Reward base = Trajectory::rewards;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SoftReward(null, POLICY, 1)).getMessage()
                .contains("reward is null"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SoftReward(base, null, 1)).getMessage()
                .contains("policy is null"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SoftReward(base, POLICY, -0.1)).getMessage()
                .contains("temperature = -0.1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SoftReward(base, POLICY, Double.POSITIVE_INFINITY))
                .getMessage().contains("temperature = Infinity"));
        Reward tooShort = t -> new double[0];
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SoftReward(tooShort, POLICY, 1).rewards(A))
                .getMessage().contains("gave 0 values for a trajectory of 2 steps"));
        assertSame(base, new SoftReward(base, POLICY, 1).reward());
    }
}
