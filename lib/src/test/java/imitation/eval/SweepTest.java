package imitation.eval;

import static org.junit.jupiter.api.Assertions.*;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.env.CartPole;
import imitation.expert.CartPoleExpert;
import imitation.learn.BehaviorCloning;
import imitation.viz.Charts;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class SweepTest {

    /** A real, seeded experiment: behaviour cloning on CartPole from a few demonstrations, scored in the environment. */
    static final Sweep.Experiment CLONING = run -> {
        CartPole env = CartPole.fixedHorizon();
        Demonstrations demos = Rollouts.in(env.vec(1)).episodes(1).seed(run.seed()).collect(new CartPoleExpert());
        BehaviorCloning.Result r = BehaviorCloning.builder().hidden(16).steps(run.integer("steps")).batchSize(16)
                .learningRate(run.number("lr")).subsample(10).seed(run.pointSeed()).build()
                .train(demos, env.actionSpace());
        Evaluation.Result score = Evaluation.in(env.vec(4)).episodes(4).seed(run.seed()).run(r.policy());
        Table h = r.history();
        double[] loss = h.where(h.stringColumn("metric").isEqualTo("loss")).doubleColumn("value").asDoubleArray();
        return Map.of("return", score.meanReturn(), "loss", loss[loss.length - 1]);
    };

    private static Sweep cloningGrid() {
        return Sweep.grid().with("lr", 1e-3, 1e-2).with("steps", 20, 60).progress(false);
    }

    @Test
    void serialAndParallelRunsGiveTheSameTable() {
        Table serial = cloningGrid().seeds(3).threads(1).run(CLONING);
        Table parallel = cloningGrid().seeds(3).threads(4).run(CLONING);
        assertEquals(12, serial.rowCount());
        assertEquals(serial.columnNames(), parallel.columnNames());
        for (String column : serial.columnNames()) {
            assertEquals(serial.column(column).asList(), parallel.column(column).asList(), column);
        }
        assertTrue(serial.stringColumn("error").allMatch(String::isEmpty), serial.stringColumn("error").asList().toString());
        assertTrue(serial.doubleColumn("return").unique().size() > 1, "the measurements depend on the run: the test compares something");
    }

    @Test
    void aRunsResultDependsOnlyOnItsGridPointAndSeed() {
        Table all = cloningGrid().seeds(4).threads(2).run(CLONING);
        Table some = Sweep.grid().with("lr", 1e-2, 1e-3).with("steps", 60).seeds(3, 1).threads(3).progress(false).run(CLONING);
        assertEquals(4, some.rowCount());
        for (int row = 0; row < some.rowCount(); row++) {
            double lr = some.doubleColumn("lr").get(row);
            int steps = some.intColumn("steps").get(row);
            long seed = some.longColumn("seed").get(row);
            Table same = all.where(all.doubleColumn("lr").isEqualTo(lr).and(all.intColumn("steps").isEqualTo(steps))
                    .and(all.longColumn("seed").isEqualTo(seed)));
            assertEquals(1, same.rowCount());
            assertEquals(same.doubleColumn("return").get(0), some.doubleColumn("return").get(row), "lr " + lr + " seed " + seed);
            assertEquals(same.doubleColumn("loss").get(0), some.doubleColumn("loss").get(row), "lr " + lr + " seed " + seed);
        }
        assertNotEquals(some.doubleColumn("loss").get(0), some.doubleColumn("loss").get(1),
                "different seeds give different runs");
    }

    @Test
    void tableHasSettingsSeedSortedMeasurementsAndErrorForSummaryAndCharts() {
        Table runs = Sweep.grid().with("method", "bc", "dagger").with("demos", 1, 4).seeds(2).progress(false)
                .name("toy").run(run -> Map.of("success", run.integer("demos") / 4.0, "return", 10.0 * run.seed()));
        assertEquals(List.of("method", "demos", "seed", "return", "success", "error"), runs.columnNames());
        assertEquals(ColumnType.STRING, runs.column("method").type());
        assertEquals(ColumnType.INTEGER, runs.column("demos").type());
        assertEquals(ColumnType.LONG, runs.column("seed").type());
        assertEquals("toy", runs.name());
        assertEquals(List.of("bc", "bc", "bc", "bc", "dagger", "dagger", "dagger", "dagger"), runs.stringColumn("method").asList());
        assertEquals(List.of(1, 1, 4, 4, 1, 1, 4, 4), runs.intColumn("demos").asList());
        assertEquals(List.of(0L, 1L, 0L, 1L, 0L, 1L, 0L, 1L), runs.longColumn("seed").asList());
        Table summary = Summary.fractions(runs, "success", "method", "demos");
        assertEquals(4, summary.rowCount());
        assertEquals(0.25, summary.doubleColumn("mean").get(0), 1e-12);
        assertDoesNotThrow(() -> BitmapEncoder.getBitmapBytes(
                Charts.errorBars("toy", "fraction", summary, "demos", "method"), BitmapEncoder.BitmapFormat.PNG));
    }

    @Test
    void failedRunsKeepTheirRowWithTheErrorAndNaNs() {
        Table runs = Sweep.grid().with("x", 1, 2, 3).seeds(2).threads(2).progress(false).run(run -> {
            if (run.integer("x") == 2 && run.seed() == 1) {
                throw new IllegalStateException("diverged at x=2");
            }
            if (run.integer("x") == 3) {
                return run.seed() == 0 ? null : Map.of("seed", 1.0);
            }
            return Map.of("y", run.integer("x") + run.seed());
        });
        assertEquals(6, runs.rowCount(), "no run is dropped");
        assertEquals("", runs.stringColumn("error").get(2));
        assertEquals(2.0, runs.doubleColumn("y").get(2));
        assertTrue(runs.stringColumn("error").get(3).contains("IllegalStateException: diverged at x=2"), runs.stringColumn("error").get(3));
        assertTrue(Double.isNaN(runs.doubleColumn("y").getDouble(3)));
        assertTrue(runs.stringColumn("error").get(4).contains("returned null"), runs.stringColumn("error").get(4));
        assertTrue(runs.stringColumn("error").get(5).contains("measurement name 'seed'"), runs.stringColumn("error").get(5));
        Table summary = Summary.of(runs, "y", "x");
        assertEquals(List.of(0, 1, 2), summary.intColumn("not_finite").asList(), "failures count as not finite");
        assertEquals(List.of(2, 2, 2), summary.intColumn("runs").asList());
    }

    @Test
    void interruptingTheCallerStopsRunsInFlightAndReturnsTheFinishedOnes() throws Exception {
        CountDownLatch blocked = new CountDownLatch(2);
        AtomicInteger stopped = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        Sweep sweep = Sweep.grid().with("x", 1, 2, 3, 4, 5, 6).seeds(1).threads(2);
        AtomicReference<Table> result = new AtomicReference<>();
        Thread caller = new Thread(() -> result.set(sweep.run(run -> {
            started.incrementAndGet();
            if (run.integer("x") > 2) {
                blocked.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    stopped.incrementAndGet();
                    throw e;
                }
            }
            return Map.of("y", (double) run.integer("x"));
        })));
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true));
        long stop;
        try {
            caller.start();
            assertTrue(blocked.await(30, TimeUnit.SECONDS), "two runs reached their long wait");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!printed.toString().contains("run 2/6") && System.nanoTime() < deadline) {
                Thread.sleep(10); // until the caller has recorded the two finished runs (its progress line)
            }
            stop = System.nanoTime();
            caller.interrupt();
            caller.join(30_000);
        } finally {
            System.setOut(out);
        }
        assertFalse(caller.isAlive(), "the sweep returned after the interruption");
        assertTrue((System.nanoTime() - stop) / 1e9 < 10, "runs in flight stop at once");
        Table runs = result.get();
        assertEquals(List.of(1, 2), runs.intColumn("x").asList(), "the finished runs, and only those");
        assertTrue(runs.name().contains("interrupted: 2 of 6 runs"), runs.name());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (stopped.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, stopped.get(), "both runs in flight were interrupted");
        assertEquals(4, started.get(), "no run started after the interruption");
    }

    @Test
    void runsStartSeedBySeedSoAnEarlyStopCoversEveryGridPoint() throws Exception {
        List<Integer> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Sweep.grid().with("x", 1, 2).seeds(3).threads(1).progress(false).run(run -> {
            order.add(run.index());
            return Map.of("y", 0.0);
        });
        assertEquals(List.of(0, 3, 1, 4, 2, 5), order, "seed 0 of both points, then seed 1, then seed 2");
    }

    @Test
    void pointSeedDependsOnTheGridPointAndSeedOnly() {
        List<Sweep.Run> a = Sweep.grid().with("m", "bc", "dagger").seeds(0, 1).runs();
        List<Sweep.Run> b = Sweep.grid().with("m", "dagger", "bc").seeds(1, 0).runs();
        assertEquals(a.get(0).pointSeed(), b.get(3).pointSeed(), "same point and seed, other index");
        assertNotEquals(a.get(0).pointSeed(), a.get(1).pointSeed(), "other seed");
        assertNotEquals(a.get(0).pointSeed(), a.get(2).pointSeed(), "other point, same seed");
        assertEquals(a.get(0).seed(), a.get(2).seed(), "seed() itself is shared by the grid points");
    }

    @Test
    void badInputIsRefusedWithTheFix() {
        Sweep grid = Sweep.grid().with("demos", 1, 2);
        assertMessage(() -> grid.with("demos", 3), "already in the grid");
        assertMessage(() -> grid.with("seed", 3), "a column of the result");
        assertMessage(() -> grid.with(" ", 3), "blank");
        assertMessage(() -> grid.with("lr"), "no values");
        assertMessage(() -> grid.with("lr", 0.1, null), "null");
        assertMessage(() -> grid.with("lr", 0.1, 0.1), "appears twice");
        assertMessage(() -> grid.seeds(0), "seeds = 0");
        assertMessage(() -> grid.seeds(1, 2, 1), "repeats a seed");
        assertMessage(() -> grid.threads(0), "threads = 0");
        assertMessage(() -> grid.name(""), "blank");
        assertMessage(() -> grid.run(run -> Map.of()), "no seeds");
        assertMessage(() -> grid.seeds(1).run(null), "experiment is null");
        Sweep.Run run = grid.seeds(1).runs().get(0);
        assertMessage(() -> run.value("lr"), "no setting 'lr'");
        assertMessage(() -> Sweep.grid().with("m", "bc").seeds(1).runs().get(0).integer("m"), "not an int");
        assertMessage(() -> Sweep.grid().with("m", "bc").seeds(1).runs().get(0).number("m"), "not a number");
    }

    private static void assertMessage(Runnable call, String part) {
        RuntimeException e = assertThrows(RuntimeException.class, call::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
