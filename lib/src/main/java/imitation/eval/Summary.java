package imitation.eval;

import imitation.notebook.Notebook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Collapses a table of runs (one row per seed, say) into one row per group, in the order groups first
 * appear: how many runs, how many of them were not finite, the mean and standard deviation of the finite
 * ones, and a 95% confidence interval whose kind fits the quantity and is named in the {@code interval}
 * column.
 *
 * <pre>{@code
 * Summary.of(runs, "return", "method");          // a mean: Student-t interval
 * Summary.fractions(runs, "finished", "method"); // a fraction or success rate: Wilson interval, inside [0, 1]
 * // method | runs | not_finite | mean | std | low | high | interval
 * }</pre>
 *
 * A run whose value is NaN, infinite or missing (a diverged seed) stays in {@code runs} and is counted in
 * {@code not_finite}; the mean, std and interval are over the finite runs only, so {@code runs − not_finite}
 * is their n. A group with no finite run has NaN statistics (Tablesaw shows them as missing: read them with
 * {@code getDouble}, not {@code get}); a group with one finite run has std 0 and, for means, no interval. Tables made in fast mode
 * ({@link Notebook#fast()}) say so in their name.
 */
public final class Summary {
    private Summary() {}

    /** Means of {@code value} per group, with 95% Student-t intervals ({@link Stats#meanInterval}). */
    public static Table of(Table runs, String value, String... groupBy) {
        return summarise("Summary.of", runs, value, groupBy, false);
    }

    /**
     * Means of a fraction or success rate {@code value} (every finite value in [0, 1]) per group, with 95%
     * Wilson score intervals ({@link Stats#fractionInterval}), which stay inside [0, 1].
     *
     * @throws IllegalArgumentException if a finite value is outside [0, 1] (the message names its row)
     */
    public static Table fractions(Table runs, String value, String... groupBy) {
        return summarise("Summary.fractions", runs, value, groupBy, true);
    }

    private static Table summarise(String caller, Table runs, String value, String[] groupBy, boolean fraction) {
        if (runs == null) {
            throw new IllegalArgumentException(caller + ": runs is null; pass a table with one row per run");
        }
        if (value == null || !runs.columnNames().contains(value)) {
            throw new IllegalArgumentException(caller + ": no column '" + value + "' in " + runs.columnNames());
        }
        if (!(runs.column(value) instanceof NumericColumn<?> values)) {
            throw new IllegalArgumentException(caller + ": column '" + value + "' is " + runs.column(value).type()
                    + ", not numeric; summarise a numeric column");
        }
        if (groupBy == null) {
            throw new IllegalArgumentException(caller + ": groupBy is null; pass no names for one overall row");
        }
        for (String g : groupBy) {
            if (g == null || !runs.columnNames().contains(g)) {
                throw new IllegalArgumentException(caller + ": no group column '" + g + "' in " + runs.columnNames());
            }
        }
        Map<List<String>, Group> groups = new LinkedHashMap<>();
        for (int row = 0; row < runs.rowCount(); row++) {
            List<String> key = new ArrayList<>();
            for (String g : groupBy) {
                key.add(runs.column(g).getString(row));
            }
            Group group = groups.computeIfAbsent(key, k -> new Group());
            group.rows.add(row);
            double v = values.isMissing(row) ? Double.NaN : values.getDouble(row);
            if (Double.isFinite(v)) {
                if (fraction && !(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException(caller + ": column '" + value + "' has " + v + " in row " + row
                            + ", not a fraction in [0, 1]; use Summary.of for quantities that are not fractions");
                }
                group.finite.add(v);
            }
        }
        Table out = Table.create(name(runs, value, groupBy));
        for (String g : groupBy) {
            Column<?> source = runs.column(g);
            Column<?> col = source.emptyCopy();
            for (Group group : groups.values()) {
                appendFrom(col, source, group.rows.get(0));
            }
            out.addColumns(col);
        }
        IntColumn n = IntColumn.create("runs");
        IntColumn notFinite = IntColumn.create("not_finite");
        DoubleColumn mean = DoubleColumn.create("mean");
        DoubleColumn std = DoubleColumn.create("std");
        DoubleColumn low = DoubleColumn.create("low");
        DoubleColumn high = DoubleColumn.create("high");
        StringColumn kind = StringColumn.create("interval");
        for (Group group : groups.values()) {
            double[] v = group.finite.stream().mapToDouble(Double::doubleValue).toArray();
            n.append(group.rows.size());
            notFinite.append(group.rows.size() - v.length);
            if (v.length == 0) {
                mean.append(Double.NaN);
                std.append(Double.NaN);
                low.append(Double.NaN);
                high.append(Double.NaN);
                kind.append("none: no finite run");
                continue;
            }
            Interval ci = fraction ? Stats.fractionInterval(v) : Stats.meanInterval(v);
            mean.append(Stats.mean(v));
            std.append(Stats.std(v));
            low.append(ci.low());
            high.append(ci.high());
            kind.append(ci.defined() ? ci.kind() : "none: one run");
        }
        out.addColumns(n, notFinite, mean, std, low, high, kind);
        return out;
    }

    private static String name(Table runs, String value, String[] groupBy) {
        String name = value + (groupBy.length == 0 ? "" : " by " + String.join(", ", groupBy));
        if (runs.name() != null && !runs.name().isBlank()) {
            name += " (" + runs.name() + ")";
        }
        return Notebook.fast() ? name + " · " + Notebook.FAST_NOTE : name;
    }

    private static final class Group {
        final List<Integer> rows = new ArrayList<>();
        final List<Double> finite = new ArrayList<>();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void appendFrom(Column target, Column source, int row) {
        target.append(source, row);
    }
}
