package imitation.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Collapses a table of runs (one row per seed, say) into mean, std, n and a 95% confidence interval
 * per group, keeping groups in the order they first appear.
 *
 * <pre>{@code
 * Table t = Summary.of(runs, "return", "method", "trajectories");
 * // method | trajectories | runs | mean | std | ci95 | low | high
 * }</pre>
 */
public final class Summary {
    private Summary() {}

    public static Table of(Table runs, String value, String... groupBy) {
        if (!runs.columnNames().contains(value)) {
            throw new IllegalArgumentException("Summary: no column '" + value + "' in " + runs.columnNames());
        }
        if (!(runs.column(value) instanceof NumericColumn<?> values)) {
            throw new IllegalArgumentException("Summary: column '" + value + "' is not numeric");
        }
        for (String g : groupBy) {
            if (!runs.columnNames().contains(g)) {
                throw new IllegalArgumentException("Summary: no group column '" + g + "' in " + runs.columnNames());
            }
        }
        Map<List<String>, List<Double>> groups = new LinkedHashMap<>();
        Map<List<String>, Integer> firstRow = new LinkedHashMap<>();
        for (int row = 0; row < runs.rowCount(); row++) {
            List<String> key = new ArrayList<>();
            for (String g : groupBy) {
                key.add(runs.column(g).getString(row));
            }
            if (!values.isMissing(row)) {
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(values.getDouble(row));
                firstRow.putIfAbsent(key, row);
            }
        }
        Table out = Table.create(runs.name() + " by " + String.join(", ", groupBy));
        for (String g : groupBy) {
            Column<?> source = runs.column(g);
            Column<?> col = source.emptyCopy();
            for (int row : firstRow.values()) {
                appendFrom(col, source, row);
            }
            out.addColumns(col);
        }
        IntColumn n = IntColumn.create("runs");
        DoubleColumn mean = DoubleColumn.create("mean");
        DoubleColumn std = DoubleColumn.create("std");
        DoubleColumn ci = DoubleColumn.create("ci95");
        DoubleColumn low = DoubleColumn.create("low");
        DoubleColumn high = DoubleColumn.create("high");
        for (List<Double> g : groups.values()) {
            double[] v = g.stream().mapToDouble(Double::doubleValue).toArray();
            double m = Stats.mean(v);
            double h = Stats.ci95(v);
            n.append(v.length);
            mean.append(m);
            std.append(Stats.std(v));
            ci.append(h);
            low.append(m - h);
            high.append(m + h);
        }
        out.addColumns(n, mean, std, ci, low, high);
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void appendFrom(Column target, Column source, int row) {
        target.append(source, row);
    }
}
