package imitation.eval;

import static org.junit.jupiter.api.Assertions.*;

import imitation.notebook.Notebook;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class SummaryTest {

    @Test
    void meansGroupInOrderOfAppearanceWithTIntervals() {
        Table runs = Table.create("runs",
                StringColumn.create("method", "bc", "bc", "dagger", "bc"),
                IntColumn.create("n", 1, 1, 1, 4),
                DoubleColumn.create("return", 10, 20, 50, 40));
        Table s = Summary.of(runs, "return", "method", "n");
        assertEquals(3, s.rowCount());
        assertEquals("bc", s.stringColumn("method").get(0));
        assertEquals(15.0, s.doubleColumn("mean").get(0));
        assertEquals(2, s.intColumn("runs").get(0));
        assertEquals(0, s.intColumn("not_finite").get(0));
        assertEquals(Math.sqrt(50), s.doubleColumn("std").get(0), 1e-12);
        double half = 12.706 * Math.sqrt(50) / Math.sqrt(2);
        assertEquals(15 - half, s.doubleColumn("low").get(0), 1e-9);
        assertEquals(15 + half, s.doubleColumn("high").get(0), 1e-9);
        assertEquals("t 95%", s.stringColumn("interval").get(0));
        assertEquals(50.0, s.doubleColumn("mean").get(1));
        assertEquals("none: one run", s.stringColumn("interval").get(1), "one run gives no t interval");
        assertTrue(Double.isNaN(s.doubleColumn("low").getDouble(1)));
    }

    @Test
    void fractionsGetWilsonIntervalsInsideZeroOne() {
        Table runs = Table.create("runs",
                StringColumn.create("method", "plain", "plain", "side", "side", "side"),
                DoubleColumn.create("finished", 0, 0.5, 1, 1, 1));
        Table s = Summary.fractions(runs, "finished", "method");
        assertEquals(0.25, s.doubleColumn("mean").get(0), 1e-12);
        // p = 0.25, n = 2 -> Wilson 0.0267..0.8021 (by the score formula); a t interval would be 0.25 ± 3.18, reaching -2.9
        assertEquals(Stats.wilson(0.5, 2).low(), s.doubleColumn("low").get(0), 1e-12);
        assertEquals(0.0267, s.doubleColumn("low").get(0), 1e-4);
        assertEquals(0.8021, s.doubleColumn("high").get(0), 1e-4);
        assertEquals(1.0, s.doubleColumn("high").get(1), 1e-12);
        assertEquals(Stats.wilson(3, 3).low(), s.doubleColumn("low").get(1), 1e-12);
        assertEquals("Wilson 95%", s.stringColumn("interval").get(1));
    }

    @Test
    void nonFiniteRunsAreCountedNotDropped() {
        Table runs = Table.create("runs",
                StringColumn.create("method", "a", "a", "a", "b", "b"),
                DoubleColumn.create("loss", 1, Double.NaN, 3, Double.POSITIVE_INFINITY, Double.NaN));
        Table s = Summary.of(runs, "loss", "method");
        assertEquals(3, s.intColumn("runs").get(0), "runs counts every row");
        assertEquals(1, s.intColumn("not_finite").get(0));
        assertEquals(2.0, s.doubleColumn("mean").get(0), 1e-12, "statistics over the finite runs");
        assertEquals(2, s.intColumn("runs").get(1));
        assertEquals(2, s.intColumn("not_finite").get(1));
        assertTrue(Double.isNaN(s.doubleColumn("mean").getDouble(1)));
        assertEquals("none: no finite run", s.stringColumn("interval").get(1));
    }

    @Test
    void fastModeTablesSaySoInTheirName() {
        Table runs = Table.create("runs", DoubleColumn.create("return", 1, 2));
        Table s = Summary.of(runs, "return");
        assertEquals(1, s.rowCount());
        assertEquals(Notebook.fast(), s.name().contains(Notebook.FAST_NOTE), s.name());
        assertTrue(s.name().startsWith("return (runs)"), s.name());
    }

    @Test
    void badInputIsNamed() {
        Table runs = Table.create("runs", StringColumn.create("method", "a", "b"), DoubleColumn.create("finished", 0.5, 2));
        var noValue = assertThrows(IllegalArgumentException.class, () -> Summary.of(runs, "score", "method"));
        assertTrue(noValue.getMessage().contains("'score'"), noValue.getMessage());
        var noGroup = assertThrows(IllegalArgumentException.class, () -> Summary.of(runs, "finished", "learner"));
        assertTrue(noGroup.getMessage().contains("'learner'"), noGroup.getMessage());
        var text = assertThrows(IllegalArgumentException.class, () -> Summary.of(runs, "method"));
        assertTrue(text.getMessage().contains("not numeric"), text.getMessage());
        var notFraction = assertThrows(IllegalArgumentException.class, () -> Summary.fractions(runs, "finished", "method"));
        assertTrue(notFraction.getMessage().contains("2.0 in row 1") && notFraction.getMessage().contains("Summary.of"),
                notFraction.getMessage());
        var nul = assertThrows(IllegalArgumentException.class, () -> Summary.of(null, "finished"));
        assertTrue(nul.getMessage().contains("runs is null"), nul.getMessage());
    }
}
