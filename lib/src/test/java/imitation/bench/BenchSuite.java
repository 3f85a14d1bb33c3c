package imitation.bench;

import java.util.List;

/** A group of measurements for {@code bin/bench}; each returns rows for the printed table. */
interface BenchSuite {

    /** One measured figure: what was measured, its value and unit, and the target it is held to ("" if none). */
    record Row(String group, String work, double value, String unit, String target) {}

    List<Row> run(boolean fast);
}
