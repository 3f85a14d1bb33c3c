package imitation.irl;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Collects training metrics as a long-format table: iteration, metric, value, seed. */
final class History {
    private final IntColumn iteration = IntColumn.create("iteration");
    private final StringColumn metric = StringColumn.create("metric");
    private final DoubleColumn value = DoubleColumn.create("value");
    private final LongColumn seed = LongColumn.create("seed");
    private final long runSeed;

    History(long runSeed) {
        this.runSeed = runSeed;
    }

    void add(int it, String name, double v) {
        iteration.append(it);
        metric.append(name);
        value.append(v);
        seed.append(runSeed);
    }

    Table table(String name) {
        return Table.create(name, iteration, metric, value, seed);
    }
}
