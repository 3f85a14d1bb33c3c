package imitation.viz;

import imitation.data.Trajectory;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Chart factories for the notebooks. Each returns a plain XChart object in one style, sized and lettered to
 * be read when projected: a notebook cell that returns it shows it inline; {@code BitmapEncoder} saves it;
 * its styler can be changed further. Axes and legends use words for the library's column and metric names
 * ("validation loss", not "val_loss"). Values that are NaN or infinite are left out of the picture and the
 * legend says how many; a chart with nothing finite to draw is refused with a message.
 */
public final class Charts {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    /** Most series names a histogram's legend shows in one row below the chart; more go in a column beside it. */
    static final int LEGEND_ROW = 5;

    /** Okabe and Ito's colour-blind-safe colours, without their yellow (too pale on white). */
    static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xE69F00), new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x000000)};

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

    private Charts() {}

    /**
     * A learning curve from a history table in long format (columns {@code x}, {@code metric}, {@code value},
     * optionally {@code seed}): for each metric the mean over seeds against {@code x}, and with several seeds a
     * whisker from the lowest to the highest seed at each point, in the series' colour.
     *
     * @param history a learner's history, e.g. {@code result.history()}, or several appended
     * @param x       the step column: {@code "epoch"}, {@code "round"}, {@code "step"} or {@code "iteration"}
     * @param metrics metrics to draw, one series each (e.g. {@code "loss"}, {@code "val_loss"})
     */
    public static XYChart learningCurve(Table history, String x, String... metrics) {
        requireColumns("learningCurve", "history", history, x, "metric", "value");
        if (metrics == null || metrics.length == 0) {
            throw new IllegalArgumentException("learningCurve: name at least one metric; the table has "
                    + history.stringColumn("metric").unique().asList());
        }
        List<String> words = new ArrayList<>();
        for (String metric : metrics) {
            words.add(Labels.of(metric));
        }
        String y = String.join(" / ", words);
        String steps = stepLabel(history, x);
        XYChart chart = xy(capitalised(String.join(" and ", words)) + " by " + steps, steps,
                y.length() <= 45 ? y : "value");
        for (int m = 0; m < metrics.length; m++) {
            String metric = metrics[m];
            Table rows = history.where(history.stringColumn("metric").isEqualTo(metric));
            if (rows.rowCount() == 0) {
                throw new IllegalArgumentException("learningCurve: no rows with metric '" + metric
                        + "'; the table has " + history.stringColumn("metric").unique().asList());
            }
            TreeMap<Double, List<Double>> byX = new TreeMap<>();
            NumericColumn<?> xs = rows.numberColumn(x);
            NumericColumn<?> vs = rows.numberColumn("value");
            int leftOut = 0;
            for (int i = 0; i < rows.rowCount(); i++) {
                double at = number(xs, i);
                double v = number(vs, i);
                if (Double.isFinite(at) && Double.isFinite(v)) {
                    byX.computeIfAbsent(at, k -> new ArrayList<>()).add(v);
                } else {
                    leftOut++;
                }
            }
            if (byX.isEmpty()) {
                throw new IllegalArgumentException("learningCurve: all " + leftOut + " values of metric '" + metric
                        + "' are NaN or infinite; nothing to draw (did training diverge?)");
            }
            double[] xv = new double[byX.size()];
            double[] mean = new double[byX.size()];
            double[] low = new double[byX.size()];
            double[] high = new double[byX.size()];
            int seeds = 0;
            int k = 0;
            for (Map.Entry<Double, List<Double>> e : byX.entrySet()) {
                double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
                xv[k] = e.getKey();
                mean[k] = imitation.eval.Stats.mean(v);
                low[k] = java.util.Arrays.stream(v).min().orElseThrow();
                high[k] = java.util.Arrays.stream(v).max().orElseThrow();
                seeds = Math.max(seeds, v.length);
                k++;
            }
            String name = words.get(m) + leftOutNote(leftOut, "non-finite value");
            if (seeds > 1) {
                chart.setXAxisTitle(steps + "   (lines: mean of " + seeds + " seeds; whiskers: lowest to highest)");
            }
            Color colour = PALETTE[m % PALETTE.length];
            XYSeries s = chart.addSeries(name, xv, mean);
            s.setMarker(xv.length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            colour(s, colour);
            if (seeds > 1) {
                whiskers(chart, name, colour, xv, low, high);
            }
        }
        return chart;
    }

    /** The step column in words; a round is named after the learner of the history ("DAgger round", "GAIL round"). */
    private static String stepLabel(Table history, String x) {
        String learner = history.name() == null ? "" : history.name().replaceFirst(" history$", "").strip();
        return x.equals("round") && !learner.isEmpty() ? learner + " round" : Labels.of(x);
    }

    /**
     * Means and their confidence intervals from a summary table (as made by {@link imitation.eval.Summary#of}
     * or {@link imitation.eval.Summary#fractions}) against a numeric column {@code x}: one line per distinct
     * value of {@code series} (or a single line when it is null), the interval from {@code low} to
     * {@code high} as a whisker in the line's colour. The x axis title says which kind of interval.
     *
     * @param quantity what the means are of, with its unit: the y axis title (e.g. "return per episode")
     */
    public static XYChart errorBars(String title, String quantity, Table summary, String x, String series) {
        requireSummary("errorBars", summary, x);
        if (series != null) {
            requireColumns("errorBars", "summary", summary, series);
        }
        requireText("errorBars", "quantity", quantity);
        XYChart chart = xy(title, Labels.of(x) + intervalNote(summary, "dots"), quantity);
        Map<String, List<Integer>> rowsBySeries = new LinkedHashMap<>();
        if (!(summary.column(x) instanceof NumericColumn<?>)) {
            throw new IllegalArgumentException("errorBars: column '" + x + "' is " + summary.column(x).type()
                    + ", not numeric; use Charts.intervals for categories");
        }
        for (int row = 0; row < summary.rowCount(); row++) {
            String key = series == null ? quantity : summary.column(series).getString(row);
            rowsBySeries.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        int i = 0;
        for (Map.Entry<String, List<Integer>> e : rowsBySeries.entrySet()) {
            List<Integer> rows = e.getValue();
            double[] xv = new double[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                xv[r] = number(summary.numberColumn(x), rows.get(r));
                if (!Double.isFinite(xv[r])) {
                    throw new IllegalArgumentException("errorBars: column '" + x + "' is " + xv[r] + " in row "
                            + rows.get(r) + "; the x column must hold finite numbers");
                }
            }
            drawMeans(chart, e.getKey(), PALETTE[i++ % PALETTE.length], summary, rows, xv);
        }
        return chart;
    }

    /**
     * Means and their confidence intervals from a summary table, one per row, side by side: each row a dot
     * in its own colour, named in the legend by its {@code category} value (e.g. the method), with the
     * interval from {@code low} to {@code high} as a whisker. The x axis title says which kind of interval.
     *
     * @param quantity what the means are of, with its unit: the y axis title (e.g. "fraction of episodes finished")
     */
    public static XYChart intervals(String title, String quantity, Table summary, String category) {
        requireSummary("intervals", summary, category);
        requireText("intervals", "quantity", quantity);
        XYChart chart = xy(title, Labels.of(category) + intervalNote(summary, "dots"), quantity);
        chart.getStyler().setXAxisTicksVisible(false).setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setXAxisMin(-0.5).setXAxisMax(summary.rowCount() - 0.5);
        for (int row = 0; row < summary.rowCount(); row++) {
            drawMeans(chart, summary.column(category).getString(row), PALETTE[row % PALETTE.length], summary,
                    List.of(row), new double[] {row});
        }
        return chart;
    }

    /** Line styles of reference levels, in the order levels are added, so that two levels look different. */
    private static final BasicStroke[] LEVEL_LINES = {SeriesLines.DASH_DASH, SeriesLines.DOT_DOT, SeriesLines.DASH_DOT};

    /** A horizontal reference line, grey or black and dashed or dotted (each level on a chart differently), across {@code chart}'s current x range (e.g. the expert's return). */
    public static XYChart withLevel(XYChart chart, String name, double y) {
        if (chart == null) {
            throw new IllegalArgumentException("withLevel: chart is null; pass the chart to draw the level on");
        }
        requireText("withLevel", "name", name);
        if (!Double.isFinite(y)) {
            throw new IllegalArgumentException("withLevel: y = " + y + " for level '" + name
                    + "' is not a finite number; pass the level's value");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesMap().values()) {
            min = Math.min(min, s.getXMin());
            max = Math.max(max, s.getXMax());
        }
        if (!(min < max)) {
            min = Double.isFinite(min) ? min - 0.5 : 0;
            max = min + 1;
        }
        int levels = (int) chart.getSeriesMap().values().stream()
                .filter(s -> java.util.Arrays.asList(LEVEL_LINES).contains(s.getLineStyle())).count();
        XYSeries line = chart.addSeries(name, new double[] {min, max}, new double[] {y, y});
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(levels % 2 == 0 ? Color.GRAY : Color.BLACK);
        line.setLineStyle(LEVEL_LINES[levels % LEVEL_LINES.length]);
        return chart;
    }

    /**
     * Observation coordinate {@code dim} against time for each trajectory (label i = trajectory i),
     * e.g. the pole angle of expert and learner episodes.
     *
     * @param dimName the coordinate's name with its unit, the y axis title (e.g. "pole angle θ (rad)")
     */
    public static XYChart trajectories(String title, int dim, String dimName, List<Trajectory> trajectories) {
        if (trajectories == null || trajectories.isEmpty()) {
            throw new IllegalArgumentException("trajectories: the list is "
                    + (trajectories == null ? "null" : "empty") + "; pass at least one trajectory");
        }
        requireText("trajectories", "dimName", dimName);
        XYChart chart = xy(title, "time step", dimName);
        int i = 0;
        for (Trajectory t : trajectories) {
            if (t == null) {
                throw new IllegalArgumentException("trajectories: trajectory " + i + " is null");
            }
            if (dim < 0 || dim >= t.observationSize()) {
                throw new IllegalArgumentException("trajectories: dim = " + dim + " but observations have "
                        + t.observationSize() + " values; pass 0.." + (t.observationSize() - 1));
            }
            double[][] obs = t.observations();
            double[] y = new double[obs.length];
            double[] x = new double[obs.length];
            int leftOut = 0;
            for (int k = 0; k < obs.length; k++) {
                x[k] = k;
                y[k] = Double.isFinite(obs[k][dim]) ? obs[k][dim] : Double.NaN;
                leftOut += Double.isFinite(obs[k][dim]) ? 0 : 1;
            }
            XYSeries s = chart.addSeries("episode " + i + leftOutNote(leftOut, "non-finite value"), x, y);
            s.setMarker(SeriesMarkers.NONE);
            colour(s, PALETTE[i % PALETTE.length]);
            i++;
        }
        roundTimeTicks(chart);
        return chart;
    }

    /**
     * Overlaid histograms with {@code bins} shared bins spanning the samples' finite values, one per named
     * sample (e.g. expert vs learner states), each bar the fraction of that sample's values in the bin.
     *
     * @param xName the values' name with its unit, the x axis title (e.g. "lateral offset (m, left +)")
     */
    public static CategoryChart histogram(String title, String xName, int bins, Map<String, double[]> samples) {
        checkSamples(samples);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] values : samples.values()) {
            for (double d : values) {
                if (Double.isFinite(d)) {
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                }
            }
        }
        if (!Double.isFinite(min)) {
            throw new IllegalArgumentException("histogram: no sample in " + samples.keySet()
                    + " has a finite value; nothing to draw");
        }
        return histogram(title, xName, min, max > min ? max : min + 1, bins, samples);
    }

    /**
     * Overlaid histograms over the range {@code [low, high]} cut into {@code bins} equal bins (e.g. a range
     * symmetric about 0 that zooms in on where the mass is). Bars are fractions of each sample's finite values;
     * values outside the range are not drawn, and the legend says what share of each sample that was.
     */
    public static CategoryChart histogram(String title, String xName, double low, double high, int bins,
            Map<String, double[]> samples) {
        if (bins < 1 || bins > 200) {
            throw new IllegalArgumentException("histogram: bins = " + bins + "; pass a number in [1, 200]");
        }
        if (!(Double.isFinite(low) && Double.isFinite(high) && high > low)) {
            throw new IllegalArgumentException("histogram: range [" + low + ", " + high
                    + "]; pass finite bounds with low < high");
        }
        checkSamples(samples);
        requireText("histogram", "xName", xName);
        double width = (high - low) / bins;
        List<String> labels = new ArrayList<>();
        int decimals = Math.max(0, 1 - (int) Math.floor(Math.log10(width)));
        for (int b = 0; b < bins; b++) {
            labels.add(String.format(java.util.Locale.ROOT, "%." + decimals + "f", low + (b + 0.5) * width));
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xName)
                .yAxisTitle("fraction of the sample in the bin").build();
        style(chart.getStyler());
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setAvailableSpaceFill(0.95);
        if (samples.size() > LEGEND_ROW) {   // a row of that many names is wider than the chart: list them beside it
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
        chart.getStyler().setXAxisMaxLabelCount(Math.min(bins, 8));
        chart.getStyler().setYAxisDecimalPattern("0.00");
        int i = 0;
        for (Map.Entry<String, double[]> e : samples.entrySet()) {
            double[] counts = new double[bins];
            int finite = 0;
            int outside = 0;
            for (double d : e.getValue()) {
                if (!Double.isFinite(d)) {
                    continue;
                }
                finite++;
                if (d < low || d > high) {
                    outside++;
                } else {
                    counts[Math.min(bins - 1, (int) ((d - low) / width))]++;
                }
            }
            List<Double> fractions = new ArrayList<>();
            for (double c : counts) {
                fractions.add(c / Math.max(1, finite));
            }
            String name = e.getKey() + (finite == 0 ? " (no finite values)"
                    : leftOutNote(e.getValue().length - finite, "non-finite value"));
            if (outside > 0) {
                name += String.format(java.util.Locale.ROOT, " (%.1f%% outside the range shown)", 100.0 * outside / finite);
            }
            Color c = PALETTE[i++ % PALETTE.length];
            chart.addSeries(name, labels, fractions).setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 150));
        }
        return chart;
    }

    private static void checkSamples(Map<String, double[]> samples) {
        if (samples == null || samples.isEmpty()) {
            throw new IllegalArgumentException("histogram: samples is " + (samples == null ? "null" : "empty")
                    + "; pass at least one named array of values");
        }
        for (Map.Entry<String, double[]> e : samples.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("histogram: sample '" + e.getKey() + "' is null; pass its values");
            }
        }
    }

    /** An empty XY chart in the notebooks' style (size, fonts, colours, legend below), to add series to. */
    public static XYChart xy(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        style(chart.getStyler());
        return chart;
    }

    /** The notebooks' one style: white, large letters, the palette, legend below the plot. */
    static void style(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesColor(new Color(0xDDDDDD));
        styler.setChartTitleFont(TITLE_FONT);
        styler.setChartTitleBoxVisible(false);
        styler.setAxisTitleFont(LABEL_FONT);
        styler.setAxisTickLabelsFont(TICK_FONT);
        styler.setLegendFont(TICK_FONT);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setSeriesColors(PALETTE);
        styler.setMarkerSize(9);
        styler.setErrorBarsColorSeriesColor(true);
    }

    /**
     * When every x value of an XY chart is equally spaced (time steps 0, 1, 2, ...), XChart puts its ticks on
     * every k-th data value (0, 13, 26, ...); one invisible point at x = 0.5 breaks the spacing, so it picks
     * round numbers (0, 50, 100, ...) as for any other data. Call it on a chart of a quantity by time step
     * whose tick labels run together.
     */
    public static void roundTimeTicks(XYChart chart) {
        if (chart == null) {
            throw new IllegalArgumentException("roundTimeTicks: chart is null; pass the chart whose time axis to fix");
        }
        XYSeries s = chart.addSeries(" ", new double[] {0.5}, new double[] {Double.NaN});
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
    }

    /** Mean points (a line when there are several) for the given summary rows, whiskers from low to high. */
    private static void drawMeans(XYChart chart, String name, Color colour, Table summary, List<Integer> rows, double[] x) {
        double[] mean = new double[rows.size()];
        double[] low = new double[rows.size()];
        double[] high = new double[rows.size()];
        int noRun = 0;
        int noInterval = 0;
        int notFinite = 0;
        for (int r = 0; r < rows.size(); r++) {
            int row = rows.get(r);
            mean[r] = number(summary.numberColumn("mean"), row);
            low[r] = number(summary.numberColumn("low"), row);
            high[r] = number(summary.numberColumn("high"), row);
            if (!Double.isFinite(mean[r])) {
                mean[r] = Double.NaN;
                noRun++;
            } else if (!Double.isFinite(low[r]) || !Double.isFinite(high[r])) {
                noInterval++;
            }
            if (summary.columnNames().contains("not_finite")) {
                notFinite += (int) number(summary.numberColumn("not_finite"), row);
            }
        }
        String label = name + leftOutNote(notFinite, "non-finite run")
                + (noRun == 0 ? "" : rows.size() == 1 ? " (no finite run)" : " (" + noRun + " points without a finite run)")
                + (noInterval == 0 ? "" : rows.size() == 1 ? " (one run: no interval)"
                        : " (" + noInterval + " points from one run: no interval)");
        XYSeries s = chart.addSeries(label, x, mean);
        s.setMarker(SeriesMarkers.CIRCLE);
        colour(s, colour);
        if (rows.size() == 1) {
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        whiskers(chart, label, colour, x, low, high);
    }

    /** Vertical whiskers from low to high at each x (skipping undefined ones), in {@code colour}, not in the legend. */
    private static void whiskers(XYChart chart, String of, Color colour, double[] x, double[] low, double[] high) {
        List<Double> wx = new ArrayList<>();
        List<Double> wy = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(low[i]) && Double.isFinite(high[i])) {
                wx.addAll(List.of(x[i], x[i], x[i]));
                wy.addAll(List.of(low[i], high[i], Double.NaN));   // NaN breaks the line between whiskers
            }
        }
        if (wx.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(of + " · interval", wx, wy);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(new BasicStroke(2.5f));
        s.setShowInLegend(false);
    }

    private static void colour(XYSeries s, Color colour) {
        s.setLineColor(colour);
        s.setMarkerColor(colour);
    }

    /** What the marks of a summary chart are, with the summary's interval kinds, for the x axis title. */
    private static String intervalNote(Table summary, String marks) {
        Set<String> kinds = new LinkedHashSet<>();
        for (String k : summary.stringColumn("interval")) {
            if (!k.startsWith("none")) {
                kinds.add(k);
            }
        }
        return "   (" + marks + ": means; " + (kinds.isEmpty() ? "no intervals)"
                : "whiskers: " + String.join(" / ", kinds) + " intervals)");
    }

    private static String leftOutNote(int count, String what) {
        return count == 0 ? "" : " (" + count + " " + what + (count == 1 ? "" : "s") + " left out)";
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static double number(NumericColumn<?> column, int row) {
        return column.isMissing(row) ? Double.NaN : column.getDouble(row);
    }

    private static void requireSummary(String method, Table summary, String column) {
        requireColumns(method, "summary", summary, column, "mean", "low", "high", "interval");
        if (summary.rowCount() == 0) {
            throw new IllegalArgumentException(method + ": summary '" + summary.name() + "' has no rows; nothing to draw");
        }
    }

    private static void requireText(String method, String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(method + ": " + parameter + " is " + (value == null ? "null" : "blank")
                    + "; say in words what it shows, with its unit");
        }
    }

    private static void requireColumns(String method, String parameter, Table table, String... names) {
        if (table == null) {
            throw new IllegalArgumentException(method + ": " + parameter + " is null; pass a table");
        }
        for (String n : names) {
            if (n == null || !table.columnNames().contains(n)) {
                throw new IllegalArgumentException(method + ": " + parameter + " '" + table.name() + "' has no column '"
                        + n + "' (has " + table.columnNames() + ")"
                        + (parameter.equals("summary") ? "; make it with Summary.of or Summary.fractions" : ""));
            }
        }
    }
}
