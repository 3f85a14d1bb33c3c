package imitation.bench;

import imitation.eval.Sweep;
import imitation.spark.SparkSweep;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * The Spark module on {@link SweepBench}'s sweep in {@code local-cluster[2,1,1024]} (two executor processes of
 * one core and 1 GB each, started from this JVM's classpath): wall-clock time with and without starting the
 * cluster, and whether its table is identical to the serial one. {@code bin/bench} picks it up when the Spark
 * module is built.
 */
final class SparkBench implements BenchSuite {
    static final String MASTER = "local-cluster[2,1,1024]";

    @Override
    public List<Row> run(boolean fast) {
        Sweep sweep = SweepBench.sweep(fast);
        Table serial = sweep.threads(1).run(SweepBench.CLONING);
        long start = System.nanoTime();
        Table onSpark;
        double sweepSeconds;
        try (SparkSweep spark = SparkSweep.start(MASTER)) {
            double startSeconds = (System.nanoTime() - start) / 1e9;
            long sweepStart = System.nanoTime();
            onSpark = sweep.run(SweepBench.CLONING, spark);
            sweepSeconds = (System.nanoTime() - sweepStart) / 1e9;
            String what = "BC sweep, " + sweep.size() + " runs, Spark " + MASTER;
            return List.of(
                    new Row("spark", "Spark " + MASTER + " start (2 executor JVMs)", startSeconds, "s", ""),
                    new Row("spark", what, sweepSeconds, "s", ""),
                    new Row("spark", what + ", table identical to serial", SweepBench.identical(serial, onSpark) ? 1 : 0,
                            "1 = yes", "1"));
        }
    }
}
