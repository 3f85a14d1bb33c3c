package imitation.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.learn.Distillation.Lesson;
import imitation.learn.Distillation.Loss;
import imitation.policy.Head;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class DistillationTest {

    /**
     * Two teachers over two actions with opposite tastes: teacher "right" scores (x, −x), teacher "left"
     * (−x, x). The student sees [x, one-hot teacher id], so it can serve both only by reading the id.
     */
    private static List<Lesson> opposites(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] obsA = new double[n][];
        double[][] obsB = new double[n][];
        double[][] qA = new double[n][];
        double[][] qB = new double[n][];
        for (int i = 0; i < n; i++) {
            double x = rng.nextDouble(-1, 1);
            obsA[i] = new double[] {x, 1, 0};
            obsB[i] = new double[] {x, 0, 1};
            qA[i] = new double[] {x, -x};
            qB[i] = new double[] {-x, x};
        }
        return List.of(new Lesson("right", obsA, qA), new Lesson("left", obsB, qB));
    }

    @Test
    void nllTargetsAreOneHotRowsOfTheFirstArgmax() {
        double[][] t = Loss.NLL_ARGMAX.targets(new double[][] {{1, 3, 2}, {5, 5, 0}, {-2, -7, -1}});
        assertArrayEquals(new double[] {0, 1, 0}, t[0]);
        assertArrayEquals(new double[] {1, 0, 0}, t[1], "a tie goes to the lowest index");
        assertArrayEquals(new double[] {0, 0, 1}, t[2]);
        assertEquals(Head.categorical(3), Loss.NLL_ARGMAX.head(3));
        assertTrue(Double.isNaN(Loss.NLL_ARGMAX.temperature()));
    }

    @Test
    void mseTargetsAreACopyOfTheScoresOnARegressionHead() {
        double[][] scores = {{1.5, -2, 0.25}};
        double[][] t = Loss.MSE_SCORES.targets(scores);
        assertArrayEquals(scores[0], t[0]);
        t[0][0] = 99;
        assertEquals(1.5, scores[0][0], "targets are new arrays");
        assertEquals(Head.deterministic(3), Loss.MSE_SCORES.head(3));
    }

    @Test
    void klTargetsAreTheTemperatureSoftenedSoftmax() {
        // softmax((0, τ ln 3) / τ) = (1, 3) / 4, whatever τ
        for (double tau : new double[] {0.01, 0.5, 2}) {
            double[] t = Loss.kl(tau).targets(new double[][] {{0, tau * Math.log(3)}})[0];
            assertEquals(0.25, t[0], 1e-12, "τ = " + tau);
            assertEquals(0.75, t[1], 1e-12, "τ = " + tau);
        }
        // (0, 1, 2) at τ = 1: e^{a} / (1 + e + e²)
        double z = 1 + Math.E + Math.E * Math.E;
        assertArrayEquals(new double[] {1 / z, Math.E / z, Math.E * Math.E / z},
                Loss.kl(1).targets(new double[][] {{0, 1, 2}})[0], 1e-12);
        // shifting all scores changes nothing, and large scores do not overflow
        assertArrayEquals(Loss.kl(0.01).targets(new double[][] {{0, 0.01, 0.03}})[0],
                Loss.kl(0.01).targets(new double[][] {{1e4, 1e4 + 0.01, 1e4 + 0.03}})[0], 1e-9);
        assertEquals(Head.categorical(3), Loss.kl(0.01).head(3));
        assertEquals(0.01, Loss.kl(0.01).temperature());
    }

    @Test
    void klWithVanishingTemperatureIsTheArgmaxTarget() {
        double[][] scores = {{0.3, 0.31, 0.2}, {-1, -2, -1.5}, {4, 0, 3.99}};
        double[][] hard = Loss.NLL_ARGMAX.targets(scores);
        double[][] soft = Loss.kl(1e-5).targets(scores);
        for (int i = 0; i < scores.length; i++) {
            assertArrayEquals(hard[i], soft[i], 1e-100, "row " + i);
        }
    }

    @Test
    void klWithHighTemperatureIsNearlyUniform() {
        double[] t = Loss.kl(1e6).targets(new double[][] {{0, 1, 2, 3}})[0];
        for (double p : t) {
            assertEquals(0.25, p, 1e-6);
        }
    }

    @Test
    void oneStudentServesTwoTeachersByReadingTheTaskIdWithEachLoss() {
        List<Lesson> lessons = opposites(400, 1);
        double[][] probe = new double[40][];
        for (int i = 0; i < 20; i++) {
            double x = (i < 10 ? -1 : 1) * (0.2 + 0.08 * (i % 10)); // |x| in [0.2, 0.92], away from the tie at 0
            probe[2 * i] = new double[] {x, 1, 0};
            probe[2 * i + 1] = new double[] {x, 0, 1};
        }
        for (Loss loss : List.of(Loss.NLL_ARGMAX, Loss.MSE_SCORES, Loss.kl(0.01))) {
            Distillation.Result r = Distillation.builder().loss(loss).hidden(16).steps(1500).learningRate(3e-3).seed(2).build()
                    .train(lessons);
            double[][] actions = r.policy().act(probe);
            for (int i = 0; i < probe.length; i++) {
                double x = probe[i][0];
                boolean right = probe[i][1] == 1;
                int expected = (x > 0) == right ? 0 : 1;
                assertEquals(expected, (int) actions[i][0], loss + ": probe x = " + x + ", teacher " + (right ? "right" : "left"));
            }
            Table agreement = r.agreement();
            assertEquals(List.of("right", "left"), agreement.stringColumn("teacher").asList());
            assertTrue(agreement.doubleColumn("agreement").min() >= 0.95, loss + ": " + agreement);
        }
    }

    @Test
    void theMseStudentsOutputsEstimateTheScores() {
        Distillation.Result r = Distillation.builder().loss(Loss.MSE_SCORES).hidden(16).steps(1500).learningRate(3e-3).seed(3)
                .build().train(opposites(400, 4));
        double[][] out = r.policy().outputs(new double[][] {{0.5, 1, 0}, {0.5, 0, 1}});
        assertArrayEquals(new double[] {0.5, -0.5}, out[0], 0.1);
        assertArrayEquals(new double[] {-0.5, 0.5}, out[1], 0.1);
    }

    @Test
    void historyIsLongFormatAndTheLastAgreementMatchesTheTeachersTable() {
        Distillation.Result r = Distillation.builder().hidden(8).steps(50).logEvery(20).seed(5).build().train(opposites(30, 6));
        Table h = r.history();
        assertEquals(List.of("step", "metric", "value", "seed"), h.columnNames());
        // logs at 20, 40 and the last step 50, three metrics each
        assertEquals(9, h.rowCount());
        assertEquals(List.of(20, 20, 20, 40, 40, 40, 50, 50, 50), h.intColumn("step").asList());
        assertTrue(h.longColumn("seed").asList().stream().allMatch(s -> s == 5));
        double last = h.doubleColumn("value").get(7);
        assertEquals("agreement", h.stringColumn("metric").get(7));
        Table perTeacher = r.agreement();
        double weighted = (perTeacher.doubleColumn("agreement").get(0) * 30 + perTeacher.doubleColumn("agreement").get(1) * 30) / 60;
        assertEquals(weighted, last, 1e-12);
    }

    @Test
    void theSameSeedGivesTheSameStudentAndHistory() {
        List<Lesson> lessons = opposites(100, 7);
        Distillation d = Distillation.builder().loss(Loss.kl(0.1)).hidden(8).steps(120).logEvery(40).seed(9).build();
        Distillation.Result a = d.train(lessons);
        Distillation.Result b = d.train(lessons);
        double[][] probe = {{0.3, 1, 0}, {-0.7, 0, 1}};
        assertArrayEquals(a.history().doubleColumn("value").where(a.history().stringColumn("metric").isNotEqualTo("seconds")).asDoubleArray(),
                b.history().doubleColumn("value").where(b.history().stringColumn("metric").isNotEqualTo("seconds")).asDoubleArray());
        for (int i = 0; i < probe.length; i++) {
            assertArrayEquals(a.policy().outputs(probe)[i], b.policy().outputs(probe)[i], 0.0);
        }
        Distillation.Result c = Distillation.builder().loss(Loss.kl(0.1)).hidden(8).steps(120).logEvery(40).seed(10).build()
                .train(lessons);
        assertFalse(Arrays.equals(a.policy().outputs(probe)[0], c.policy().outputs(probe)[0]), "another seed, another student");
    }

    @Test
    void lessonsAreCopiedInAndOut() {
        double[][] obs = {{1, 2}};
        double[][] q = {{0, 1}};
        Lesson l = new Lesson("t", obs, q);
        obs[0][0] = 7;
        q[0][1] = 7;
        assertEquals(1, l.observations()[0][0]);
        l.scores()[0][1] = 5;
        assertEquals(1, l.scores()[0][1]);
        assertEquals(1, l.size());
        assertEquals(2, l.actions());
    }

    @Test
    void badTemperaturesAreRejectedWithTheValue() {
        for (double tau : new double[] {0, -0.01, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Loss.kl(tau));
            assertTrue(e.getMessage().contains("temperature = " + tau), e.getMessage());
        }
    }

    @Test
    void teachersWithDifferentActionCountsCannotShareAStudent() {
        Lesson two = new Lesson("two", new double[][] {{0}}, new double[][] {{0, 1}});
        Lesson three = new Lesson("three", new double[][] {{0}}, new double[][] {{0, 1, 2}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Distillation.builder().steps(1).build().train(two, three));
        assertTrue(e.getMessage().contains("three scores 3 actions") && e.getMessage().contains("two scores 2"), e.getMessage());
        Lesson wide = new Lesson("wide", new double[][] {{0, 0}}, new double[][] {{0, 1}});
        e = assertThrows(IllegalArgumentException.class, () -> Distillation.builder().steps(1).build().train(two, wide));
        assertTrue(e.getMessage().contains("observations have 2 values"), e.getMessage());
    }

    @Test
    void emptyOrBrokenDataIsRejected() {
        Distillation d = Distillation.builder().steps(1).build();
        assertThrows(IllegalArgumentException.class, () -> d.train(List.of()));
        assertThrows(IllegalArgumentException.class, () -> d.train((List<Lesson>) null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Lesson("t", new double[0][], new double[0][]));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Lesson("t", new double[][] {{0}}, new double[][] {{0, Double.NaN}}));
        assertTrue(e.getMessage().contains("scores[0][1] = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Lesson("t", new double[][] {{0}, {1}}, new double[][] {{0, 1}}));
        assertTrue(e.getMessage().contains("2 observations but 1 score rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Lesson("t", new double[][] {{0}}, new double[][] {{1}}));
        assertTrue(e.getMessage().contains("at least 2 actions"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Lesson("t", new double[][] {{0}, {1, 2}}, new double[][] {{0, 1}, {0, 1}}));
        assertTrue(e.getMessage().contains("observations[1] has 2 values"), e.getMessage());
    }

    @Test
    void theStudentRejectsObservationsOfAnotherWidth() {
        Distillation.Result r = Distillation.builder().hidden(4).steps(5).seed(1).build().train(opposites(10, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.policy().act(new double[][] {{0.5, 1}}));
        assertTrue(e.getMessage().contains("has 2 values") && e.getMessage().contains("trained on 3"), e.getMessage());
    }

    @Test
    void builderRejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> Distillation.builder().loss(null));
        assertThrows(IllegalArgumentException.class, () -> Distillation.builder().steps(0));
        assertThrows(IllegalArgumentException.class, () -> Distillation.builder().batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> Distillation.builder().learningRate(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Distillation.builder().hidden(8, 0));
        assertThrows(IllegalArgumentException.class, () -> Distillation.builder().logEvery(0));
    }

    @Test
    void everyLossGradientMatchesFiniteDifferences() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        for (Loss loss : new Loss[] {Loss.NLL_ARGMAX, Loss.MSE_SCORES, Loss.kl(0.5)}) {
            int n = 4;
            int k = 3;
            double[][] raw = new double[n][k];
            double[][] scores = new double[n][k];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < k; j++) {
                    raw[r][j] = rng.nextDouble() * 2 - 1;
                    scores[r][j] = rng.nextDouble() * 2 - 1;
                }
            }
            double[][] targets = loss.targets(scores);
            imitation.nn.Batch dRaw = imitation.nn.Batch.zeros(n, k);
            loss.lossGradient(imitation.nn.Batch.of(raw), targets, dRaw);
            double h = 1e-2;
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < k; j++) {
                    double orig = raw[r][j];
                    raw[r][j] = orig + h;
                    double plus = loss.lossGradient(imitation.nn.Batch.of(raw), targets, imitation.nn.Batch.zeros(n, k));
                    raw[r][j] = orig - h;
                    double minus = loss.lossGradient(imitation.nn.Batch.of(raw), targets, imitation.nn.Batch.zeros(n, k));
                    raw[r][j] = orig;
                    double numeric = (plus - minus) / (2 * h);
                    double analytic = dRaw.get(r, j);
                    double err = Math.abs(numeric - analytic) / Math.max(Math.abs(numeric) + Math.abs(analytic), 1e-3);
                    assertTrue(err < 1e-2, loss + " raw[" + r + "][" + j + "]: analytic " + analytic + ", numeric " + numeric);
                }
            }
        }
    }
}
