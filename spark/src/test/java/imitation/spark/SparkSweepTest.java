package imitation.spark;

import static org.junit.jupiter.api.Assertions.*;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.env.CartPole;
import imitation.eval.Evaluation;
import imitation.eval.Sweep;
import imitation.expert.CartPoleExpert;
import imitation.learn.BehaviorCloning;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class SparkSweepTest {

    /** Behaviour cloning on CartPole from one subsampled demonstration, scored on 4 episodes; one run fails on purpose. */
    static final Sweep.Experiment CLONING = run -> {
        if (run.integer("steps") == 40 && run.seed() == 1) {
            throw new IllegalStateException("a failing run");
        }
        CartPole env = CartPole.fixedHorizon();
        Demonstrations demos = Rollouts.in(env.vec(1)).episodes(1).seed(run.seed()).collect(new CartPoleExpert());
        BehaviorCloning.Result r = BehaviorCloning.builder().hidden(16).steps(run.integer("steps")).batchSize(16)
                .subsample(10).seed(run.pointSeed()).build().train(demos, env.actionSpace());
        return Map.of("return", Evaluation.in(env.vec(4)).episodes(4).seed(run.seed()).run(r.policy()).meanReturn());
    };

    private static SparkSweep spark;

    @BeforeAll
    static void start() {
        spark = SparkSweep.start("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    @Test
    void aSweepInLocalTwoGivesTheSerialTable() {
        Sweep sweep = Sweep.grid().with("steps", 20, 40).seeds(3).progress(false);
        Table serial = sweep.threads(1).run(CLONING);
        assertEquals("local[2]", spark.context().master());
        Table onSpark = sweep.run(CLONING, spark);
        assertEquals(6, onSpark.rowCount());
        assertEquals(serial.columnNames(), onSpark.columnNames());
        for (String column : serial.columnNames()) {
            assertEquals(serial.column(column).asList(), onSpark.column(column).asList(), column);
        }
        assertTrue(onSpark.stringColumn("error").get(4).contains("a failing run"), onSpark.stringColumn("error").asList().toString());
        assertTrue(serial.doubleColumn("return").unique().size() > 1, "the runs differ, so equality means something");
    }

    /** Runs in flight and runs started, counted in this JVM (local mode runs tasks here). */
    static final AtomicInteger STARTED = new AtomicInteger();
    static final AtomicInteger STOPPED = new AtomicInteger();

    /** Runs with x <= 2 finish at once; the others wait a minute unless interrupted. */
    static final Sweep.Experiment WAITING = run -> {
        STARTED.incrementAndGet();
        if (run.integer("x") > 2) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                STOPPED.incrementAndGet();
                throw e;
            }
        }
        return Map.of("y", (double) run.integer("x"));
    };

    @Test
    void interruptingTheCallerCancelsTheJobAndReturnsTheFinishedRuns() throws Exception {
        Sweep sweep = Sweep.grid().with("x", 1, 2, 3, 4, 5, 6).seeds(1);
        AtomicReference<Table> result = new AtomicReference<>();
        Thread caller = new Thread(() -> result.set(sweep.run(WAITING, spark)));
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true));
        try {
            caller.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while ((!printed.toString().contains("run 2/6") || STARTED.get() < 4) && System.nanoTime() < deadline) {
                Thread.sleep(10); // until the two short runs are recorded and the two long ones are running
            }
            caller.interrupt();
            caller.join(30_000);
        } finally {
            System.setOut(out);
        }
        assertFalse(caller.isAlive(), "the sweep returned after the interruption");
        Table runs = result.get();
        assertEquals(List.of(1, 2), runs.intColumn("x").asList(), "the finished runs, and only those");
        assertTrue(runs.name().contains("interrupted: 2 of 6 runs"), runs.name());
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (STOPPED.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, STOPPED.get(), "cancelling the job interrupted both running tasks");
        assertEquals(4, STARTED.get(), "no run started after the interruption");
    }

    @Test
    void moduleOptionsAreCheckedBeforeSparkStarts() {
        assertEquals(java.util.Optional.empty(), SparkSweep.missingOpens(
                org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions()), "surefire's argLine opens them all");
        assertEquals(java.util.Optional.of("java.base/java.lang.ref"),
                SparkSweep.missingOpens("--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.ref=ALL-UNNAMED"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkSweep.start(" "));
        assertTrue(e.getMessage().contains("local[*]"), e.getMessage());
    }
}
