package imitation.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Pendulum;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduledSamplingTest {

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
        var tf = ScheduledSampling.builder().steps(300).seed(3).build().train(train);
        double[] error = tf.model().freeRunError(Pendulum.sequences(50, 40, 2));
        assertEquals(0, error[0], 0);
        double mean = java.util.Arrays.stream(error).average().orElseThrow();
        assertTrue(mean < 0.3, "teacher-forced free-run error " + mean + " rad (start angles span ±2.5)");
    }
}
