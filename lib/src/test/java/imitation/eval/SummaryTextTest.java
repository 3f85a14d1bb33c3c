package imitation.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class SummaryTextTest {
    static Table runs() {
        return Table.create("runs",
                StringColumn.create("method", "BC", "BC", "BC", "DAgger", "DAgger", "DAgger"),
                IntColumn.create("round", 1, 1, 1, 1, 1, 1),
                DoubleColumn.create("finished", 0.5, 0.25, 0.75, 1, 1, Double.NaN));
    }

    @Test
    void meanIsFoundByTheGroupValues() {
        Table t = Summary.fractions(runs(), "finished", "method", "round");
        assertEquals(0.5, SummaryText.mean(t, "BC", 1), 1e-12);
        assertEquals(1.0, SummaryText.mean(t, "DAgger", 1), 1e-12);
    }

    @Test
    void linesAlignTheGroupsAndNameTheInterval() {
        List<String> lines = SummaryText.lines(Summary.fractions(runs(), "finished", "method"));
        // BC: mean 0.5, std 0.25 (sample), Wilson interval over 3 runs; DAgger: one of three runs not finite
        assertTrue(lines.get(0).startsWith("BC     : 50% (std 25%; Wilson 95% interval "), lines.get(0));
        assertTrue(lines.get(0).endsWith("; 3 runs)"), lines.get(0));
        assertTrue(lines.get(1).startsWith("DAgger : 100% (std 0%; Wilson 95% interval "), lines.get(1));
        assertTrue(lines.get(1).endsWith("; 3 runs, 1 not finite)"), lines.get(1));
        List<String> means = SummaryText.lines(Summary.of(runs(), "finished", "method"));
        assertTrue(means.get(0).startsWith("BC     : 0.500 (std 0.250; t 95% interval "), means.get(0));
    }

    @Test
    void smallSharesKeepTwoSignificantDigits() {
        Table runs = Table.create("shares", StringColumn.create("variant", "a", "a"), DoubleColumn.create("far", 0.002, 0.004));
        String line = SummaryText.lines(Summary.fractions(runs, "far", "variant")).get(0);
        assertTrue(line.startsWith("a : 0.30% (std 0.14%; Wilson 95% interval 0.00"), line);
    }

    @Test
    void badInputIsNamed() {
        Table t = Summary.of(runs(), "finished", "method");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SummaryText.mean(t, "GAIL"));
        assertTrue(e.getMessage().contains("no group [GAIL]") && e.getMessage().contains("[BC, DAgger]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SummaryText.mean(t, "BC", 1));
        assertTrue(e.getMessage().contains("one value per group column [method]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SummaryText.lines(runs()));
        assertTrue(e.getMessage().contains("not those of a summary"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SummaryText.lines(null));
        assertTrue(e.getMessage().contains("summary is null"), e.getMessage());
    }
}
