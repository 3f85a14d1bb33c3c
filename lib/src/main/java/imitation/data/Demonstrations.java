package imitation.data;

import imitation.env.Space;
import imitation.env.VecEnv;
import java.io.BufferedWriter;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * An immutable, non-empty set of trajectories with the same observation and action sizes: what a
 * learner is trained on.
 *
 * <p>As a {@link Table} (and as CSV) it has one row per observation: {@code episode}, {@code t},
 * {@code obs_0..obs_{d-1}}, {@code act_0..act_{k-1}}, {@code reward}, {@code terminal}. The last row of
 * each episode holds the final observation, with its action and reward cells missing.
 */
public final class Demonstrations {
    private final List<Trajectory> trajectories;

    private Demonstrations(List<Trajectory> trajectories) {
        if (trajectories == null || trajectories.isEmpty()) {
            throw new IllegalArgumentException("Demonstrations: no trajectories given; collect at least one episode "
                    + "(for example with Rollouts.in(env).episodes(1).collect(expert))");
        }
        Trajectory first = trajectories.get(0);
        int steps = 0;
        for (int i = 0; i < trajectories.size(); i++) {
            Trajectory t = trajectories.get(i);
            if (t == null) {
                throw new IllegalArgumentException("Demonstrations: trajectory " + i + " is null");
            }
            if (t.observationSize() != first.observationSize()) {
                throw new IllegalArgumentException("Demonstrations: trajectory " + i + " has observations of size "
                        + t.observationSize() + " but trajectory 0 has " + first.observationSize()
                        + "; all trajectories must come from the same kind of environment");
            }
            steps += t.length();
        }
        if (steps == 0) {
            throw new IllegalArgumentException("Demonstrations: the " + trajectories.size()
                    + " trajectories hold no steps; a learner needs at least one observation-action pair");
        }
        int actionSize = -1;
        for (int i = 0; i < trajectories.size(); i++) {
            Trajectory t = trajectories.get(i);
            if (t.length() == 0) {
                continue;
            }
            if (actionSize < 0) {
                actionSize = t.actionSize();
            } else if (t.actionSize() != actionSize) {
                throw new IllegalArgumentException("Demonstrations: trajectory " + i + " has actions of size "
                        + t.actionSize() + " but earlier ones have " + actionSize
                        + "; all trajectories must come from the same kind of environment");
            }
        }
        this.trajectories = List.copyOf(trajectories);
    }

    public static Demonstrations of(List<Trajectory> trajectories) {
        return new Demonstrations(trajectories == null ? null : new ArrayList<>(trajectories));
    }

    public static Demonstrations of(Trajectory... trajectories) {
        return of(trajectories == null ? null : Arrays.asList(trajectories));
    }

    /** The trajectories, in order (unmodifiable). */
    public List<Trajectory> trajectories() {
        return Collections.unmodifiableList(trajectories);
    }

    /** Number of trajectories. */
    public int size() {
        return trajectories.size();
    }

    /** Total number of steps (observation-action pairs). */
    public int steps() {
        int steps = 0;
        for (Trajectory t : trajectories) {
            steps += t.length();
        }
        return steps;
    }

    public int observationSize() {
        return trajectories.get(0).observationSize();
    }

    public int actionSize() {
        for (Trajectory t : trajectories) {
            if (t.length() > 0) {
                return t.actionSize();
            }
        }
        throw new IllegalStateException("unreachable: the constructor rejects demonstrations without steps");
    }

    /**
     * Checks that these demonstrations fit {@code env}: the same observation size and action size. The error
     * names {@code where} (the calling method), both sizes and the fix.
     */
    public void requireFits(String where, VecEnv env) {
        int d = env.observationSpace().size();
        if (observationSize() != d) {
            throw new IllegalArgumentException(where + ": demonstrations have observations of size " + observationSize()
                    + " but the environment's have " + d + "; pass demonstrations recorded in this environment");
        }
        Space actions = env.actionSpace();
        if (actionSize() != actions.size()) {
            throw new IllegalArgumentException(where + ": demonstrations have actions of size " + actionSize()
                    + " but the environment's action space " + actions + " has size " + actions.size()
                    + "; pass demonstrations recorded in this environment");
        }
    }

