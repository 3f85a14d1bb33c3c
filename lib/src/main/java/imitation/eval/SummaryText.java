package imitation.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * A summary table ({@link Summary#of}, {@link Summary#fractions}) read back in a notebook: one group's mean
 * by the values of its group columns, and the whole table as aligned lines of text that say what each
 * interval is. Fractions (Wilson intervals) are written as percentages: whole ones from 10% up, two significant
 * digits below (0.29%), so that small shares do not all read 0%.
 *
 * <pre>{@code
 * Table t = Summary.fractions(runs, "finished", "method");
 * SummaryText.print(t);                      // BC     : 40% (std 20%; Wilson 95% interval 22%..61%; 5 runs)
 * double dagger = SummaryText.mean(t, "DAgger");
 * }</pre>
 */
public final class SummaryText {
    private static final List<String> STATISTICS = List.of("runs", "not_finite", "mean", "std", "low", "high", "interval");

    private SummaryText() {}

    /** The mean of the group whose group columns (those before {@code runs}) hold {@code group}, in order. */
    public static double mean(Table summary, Object... group) {
        List<String> groupColumns = groupColumns(summary);
        if (group == null || group.length != groupColumns.size()) {
            throw new IllegalArgumentException("mean: give one value per group column " + groupColumns + ", got "
                    + (group == null ? "null" : java.util.Arrays.toString(group)));
        }
        List<String> seen = new ArrayList<>();
        for (int row = 0; row < summary.rowCount(); row++) {
            List<String> key = key(summary, groupColumns, row);
            if (key.equals(java.util.Arrays.stream(group).map(String::valueOf).toList())) {
                return summary.doubleColumn("mean").getDouble(row);
            }
            seen.add(String.join(", ", key));
        }
        throw new IllegalArgumentException("mean: no group " + java.util.Arrays.toString(group) + " in '" + summary.name()
                + "'; its groups are " + seen);
    }

    /** One line per group: its values, then mean, std, the interval (named) and the number of runs. */
    public static List<String> lines(Table summary) {
        List<String> groupColumns = groupColumns(summary);
        List<String> names = new ArrayList<>();
        int width = 0;
        for (int row = 0; row < summary.rowCount(); row++) {
            String name = String.join(", ", key(summary, groupColumns, row));
            names.add(name);
            width = Math.max(width, name.length());
        }
        List<String> lines = new ArrayList<>();
        for (int row = 0; row < summary.rowCount(); row++) {
            String kind = summary.stringColumn("interval").get(row);
            boolean percent = kind.startsWith("Wilson");
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + Math.max(1, width) + "s : %s (std %s",
                    names.get(row), number(summary, "mean", row, percent), number(summary, "std", row, percent)));
            if (Double.isFinite(summary.doubleColumn("low").getDouble(row))) {
                line.append("; ").append(kind).append(" interval ").append(number(summary, "low", row, percent))
                        .append("..").append(number(summary, "high", row, percent));
            }
            int runs = summary.intColumn("runs").getInt(row);
            int notFinite = summary.intColumn("not_finite").getInt(row);
            line.append("; ").append(runs).append(runs == 1 ? " run" : " runs");
            if (notFinite > 0) {
                line.append(", ").append(notFinite).append(" not finite");
            }
            lines.add(line.append(')').toString());
        }
        return lines;
    }

    /** Prints {@link #lines}, under the table's name. */
    public static void print(Table summary) {
        List<String> lines = lines(summary);
        System.out.println(summary.name() + ":");
        lines.forEach(l -> System.out.println("  " + l));
    }

    private static String number(Table summary, String column, int row, boolean percent) {
        double v = summary.doubleColumn(column).getDouble(row);
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        if (!percent) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        double p = 100 * v;   // whole percent, except small shares (0.29%), which would all read 0%
        return String.format(Locale.ROOT, p == 0 || Math.abs(p) >= 10 ? "%.0f%%" : "%.2g%%", p);
    }

    private static List<String> key(Table summary, List<String> groupColumns, int row) {
        List<String> key = new ArrayList<>();
        for (String g : groupColumns) {
            key.add(summary.column(g).getString(row));
        }
        return key;
    }

    private static List<String> groupColumns(Table summary) {
        if (summary == null) {
            throw new IllegalArgumentException("summary is null; pass a table from Summary.of or Summary.fractions");
        }
        List<String> columns = summary.columnNames();
        int runs = columns.indexOf("runs");
        if (runs < 0 || !columns.subList(runs, Math.min(columns.size(), runs + STATISTICS.size())).equals(STATISTICS)) {
            throw new IllegalArgumentException("table '" + summary.name() + "' has columns " + columns
                    + ", not those of a summary (group columns, then " + STATISTICS + "); make it with Summary.of or Summary.fractions");
        }
        return columns.subList(0, runs);
    }
}
