package imitation.viz;

import imitation.data.driving.DrivingRecord;
import imitation.env.driving.DrivingWorld;
import imitation.env.driving.Track;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Pictures of the driving world: the track with driven paths on it, lateral offset over time, and
 * camera frames as small grey images. Runs are given as a map from a name (e.g. "expert", "BC") to
 * its recorded episodes; each run gets one colour.
 */
public final class DrivingCharts {
    private static final Color[] PALETTE = Charts.PALETTE;

    private DrivingCharts() {}

    /**
     * The track (edges solid grey, centreline dashed) seen from above, with every episode's path in its
     * run's colour and a cross where a car left the road.
     */
    public static XYChart track(Track track, Map<String, List<DrivingRecord>> runs) {
        requireRuns(runs, "track");
        if (track == null) {
            throw new IllegalArgumentException("track: track is null; pass the world's track, e.g. world.track()");
        }
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(640)
                .title("Track " + track.seed() + " from above (× = car left the road)")
                .xAxisTitle("x (m)").yAxisTitle("y (m)").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setMarkerSize(14);
        double[][] outline = track.outline();
        edge(chart, "road edges", outline[2], outline[3], SeriesLines.SOLID, true);
        edge(chart, "road edges ", outline[4], outline[5], SeriesLines.SOLID, false);
        edge(chart, "centreline", outline[0], outline[1], SeriesLines.DASH_DASH, true);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 2; r < 6; r++) {
            for (double v : outline[r]) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        int run = 0;
        for (Map.Entry<String, List<DrivingRecord>> e : runs.entrySet()) {
            Color colour = PALETTE[run++ % PALETTE.length];
            int k = 0;
            for (DrivingRecord r : e.getValue()) {
                double[][] path = r.path();
                XYSeries s = chart.addSeries(e.getKey() + (k == 0 ? "" : " #" + k), path[0], path[1]);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(colour);
                s.setLineStyle(new BasicStroke(1.5f));
                s.setShowInLegend(k == 0);
                if (r.metrics().leftRoad() || r.metrics().collided()) {
                    int last = path[0].length - 1;
                    XYSeries end = chart.addSeries(e.getKey() + " off road #" + k, new double[] {path[0][last]},
                            new double[] {path[1][last]});
                    end.setMarker(SeriesMarkers.CROSS);
                    end.setMarkerColor(colour);
                    end.setShowInLegend(false);
                }
                k++;
            }
        }
        double pad = 0.03 * (max - min);
        chart.getStyler().setXAxisMin(min - pad).setXAxisMax(max + pad).setYAxisMin(min - pad).setYAxisMax(max + pad);
        return chart;
    }

    /**
     * {@link #track(Track, Map)} of the world's track, with its obstacle (if it has one) drawn as a black circle and
     * a cross also where a car hit it.
     */
    public static XYChart track(DrivingWorld world, Map<String, List<DrivingRecord>> runs) {
        if (world == null) {
            throw new IllegalArgumentException("track: world is null; pass the world the runs drove in");
        }
        XYChart chart = track(world.track(), runs);
        if (world.hasObstacle()) {
            chart.setTitle("Track " + world.track().seed() + " from above (× = car left the road or hit the obstacle)");
            int n = 48;
            double[] x = new double[n + 1];
            double[] y = new double[n + 1];
            for (int k = 0; k <= n; k++) {
                double t = 2 * Math.PI * k / n;
                x[k] = world.obstacleCentre().x() + world.obstacleRadius() * Math.cos(t);
                y[k] = world.obstacleCentre().y() + world.obstacleRadius() * Math.sin(t);
            }
            XYSeries s = chart.addSeries("obstacle", x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Color.BLACK);
            s.setLineStyle(new BasicStroke(2f));
        }
        return chart;
    }

