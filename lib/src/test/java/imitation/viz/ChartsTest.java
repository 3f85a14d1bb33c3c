package imitation.viz;

import static org.junit.jupiter.api.Assertions.*;

import imitation.data.Rollouts;
import imitation.env.CartPole;
import imitation.eval.Summary;
import imitation.expert.CartPoleExpert;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ChartsTest {

    static void assertRendersToPng(Chart<?, ?> chart) throws Exception {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        assertTrue(png.length > 1000, "PNG too small: " + png.length);
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }

    @Test
    void learningCurveAveragesSeedsWithErrorBars() throws Exception {
        Table h = Table.create("h", IntColumn.create("step", 1, 2, 1, 2), StringColumn.create("metric", "loss", "loss", "loss", "loss"),
                DoubleColumn.create("value", 1.0, 0.5, 3.0, 1.5), LongColumn.create("seed", 0, 0, 1, 1));
        var chart = Charts.learningCurve(h, "step", "loss");
        var series = chart.getSeriesMap().get("loss");
        assertEquals(2.0, series.getYData()[0]);
        assertEquals(1.0, series.getYData()[1]);
        assertNotNull(series.getExtraValues());
        assertRendersToPng(chart);
        var e = assertThrows(IllegalArgumentException.class, () -> Charts.learningCurve(h, "step", "reward"));
        assertTrue(e.getMessage().contains("reward"), e.getMessage());
    }

    @Test
    void errorBarsDrawOneSeriesPerGroupPlusLevel() throws Exception {
        Table runs = Table.create("runs", StringColumn.create("method", "a", "a", "b", "b"), IntColumn.create("n", 1, 4, 1, 4),
                DoubleColumn.create("return", 1, 2, 3, 4));
        Table s = Summary.of(runs, "return", "method", "n");
        var chart = Charts.withLevel(Charts.errorBars("returns", s, "n", "method", "std"), "expert", 5);
        assertEquals(3, chart.getSeriesMap().size());
        assertRendersToPng(chart);
    }

    @Test
    void trajectoriesAndHistogramRender() throws Exception {
        var demos = Rollouts.in(CartPole.classic().vec(2)).episodes(2).collect(new CartPoleExpert());
        assertRendersToPng(Charts.trajectories("pole angle", 2, "theta", demos.trajectories()));
        Map<String, double[]> samples = new LinkedHashMap<>();
        samples.put("expert", new double[] {0, 0.1, 0.2, 0.2});
        samples.put("learner", new double[] {0.5, 0.7});
        assertRendersToPng(Charts.histogram("angles", "theta", 5, samples));
        assertThrows(IllegalArgumentException.class, () -> Charts.trajectories("x", 9, "x", demos.trajectories()));
    }

    @Test
    void barsDrawOneBarPerSummaryRow() throws Exception {
        Table runs = Table.create("runs", StringColumn.create("method", "plain", "plain", "side", "side"),
                DoubleColumn.create("finished", 0, 0.5, 1, 0.9));
        Table s = Summary.of(runs, "finished", "method");
        var chart = Charts.bars("finished", s, "method", "ci95");
        var series = chart.getSeriesMap().get("finished");
        assertEquals(java.util.List.of("plain", "side"), series.getXData());
        assertEquals(0.25, ((Number) series.getYData().iterator().next()).doubleValue(), 1e-12);
        assertRendersToPng(chart);
        var e = assertThrows(IllegalArgumentException.class, () -> Charts.bars("x", s, "run", "std"));
        assertTrue(e.getMessage().contains("'run'"), e.getMessage());
    }
}
