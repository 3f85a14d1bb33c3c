package imitation.irl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.env.BinaryWorld;
import imitation.env.GridWorld;
import imitation.env.TabularMdp;
import org.junit.jupiter.api.Test;

class DeepMaxEntIrlTest {

    private static TabularDemonstrations expert(TabularMdp world, int count, long seed) {
        return TabularDemonstrations.sample(world, ValueIteration.optimal(world, world.reward()).policy(), count, seed);
    }

    @Test
    void deepBeatsLinearOnBinaryWorldWithManyDemonstrations() {
        // the lecture's claim (Wulfmeier et al. 2015): a reward that counts blue neighbours is out of reach of a linear model
        TabularMdp world = BinaryWorld.builder().size(12).seed(1).build();
        TabularDemonstrations demos = expert(world, 64, 2);
        IrlResult linear = MaxEntIrl.builder().iterations(100).evdEvery(0).build().train(world, demos);
        IrlResult deep = DeepMaxEntIrl.builder().iterations(100).evdEvery(0).seed(3).build().train(world, demos);
        double linearEvd = ExpectedValueDifference.between(world, linear.reward());
        double deepEvd = ExpectedValueDifference.between(world, deep.reward());
        assertTrue(deepEvd < 0.5 * linearEvd, "deep EVD " + deepEvd + " vs linear " + linearEvd);
    }

    @Test
    void sameSeedGivesTheSameHistoryAndTheModelTransfers() {
        TabularMdp world = BinaryWorld.builder().size(6).seed(4).build();
        TabularDemonstrations demos = expert(world, 8, 5);
        DeepMaxEntIrl irl = DeepMaxEntIrl.builder().iterations(15).hidden(8).seed(7).build();
        IrlResult a = irl.train(world, demos);
        IrlResult b = irl.train(world, demos);
        assertEquals(a.history().toString(), b.history().toString());
        assertEquals(7L, a.history().longColumn("seed").get(0));
        double[] onTraining = a.model().rewards(world);
        for (int s = 0; s < onTraining.length; s++) {
            assertEquals(a.reward()[s], onTraining[s], 1e-6, "the model reproduces the learned reward");
        }
        TabularMdp other = BinaryWorld.builder().size(9).seed(8).build();
        assertEquals(81, a.model().rewards(other).length);
        TabularMdp wrongFeatures = GridWorld.builder().size(4).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.model().rewards(wrongFeatures));
        assertTrue(e.getMessage().contains("reads 9 features but the MDP has 16"), e.getMessage());
    }

    @Test
    void divergingNetworkFailsWithAClearError() {
        TabularMdp world = BinaryWorld.builder().size(6).seed(4).build();
        TabularDemonstrations demos = expert(world, 8, 5);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DeepMaxEntIrl.builder().iterations(30).learningRate(1e30).build().train(world, demos));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
    }

    @Test
    void anInterruptedTrainingStopsWithAMessage() throws InterruptedException {
        TabularMdp world = BinaryWorld.builder().size(6).seed(1).build();
        TabularDemonstrations demos = expert(world, 4, 2);
        DeepMaxEntIrl forever = DeepMaxEntIrl.builder().iterations(Integer.MAX_VALUE).evdEvery(0).build();
        var e = imitation.data.InterruptedRun.of(() -> forever.train(world, demos), 300);
        assertTrue(e.getMessage().startsWith("DeepMaxEntIrl was interrupted after"), e.getMessage());
    }
}
