package imitation.data.driving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Demonstrations;
import imitation.data.Trajectory;
import imitation.env.driving.DrivingWorld;
import imitation.env.driving.ObservationKind;
import imitation.expert.DrivingExpert;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrivingRunsTest {
    private static final DrivingWorld WORLD = DrivingWorld.builder().horizon(200).build();

    @Test
    void expertDemonstrationsFinishAndLabelWhatWasDone() {
        List<DrivingRecord> demos = DrivingRuns.in(WORLD).episodes(5).parallel(2).seed(4).demonstrate();
        assertEquals(5, demos.size());
        for (DrivingRecord r : demos) {
            assertTrue(r.metrics().finished());
            assertEquals(200, r.length());
            assertArrayEquals(r.labels(), r.actions());
            Trajectory t = r.trajectory();
            assertEquals(201, t.observations().length);
            assertEquals(r.labels()[7], t.action(7)[0]);
            assertArrayEquals(WORLD.features(r.state(7)), t.observation(7), 1e-9);
            assertEquals(r.offsets()[7] / WORLD.track().halfWidth(), t.observation(7)[0], 1e-9);
        }
        Demonstrations d = DrivingRecord.demonstrations(demos);
        assertEquals(5 * 200, d.steps());
        tech.tablesaw.api.Table table = DrivingRecord.table("expert", demos);
        assertEquals(5, table.rowCount());
        assertEquals(1.0, table.intColumn("finished").mean());
        assertEquals(demos.get(2).metrics().meanAbsOffset(), table.doubleColumn("mean_abs_offset").get(2));
        assertEquals(demos.get(2).seed(), table.longColumn("seed").get(2));
    }

    @Test
    void sameSeedSameRecordsWhateverTheParallelism() {
        DrivingExpert noisy = DrivingExpert.builder(WORLD).noise(0.2).build();
        List<DrivingRecord> a = DrivingRuns.in(WORLD).expert(noisy).episodes(3).parallel(1).seed(9).demonstrate();
        List<DrivingRecord> b = DrivingRuns.in(WORLD).expert(noisy).episodes(3).parallel(3).seed(9).demonstrate();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(a.get(i).actions(), b.get(i).actions());
            assertEquals(a.get(i).seed(), b.get(i).seed());
        }
        assertFalse(a.get(0).seed() == a.get(1).seed());
    }

    @Test
    void noiseInjectionDrivesNoisilyButKeepsCleanLabels() {
        DrivingExpert noisy = DrivingExpert.builder(WORLD).noise(0.3).build();
        DrivingExpert clean = DrivingExpert.of(WORLD);
        DrivingRecord r = DrivingRuns.in(WORLD).expert(noisy).seed(2).demonstrate().get(0);
        double[] acts = r.actions();
        double[] labels = r.labels();
        double spread = 0;
        for (int t = 0; t < r.length(); t++) {
            assertEquals(clean.act(WORLD.features(r.state(t)))[0], labels[t], 1e-9);
            spread += (acts[t] - labels[t]) * (acts[t] - labels[t]);
        }
        assertTrue(Math.sqrt(spread / r.length()) > 0.2, "the executed actions carry the noise");
        double cleanOffset = DrivingRuns.in(WORLD).seed(2).demonstrate().get(0).metrics().meanAbsOffset();
        assertTrue(r.metrics().meanAbsOffset() > 2 * cleanOffset, "noise pushes the car off the centre line");
    }

    @Test
    void aLearnerDrivesOnObservationsAndTheExpertLabelsItsStates() {
        DrivingWorld camera = DrivingWorld.builder().observation(ObservationKind.CAMERA).horizon(200).build();
        List<double[]> seen = new ArrayList<>();
        imitation.policy.Policy straight = obs -> {
            for (double[] o : obs) {
                seen.add(o);
            }
            return new double[obs.length][1];
        };
        DrivingRecord r = DrivingRuns.in(camera).seed(1).drive(straight).get(0);
        assertEquals(512, seen.get(0).length);
        assertTrue(r.metrics().leftRoad(), "driving straight leaves a closed track");
        DrivingExpert expert = DrivingExpert.of(camera);
        for (int t = 0; t < r.length(); t++) {
            assertEquals(0, r.actions()[t]);
            assertEquals(expert.act(camera.features(r.state(t)))[0], r.labels()[t], 1e-9);
        }
        assertArrayEquals(camera.observe(r.state(3), 0), r.observations().orElseThrow()[3], 1e-9);
        DrivingRecord light = DrivingRuns.in(camera).seed(1).recordObservations(false).drive(straight).get(0);
        assertTrue(light.observations().isEmpty());
        assertThrows(IllegalStateException.class, light::trajectory);
    }

    @Test
    void rejectsRecordsOfDifferentObservationKinds() {
        DrivingWorld camera = DrivingWorld.builder().observation(ObservationKind.CAMERA).horizon(20).build();
        List<DrivingRecord> mixed = new ArrayList<>(DrivingRuns.in(WORLD).demonstrate());
        mixed.addAll(DrivingRuns.in(camera).demonstrate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DrivingRecord.demonstrations(mixed));
        assertTrue(e.getMessage().contains("CAMERA") && e.getMessage().contains("FEATURES"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DrivingRecord.demonstrations(List.of()));
    }

    @Test
    void anInterruptedRunStopsWithAMessage() throws InterruptedException {
        DrivingRuns runs = DrivingRuns.in(WORLD).episodes(Integer.MAX_VALUE).parallel(4);
        var e = imitation.data.InterruptedRun.of(runs::demonstrate, 200);
        assertTrue(e.getMessage().startsWith("Rollouts was interrupted after"), e.getMessage());
    }
}
