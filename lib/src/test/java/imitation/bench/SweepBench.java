package imitation.bench;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.env.CartPole;
import imitation.eval.Evaluation;
import imitation.eval.Sweep;
import imitation.expert.CartPoleExpert;
import imitation.learn.BehaviorCloning;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import tech.tablesaw.api.Table;

/**
 * The local sweep runner against serial execution on the same sweep: behaviour cloning on CartPole-v0 over
 * demonstration counts × seeds (notebook 00's protocol), wall-clock time of the whole sweep with 1 thread and
 * with one per processor after warm-up, measured in interleaved pairs, with what tells the runner's own cost
 * from the machine's load (CPU time per run in both modes, and the time the runs waited for a core), and
 * whether the tables are identical. The Spark module adds its rows
 * ({@code SparkBench}) when it is on the classpath.
 */
final class SweepBench implements BenchSuite {

    /** One BC run: demonstrations drawn with the seed, 1000 Adam steps on every 10th pair, 50 evaluation episodes. */
    static final Sweep.Experiment CLONING = run -> {
        CartPole env = CartPole.classic();
        Demonstrations demos = Rollouts.in(env.vec(10)).episodes(10).seed(1000 + run.seed()).collect(new CartPoleExpert());
        BehaviorCloning.Result r = BehaviorCloning.builder().steps(1000).subsample(10).seed(run.seed()).build()
                .train(demos.take(run.integer("trajectories")), env.actionSpace());
        return Map.of("return", Evaluation.in(env.vec(25)).episodes(50).seed(2000 + run.seed()).run(r.policy()).meanReturn());
    };

    /** 16 runs (8 in fast mode): 2 demonstration counts × 8 seeds. */
    static Sweep sweep(boolean fast) {
        return Sweep.grid().with("trajectories", 1, 4).seeds(fast ? 4 : 8).progress(false);
    }

    static boolean identical(Table a, Table b) {
        if (!a.columnNames().equals(b.columnNames()) || a.rowCount() != b.rowCount()) {
            return false;
        }
        return a.columnNames().stream().allMatch(c -> a.column(c).asList().equals(b.column(c).asList()));
    }

    /**
     * Warm-up sweeps before timing. The JIT keeps compiling through the first sweeps: measured here, the process
     * used 2.7–3.4 s of CPU beyond the runs' own in the first 16-run sweep, 1.2–2.8 s in the second and 0.2–0.7 s
     * in the third. Timed after a single warm-up, the serial sweep got that compilation for free on the idle
     * core, and the parallel sweep paid for what was left on a core its runs needed.
     */
    static final int WARM_UP_SWEEPS = 3;

    @Override
    public List<Row> run(boolean fast) {
        Sweep sweep = sweep(fast);
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < WARM_UP_SWEEPS; i++) {
            sweep.threads(i % 2 == 0 ? threads : 1).run(CLONING);
        }
        // Serial and parallel sweeps interleaved, in alternating order, so that a change in the machine's load
        // reaches both; the ratio is the median of the pairs' ratios.
        int pairs = fast ? 1 : 3;
        Timed[] serial = new Timed[pairs];
        Timed[] parallel = new Timed[pairs];
        double[] ratios = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            if (p % 2 == 0) {
                serial[p] = Timed.of(sweep.threads(1));
                parallel[p] = Timed.of(sweep.threads(threads));
            } else {
                parallel[p] = Timed.of(sweep.threads(threads));
                serial[p] = Timed.of(sweep.threads(1));
            }
            ratios[p] = serial[p].seconds / parallel[p].seconds;
        }
        String what = "BC sweep, " + sweep.size() + " runs, ";
        String local = "local runner (" + threads + " threads)";
        return List.of(
                new Row("sweep", what + "serial, median of " + pairs, median(serial, t -> t.seconds), "s", ""),
                new Row("sweep", what + local + ", median of " + pairs, median(parallel, t -> t.seconds), "s", ""),
                new Row("sweep", what + "local / serial throughput", DaggerBench.median(ratios), "x", ">= 1.7 on 2 cores"),
                // ~1 when the runs do not slow each other down (locks, shared memory bandwidth, spinning threads)
                new Row("sweep", what + "CPU per run, local / serial", median(parallel, t -> t.cpuSeconds)
                        / median(serial, t -> t.cpuSeconds), "x", ""),
                // the JIT compiler and the garbage collector, competing with the runs for the cores
                new Row("sweep", what + "local: other threads' CPU / runs'",
                        100 * median(parallel, t -> t.processCpuSeconds / t.cpuSeconds - 1), "%", ""),
                // ~0 on a quiet machine; when other processes hold the cores, the ratio says little about the runner
                new Row("sweep", what + "local: runs' time waiting for a core",
                        100 * median(parallel, t -> t.waitSeconds / t.runSeconds), "%", ""),
                // what the ratio would be if no other process held the cores: the runs' time without their waits,
                // serial against local spread over its threads (no target: the target row is the measured one)
                new Row("sweep", what + "local / serial, runs' time less waits",
                        median(serial, t -> t.runSeconds - t.waitSeconds)
                                / (median(parallel, t -> t.runSeconds - t.waitSeconds) / threads), "x", ""),
                new Row("sweep", what + "local table identical to serial",
                        Arrays.stream(parallel).allMatch(t -> identical(serial[0].table, t.table)) ? 1 : 0, "1 = yes", "1"));
    }

    private static double median(Timed[] timed, java.util.function.ToDoubleFunction<Timed> value) {
        return DaggerBench.median(Arrays.stream(timed).mapToDouble(value).toArray());
    }

    /**
     * One timed sweep: its wall-clock time, table and the CPU time of the whole process, and summed over its runs
     * their wall-clock time, the CPU time of the threads that ran them and the time they were ready to run but
     * waited for a core (Linux {@code /proc/thread-self/schedstat}; NaN elsewhere).
     */
    private record Timed(double seconds, Table table, double processCpuSeconds, double runSeconds, double cpuSeconds,
            double waitSeconds) {
        static Timed of(Sweep sweep) {
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            var process = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            DoubleAdder runs = new DoubleAdder();
            DoubleAdder cpus = new DoubleAdder();
            DoubleAdder waits = new DoubleAdder();
            long start = System.nanoTime();
            long processStart = process.getProcessCpuTime();
            Table table = sweep.run(run -> {
                long w0 = System.nanoTime();
                long c0 = cpu.getCurrentThreadCpuTime();
                double q0 = runQueueSeconds();
                Map<String, ? extends Number> measured = CLONING.run(run);
                waits.add(runQueueSeconds() - q0);
                cpus.add((cpu.getCurrentThreadCpuTime() - c0) / 1e9);
                runs.add((System.nanoTime() - w0) / 1e9);
                return measured;
            });
            return new Timed((System.nanoTime() - start) / 1e9, table, (process.getProcessCpuTime() - processStart) / 1e9,
                    runs.sum(), cpus.sum(), waits.sum());
        }

        /** Seconds the calling thread has spent ready to run but waiting for a core (the second schedstat field). */
        private static double runQueueSeconds() {
            try {
                return Long.parseLong(Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split(" ")[1]) / 1e9;
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            }
        }
    }
}