    /** Lateral offset against time step for every episode (one colour per run), with the road edges. */
    public static XYChart offsets(DrivingWorld world, Map<String, List<DrivingRecord>> runs) {
        requireRuns(runs, "offsets");
        if (world == null) {
            throw new IllegalArgumentException("offsets: world is null; pass the world the runs drove in");
        }
        XYChart chart = Charts.xy("Distance from the centreline over time", "time step",
                "lateral offset (m, left +)");
        double hw = world.track().halfWidth();
        int longest = 1;
        int run = 0;
        for (Map.Entry<String, List<DrivingRecord>> e : runs.entrySet()) {
            Color colour = PALETTE[run++ % PALETTE.length];
            int k = 0;
            for (DrivingRecord r : e.getValue()) {
                double[] y = r.offsets();
                double[] x = new double[y.length];
                for (int t = 0; t < y.length; t++) {
                    x[t] = t;
                }
                longest = Math.max(longest, y.length - 1);
                XYSeries s = chart.addSeries(e.getKey() + (k == 0 ? "" : " #" + k), x, y);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(colour);
                s.setShowInLegend(k++ == 0);
            }
        }
        for (double level : new double[] {hw, -hw}) {
            XYSeries s = chart.addSeries(level > 0 ? "road edge" : "road edge ", new double[] {0, longest},
                    new double[] {level, level});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Color.GRAY);
            s.setLineStyle(SeriesLines.DASH_DASH);
            s.setShowInLegend(level > 0);
        }
        Charts.roundTimeTicks(chart);
        return chart;
    }

    /**
     * Camera frames side by side as an image, each pixel drawn as a {@code scale}×{@code scale} grey
     * square (white = road) with its caption above; show it in a notebook or save it with ImageIO.
     */
    public static BufferedImage cameraFrames(DrivingWorld world, List<double[]> frames, List<String> captions, int scale) {
        if (world == null) {
            throw new IllegalArgumentException("cameraFrames: world is null; pass the camera world the frames come from");
        }
        int h = world.cameraHeight();
        int w = world.cameraWidth();
        if (frames == null || frames.isEmpty()) {
            throw new IllegalArgumentException("cameraFrames: frames is " + (frames == null ? "null" : "empty")
                    + "; pass at least one camera observation");
        }
        if (captions == null || captions.size() != frames.size()) {
            throw new IllegalArgumentException("cameraFrames: " + frames.size() + " frames but "
                    + (captions == null ? "no" : captions.size()) + " captions; give one caption per frame");
        }
        if (scale < 1 || scale > 32) {
            throw new IllegalArgumentException("cameraFrames: scale = " + scale + " must be in [1, 32]");
        }
        int gap = 8;
        int top = 24;
        BufferedImage img = new BufferedImage(frames.size() * (w * scale + gap) + gap, h * scale + top + gap,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        for (int f = 0; f < frames.size(); f++) {
            double[] frame = frames.get(f);
            if (frame == null || frame.length != h * w) {
                throw new IllegalArgumentException("cameraFrames: frame " + f + " has "
                        + (frame == null ? "null" : frame.length + " values") + " but the world's camera has " + h
                        + "x" + w + " = " + h * w + "; pass camera observations of this world");
            }
            int x0 = gap + f * (w * scale + gap);
            g.setColor(Color.BLACK);
            g.drawString(captions.get(f), x0, top - 5);
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int v = (int) Math.round(255 * Math.max(0, Math.min(1, frame[r * w + c])));
                    g.setColor(new Color(v, v, v));
                    g.fillRect(x0 + c * scale, top + r * scale, scale, scale);
                }
            }
        }
        g.dispose();
        return img;
    }

    private static void edge(XYChart chart, String name, double[] x, double[] y, BasicStroke style, boolean legend) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(Color.GRAY);
        s.setLineStyle(style);
        s.setShowInLegend(legend);
    }

    private static void requireRuns(Map<String, List<DrivingRecord>> runs, String what) {
        if (runs == null || runs.isEmpty() || runs.values().stream().anyMatch(l -> l == null || l.isEmpty())) {
            throw new IllegalArgumentException(what + ": give at least one run name with at least one recorded episode,"
                    + " e.g. Map.of(\"expert\", DrivingRuns.in(world).demonstrate())");
        }
    }
}
