package imitation.eval;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Collects a learner's training metrics as the long-format table every learner returns:
 * {@code <step> | metric | value | seed}, where the step column is named for the learner's unit of
 * progress ({@code step}, {@code round}, {@code iteration}). {@link imitation.viz.Charts#learningCurve}
 * draws it, and tables from several seeds can be appended and summarised.
 */
public final class History {
    private final IntColumn step;
    private final StringColumn metric = StringColumn.create("metric");
    private final DoubleColumn value = DoubleColumn.create("value");
    private final LongColumn seedColumn = LongColumn.create("seed");
    private final long seed;

    /** A history whose step column is called {@code stepName}, every row labelled with {@code seed}. */
    public History(String stepName, long seed) {
        if (stepName == null || stepName.isBlank() || stepName.equals("metric") || stepName.equals("value")
                || stepName.equals("seed")) {
            throw new IllegalArgumentException("History: step column name '" + stepName
                    + "' must be a non-blank name other than metric, value and seed (e.g. \"step\")");
        }
        this.step = IntColumn.create(stepName);
        this.seed = seed;
    }

    /** Records {@code metric = value} at {@code at}. */
    public void add(int at, String metricName, double metricValue) {
        step.append(at);
        metric.append(metricName);
        value.append(metricValue);
        seedColumn.append(seed);
    }

    /** The step of the latest row; throws when nothing was recorded yet. */
    public int lastStep() {
        if (step.isEmpty()) {
            throw new IllegalStateException("History: nothing recorded yet");
        }
        return step.get(step.size() - 1);
    }

    /** The latest value recorded for {@code metricName}, or NaN when there is none. */
    public double last(String metricName) {
        for (int i = metric.size() - 1; i >= 0; i--) {
            if (metric.get(i).equals(metricName)) {
                return value.getDouble(i);
            }
        }
        return Double.NaN;
    }

    /**
     * The values of one metric from a history table (as learners return it), in the order they were recorded:
     * {@code values(result.history(), "nll")[0]} is the first NLL.
     *
     * @throws IllegalArgumentException if the table has no metric and value columns, or no row for {@code metric}
     *     (the message lists the metrics it has)
     */
    public static double[] values(Table history, String metric) {
        if (history == null || !history.columnNames().contains("metric") || !history.columnNames().contains("value")) {
            throw new IllegalArgumentException("History.values: " + (history == null ? "history is null"
                    : "columns " + history.columnNames() + " have no metric and value")
                    + "; pass a learner's history table");
        }
        Table rows = history.where(history.stringColumn("metric").isEqualTo(metric));
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("History.values: no metric '" + metric + "'; the history has "
                    + history.stringColumn("metric").unique().asList());
        }
        return rows.doubleColumn("value").asDoubleArray();
    }

    /** A copy of the rows so far as a table called {@code name}; later {@link #add} calls do not change it. */
    public Table table(String name) {
        return Table.create(name, step.copy(), metric.copy(), value.copy(), seedColumn.copy());
    }
}