    /** The first {@code n} trajectories. */
    public Demonstrations take(int n) {
        if (n < 1 || n > size()) {
            throw new IllegalArgumentException("take: n = " + n + " must be in [1, " + size() + "]");
        }
        return new Demonstrations(trajectories.subList(0, n));
    }

    /**
     * The first {@code n} steps, trajectory after trajectory: whole trajectories while they fit, the last one cut
     * (and then not terminal). Used to give a learner exactly as many labelled steps as another one had.
     *
     * @throws IllegalArgumentException if n is not in [1, steps()]
     */
    public Demonstrations firstSteps(int n) {
        if (n < 1 || n > steps()) {
            throw new IllegalArgumentException("firstSteps: n = " + n + " must be in [1, " + steps()
                    + "]; collect more trajectories to have more steps");
        }
        List<Trajectory> kept = new ArrayList<>();
        int left = n;
        for (Trajectory t : trajectories) {
            if (left == 0) {
                break;
            }
            int k = Math.min(left, t.length());
            kept.add(k == t.length() ? t : t.prefix(k));
            left -= k;
        }
        return new Demonstrations(kept);
    }

    /** These trajectories followed by {@code other}'s (the aggregation step of DAgger). */
    public Demonstrations concat(Demonstrations other) {
        if (other == null) {
            throw new IllegalArgumentException("concat: other is null; pass the demonstrations to append");
        }
        List<Trajectory> all = new ArrayList<>(trajectories);
        all.addAll(other.trajectories);
        return new Demonstrations(all);
    }

    /** Every step's observation, trajectory after trajectory (final observations excluded): {@code [steps][obsSize]}. */
    public double[][] observations() {
        double[][] out = new double[steps()][];
        int row = 0;
        for (Trajectory t : trajectories) {
            double[][] obs = t.observationRows();
            for (int i = 0; i < t.length(); i++) {
                out[row++] = obs[i].clone();
            }
        }
        return out;
    }

    /** Every step's action, aligned with {@link #observations()}: {@code [steps][actSize]}. */
    public double[][] actions() {
        double[][] out = new double[steps()][];
        int row = 0;
        for (Trajectory t : trajectories) {
            for (double[] a : t.actionRows()) {
                out[row++] = a.clone();
            }
        }
        return out;
    }

    /** The flattened form: one transition per step. */
    public List<Transition> transitions() {
        List<Transition> out = new ArrayList<>(steps());
        for (Trajectory t : trajectories) {
            double[][] obs = t.observationRows();
            double[][] act = t.actionRows();
            double[] rew = t.rewards();
            for (int i = 0; i < t.length(); i++) {
                boolean done = t.terminal() && i == t.length() - 1;
                out.add(new Transition(obs[i], act[i], rew[i], obs[i + 1], done));
            }
        }
        return out;
    }

    /**
     * One-row summary in the style of the peer library's rollout statistics: episodes, steps, return
     * mean/std/min/max and length mean/min/max.
     */
    public Table summary() {
        double[] returns = trajectories.stream().mapToDouble(Trajectory::totalReward).toArray();
        double[] lengths = trajectories.stream().mapToDouble(Trajectory::length).toArray();
        DoubleColumn r = DoubleColumn.create("r", returns);
        DoubleColumn l = DoubleColumn.create("l", lengths);
        return Table.create("demonstrations",
                IntColumn.create("episodes", new int[] {size()}),
                IntColumn.create("steps", new int[] {steps()}),
                DoubleColumn.create("return_mean", new double[] {r.mean()}),
                DoubleColumn.create("return_std", new double[] {size() > 1 ? r.standardDeviation() : 0}),
                DoubleColumn.create("return_min", new double[] {r.min()}),
                DoubleColumn.create("return_max", new double[] {r.max()}),
                DoubleColumn.create("length_mean", new double[] {l.mean()}),
                DoubleColumn.create("length_min", new double[] {l.min()}),
                DoubleColumn.create("length_max", new double[] {l.max()}));
    }

