package imitation.viz;

import imitation.data.Trajectory;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Chart factories for the notebooks. Each returns a plain XChart object: a notebook cell that
 * returns it shows it inline; {@code BitmapEncoder} saves it; its styler can be changed further.
 */
public final class Charts {
    static final int WIDTH = 640;
    static final int HEIGHT = 400;

    private Charts() {}

    /**
     * A learning curve from a history table in long format (columns {@code x}, {@code metric},
     * {@code value}, optionally {@code seed}): the mean of {@code metric} over seeds against {@code x},
     * with ±1 std error bars when there are several seeds.
     *
     * @param history a learner's history, e.g. {@code result.history()}
     * @param x       the step column: {@code "epoch"}, {@code "round"}, {@code "step"} or {@code "iteration"}
     * @param metrics metrics to draw, one series each (e.g. {@code "loss"}, {@code "val_loss"})
     */
    public static XYChart learningCurve(Table history, String x, String... metrics) {
        requireColumns(history, x, "metric", "value");
        if (metrics.length == 0) {
            throw new IllegalArgumentException("learningCurve: name at least one metric; the table has "
                    + history.stringColumn("metric").unique().asList());
        }
        XYChart chart = xy(String.join(", ", metrics) + " by " + x, x, metrics.length == 1 ? metrics[0] : "value");
        for (String metric : metrics) {
            Table rows = history.where(history.stringColumn("metric").isEqualTo(metric));
            if (rows.rowCount() == 0) {
                throw new IllegalArgumentException("learningCurve: no rows with metric '" + metric + "'; the table has "
                        + history.stringColumn("metric").unique().asList());
            }
            TreeMap<Double, List<Double>> byX = new TreeMap<>();
            NumericColumn<?> xs = rows.numberColumn(x);
            NumericColumn<?> vs = rows.numberColumn("value");
            for (int i = 0; i < rows.rowCount(); i++) {
                byX.computeIfAbsent(xs.getDouble(i), k -> new ArrayList<>()).add(vs.getDouble(i));
            }
            double[] xv = new double[byX.size()];
            double[] mean = new double[byX.size()];
            double[] err = new double[byX.size()];
            boolean several = false;
            int k = 0;
            for (Map.Entry<Double, List<Double>> e : byX.entrySet()) {
                double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
                xv[k] = e.getKey();
                mean[k] = imitation.eval.Stats.mean(v);
                err[k] = imitation.eval.Stats.std(v);
                several |= v.length > 1;
                k++;
            }
            XYSeries s = several ? chart.addSeries(metric, xv, mean, err) : chart.addSeries(metric, xv, mean);
            s.setMarker(xv.length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /**
     * Means with error bars from a summary table (as made by {@link imitation.eval.Summary#of}): one
     * series per distinct value of {@code series} (or a single series when it is null), {@code x}
     * numeric, {@code mean} and the error column (e.g. {@code "std"} or {@code "ci95"}).
     */
    public static XYChart errorBars(String title, Table summary, String x, String series, String error) {
        requireColumns(summary, x, "mean", error);
        if (series != null) {
            requireColumns(summary, series);
        }
        XYChart chart = xy(title, x, "mean ± " + error);
        Map<String, List<Integer>> rowsBySeries = new LinkedHashMap<>();
        for (int row = 0; row < summary.rowCount(); row++) {
            String key = series == null ? "mean" : summary.column(series).getString(row);
            rowsBySeries.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<String, List<Integer>> e : rowsBySeries.entrySet()) {
            List<Integer> rows = e.getValue();
            double[] xv = new double[rows.size()];
            double[] m = new double[rows.size()];
            double[] err = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                int row = rows.get(i);
                xv[i] = summary.numberColumn(x).getDouble(row);
                m[i] = summary.numberColumn("mean").getDouble(row);
                err[i] = summary.numberColumn(error).getDouble(row);
            }
            chart.addSeries(e.getKey(), xv, m, err).setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /** A horizontal reference line across {@code chart}'s current x range (e.g. the expert's return). */
    public static XYChart withLevel(XYChart chart, String name, double y) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesMap().values()) {
            min = Math.min(min, s.getXMin());
            max = Math.max(max, s.getXMax());
        }
        if (!Double.isFinite(min)) {
            min = 0;
            max = 1;
        }
        XYSeries line = chart.addSeries(name, new double[] {min, max}, new double[] {y, y});
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(Color.GRAY);
        return chart;
    }

    /**
     * Observation coordinate {@code dim} against time for each trajectory (label i = trajectory i),
     * e.g. the pole angle of expert and learner episodes.
     */
    public static XYChart trajectories(String title, int dim, String dimName, List<Trajectory> trajectories) {
        if (trajectories.isEmpty()) {
            throw new IllegalArgumentException("trajectories: the list is empty; pass at least one trajectory");
        }
        XYChart chart = xy(title, "t", dimName);
        int i = 0;
        for (Trajectory t : trajectories) {
            if (dim < 0 || dim >= t.observationSize()) {
                throw new IllegalArgumentException("trajectories: dim = " + dim + " but observations have "
                        + t.observationSize() + " values; pass 0.." + (t.observationSize() - 1));
            }
            double[][] obs = t.observations();
            double[] y = new double[obs.length];
            double[] x = new double[obs.length];
            for (int k = 0; k < obs.length; k++) {
                x[k] = k;
                y[k] = obs[k][dim];
            }
            chart.addSeries("episode " + i++, x, y).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /** Overlaid histograms with {@code bins} shared bins, one per named sample (e.g. expert vs learner states). */
    public static CategoryChart histogram(String title, String xName, int bins, Map<String, double[]> samples) {
        if (bins < 1) {
            throw new IllegalArgumentException("histogram: bins = " + bins + " must be at least 1");
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("histogram: no samples given");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] v : samples.values()) {
            for (double d : v) {
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
        }
        if (!(max > min)) {
            max = min + 1;
        }
        double width = (max - min) / bins;
        List<String> labels = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            labels.add(String.format("%.3g", min + (b + 0.5) * width));
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xName)
                .yAxisTitle("fraction").build();
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setAvailableSpaceFill(0.95);
        for (Map.Entry<String, double[]> e : samples.entrySet()) {
            double[] counts = new double[bins];
            for (double d : e.getValue()) {
                counts[Math.min(bins - 1, (int) ((d - min) / width))]++;
            }
            List<Double> fractions = new ArrayList<>();
            for (double c : counts) {
                fractions.add(c / Math.max(1, e.getValue().length));
            }
            chart.addSeries(e.getKey(), labels, fractions);
        }
        return chart;
    }

    /**
     * Bars with error bars from a summary table (as made by {@link imitation.eval.Summary#of}): one bar
     * per row, labelled by the {@code category} column (e.g. the method), height {@code mean}, whiskers
     * the {@code error} column (e.g. {@code "std"} or {@code "ci95"}).
     */
    public static CategoryChart bars(String title, Table summary, String category, String error) {
        requireColumns(summary, category, "mean", error);
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(category)
                .yAxisTitle("mean ± " + error).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        List<String> names = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (int row = 0; row < summary.rowCount(); row++) {
            names.add(summary.column(category).getString(row));
            means.add(summary.numberColumn("mean").getDouble(row));
            errors.add(summary.numberColumn(error).getDouble(row));
        }
        chart.addSeries(title, names, means, errors);
        return chart;
    }

    /** An empty XY chart in the notebooks' style (size, white background, legend outside), to add series to. */
    public static XYChart xy(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    private static void requireColumns(Table table, String... names) {
        for (String n : names) {
            if (!table.columnNames().contains(n)) {
                throw new IllegalArgumentException("table '" + table.name() + "' has no column '" + n + "' (has "
                        + table.columnNames() + ")");
            }
        }
    }
}
