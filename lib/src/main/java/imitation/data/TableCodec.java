package imitation.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Reads the long demonstrations table, with errors that name the column or row at fault. */
final class TableCodec {
    private TableCodec() {}

    static Demonstrations read(Table table, String source) {
        String expected = "; expected columns episode,t,obs_0..obs_{d-1},act_0..act_{k-1},reward,terminal "
                + "as written by Demonstrations.toTable() or writeCsv()";
        Column<?> episode = column(table, "episode", source, expected);
        Column<?> time = column(table, "t", source, expected);
        Column<?> reward = column(table, "reward", source, expected);
        Column<?> terminal = column(table, "terminal", source, expected);
        List<Column<?>> obs = numbered(table, "obs_", source, expected);
        List<Column<?>> act = numbered(table, "act_", source, expected);
        if (obs.isEmpty() || act.isEmpty()) {
            throw new IllegalArgumentException(source + ": missing " + (obs.isEmpty() ? "obs_0" : "act_0") + " column" + expected);
        }
        int rows = table.rowCount();
        if (rows == 0) {
            throw new IllegalArgumentException(source + ": has a header but no rows; a demonstrations file needs at "
                    + "least one episode (one row per observation)");
        }
        List<Trajectory> trajectories = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        int start = 0;
        while (start < rows) {
            int id = integer(episode, start, source);
            if (!seen.add(id)) {
                throw new IllegalArgumentException(source + ", row " + start + ": episode " + id + " appears again after "
                        + "other episodes; an episode's rows must be together and in order of t: sort by episode and t");
            }
            int end = start;
            while (end + 1 < rows && !episode.isMissing(end + 1) && integer(episode, end + 1, source) == id) {
                end++;
            }
            trajectories.add(trajectory(start, end, time, obs, act, reward, terminal, source));
            start = end + 1;
        }
        return Demonstrations.of(trajectories);
    }

    private static Trajectory trajectory(int start, int end, Column<?> time, List<Column<?>> obs, List<Column<?>> act,
            Column<?> reward, Column<?> terminal, String source) {
        int steps = end - start;
        double[][] o = new double[steps + 1][obs.size()];
        double[][] a = new double[steps][act.size()];
        double[] r = new double[steps];
        for (int row = start; row <= end; row++) {
            int t = row - start;
            if (integer(time, row, source) != t) {
                throw new IllegalArgumentException(source + ", row " + row + ": t = " + time.getString(row)
                        + " but the episode's rows must count 0, 1, 2, ... in order; sort by episode and t");
            }
            for (int j = 0; j < obs.size(); j++) {
                o[t][j] = number(obs.get(j), row, source, "every row needs a full observation");
            }
            boolean last = row == end;
            for (int j = 0; j < act.size(); j++) {
                if (last) {
                    requireMissing(act.get(j), row, source);
                } else {
                    a[t][j] = number(act.get(j), row, source, "only an episode's final row may leave its action empty");
                }
            }
            if (last) {
                requireMissing(reward, row, source);
            } else {
                r[t] = number(reward, row, source, "only an episode's final row may leave its reward empty");
            }
        }
        String flag = terminal.isMissing(end) ? "" : terminal.getString(end).trim();
        if (!flag.equalsIgnoreCase("true") && !flag.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(source + ", row " + end + ": terminal = '" + flag + "' on an episode's "
                    + "final row; write true or false");
        }
        boolean isTerminal = flag.equalsIgnoreCase("true");
        return new Trajectory(o, a, r, isTerminal);
    }

    private static Column<?> column(Table table, String name, String source, String expected) {
        if (!table.columnNames().contains(name)) {
            throw new IllegalArgumentException(source + ": missing column '" + name + "' (has " + table.columnNames() + ")" + expected);
        }
        return table.column(name);
    }

    private static List<Column<?>> numbered(Table table, String prefix, String source, String expected) {
        List<Column<?>> out = new ArrayList<>();
        for (String name : table.columnNames()) {
            if (name.startsWith(prefix)) {
                String expect = prefix + out.size();
                if (!name.equals(expect)) {
                    throw new IllegalArgumentException(source + ": column '" + name + "' found where '" + expect
                            + "' was expected" + expected);
                }
                out.add(table.column(name));
            }
        }
        return out;
    }

    private static int integer(Column<?> column, int row, String source) {
        double v = number(column, row, source, "episode and t must be given on every row");
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(source + ", row " + row + ": " + column.name() + " = " + v
                    + " is not an integer (of at most " + Integer.MAX_VALUE + " in size)");
        }
        return (int) v;
    }

    /**
     * The number in a cell: a numeric column's value, or a text column's (CSV) cell parsed. Empty, non-numeric,
     * non-finite and beyond-float values are named with their row and column.
     */
    private static double number(Column<?> column, int row, String source, String rule) {
        String where = source + ", row " + row + ": column '" + column.name() + "' ";
        if (column.isMissing(row)) {
            // Tablesaw stores a missing number as NaN, so a numeric column cannot tell the two apart
            throw new IllegalArgumentException(where + (column.type() == ColumnType.STRING ? "is empty; "
                    : "is empty or NaN; ") + rule);
        }
        Object value = column.get(row);
        double v;
        if (value instanceof Number n) {
            v = n.doubleValue();
        } else {
            try {
                v = Double.parseDouble(String.valueOf(value).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + "holds '" + value + "', not a number");
            }
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(where + "= " + v + " is not finite; repair or drop that episode");
        }
        if (Math.abs(v) > Float.MAX_VALUE) {
            throw new IllegalArgumentException(where + "= " + v + " is beyond the float range (±" + Float.MAX_VALUE
                    + ") that the networks compute in; rescale the column or repair that value");
        }
        return v;
    }

    private static void requireMissing(Column<?> column, int row, String source) {
        if (!column.isMissing(row)) {
            throw new IllegalArgumentException(source + ", row " + row + ": column '" + column.name() + "' = "
                    + column.getString(row) + " on an episode's final row; the final observation has no action or reward. "
                    + "Is a row missing or is the episode column wrong?");
        }
    }
}
