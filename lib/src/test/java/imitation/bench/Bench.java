package imitation.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The project's benchmark: runs every suite, prints one table and writes {@code target/bench.csv}.
 * Usage (through {@code bin/bench}): {@code Bench [--fast] [--only group,...] [--out file]}.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) {
        boolean fast = false;
        List<String> only = new ArrayList<>();
        Path out = Path.of("target", "bench.csv");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--fast" -> fast = true;
                case "--only" -> only.addAll(List.of(args[++i].split(",")));
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("bench: unknown argument '" + args[i] + "'; use --fast, --only group,... or --out file");
                    System.exit(2);
                }
            }
        }
        List<BenchSuite> suites = List.of(new CartPoleBench(), new NetworkBench(), new RecurrentBench(), new BehaviorCloningBench(),
                new DrivingBench(), new DaggerBench(), new GailBench(), new IrlBench(), new QLearningBench(), new NotebookBench());
        List<BenchSuite.Row> rows = new ArrayList<>();
        for (BenchSuite suite : suites) {
            String name = suite.getClass().getSimpleName().replace("Bench", "");
            if (!only.isEmpty() && only.stream().noneMatch(name::equalsIgnoreCase)) {
                continue;
            }
            System.out.println("running " + name + " ...");
            List<BenchSuite.Row> got = suite.run(fast);
            got.forEach(r -> System.out.println("  " + format(r)));
            rows.addAll(got);
        }
        System.out.println();
        System.out.println(String.format(Locale.ROOT, "| %-12s | %-58s | %14s | %-8s | %-22s |", "group", "work", "median", "unit", "target"));
        System.out.println("|--------------|------------------------------------------------------------|----------------|----------|------------------------|");
        for (BenchSuite.Row r : rows) {
            System.out.println(String.format(Locale.ROOT, "| %-12s | %-58s | %14s | %-8s | %-22s |", r.group(), r.work(),
                    number(r.value()), r.unit(), r.target()));
        }
        write(out, rows);
        System.out.println("\nwrote " + out.toAbsolutePath());
    }

    private static String format(BenchSuite.Row r) {
        return r.work() + ": " + number(r.value()) + " " + r.unit() + (r.target().isEmpty() ? "" : "  (target " + r.target() + ")");
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static void write(Path out, List<BenchSuite.Row> rows) {
        StringBuilder csv = new StringBuilder("group,work,value,unit,target\n");
        for (BenchSuite.Row r : rows) {
            csv.append(quote(r.group())).append(',').append(quote(r.work())).append(',').append(r.value()).append(',')
                    .append(quote(r.unit())).append(',').append(quote(r.target())).append('\n');
        }
        try {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
