package imitation.data.driving;

import imitation.data.Demonstrations;
import imitation.data.Trajectory;
import imitation.env.driving.CarState;
import imitation.env.driving.DrivingMetrics;
import imitation.env.driving.DrivingWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One recorded episode of driving: the car's true states, what it saw (optional), the actions it took,
 * the expert's clean label at every state, and how the episode went. Everything an augmentation needs
 * (it re-renders views from the states) and everything the charts draw (path, offsets over time).
 * Immutable: arrays are copied in and out.
 */
public final class DrivingRecord {
    private final DrivingWorld world;
    private final long seed;
    private final double[][] states;
    private final double[] offsets;
    private final double[][] observations;
    private final double[] actions;
    private final double[] labels;
    private final double[] rewards;
    private final DrivingMetrics metrics;

    DrivingRecord(DrivingWorld world, long seed, double[][] states, double[] offsets, double[][] observations,
            double[] actions, double[] labels, double[] rewards, DrivingMetrics metrics) {
        this.world = world;
        this.seed = seed;
        this.states = states;
        this.offsets = offsets;
        this.observations = observations;
        this.actions = actions;
        this.labels = labels;
        this.rewards = rewards;
        this.metrics = metrics;
    }

    /** The world the episode was driven in (its observation kind is that of {@link #observations()}). */
    public DrivingWorld world() {
        return world;
    }

    /** The reset seed of the episode. */
    public long seed() {
        return seed;
    }

    /** Number of steps T. */
    public int length() {
        return actions.length;
    }

    /** True state at time t in 0..T. */
    public CarState state(int t) {
        return new CarState(states[t][0], states[t][1], states[t][2]);
    }

    /** Positions as two rows {@code {x[0..T], y[0..T]}} for drawing the path. */
    public double[][] path() {
        double[][] out = new double[2][states.length];
        for (int t = 0; t < states.length; t++) {
            out[0][t] = states[t][0];
            out[1][t] = states[t][1];
        }
        return out;
    }

    /** Lateral offset in metres (left positive) at times 0..T. */
    public double[] offsets() {
        return offsets.clone();
    }

    /** Observations {@code [T+1][size]} of the world's kind, when they were recorded. */
    public Optional<double[][]> observations() {
        return observations == null ? Optional.empty() : Optional.of(copy(observations));
    }

    /** Steering actually applied at times 0..T-1 (with noise, when the driver was noisy). */
    public double[] actions() {
        return actions.clone();
    }

    /** The expert's clean steering at the states of times 0..T-1. */
    public double[] labels() {
        return labels.clone();
    }

    /** Rewards (centreline progress in metres) of steps 0..T-1. */
    public double[] rewards() {
        return rewards.clone();
    }

    public DrivingMetrics metrics() {
        return metrics;
    }

    /**
     * The episode as a trajectory for imitation: the recorded observations with the expert's labels as
     * actions (so noise injected while driving does not reach the labels).
     */
    public Trajectory trajectory() {
        if (observations == null) {
            throw new IllegalStateException("this record kept no observations; collect with recordObservations(true)");
        }
        double[][] acts = new double[labels.length][];
        for (int t = 0; t < labels.length; t++) {
            acts[t] = new double[] {labels[t]};
        }
        return new Trajectory(observations, acts, rewards, world.ends(metrics.leftRoad(), metrics.collided()));
    }

    /**
     * The {@link #trajectory()} of every record as demonstrations; all records must have the same
     * observation kind and size.
     */
    public static Demonstrations demonstrations(List<DrivingRecord> records) {
        requireOneKind(records, "demonstrations");
        List<Trajectory> out = new ArrayList<>();
        for (DrivingRecord r : records) {
            out.add(r.trajectory());
        }
        return Demonstrations.of(out);
    }

    /**
     * One row per episode: {@code run, seed, steps, distance, laps, mean_abs_offset, left_road,
     * finished} (the last two as 0/1, so their mean over episodes is a fraction), ready for
     * {@code imitation.eval.Summary.of(table, "finished", "run")}.
     */
    public static Table table(String run, List<DrivingRecord> records) {
        if (run == null || records == null || records.isEmpty()) {
            throw new IllegalArgumentException("table: give a run name and at least one record");
        }
        StringColumn name = StringColumn.create("run");
        LongColumn seed = LongColumn.create("seed");
        IntColumn steps = IntColumn.create("steps");
        DoubleColumn distance = DoubleColumn.create("distance");
        IntColumn laps = IntColumn.create("laps");
        DoubleColumn offset = DoubleColumn.create("mean_abs_offset");
        IntColumn left = IntColumn.create("left_road");
        IntColumn finished = IntColumn.create("finished");
        for (DrivingRecord r : records) {
            DrivingMetrics m = r.metrics;
            name.append(run);
            seed.append(r.seed);
            steps.append(m.steps());
            distance.append(m.distance());
            laps.append(m.laps());
            offset.append(m.meanAbsOffset());
            left.append(m.leftRoad() ? 1 : 0);
            finished.append(m.finished() ? 1 : 0);
        }
        return Table.create(run, name, seed, steps, distance, laps, offset, left, finished);
    }

    /** The world of the first record, after checking that all records share its observation kind and size. */
    static DrivingWorld requireOneKind(List<DrivingRecord> records, String what) {
        if (records == null || records.isEmpty()) {
            throw new IllegalArgumentException(what + ": no records given; collect some with DrivingRuns");
        }
        DrivingWorld world = records.get(0).world;
        for (int i = 1; i < records.size(); i++) {
            DrivingWorld other = records.get(i).world;
            if (other.observation() != world.observation()
                    || other.observationSpace().size() != world.observationSpace().size()) {
                throw new IllegalArgumentException(what + ": record " + i + " has " + other.observation()
                        + " observations of size " + other.observationSpace().size() + " but record 0 has "
                        + world.observation() + " of size " + world.observationSpace().size()
                        + "; use records from worlds with one observation kind");
            }
        }
        return world;
    }

    private static double[][] copy(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    @Override
    public String toString() {
        return "DrivingRecord[seed " + seed + ", " + metrics + "]";
    }
}
