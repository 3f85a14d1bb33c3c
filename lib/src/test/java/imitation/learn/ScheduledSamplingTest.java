package imitation.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Pendulum;
import imitation.data.RandomWalk;
import imitation.nn.Batch;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScheduledSamplingTest {

    @Test
    void theSquaredErrorGradientMatchesCentralDifferences() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 5;
        int d = 3;
        double[][] out = new double[n][d];
        double[][] target = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = rng.nextDouble(-2, 2);
                target[i][j] = rng.nextDouble(-2, 2);
            }
        }
        Batch grad = Batch.zeros(n, d);
        double loss = ScheduledSampling.squaredError(Batch.of(out), target, grad);
        double expected = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                expected += (out[i][j] - target[i][j]) * (out[i][j] - target[i][j]) / n;
            }
        }
        assertEquals(expected, loss, 1e-5);
        double h = 1e-2; // the loss is quadratic, so central differences are exact up to float rounding
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double keep = out[i][j];
                out[i][j] = keep + h;
                double up = ScheduledSampling.squaredError(Batch.of(out), target, Batch.zeros(n, d));
                out[i][j] = keep - h;
                double down = ScheduledSampling.squaredError(Batch.of(out), target, Batch.zeros(n, d));
                out[i][j] = keep;
                double numeric = (up - down) / (2 * h);
                assertEquals(numeric, grad.get(i, j), 1e-4 * Math.max(1, Math.abs(numeric)), "d loss / d out[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void schedulesFollowTheirFormulas() {
        assertEquals(1, SamplingSchedule.linear(1, 0.01, 0.2).at(0), 0);
        assertEquals(0.5, SamplingSchedule.linear(1, 0.01, 0.2).at(50), 1e-12);
        assertEquals(0.2, SamplingSchedule.linear(1, 0.01, 0.2).at(500), 0);
        assertEquals(Math.pow(0.9, 7), SamplingSchedule.exponential(0.9).at(7), 1e-15);
        assertEquals(10 / (10 + Math.exp(3)), SamplingSchedule.inverseSigmoid(10).at(30), 1e-15);
        assertEquals(0.3, SamplingSchedule.constant(0.3).at(99), 0);
        assertEquals(0.25, SamplingSchedule.of(i -> 1.0 / (i + 1)).at(3), 0);
    }

    @Test
    void badSchedulesAreNamed() {
        var above = assertThrows(IllegalArgumentException.class, () -> SamplingSchedule.of(i -> 1.5).at(3));
        assertTrue(above.getMessage().contains("ε = 1.5 at update 3") && above.getMessage().contains("[0, 1]"), above.getMessage());
        var nan = assertThrows(IllegalArgumentException.class, () -> SamplingSchedule.of(i -> Double.NaN).at(0));
        assertTrue(nan.getMessage().contains("ε = NaN"), nan.getMessage());
        var k = assertThrows(IllegalArgumentException.class, () -> SamplingSchedule.exponential(1.2));
        assertTrue(k.getMessage().contains("exponential: k = 1.2"), k.getMessage());
        var sig = assertThrows(IllegalArgumentException.class, () -> SamplingSchedule.inverseSigmoid(0.5));
        assertTrue(sig.getMessage().contains("inverseSigmoid: k = 0.5"), sig.getMessage());
        var inTraining = assertThrows(IllegalArgumentException.class, () -> ScheduledSampling.builder()
                .schedule(SamplingSchedule.of(i -> -0.1)).steps(3).build().train(Pendulum.sequences(2, 5, 0)));
        assertTrue(inTraining.getMessage().contains("ε = -0.1"), inTraining.getMessage());
    }

    @Test
    void theHistoryRecordsEachUpdatesEpsilonAndTeacherForcingLearnsThePendulum() {
        List<double[][]> train = Pendulum.sequences(20, 40, 1);
        var r = ScheduledSampling.builder().schedule(SamplingSchedule.linear(1, 0.01, 0.3)).steps(300).seed(3).build()
                .train(train);
        var eps = r.history().where(r.history().stringColumn("metric").isEqualTo("epsilon"));
        assertEquals(300, eps.rowCount());
        assertEquals(0.5, eps.doubleColumn("value").getDouble(50), 1e-12);
        assertEquals(0.3, eps.doubleColumn("value").getDouble(299), 0);
        int rows = r.history().rowCount();
        r.history().clear();
        assertEquals(rows, r.history().rowCount(), "the history handed out is a copy");
        var tf = ScheduledSampling.builder().steps(300).seed(3).build().train(train);
        double[] error = tf.model().freeRunError(Pendulum.sequences(50, 40, 2));
        assertEquals(0, error[0], 0);
        double mean = java.util.Arrays.stream(error).average().orElseThrow();
        assertTrue(mean < 0.3, "teacher-forced free-run error " + mean + " rad (start angles span ±2.5)");
    }

    @Test
    void onANoisyTrackerScheduledSamplingDriftsLessThanTeacherForcing() {
        // drift 0.1, noise 0.5: given the true previous value the reading is worth a gain of 0.04, so teacher forcing
        // learns to ignore it and drifts; fed its own estimates, the model learns to lean on the reading
        RandomWalk.Tracking train = RandomWalk.sample(20, 60, 0.1, 0.5, 1);
        RandomWalk.Tracking test = RandomWalk.sample(200, 60, 0.1, 0.5, 2);
        double[] forced = ScheduledSampling.builder().hidden(16).steps(300).seed(3).build()
                .train(train.values(), train.readings()).model().freeRunError(test.values(), test.readings());
        double[] scheduled = ScheduledSampling.builder().schedule(SamplingSchedule.linear(1, 1.0 / 300, 0)).hidden(16)
                .steps(300).seed(3).build().train(train.values(), train.readings()).model()
                .freeRunError(test.values(), test.readings());
        assertTrue(scheduled[59] < 0.8 * forced[59], "error at step 59: scheduled " + scheduled[59] + ", forced " + forced[59]);
    }

    @Test
    void sequencesAndObservationsOfDifferentLengthsAreNamed() {
        RandomWalk.Tracking w = RandomWalk.sample(2, 10, 0.1, 0.5, 1);
        List<double[][]> shortReadings = List.of(w.readings().get(0), java.util.Arrays.copyOf(w.readings().get(1), 7));
        var noMask = assertThrows(IllegalArgumentException.class,
                () -> ScheduledSampling.builder().steps(1).build().train(w.values(), shortReadings));
        assertTrue(noMask.getMessage().contains("observation sequence 1 has 7 rows"), noMask.getMessage());
        var model = ScheduledSampling.builder().steps(1).build().train(w.values(), w.readings()).model();
        List<double[][]> ragged = List.of(w.values().get(0), java.util.Arrays.copyOf(w.values().get(1), 7));
        var lengths = assertThrows(IllegalArgumentException.class, () -> model.freeRunError(ragged, w.readings()));
        assertTrue(lengths.getMessage().contains("sequence 1 has 7"), lengths.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> model.freeRunError(w.values()));
        assertTrue(none.getMessage().contains("observations is null"), none.getMessage());
        var walk = assertThrows(IllegalArgumentException.class, () -> RandomWalk.sample(2, 10, Double.NaN, 0.5, 1));
        assertTrue(walk.getMessage().contains("drift = NaN"), walk.getMessage());
    }
}
