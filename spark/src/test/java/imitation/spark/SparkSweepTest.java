package imitation.spark;

import static org.junit.jupiter.api.Assertions.*;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.env.CartPole;
import imitation.eval.Evaluation;
import imitation.eval.Sweep;
import imitation.expert.CartPoleExpert;
import imitation.learn.BehaviorCloning;
import java.util.Map;
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

    @Test
    void aSweepInLocalTwoGivesTheSerialTable() {
        Sweep sweep = Sweep.grid().with("steps", 20, 40).seeds(3).progress(false);
        Table serial = sweep.threads(1).run(CLONING);
        Table onSpark;
        try (SparkSweep spark = SparkSweep.start("local[2]")) {
            assertEquals("local[2]", spark.context().master());
            onSpark = sweep.run(CLONING, spark);
        }
        assertEquals(6, onSpark.rowCount());
        assertEquals(serial.columnNames(), onSpark.columnNames());
        for (String column : serial.columnNames()) {
            assertEquals(serial.column(column).asList(), onSpark.column(column).asList(), column);
        }
        assertTrue(onSpark.stringColumn("error").get(4).contains("a failing run"), onSpark.stringColumn("error").asList().toString());
        assertTrue(serial.doubleColumn("return").unique().size() > 1, "the runs differ, so equality means something");
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