    /** The long table described in the class comment. */
    public Table toTable() {
        int d = observationSize();
        int k = actionSize();
        IntColumn episode = IntColumn.create("episode");
        IntColumn time = IntColumn.create("t");
        DoubleColumn[] obs = new DoubleColumn[d];
        for (int j = 0; j < d; j++) {
            obs[j] = DoubleColumn.create("obs_" + j);
        }
        DoubleColumn[] act = new DoubleColumn[k];
        for (int j = 0; j < k; j++) {
            act[j] = DoubleColumn.create("act_" + j);
        }
        DoubleColumn reward = DoubleColumn.create("reward");
        BooleanColumn terminal = BooleanColumn.create("terminal");
        for (int e = 0; e < trajectories.size(); e++) {
            Trajectory tr = trajectories.get(e);
            double[][] o = tr.observationRows();
            double[][] a = tr.actionRows();
            double[] rew = tr.rewards();
            for (int t = 0; t <= tr.length(); t++) {
                episode.append(e);
                time.append(t);
                for (int j = 0; j < d; j++) {
                    obs[j].append(o[t][j]);
                }
                boolean last = t == tr.length();
                for (int j = 0; j < k; j++) {
                    if (last) {
                        act[j].appendMissing();
                    } else {
                        act[j].append(a[t][j]);
                    }
                }
                if (last) {
                    reward.appendMissing();
                } else {
                    reward.append(rew[t]);
                }
                terminal.append(tr.terminal());
            }
        }
        Table table = Table.create("demonstrations", episode, time);
        table.addColumns(obs);
        table.addColumns(act);
        table.addColumns(reward, terminal);
        return table;
    }

    /** Reads the long table written by {@link #toTable()}, checking every column and row. */
    public static Demonstrations fromTable(Table table) {
        if (table == null) {
            throw new IllegalArgumentException("fromTable: table is null; pass a table made by toTable()");
        }
        return TableCodec.read(table, "table '" + table.name() + "'");
    }

    /** Writes the long table as CSV (missing cells empty), creating parent directories. */
    public void writeCsv(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("writeCsv: file is null; pass a path such as Path.of(\"data/demos.csv\")");
        }
        Table table = toTable();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                List<Column<?>> columns = table.columns();
                w.write(String.join(",", table.columnNames()));
                w.newLine();
                StringBuilder line = new StringBuilder();
                for (int row = 0; row < table.rowCount(); row++) {
                    line.setLength(0);
                    for (int c = 0; c < columns.size(); c++) {
                        if (c > 0) {
                            line.append(',');
                        }
                        Column<?> col = columns.get(c);
                        if (!col.isMissing(row)) {
                            line.append(col.getString(row));
                        }
                    }
                    w.write(line.toString());
                    w.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write demonstrations to " + file, e);
        }
    }

    /**
     * Reads a CSV file written by {@link #writeCsv(Path)}: UTF-8 text, every cell checked (numbers finite and
     * within the float range the networks compute in, each episode's rows together and in order), and errors
     * that name the file, the row and the column.
     */
    public static Demonstrations readCsv(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("readCsv: file is null; pass a path such as Path.of(\"data/cartpole.csv\")");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("readCsv: no file at " + file.toAbsolutePath()
                    + "; check the path (data files live in the project's data/ folder)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("readCsv: " + file + " is not UTF-8 text (" + e + "); save it as UTF-8 "
                    + "CSV, as writeCsv does", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("readCsv: " + file + " is empty; expected a header line "
                    + "episode,t,obs_*,act_*,reward,terminal and one row per observation, as written by writeCsv");
        }
        String header = text.lines().findFirst().orElse("");
        ColumnType[] types = new ColumnType[header.split(",", -1).length];
        Arrays.fill(types, ColumnType.STRING);   // TableCodec parses each cell, so its errors say what was there
        Table table;
        try {
            table = Table.read().usingOptions(CsvReadOptions.builder(new StringReader(text)).columnTypes(types)
                    .missingValueIndicator("").tableName(file.getFileName().toString()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("readCsv: " + file + " is not a demonstrations CSV ("
                    + e.getMessage() + "); expected columns episode,t,obs_*,act_*,reward,terminal as written by writeCsv", e);
        }
        return TableCodec.read(table, "file " + file);
    }

    @Override
    public String toString() {
        return "Demonstrations[" + size() + " trajectories, " + steps() + " steps, obs " + observationSize()
                + ", act " + actionSize() + "]";
    }
}
