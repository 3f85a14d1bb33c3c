package imitation.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TabularMdpTest {

    private static TabularMdp.Builder twoStates() {
        return TabularMdp.builder(2, 2)
                .transition(0, 0, 0, 1).transition(0, 1, 1, 1)
                .transition(1, 0, 0, 0.25).transition(1, 0, 1, 0.75)
                .transition(1, 1, 1, 1);
    }

    @Test
    void rowNotSummingToOneNamesStateActionAndSum() {
        TabularMdp.Builder b = TabularMdp.builder(2, 2)
                .transition(0, 0, 0, 1).transition(0, 1, 1, 1)
                .transition(1, 0, 0, 0.25).transition(1, 0, 1, 0.5)
                .transition(1, 1, 1, 1).horizon(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("state 1, action 0 sums to 0.75"), e.getMessage());
    }

    @Test
    void missingRowIsReportedAsSummingToZero() {
        TabularMdp.Builder b = TabularMdp.builder(2, 1).transition(0, 0, 1, 1).horizon(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("state 1, action 0 sums to 0.0"), e.getMessage());
    }

    @Test
    void negativeProbabilityIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TabularMdp.builder(2, 1).transition(0, 0, 1, -0.1));
        assertTrue(e.getMessage().contains("-0.1") && e.getMessage().contains("negative"), e.getMessage());
    }

    @Test
    void featuresOfWrongShapeAreRejected() {
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> twoStates().features(new double[3][2]));
        assertTrue(rows.getMessage().contains("expected 2 rows"), rows.getMessage());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> twoStates().features(new double[][] {{1, 2}, {3}}));
        assertTrue(ragged.getMessage().contains("row 1 has length 1"), ragged.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> twoStates().features(new double[][] {{1, Double.NaN}, {3, 4}}));
    }

    @Test
    void discountOfOneWithoutHorizonIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> twoStates().build());
        assertTrue(e.getMessage().contains("discount = 1.0 >= 1 without a finite horizon"), e.getMessage());
        assertEquals(66, twoStates().discount(0.9).build().horizon(), "episodes cut where 0.9^t <= 1e-3");
    }

    @Test
    void nonFiniteRewardIsRejected() {
        TabularMdp mdp = twoStates().horizon(3).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mdp.withReward(new double[] {0, Double.NaN}));
        assertTrue(e.getMessage().contains("reward[1] = NaN"), e.getMessage());
        assertThrows(IllegalStateException.class, mdp::reward);
    }

    @Test
    void defaultFeaturesAreOneHotAndSuccessorsAreSortedRows() {
        TabularMdp mdp = twoStates().horizon(3).build();
        assertArrayEquals(new double[][] {{1, 0}, {0, 1}}, mdp.features());
        assertArrayEquals(new int[] {0, 1, 2, 4, 5}, mdp.rowStart());
        assertArrayEquals(new int[] {0, 1, 0, 1, 1}, mdp.successors());
        assertEquals(0.75, mdp.probability(1, 0, 1));
        assertEquals(0.0, mdp.probability(0, 0, 1));
    }

    @Test
    void episodeLastsHorizonPaysRewardOfStateLeftAndRepeatsBySeed() {
        TabularMdp mdp = twoStates().horizon(4).initial(new double[] {1, 0}).reward(new double[] {2, -1}).build();
        double[] first = mdp.reset(7);
        assertArrayEquals(new double[] {0, 0}, first);
        Step s = mdp.step(new double[] {1});
        assertArrayEquals(new double[] {1, 1}, s.observation());
        assertEquals(2, s.reward());
        s = mdp.step(new double[] {1});
        assertEquals(-1, s.reward());
        assertTrue(!s.done());
        mdp.step(new double[] {0});
        s = mdp.step(new double[] {0});
        assertTrue(s.truncated() && !s.terminated());
        assertEquals(4, s.observation()[1]);
        assertThrows(IllegalStateException.class, () -> mdp.step(new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> {
            mdp.reset(1);
            mdp.step(new double[] {2});
        });

        double[] a = rollout(mdp, 11);
        double[] b = rollout(mdp, 11);
        assertArrayEquals(a, b);
    }

    private static double[] rollout(TabularMdp mdp, long seed) {
        double[] states = new double[mdp.horizon()];
        mdp.reset(seed);
        for (int t = 0; t < mdp.horizon(); t++) {
            states[t] = mdp.step(new double[] {0}).observation()[0];
        }
        return states;
    }

    @Test
    void sampledSuccessorsFollowTheProbabilities() {
        TabularMdp mdp = twoStates().horizon(2).build();
        SplittableRandom rng = new SplittableRandom(3);
        int n = 40_000;
        int ones = 0;
        for (int i = 0; i < n; i++) {
            ones += mdp.sampleNext(1, 0, rng);
        }
        double sd = Math.sqrt(0.75 * 0.25 / n);
        assertEquals(0.75, (double) ones / n, 4 * sd);
    }

    @Test
    void finiteAndDiscountedMdpsPassTheEnvChecker() {
        EnvChecker.check(() -> twoStates().horizon(5).reward(new double[] {1, -1}).build());
        EnvChecker.check(() -> twoStates().discount(0.7).build());
    }

    @Test
    void sizesTooLargeToHoldAreRejectedNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TabularMdp.builder(1_000_000_000, 1_000));
        assertTrue(e.getMessage().contains("TabularMdp.builder(1000000000, 1000)"), e.getMessage());
        TabularMdp.Builder wide = TabularMdp.builder(200_000, 1);
        for (int s = 0; s < 200_000; s++) {
            wide.transition(s, 0, s, 1);
        }
        e = assertThrows(IllegalArgumentException.class, () -> wide.horizon(2).build());
        assertTrue(e.getMessage().contains("default one-hot features") && e.getMessage().contains("200000 features"),
                e.getMessage());
    }

    @Test
    void aDiscountSoCloseToOneThatEpisodesNeverEndIsRejectedWithTheLimit() {
        for (double gamma : new double[] {0.9999999, 1 - 1e-15}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> twoStates().discount(gamma).build());
            assertTrue(e.getMessage().startsWith("discount = " + gamma + " without a finite horizon")
                    && e.getMessage().contains("at most 0.99993"), e.getMessage());
        }
        assertEquals(98679, twoStates().discount(0.99993).build().horizon());
    }

    @Test
    void nullGeneratorsAndOutOfRangeIndicesAreNamed() {
        TabularMdp mdp = twoStates().horizon(3).build();
        var e = assertThrows(IllegalArgumentException.class, () -> mdp.sampleInitial(null));
        assertTrue(e.getMessage().contains("rng is null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> mdp.sampleNext(0, 1, null));
        assertTrue(e.getMessage().contains("rng is null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> mdp.feature(7, 0));
        assertTrue(e.getMessage().contains("state = 7"), e.getMessage());
    }
}
