package imitation.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GridWorldsTest {

    @Test
    void windyGridMovesMatchHandComputedProbabilities() {
        TabularMdp g = GridWorld.builder().size(3).wind(0.5).build();
        // corner (0,0), action right: intended 0.5 + 0.1; stay, left and up keep the agent in place
        assertEquals(0.6, g.probability(0, 0, 1), 1e-12);
        assertEquals(0.3, g.probability(0, 0, 0), 1e-12);
        assertEquals(0.1, g.probability(0, 0, 3), 1e-12);
        // centre (1,1), action stay: 0.6 to stay, 0.1 to each neighbour
        assertEquals(0.6, g.probability(4, 4, 4), 1e-12);
        assertEquals(0.1, g.probability(4, 4, 1), 1e-12);
        assertEquals(6, g.horizon());
        assertEquals(1.0, g.reward()[8]);
        assertEquals(1.0, Arrays.stream(g.reward()).sum());
    }

    @Test
    void blockFeaturesAreOneHotOfTheBlock() {
        TabularMdp g = GridWorld.builder().size(4).blockSize(2).goal(0, 3, -2).build();
        assertEquals(4, g.featureCount());
        assertArrayEquals(new double[] {0, 1, 0, 0}, g.features()[3]);
        assertArrayEquals(new double[] {0, 0, 0, 1}, g.features()[15]);
        assertEquals(-2, g.reward()[12]);
        assertThrows(IllegalArgumentException.class, () -> GridWorld.builder().size(4).goal(4, 0, 1));
    }

    @Test
    void objectWorldRewardFollowsTheColourRuleOnItsDistanceFeatures() {
        TabularMdp w = ObjectWorld.builder().size(16).seed(5).build();
        double[][] f = w.features();
        double[] r = w.reward();
        int positive = 0;
        int negative = 0;
        for (int s = 0; s < w.states(); s++) {
            double expected = f[s][1] <= 3 ? (f[s][3] <= 2 ? 1 : -1) : 0;
            assertEquals(expected, r[s], "state " + s);
            positive += r[s] > 0 ? 1 : 0;
            negative += r[s] < 0 ? 1 : 0;
        }
        assertTrue(positive > 0 && negative > 0, "both reward signs occur");
        TabularMdp binary = ObjectWorld.builder().size(16).seed(5).features(ObjectWorld.Features.BINARY).build();
        assertEquals(4 * 16, binary.featureCount());
        for (int s = 0; s < w.states(); s++) {
            for (int j = 0; j < 4; j++) {
                for (int d = 1; d <= 16; d++) {
                    assertEquals(f[s][j] <= d ? 1.0 : 0.0, binary.feature(s, j * 16 + d - 1));
                }
            }
        }
        assertArrayEquals(r, binary.reward());
        assertArrayEquals(r, ObjectWorld.builder().size(16).seed(5).build().reward());
        assertFalse(Arrays.equals(r, ObjectWorld.builder().size(16).seed(6).build().reward()));
    }

    @Test
    void binaryWorldRewardCountsBlueCellsOfTheNeighbourhood() {
        TabularMdp w = BinaryWorld.builder().size(12).seed(2).build();
        assertEquals(9, w.featureCount());
        int[] counts = new int[3];
        for (int s = 0; s < w.states(); s++) {
            double blues = Arrays.stream(w.features()[s]).sum();
            double expected = blues == 4 ? 1 : blues == 5 ? -1 : 0;
            assertEquals(expected, w.reward()[s]);
            counts[(int) expected + 1]++;
            int x = s % 12;
            int y = s / 12;
            if (x + 1 < 12) { // the right neighbour's centre colour is this cell's feature 5
                assertEquals(w.feature(s + 1, 4), w.feature(s, 5));
            }
            if (y == 0) {
                assertEquals(0.0, w.feature(s, 1), "outside the grid counts as red");
            }
        }
        assertTrue(counts[0] > 0 && counts[2] > 0);
        assertFalse(Arrays.equals(w.reward(), BinaryWorld.builder().size(12).seed(3).build().reward()));
    }

    @Test
    void everyGeneratorPassesTheEnvChecker() {
        EnvChecker.check(() -> GridWorld.builder().size(4, 3).wind(0.3).build());
        EnvChecker.check(() -> ObjectWorld.builder().size(5).build());
        EnvChecker.check(() -> BinaryWorld.builder().size(4).build());
        EnvChecker.check(() -> GridWorld.builder().size(3).discount(0.5).build());
    }

    @Test
    void gridsTooLargeToHoldAreRejectedNamingTheSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GridWorld.builder().size(50000).build());
        assertTrue(e.getMessage().contains("size 50000×50000") && e.getMessage().contains("2500000000 states"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GridWorld.builder().size(3000).build());
        assertTrue(e.getMessage().contains("size 3000×3000") && e.getMessage().contains("9000000 features"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BinaryWorld.builder().size(100000).build());
        assertTrue(e.getMessage().contains("BinaryWorld: size 100000×100000"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ObjectWorld.builder().size(70000).build());
        assertTrue(e.getMessage().contains("ObjectWorld: size 70000×70000"), e.getMessage());
    }

    @Test
    void objectWorldOffersLevineEtAlsDefinition() {
        ObjectWorld.Builder paperBuilder = ObjectWorld.builder().size(32).seed(4).definition(ObjectWorld.Definition.LEVINE_2011);
        TabularMdp paper = paperBuilder.build();
        TabularMdp project = ObjectWorld.builder().size(32).seed(4).build();
        int centre = 10 * 32 + 10;
        // action 0 moves right: the paper's code keeps the intended move at exactly 1 − 0.3, the rest spread over the others
        assertEquals(0.7, paper.probability(centre, 0, centre + 1), 1e-12);
        assertEquals(0.075, paper.probability(centre, 0, centre - 1), 1e-12);
        assertEquals(0.76, project.probability(centre, 0, centre + 1), 1e-12);
        assertEquals(0.06, project.probability(centre, 0, centre - 1), 1e-12);
        // the distance rule is strict
        double[][] f = paper.features();
        int objects = 0;
        for (int s = 0; s < paper.states(); s++) {
            double expected = f[s][1] < 3 ? (f[s][3] < 2 ? 1 : -1) : 0;
            assertEquals(expected, paper.reward()[s], "state " + s);
            objects += Math.min(f[s][1], f[s][3]) == 0 ? 1 : 0;   // an object of outer colour 0 or 1 sits here
        }
        // each of the 1024 cells holds an object with probability 0.05: 51.2 expected, standard deviation 7.0;
        // with two colours every object has outer colour 0 or 1, so this counts all of them
        assertTrue(objects >= 51.2 - 5 * 7.0 && objects <= 51.2 + 5 * 7.0, "objects placed: " + objects);
        TabularMdp binary = paperBuilder.features(ObjectWorld.Features.BINARY).build();
        assertEquals(4 * 31, binary.featureCount());
        for (int s = 0; s < paper.states(); s++) {
            for (int j = 0; j < 4; j++) {
                for (int d = 1; d <= 31; d++) {
                    assertEquals(f[s][j] < d ? 1.0 : 0.0, binary.feature(s, j * 31 + d - 1));
                }
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ObjectWorld.builder().definition(ObjectWorld.Definition.LEVINE_2011).objects(5).build());
        assertTrue(e.getMessage().contains("objects = 5") && e.getMessage().contains("Definition.PROJECT"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ObjectWorld.builder().size(1)
                .definition(ObjectWorld.Definition.LEVINE_2011).features(ObjectWorld.Features.BINARY).build());
        assertTrue(e.getMessage().contains("size = 1"), e.getMessage());
        assertThrows(NullPointerException.class, () -> ObjectWorld.builder().definition(null));
    }
}
