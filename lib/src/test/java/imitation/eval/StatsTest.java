package imitation.eval;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class StatsTest {

    @Test
    void meanStdAndConfidenceIntervalMatchHandValues() {
        double[] v = {1, 2, 3, 4, 5};
        assertEquals(3.0, Stats.mean(v), 1e-12);
        assertEquals(Math.sqrt(2.5), Stats.std(v), 1e-12);
        assertEquals(2.776 * Math.sqrt(2.5) / Math.sqrt(5), Stats.ci95(v), 1e-12);
        assertEquals(0.0, Stats.std(new double[] {7}));
        assertEquals(0.0, Stats.ci95(new double[] {7}));
    }

    @Test
    void emptyInputIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Stats.mean(new double[0]));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void summaryGroupsInOrderOfAppearance() {
        Table runs = Table.create("runs",
                StringColumn.create("method", "bc", "bc", "dagger", "bc"),
                IntColumn.create("n", 1, 1, 1, 4),
                DoubleColumn.create("return", 10, 20, 50, 40));
        Table s = Summary.of(runs, "return", "method", "n");
        assertEquals(3, s.rowCount());
        assertEquals("bc", s.stringColumn("method").get(0));
        assertEquals(15.0, s.doubleColumn("mean").get(0));
        assertEquals(2, s.intColumn("runs").get(0));
        assertEquals(Math.sqrt(50), s.doubleColumn("std").get(0), 1e-12);
        assertEquals(12.706 * Math.sqrt(50) / Math.sqrt(2), s.doubleColumn("ci95").get(0), 1e-9);
        assertEquals(50.0, s.doubleColumn("mean").get(1));
        var e = assertThrows(IllegalArgumentException.class, () -> Summary.of(runs, "score", "method"));
        assertTrue(e.getMessage().contains("score"), e.getMessage());
    }
}
