package imitation.data;

import java.util.ArrayList;
import java.util.List;
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
        List<Trajectory> trajectories = new ArrayList<>();
        int start = 0;
        while (start < rows) {
            int id = integer(episode, start, source);
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
        if (terminal.isMissing(end)) {
            throw new IllegalArgumentException(source + ", row " + end + ": terminal is empty; write true or false");
        }
        boolean isTerminal = Boolean.parseBoolean(terminal.getString(end).trim());
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
        if (v != Math.rint(v)) {
            throw new IllegalArgumentException(source + ", row " + row + ": " + column.name() + " = " + v + " is not an integer");
        }
        return (int) v;
    }

    private static double number(Column<?> column, int row, String source, String rule) {
        if (column.isMissing(row)) {
            throw new IllegalArgumentException(source + ", row " + row + ": column '" + column.name() + "' is empty; " + rule);
        }
        Object value = column.get(row);
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException(source + ", row " + row + ": column '" + column.name() + "' holds '"
                    + value + "', not a number");
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(source + ", row " + row + ": column '" + column.name() + "' = " + v
                    + " is not finite; repair or drop that episode");
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
