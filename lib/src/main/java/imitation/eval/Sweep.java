package imitation.eval;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * An experiment over a grid of named settings × seeds: every combination is one run of a user function that
 * returns named measurements, and the runs come back as one table with a row per run, the settings and the
 * seed as columns, one column per measurement and an {@code error} column, ready for {@link Summary#of} and
 * {@link imitation.viz.Charts}.
 *
 * <pre>{@code
 * Table runs = Sweep.grid().with("method", "BC", "DAgger").with("demos", 1, 2, 4).seeds(10)
 *         .run(run -> Map.of("return", train(run.text("method"), run.integer("demos"), run.seed())));
 * // method | demos | seed | return | error
 * Summary.of(runs, "return", "method", "demos");
 * }</pre>
 *
 * <p><b>Seeds.</b> A run sees only its grid point and its seed ({@link Run}), so its result does not depend on
 * where, in which order or next to which other runs it ran: the same sweep gives the same table serially, on
 * any number of threads, or on a cluster ({@link Runner}). {@link Run#seed()} is shared by all grid points
 * (methods compared at seed 3 see the same demonstrations); {@link Run#pointSeed()} mixes the grid point in.
 *
 * <p><b>Failures</b> are recorded, not dropped: a run that throws keeps its row, with NaN measurements (which
 * {@code Summary} counts in {@code not_finite}) and the exception in {@code error}; a run that succeeds has
 * an empty {@code error}. <b>Progress</b>: one line per finished run (switch off with {@link #progress}).
 * <b>Interruption</b>: when the calling thread is interrupted (a notebook's stop button), runs in flight are
 * interrupted (and left to end in the background, their results unused), nothing new starts, and the table of
 * the runs that finished is returned at once; its name says so and it has fewer rows than {@link #size()}. The
 * interrupt is consumed, as {@link InterruptedException} does. Runs start seed by seed, so a sweep stopped early still covers
 * every grid point with its first seeds.
 *
 * <p>By default the runs share a thread pool with one thread per processor ({@link #threads}); networks use
 * one native thread each ({@link imitation.nn.Network#threads()}), so runs, not matrix products, are what
 * runs in parallel. The module {@code imitation-spark} runs the same sweep on Apache Spark.
 */
public final class Sweep {
    /** Column names a setting or a measurement may not take. */
    private static final List<String> RESERVED = List.of("seed", "error");

    private final LinkedHashMap<String, List<Object>> settings;
    private final long[] seeds;
    private final int threads;
    private final boolean progress;
    private final String name;

    private Sweep(LinkedHashMap<String, List<Object>> settings, long[] seeds, int threads, boolean progress, String name) {
        this.settings = settings;
        this.seeds = seeds;
        this.threads = threads;
        this.progress = progress;
        this.name = name;
    }

    /** An empty grid (one point without settings); add settings with {@link #with} and seeds with {@link #seeds}. */
    public static Sweep grid() {
        return new Sweep(new LinkedHashMap<>(), null, Runtime.getRuntime().availableProcessors(), true, "sweep");
    }

    /**
     * The grid times the values of one more setting, e.g. {@code with("demos", 1, 2, 4)}. Values may be
     * numbers, strings, enums or booleans; they become a column named {@code name} (integers stay integers,
     * other numbers become doubles, anything else its text).
     */
    public Sweep with(String name, Object... values) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("with: setting name '" + name + "' is blank; name it, e.g. with(\"demos\", 1, 2, 4)");
        }
        if (RESERVED.contains(name) || settings.containsKey(name)) {
            throw new IllegalArgumentException("with: setting name '" + name + "' is "
                    + (settings.containsKey(name) ? "already in the grid" : "a column of the result") + "; choose another name");
        }
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("with(\"" + name + "\"): no values; give at least one, e.g. with(\"" + name + "\", 1, 2)");
        }
        List<Object> list = new ArrayList<>();
        for (Object v : values) {
            if (v == null) {
                throw new IllegalArgumentException("with(\"" + name + "\"): a value is null in " + Arrays.toString(values)
                        + "; give numbers, strings, enums or booleans");
            }
            if (list.contains(v)) {
                throw new IllegalArgumentException("with(\"" + name + "\"): value " + v + " appears twice in "
                        + Arrays.toString(values) + "; list each value once (add seeds for repeats)");
            }
            list.add(v);
        }
        LinkedHashMap<String, List<Object>> grown = new LinkedHashMap<>(settings);
        grown.put(name, List.copyOf(list));
        return new Sweep(grown, seeds, threads, progress, this.name);
    }

    /** Seeds 0, 1, …, n − 1 for every grid point. */
    public Sweep seeds(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("seeds = " + n + " runs nothing; give at least 1 (a comparison rests on >= 5)");
        }
        return seeds(java.util.stream.LongStream.range(0, n).toArray());
    }

    /** These seeds for every grid point. */
    public Sweep seeds(long... seeds) {
        if (seeds == null || seeds.length == 0) {
            throw new IllegalArgumentException("seeds: none given; pass e.g. seeds(10) or seeds(0, 1, 2)");
        }
        if (Arrays.stream(seeds).distinct().count() != seeds.length) {
            throw new IllegalArgumentException("seeds: " + Arrays.toString(seeds) + " repeats a seed; a repeated seed repeats"
                    + " the same run, so list each seed once");
        }
        return new Sweep(settings, seeds.clone(), threads, progress, name);
    }

    /** Threads of the local runner (default: one per available processor); 1 runs serially. */
    public Sweep threads(int threads) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads = " + threads + " is not a thread count in [1, 1024]; pass e.g. "
                    + Runtime.getRuntime().availableProcessors() + " (the processors here) or 1 (serial)");
        }
        return new Sweep(settings, seeds, threads, progress, name);
    }

    /** Whether to print a line per finished run (default true). */
    public Sweep progress(boolean progress) {
        return new Sweep(settings, seeds, threads, progress, name);
    }

    /** The name of the result table (default "sweep"). */
    public Sweep name(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: '" + name + "' is blank; name the table, e.g. \"BC vs DAgger\"");
        }
        return new Sweep(settings, seeds, threads, progress, name);
    }

    /** The number of runs: grid points × seeds. */
    public int size() {
        requireSeeds();
        int points = 1;
        for (List<Object> values : settings.values()) {
            points *= values.size();
        }
        return points * seeds.length;
    }

    /** The runs in table order: grid points in the order of the settings' values (the first setting varies slowest), seeds within each. */
    public List<Run> runs() {
        requireSeeds();
        List<Run> runs = new ArrayList<>();
        List<String> names = new ArrayList<>(settings.keySet());
        int points = size() / seeds.length;
        for (int p = 0; p < points; p++) {
            LinkedHashMap<String, Object> point = new LinkedHashMap<>();
            int rest = p;
            for (int k = names.size() - 1; k >= 0; k--) {
                List<Object> values = settings.get(names.get(k));
                point.put(names.get(k), values.get(rest % values.size()));
                rest /= values.size();
            }
            LinkedHashMap<String, Object> ordered = new LinkedHashMap<>();
            names.forEach(n -> ordered.put(n, point.get(n)));
            for (long seed : seeds) {
                runs.add(new Run(runs.size(), Collections.unmodifiableMap(ordered), seed));
            }
        }
        return runs;
    }

    /** Runs {@code experiment} on every grid point and seed on the local thread pool; the table of the runs. */
    public Table run(Experiment experiment) {
        return run(experiment, this::runLocally);
    }

    /**
     * Runs {@code experiment} through {@code runner} (e.g. the Spark module's); progress, failures,
     * interruption and the table are as for {@link #run(Experiment)}.
     */
    public Table run(Experiment experiment, Runner runner) {
        if (experiment == null) {
            throw new IllegalArgumentException("run: experiment is null; pass a function from a Run to its measurements,"
                    + " e.g. run -> Map.of(\"return\", ...)");
        }
        if (runner == null) {
            throw new IllegalArgumentException("run: runner is null; call run(experiment) to run on this machine");
        }
        List<Run> runs = runs();
        // Seed-major start order: an interrupted sweep still covers every grid point.
        List<Run> startOrder = new ArrayList<>(runs);
        startOrder.sort((a, b) -> a.index % seeds.length != b.index % seeds.length
                ? Integer.compare(a.index % seeds.length, b.index % seeds.length) : Integer.compare(a.index, b.index));
        Outcome[] finished = new Outcome[runs.size()];
        AtomicInteger done = new AtomicInteger();
        boolean interrupted = false;
        try {
            runner.execute(List.copyOf(startOrder), experiment, outcome -> {
                int i = outcome.run().index();
                if (i < 0 || i >= finished.length || finished[i] != null || !outcome.run().equals(runs.get(i))) {
                    throw new IllegalStateException("runner returned an unexpected or repeated run " + outcome.run());
                }
                finished[i] = outcome;
                int k = done.incrementAndGet();
                if (progress) {
                    System.out.println(progressLine(k, finished.length, outcome));
                }
            });
        } catch (InterruptedException e) {
            interrupted = true;
        }
        Table table = table(runs, finished, interrupted ? " (interrupted: " + done.get() + " of " + runs.size() + " runs)" : "");
        long failed = Arrays.stream(finished).filter(o -> o != null && !o.error().isEmpty()).count();
        if (interrupted || failed > 0) {
            System.out.println(name + ": " + (interrupted ? "interrupted, " + done.get() + " of " + runs.size()
                    + " runs finished (the table holds them)" : "") + (interrupted && failed > 0 ? "; " : "")
                    + (failed > 0 ? failed + " run" + (failed == 1 ? "" : "s") + " failed (see the error column)" : ""));
        }
        return table;
    }

    private void requireSeeds() {
        if (seeds == null) {
            throw new IllegalStateException("Sweep: no seeds; call seeds(n) or seeds(0, 1, 2) before running");
        }
    }

    /** The local runner: a fixed pool of {@link #threads} daemon threads; the calling thread hands out the outcomes. */
    private void runLocally(List<Run> runs, Experiment experiment, Consumer<Outcome> finished) throws InterruptedException {
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, runs.size()), r -> {
            Thread t = new Thread(r, "sweep-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        CompletionService<Outcome> service = new ExecutorCompletionService<>(pool);
        try {
            for (Run run : runs) {
                service.submit(() -> Outcome.of(experiment, run));
            }
            for (int i = 0; i < runs.size(); i++) {
                finished.accept(service.take().get());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a sweep run escaped its failure record", e.getCause());
        } finally {
            // After a stop, interrupts the runs in flight and returns without waiting for them (a kernel's stop
            // button allows about a second); they end at their next interruption check, their results unused.
            pool.shutdownNow();
        }
    }

    private static String progressLine(int done, int total, Outcome o) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "run %" + String.valueOf(total).length() + "d/%d",
                done, total));
        o.run().settings().forEach((k, v) -> line.append("  ").append(k).append('=').append(v));
        line.append("  seed=").append(o.run().seed()).append("  ");
        if (o.error().isEmpty()) {
            o.measurements().forEach((k, v) -> line.append(' ').append(k).append('=')
                    .append(String.format(Locale.ROOT, "%.4g", v)));
        } else {
            line.append(" FAILED: ").append(o.error());
        }
        return line.append(String.format(Locale.ROOT, "  (%.1f s)", o.seconds())).toString();
    }

    private Table table(List<Run> runs, Outcome[] finished, String note) {
        List<Integer> rows = new ArrayList<>();
        TreeSet<String> measured = new TreeSet<>();
        for (int i = 0; i < finished.length; i++) {
            if (finished[i] != null) {
                rows.add(i);
                measured.addAll(finished[i].measurements().keySet());
            }
        }
        Table table = Table.create(name + note);
        for (Map.Entry<String, List<Object>> setting : settings.entrySet()) {
            table.addColumns(settingColumn(setting.getKey(), setting.getValue(), runs, rows));
        }
        LongColumn seed = LongColumn.create("seed");
        rows.forEach(i -> seed.append(runs.get(i).seed()));
        table.addColumns(seed);
        for (String m : measured) {
            DoubleColumn column = DoubleColumn.create(m);
            rows.forEach(i -> column.append(finished[i].measurements().getOrDefault(m, Double.NaN)));
            table.addColumns(column);
        }
        StringColumn error = StringColumn.create("error");
        rows.forEach(i -> error.append(finished[i].error()));
        return table.addColumns(error);
    }

    private static Column<?> settingColumn(String name, List<Object> values, List<Run> runs, List<Integer> rows) {
        if (values.stream().allMatch(v -> v instanceof Integer)) {
            IntColumn c = IntColumn.create(name);
            rows.forEach(i -> c.append((Integer) runs.get(i).value(name)));
            return c;
        }
        if (values.stream().allMatch(v -> v instanceof Integer || v instanceof Long)) {
            LongColumn c = LongColumn.create(name);
            rows.forEach(i -> c.append(((Number) runs.get(i).value(name)).longValue()));
            return c;
        }
        if (values.stream().allMatch(v -> v instanceof Number)) {
            DoubleColumn c = DoubleColumn.create(name);
            rows.forEach(i -> c.append(((Number) runs.get(i).value(name)).doubleValue()));
            return c;
        }
        StringColumn c = StringColumn.create(name);
        rows.forEach(i -> c.append(String.valueOf(runs.get(i).value(name))));
        return c;
    }

    /** The user's experiment: one run's measurements by name (e.g. {@code Map.of("return", 187.0, "success", 0.9)}). */
    @FunctionalInterface
    public interface Experiment extends Serializable {
        Map<String, ? extends Number> run(Run run) throws Exception;
    }

    /**
     * Where the runs execute. {@code execute} runs each of {@code runs} (e.g. with {@link Outcome#of}) and hands
     * each outcome to {@code finished} on the calling thread as it arrives; when the calling thread is
     * interrupted it stops the runs and throws {@link InterruptedException}.
     */
    @FunctionalInterface
    public interface Runner {
        void execute(List<Run> runs, Experiment experiment, Consumer<Outcome> finished) throws InterruptedException;
    }

    /**
     * One run: its place in the table ({@code index}), its grid point ({@code settings}, by name in grid order)
     * and its seed. Everything a run may depend on is here.
     */
    public record Run(int index, Map<String, Object> settings, long seed) implements Serializable {

        /** The value of setting {@code name}. */
        public Object value(String name) {
            Object v = settings.get(name);
            if (v == null) {
                throw new IllegalArgumentException("Run: no setting '" + name + "'; this sweep has " + settings.keySet());
            }
            return v;
        }

        /** Setting {@code name} as text (its {@code toString}). */
        public String text(String name) {
            return String.valueOf(value(name));
        }

        /** Setting {@code name} as an int. */
        public int integer(String name) {
            if (!(value(name) instanceof Integer i)) {
                throw new IllegalArgumentException("Run: setting '" + name + "' = " + value(name) + " is not an int; read it"
                        + " with " + (value(name) instanceof Number ? "number" : "text") + "(\"" + name + "\")");
            }
            return i;
        }

        /** Setting {@code name} as a double. */
        public double number(String name) {
            if (!(value(name) instanceof Number n)) {
                throw new IllegalArgumentException("Run: setting '" + name + "' = " + value(name) + " is not a number; read"
                        + " it with text(\"" + name + "\")");
            }
            return n.doubleValue();
        }

        /**
         * A seed from the grid point and the seed together (a stable hash of the settings' names and values and
         * of {@link #seed()}): for randomness that should differ between grid points, where {@link #seed()} is
         * the same at every grid point.
         */
        public long pointSeed() {
            long h = 0xcbf29ce484222325L; // FNV-1a over the settings' text, then SplitMix64 with the seed
            byte[] bytes = settings.toString().getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                h = (h ^ (b & 0xff)) * 0x100000001b3L;
            }
            long z = h + 0x9e3779b97f4a7c15L * (seed + 1);
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }

        @Override
        public String toString() {
            return "run " + index + " " + settings + " seed " + seed;
        }
    }

    /**
     * What one run gave: its measurements (by name, sorted) and an empty {@code error}, or no measurements and the
     * exception it threw; {@code seconds} is its wall-clock time (shown in the progress line, not in the table).
     */
    public record Outcome(Run run, Map<String, Double> measurements, String error, double seconds) implements Serializable {

        /** Runs {@code experiment} on {@code run}, recording whatever it throws as the run's error. */
        public static Outcome of(Experiment experiment, Run run) {
            long start = System.nanoTime();
            try {
                Map<String, ? extends Number> got = experiment.run(run);
                if (got == null) {
                    throw new IllegalStateException("the experiment returned null; return a map of measurements, e.g."
                            + " Map.of(\"return\", r)");
                }
                TreeMap<String, Double> measurements = new TreeMap<>();
                for (Map.Entry<String, ? extends Number> e : got.entrySet()) {
                    String name = e.getKey();
                    if (name == null || name.isBlank() || RESERVED.contains(name) || run.settings().containsKey(name)) {
                        throw new IllegalArgumentException("measurement name '" + name + "' is blank or the name of a "
                                + "column already in the table (" + run.settings().keySet() + ", seed, error); rename it");
                    }
                    if (e.getValue() == null) {
                        throw new IllegalArgumentException("measurement '" + name + "' is null; return a number (NaN for"
                                + " no value)");
                    }
                    measurements.put(name, e.getValue().doubleValue());
                }
                return new Outcome(run, Collections.unmodifiableMap(measurements), "", (System.nanoTime() - start) / 1e9);
            } catch (ThreadDeath death) {
                throw death;
            } catch (Throwable failure) {
                return new Outcome(run, Map.of(), failure.toString(), (System.nanoTime() - start) / 1e9);
            }
        }
    }
}
