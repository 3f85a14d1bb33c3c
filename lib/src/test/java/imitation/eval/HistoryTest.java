package imitation.eval;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class HistoryTest {

    @Test
    void buildsLongFormatRowsAndReturnsIndependentCopies() {
        History h = new History("round", 7);
        h.add(1, "loss", 0.5);
        h.add(1, "return", 10);
        h.add(2, "loss", 0.25);
        Table t = h.table("demo");
        assertEquals(List.of("round", "metric", "value", "seed"), t.columnNames());
        assertEquals(3, t.rowCount());
        assertEquals(7L, t.longColumn("seed").get(2));
        assertEquals(0.25, h.last("loss"));
        assertTrue(Double.isNaN(h.last("val_loss")));
        assertEquals(2, h.lastStep());
        h.add(3, "loss", 0.1);
        assertEquals(3, t.rowCount(), "a returned table must not change when the history grows");
    }

    @Test
    void rejectsReservedStepNamesAndEmptyLastStep() {
        assertThrows(IllegalArgumentException.class, () -> new History("metric", 0));
        assertThrows(IllegalArgumentException.class, () -> new History(" ", 0));
        assertThrows(IllegalStateException.class, () -> new History("step", 0).lastStep());
    }

    @Test
    void valuesOfOneMetricComeInRecordedOrder() {
        History h = new History("iteration", 0);
        h.add(0, "nll", 3);
        h.add(0, "evd", 9);
        h.add(1, "nll", 2);
        h.add(2, "nll", 2.5);
        Table t = h.table("run");
        assertArrayEquals(new double[] {3, 2, 2.5}, History.values(t, "nll"));
        assertArrayEquals(new double[] {9}, History.values(t, "evd"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> History.values(t, "loss"));
        assertTrue(e.getMessage().contains("no metric 'loss'") && e.getMessage().contains("nll"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> History.values(Table.create("x"), "nll"))
                .getMessage().contains("no metric and value"));
    }
}
