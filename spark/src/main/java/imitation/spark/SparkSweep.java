package imitation.spark;

import imitation.eval.Sweep;
import java.io.File;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.launcher.JavaModuleOptions;
import scala.Function0;
import scala.Function1;
import scala.Function2;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * Runs an {@link imitation.eval.Sweep} on Apache Spark: each run is one Spark task, so the runs spread over the
 * cores of the machine ({@code local[*]}), over executor processes ({@code local-cluster[2,1,1024]}) or over a
 * cluster ({@code spark://host:7077}, …) by changing the master URL only. The table, the progress lines, the
 * failure records and the interruption behave as with the local runner, and the numbers are the same, because
 * a run depends only on its grid point and seed.
 *
 * <pre>{@code
 * try (SparkSweep spark = SparkSweep.start("local[*]")) {
 *     Table runs = sweep.run(experiment, spark);      // the same Sweep and Experiment as sweep.run(experiment)
 * }
 * }</pre>
 *
 * The experiment is shipped to the executors by Java serialisation: a lambda must capture only serialisable
 * values, and its class must be on the executors' classpath (a JShell notebook's classes are not). The driver
 * JVM needs Spark's module options ({@link JavaModuleOptions#defaultModuleOptions()}); {@link #start} says
 * so when they are missing.
 */
public final class SparkSweep implements Sweep.Runner, AutoCloseable {
    private final JavaSparkContext spark;
    private final boolean owned;

    private SparkSweep(JavaSparkContext spark, boolean owned) {
        this.spark = spark;
        this.owned = owned;
    }

    /**
     * Starts a Spark context on {@code master} (e.g. {@code "local[*]"}, {@code "local-cluster[2,1,1024]"},
     * {@code "spark://host:7077"}) with the web UI off; {@link #close} stops it. For {@code local-cluster}, the
     * executor processes get this JVM's classpath, and their logs go to {@code $SPARK_HOME/work} (without
     * {@code SPARK_HOME}: {@code ./work}). Starting takes a second or two: reuse it for several sweeps.
     */
    public static SparkSweep start(String master) {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("start: master '" + master + "' is blank; use \"local[*]\", "
                    + "\"local-cluster[2,1,1024]\" or your cluster's URL, e.g. \"spark://host:7077\"");
        }
        return start(conf(master));
    }

    /** Starts a Spark context from {@code conf} (master, application name, jars, memory, …); {@link #close} stops it. */
    public static SparkSweep start(SparkConf conf) {
        if (conf == null) {
            throw new IllegalArgumentException("start: conf is null; pass a SparkConf, or call start(\"local[*]\")");
        }
        requireModuleOptions();
        return new SparkSweep(new JavaSparkContext(conf), true);
    }

    /** Runs sweeps on a context someone else started (e.g. by spark-submit); {@link #close} leaves it running. */
    public static SparkSweep on(JavaSparkContext spark) {
        if (spark == null) {
            throw new IllegalArgumentException("on: spark is null; pass a running JavaSparkContext, or call start(master)");
        }
        return new SparkSweep(spark, false);
    }

    /** The settings {@link #start(String)} uses: application name, master, UI off, and for local-cluster the classpath. */
    static SparkConf conf(String master) {
        SparkConf conf = new SparkConf().setAppName("imitation sweep").setMaster(master).set("spark.ui.enabled", "false");
        if (master.startsWith("local")) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        if (master.startsWith("local-cluster")) {
            // Spark's own test mode: workers start executors from this JVM's classpath instead of a Spark installation.
            conf.set("spark.executor.extraClassPath", absoluteClassPath())
                    .set("spark.executorEnv.SPARK_SCALA_VERSION", "2.13")
                    .set("spark.executorEnv.SPARK_TESTING", "1");
        }
        return conf;
    }

    /** This JVM's classpath with absolute entries: executors start in their own working folders. */
    private static String absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                boolean wildcard = entry.endsWith("*");
                String path = Path.of(wildcard ? entry.substring(0, entry.length() - 1) : entry).toAbsolutePath().toString();
                entries.add(wildcard ? path + File.separator + "*" : path);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The Spark context, e.g. to read its master or default parallelism. */
    public JavaSparkContext context() {
        return spark;
    }

    /**
     * Runs each run as one task and hands the outcomes over as they arrive; when the calling thread is
     * interrupted, cancels the job (interrupting its tasks) and throws {@link InterruptedException}.
     */
    @Override
    public void execute(List<Sweep.Run> runs, Sweep.Experiment experiment, Consumer<Sweep.Outcome> finished)
            throws InterruptedException {
        BlockingQueue<Sweep.Outcome> arrived = new LinkedBlockingQueue<>();
        JavaRDD<Sweep.Run> tasks = spark.parallelize(runs, runs.size());
        String group = "imitation-sweep-" + UUID.randomUUID();
        spark.setJobGroup(group, "imitation sweep of " + runs.size() + " runs", true);
        SimpleFutureAction<Object> job;
        try {
            job = spark.sc().submitJob(tasks.rdd(), runAll(experiment),
                    CollectionConverters.asScala(IntStream.range(0, runs.size()).boxed().map(i -> (Object) i).toList()).toList(),
                    (Function2<Object, List<Sweep.Outcome>, BoxedUnit>) (partition, outcomes) -> {
                        arrived.addAll(outcomes);
                        return BoxedUnit.UNIT;
                    },
                    (Function0<Object>) () -> null);
        } finally {
            spark.clearJobGroup();
        }
        int handed = 0;
        try {
            while (handed < runs.size()) {
                Sweep.Outcome outcome = arrived.poll(100, TimeUnit.MILLISECONDS);
                if (outcome != null) {
                    finished.accept(outcome);
                    handed++;
                } else if (job.isCompleted() && arrived.isEmpty()) {
                    job.get(); // throws the job's failure
                    throw new IllegalStateException("the Spark job ended with " + handed + " of " + runs.size() + " runs");
                }
            }
        } catch (InterruptedException e) {
            spark.cancelJobGroup(group);
            throw e;
        } catch (org.apache.spark.SparkException e) {
            throw new IllegalStateException("the Spark job failed after " + handed + " of " + runs.size()
                    + " runs (a run's own exception is recorded in its row; this is Spark's): " + e.getMessage(), e);
        }
    }

    /** The task body: every run of the partition (one, as the sweep is split) through {@link Sweep.Outcome#of}. */
    private static Function1<Iterator<Sweep.Run>, List<Sweep.Outcome>> runAll(Sweep.Experiment experiment) {
        return (Function1<Iterator<Sweep.Run>, List<Sweep.Outcome>> & Serializable) runs -> {
            List<Sweep.Outcome> outcomes = new ArrayList<>();
            while (runs.hasNext()) {
                outcomes.add(Sweep.Outcome.of(experiment, runs.next()));
            }
            return outcomes;
        };
    }

    /** Stops the context if {@link #start} started it. */
    @Override
    public void close() {
        if (owned) {
            spark.stop();
        }
    }

    /**
     * Spark serialises with Kryo and reaches into JDK internals, which Java 17 allows only with its module
     * options on the driver's command line; without them the first job fails deep inside Spark.
     */
    static void requireModuleOptions() {
        Optional<String> closed = missingOpens(JavaModuleOptions.defaultModuleOptions());
        if (closed.isPresent()) {
            throw new IllegalStateException("this JVM does not open " + closed.get() + " to Spark; start it with Spark's "
                    + "module options (for the notebook kernel: IMITATION_KERNEL_JAVA_OPTS, for Maven: surefire's argLine, "
                    + "as in spark/pom.xml): " + JavaModuleOptions.defaultModuleOptions());
        }
    }

    /** The first {@code module/package} of the {@code --add-opens} options that this JVM does not open to unnamed code. */
    static Optional<String> missingOpens(String options) {
        Module unnamed = SparkSweep.class.getClassLoader().getUnnamedModule();
        for (String option : options.split("\\s+")) {
            if (!option.startsWith("--add-opens=")) {
                continue;
            }
            String target = option.substring("--add-opens=".length(), option.lastIndexOf('='));
            String[] modulePackage = target.split("/");
            Optional<Module> module = ModuleLayer.boot().findModule(modulePackage[0]);
            if (module.isPresent() && !module.get().isOpen(modulePackage[1], unnamed)) {
                return Optional.of(target);
            }
        }
        return Optional.empty();
    }
}
