package imitation.viz;

import static org.junit.jupiter.api.Assertions.*;

import imitation.data.Rollouts;
import imitation.env.CartPole;
import imitation.eval.Summary;
import imitation.expert.CartPoleExpert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
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

    /** The whisker series drawn for {@code series}: x pairs at each point, low then high, NaN between. */
    private static XYSeries whiskers(XYChart chart, String series) {
        return chart.getSeriesMap().get(series + " · interval");
    }

    private static Table history(double... values) {
        return Table.create("h", IntColumn.create("step", 1, 2, 1, 2),
                StringColumn.create("metric", "val_loss", "val_loss", "val_loss", "val_loss"),
                DoubleColumn.create("value", values), LongColumn.create("seed", 0, 0, 1, 1));
    }

    @Test
    void learningCurveNamesTheRoundAfterTheLearnerOfTheHistory() {
        for (String[] names : new String[][] {{"GAIL", "GAIL round"}, {"DAgger history", "DAgger round"}}) {
            Table h = Table.create(names[0], IntColumn.create("round", 1, 2), StringColumn.create("metric", "return", "return"),
                    DoubleColumn.create("value", 10, 20));
            XYChart chart = Charts.learningCurve(h, "round", "return");
            assertEquals("Return per episode by " + names[1], chart.getTitle());
            assertEquals(names[1], chart.getXAxisTitle());
        }
    }

    @Test
    void learningCurveNamesTheMetricInWordsAndDrawsTheSeedRangeInTheSeriesColour() throws Exception {
        XYChart chart = Charts.learningCurve(history(1.0, 0.5, 3.0, 1.5), "step", "val_loss");
        assertEquals("Validation loss by training step", chart.getTitle());
        assertEquals("validation loss", chart.getYAxisTitle());
        assertEquals("training step   (lines: mean of 2 seeds; whiskers: lowest to highest)", chart.getXAxisTitle());
        String name = "validation loss";
        XYSeries mean = chart.getSeriesMap().get(name);
        assertArrayEquals(new double[] {2.0, 1.0}, mean.getYData());
        XYSeries range = whiskers(chart, name);
        assertEquals(1.0, range.getYData()[0]);
        assertEquals(3.0, range.getYData()[1]);
        assertTrue(Double.isNaN(range.getYData()[2]));
        assertEquals(mean.getLineColor(), range.getLineColor());
        assertFalse(range.isShowInLegend());
        assertRendersToPng(chart);
        var e = assertThrows(IllegalArgumentException.class, () -> Charts.learningCurve(history(1, 1, 1, 1), "step", "reward"));
        assertTrue(e.getMessage().contains("'reward'"), e.getMessage());
    }

    @Test
    void learningCurveLeavesOutNonFiniteValuesAndSaysSo() throws Exception {
        XYChart chart = Charts.learningCurve(history(1.0, Double.NaN, 3.0, Double.POSITIVE_INFINITY), "step", "val_loss");
        XYSeries s = chart.getSeriesMap().get("validation loss (2 non-finite values left out)");
        assertNotNull(s, chart.getSeriesMap().keySet().toString());
        assertArrayEquals(new double[] {1}, s.getXData());
        assertRendersToPng(chart);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Charts.learningCurve(history(Double.NaN, Double.NaN, Double.NaN, Double.NaN), "step", "val_loss"));
        assertTrue(e.getMessage().contains("all 4 values of metric 'val_loss' are NaN or infinite"), e.getMessage());
    }

    @Test
    void errorBarsDrawEachGroupsIntervalAndNameItsKind() throws Exception {
        Table runs = Table.create("runs", StringColumn.create("method", "a", "a", "b", "b"), IntColumn.create("n", 1, 4, 1, 4),
                DoubleColumn.create("return", 1, 2, 3, 4));
        Table s = Summary.of(Table.create("runs", StringColumn.create("method", "a", "a", "a", "a"),
                IntColumn.create("n", 1, 1, 4, 4), DoubleColumn.create("return", 1, 2, 3, 5)), "return", "method", "n");
        XYChart chart = Charts.withLevel(Charts.errorBars("Return", "return per episode", s, "n", "method"), "expert", 5);
        assertEquals("n   (dots: means; whiskers: t 95% intervals)", chart.getXAxisTitle());
        assertEquals("return per episode", chart.getYAxisTitle());
        XYSeries range = whiskers(chart, "a");
        assertEquals(s.doubleColumn("low").get(0), range.getYData()[0], 1e-12);
        assertEquals(s.doubleColumn("high").get(1), range.getYData()[4], 1e-12);
        assertEquals(chart.getSeriesMap().get("a").getLineColor(), range.getLineColor());
        assertRendersToPng(chart);
        Table oneRunEach = Summary.of(runs, "return", "method", "n");
        XYChart noIntervals = Charts.errorBars("Return", "return per episode", oneRunEach, "n", "method");
        assertTrue(noIntervals.getSeriesMap().containsKey("a (2 points from one run: no interval)"),
                noIntervals.getSeriesMap().keySet().toString());
        assertEquals("n   (dots: means; no intervals)", noIntervals.getXAxisTitle());
        assertRendersToPng(noIntervals);
    }

    @Test
    void intervalsShowFractionsInsideZeroOneWithOneColourPerCategory() throws Exception {
        Table runs = Table.create("runs", StringColumn.create("method", "plain", "plain", "side", "side", "broken"),
                DoubleColumn.create("finished", 0, 0.5, 1, 0.9, Double.NaN));
        Table s = Summary.fractions(runs, "finished", "method");
        XYChart chart = Charts.intervals("Finished", "fraction of episodes finished", s, "method");
        assertEquals("method   (dots: means; whiskers: Wilson 95% intervals)", chart.getXAxisTitle());
        XYSeries plain = chart.getSeriesMap().get("plain");
        assertEquals(0.25, plain.getYData()[0], 1e-12);
        XYSeries range = whiskers(chart, "plain");
        assertTrue(range.getYData()[0] >= 0 && range.getYData()[1] <= 1);
        assertNotEquals(plain.getMarkerColor(), chart.getSeriesMap().get("side").getMarkerColor());
        assertTrue(chart.getSeriesMap().containsKey("broken (1 non-finite run left out) (no finite run)"),
                chart.getSeriesMap().keySet().toString());
        assertRendersToPng(chart);
        var e = assertThrows(IllegalArgumentException.class, () -> Charts.intervals("x", "y", s, "run"));
        assertTrue(e.getMessage().contains("'run'"), e.getMessage());
        var raw = assertThrows(IllegalArgumentException.class, () -> Charts.intervals("x", "y", runs, "method"));
        assertTrue(raw.getMessage().contains("Summary.fractions"), raw.getMessage());
        var blank = assertThrows(IllegalArgumentException.class, () -> Charts.intervals("x", " ", s, "method"));
        assertTrue(blank.getMessage().contains("quantity is blank"), blank.getMessage());
    }

    @Test
    void twoLevelsOnOneChartLookDifferent() {
        XYChart chart = Charts.withLevel(Charts.withLevel(Charts.xy("t", "x", "y"), "expert", 1), "BC", 0.5);
        XYSeries expert = chart.getSeriesMap().get("expert");
        XYSeries bc = chart.getSeriesMap().get("BC");
        assertNotEquals(expert.getLineStyle(), bc.getLineStyle());
        assertNotEquals(expert.getLineColor(), bc.getLineColor());
    }

    @Test
    void levelsMustBeFinite() {
        XYChart chart = Charts.xy("t", "x", "y");
        var e = assertThrows(IllegalArgumentException.class, () -> Charts.withLevel(chart, "expert", Double.NaN));
        assertTrue(e.getMessage().contains("y = NaN for level 'expert'"), e.getMessage());
        var nul = assertThrows(IllegalArgumentException.class, () -> Charts.withLevel(null, "expert", 1));
        assertTrue(nul.getMessage().contains("chart is null"), nul.getMessage());
    }

    @Test
    void trajectoriesAndHistogramRender() throws Exception {
        var demos = Rollouts.in(CartPole.classic().vec(2)).episodes(2).collect(new CartPoleExpert());
        assertRendersToPng(Charts.trajectories("Pole angle", 2, "pole angle θ (rad)", demos.trajectories()));
        assertThrows(IllegalArgumentException.class, () -> Charts.trajectories("x", 9, "x", demos.trajectories()));
        var empty = assertThrows(IllegalArgumentException.class, () -> Charts.trajectories("x", 0, "x", List.of()));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        Map<String, double[]> samples = new LinkedHashMap<>();
        samples.put("expert", new double[] {0, 0.1, 0.2, 0.2});
        samples.put("learner", new double[] {0.5, 0.7, Double.NaN, Double.NEGATIVE_INFINITY});
        var histogram = Charts.histogram("Angles", "pole angle θ (rad)", 5, samples);
        assertTrue(histogram.getSeriesMap().containsKey("learner (2 non-finite values left out)"),
                histogram.getSeriesMap().keySet().toString());
        assertRendersToPng(histogram);
    }

    @Test
    void aHistogramOverAGivenRangeSaysWhatShareFellOutsideIt() throws Exception {
        Map<String, double[]> samples = new LinkedHashMap<>();
        samples.put("expert", new double[] {-0.9, -0.1, 0.1, 0.3});
        samples.put("learner", new double[] {-2.5, 0.2, 0.4, 3});
        var histogram = Charts.histogram("Offsets", "lateral offset (m)", -1, 1, 4, samples);
        assertEquals(List.of("expert", "learner (50.0% outside the range shown)"),
                new ArrayList<>(histogram.getSeriesMap().keySet()));
        // bins [-1, -0.5), [-0.5, 0), [0, 0.5), [0.5, 1]: fractions of all four finite values of each sample
        assertEquals(List.of(0.25, 0.25, 0.5, 0.0), histogram.getSeriesMap().get("expert").getYData());
        assertEquals(List.of(0.0, 0.0, 0.5, 0.0),
                histogram.getSeriesMap().get("learner (50.0% outside the range shown)").getYData());
        assertRendersToPng(histogram);
        var range = assertThrows(IllegalArgumentException.class,
                () -> Charts.histogram("x", "x", 1, 1, 4, samples));
        assertTrue(range.getMessage().contains("range [1.0, 1.0]"), range.getMessage());
    }

    @Test
    void aHistogramOfManySamplesListsThemBesideTheChart() throws Exception {
        Map<String, double[]> samples = new LinkedHashMap<>();
        for (int k = 0; k < Charts.LEGEND_ROW; k++) {
            samples.put("head " + k, new double[] {k, k + 0.5});
        }
        var row = Charts.histogram("Few", "x", 4, samples);
        assertEquals(Styler.LegendPosition.OutsideS, row.getStyler().getLegendPosition());
        samples.put("one more", new double[] {1});
        var column = Charts.histogram("Many", "x", 4, samples);
        assertEquals(Styler.LegendPosition.OutsideE, column.getStyler().getLegendPosition());
        assertEquals(Styler.LegendLayout.Vertical, column.getStyler().getLegendLayout());
        assertRendersToPng(column);
    }

    @Test
    void histogramRefusesWhatItCannotDraw() {
        var bins = assertThrows(IllegalArgumentException.class,
                () -> Charts.histogram("x", "x", 0, Map.of("a", new double[] {1})));
        assertTrue(bins.getMessage().contains("bins = 0"), bins.getMessage());
        var nothing = assertThrows(IllegalArgumentException.class,
                () -> Charts.histogram("x", "x", 4, Map.of("a", new double[] {Double.NaN}, "b", new double[0])));
        assertTrue(nothing.getMessage().contains("no sample in"), nothing.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> Charts.histogram("x", "x", 4, null));
        assertTrue(none.getMessage().contains("samples is null"), none.getMessage());
    }

    @Test
    void roundTimeTicksAddsOneHiddenPointOffTheGridAndNamesANullChart() throws Exception {
        XYChart chart = Charts.xy("Mistakes by time step", "time step", "mistakes (steps)");
        double[] t = new double[600];
        double[] y = new double[600];
        for (int i = 0; i < t.length; i++) {
            t[i] = i + 1;
            y[i] = i;
        }
        chart.addSeries("mistakes", t, y);
        Charts.roundTimeTicks(chart);
        assertEquals(2, chart.getSeriesMap().size());
        XYSeries hidden = chart.getSeriesMap().get(" ");
        assertFalse(hidden.isShowInLegend());
        assertEquals(0.5, hidden.getXMin());
        assertRendersToPng(chart);
        var e = assertThrows(IllegalArgumentException.class, () -> Charts.roundTimeTicks(null));
        assertTrue(e.getMessage().contains("chart is null"), e.getMessage());
    }
}
