package imitation.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Grid heatmaps of per-state values (rewards, values, visitation frequencies) of a grid world with
 * state s = y·width + x, row y = 0 on top, drawn side by side as one image (a notebook cell that
 * returns it shows it inline). Each panel is scaled to its own range and has its own colour bar under
 * it, labelled with the panel's lowest and highest value; compare panels by their patterns, and read
 * values off each panel's bar. Colours run from dark purple (lowest) through teal to yellow (highest),
 * a viridis-like map that reads in greyscale too.
 */
public final class Heatmaps {
    private static final Color[] ANCHORS = {
        new Color(68, 1, 84), new Color(59, 82, 139), new Color(33, 145, 140), new Color(94, 201, 98),
        new Color(253, 231, 37)};
    static final int GAP = 16;
    static final int TITLE = 26;
    /** Below each panel: a gap, the colour bar, and its end labels. */
    static final int BAR_GAP = 6;
    static final int BAR = 12;
    static final int FOOTER = BAR_GAP + BAR + 22;
    /** About how wide a panel is, in pixels. */
    static final int PANEL = 220;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);

    private Heatmaps() {}

    /**
     * One panel: a title and one value per cell.
     *
     * @param title  shown above the panel
     * @param values one value per state, length width × height
     */
    public record Panel(String title, double[] values) {
        public Panel {
            if (title == null) {
                throw new IllegalArgumentException("panel: title is null; say what the values are");
            }
            if (values == null || values.length == 0) {
                throw new IllegalArgumentException("panel '" + title + "': needs one value per cell, got "
                        + (values == null ? "null" : "none"));
            }
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new IllegalArgumentException("panel '" + title + "': value " + i + " = " + values[i]
                            + " is not finite; a heatmap needs a finite number in every cell");
                }
            }
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }
    }

    /** A single heatmap of {@code values} on a grid {@code width} cells wide. */
    public static BufferedImage of(String title, double[] values, int width) {
        return grid(width, 1, List.of(new Panel(title, values)));
    }

    /** Panels side by side in one row. */
    public static BufferedImage row(int width, Panel... panels) {
        if (panels == null) {
            throw new IllegalArgumentException("heatmaps: panels is null; pass at least one panel");
        }
        return grid(width, panels.length, java.util.Arrays.asList(panels));
    }

    /**
     * Panels in rows of {@code columns}, each a grid {@code width} cells wide (its height follows
     * from the number of values); cells are sized so a panel is about {@value #PANEL} pixels wide.
     */
    public static BufferedImage grid(int width, int columns, List<Panel> panels) {
        if (panels == null || panels.isEmpty() || panels.stream().anyMatch(p -> p == null) || columns < 1 || width < 1) {
            throw new IllegalArgumentException("heatmaps: need panels, columns >= 1 and width >= 1; got "
                    + (panels == null ? "null" : panels.size() + (panels.stream().anyMatch(p -> p == null) ? " (some null)" : "")) + " panels, columns = " + columns + ", width = " + width);
        }
        int cells = panels.get(0).values.length;
        if (cells % width != 0) {
            throw new IllegalArgumentException("heatmaps: " + cells + " values do not fill rows of width " + width
                    + "; pass the grid's width");
        }
        for (Panel p : panels) {
            if (p.values.length != cells) {
                throw new IllegalArgumentException("heatmaps: panel '" + p.title + "' has " + p.values.length
                        + " values, the first has " + cells + "; all panels must show the same grid");
            }
        }
        int height = cells / width;
        int cell = Math.max(2, PANEL / width);
        int pw = cell * width;
        int ph = cell * height;
        int rows = (panels.size() + columns - 1) / columns;
        int cols = Math.min(columns, panels.size());
        BufferedImage image = new BufferedImage(GAP + cols * (pw + GAP), rows * (TITLE + ph + FOOTER + GAP) + GAP / 2,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setFont(FONT);
            for (int i = 0; i < panels.size(); i++) {
                int x0 = GAP + (i % columns) * (pw + GAP);
                int y0 = GAP / 2 + (i / columns) * (TITLE + ph + FOOTER + GAP);
                draw(g, panels.get(i), width, height, cell, x0, y0);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void draw(Graphics2D g, Panel p, int width, int height, int cell, int x0, int y0) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : p.values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double span = max - min;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = p.values[y * width + x];
                g.setColor(colour(span > 0 ? (v - min) / span : 0.5));
                g.fillRect(x0 + x * cell, y0 + TITLE + y * cell, cell, cell);
            }
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(x0 - 1, y0 + TITLE - 1, width * cell + 1, height * cell + 1);
        g.setColor(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        String title = fit(p.title, fm, width * cell);
        g.drawString(title, x0, y0 + TITLE - 7);
        colourBar(g, fm, x0, y0 + TITLE + height * cell + BAR_GAP, width * cell, min, max);
    }

    /** A horizontal colour bar from min (left) to max (right), its end values printed under its ends. */
    private static void colourBar(Graphics2D g, FontMetrics fm, int x0, int y0, int pixels, double min, double max) {
        for (int i = 0; i < pixels; i++) {
            g.setColor(colour(pixels == 1 ? 0.5 : i / (pixels - 1.0)));
            g.fillRect(x0 + i, y0, 1, BAR);
        }
        g.setColor(Color.GRAY);
        g.drawRect(x0 - 1, y0 - 1, pixels + 1, BAR + 1);
        g.setColor(Color.DARK_GRAY);
        String low = String.format(Locale.ROOT, "%.3g", min);
        String high = max > min ? String.format(Locale.ROOT, "%.3g", max) : "(all equal)";
        int baseline = y0 + BAR + fm.getAscent() + 2;
        g.drawString(low, x0, baseline);
        if (fm.stringWidth(low) + fm.stringWidth(high) + 8 <= pixels) {
            g.drawString(high, x0 + pixels - fm.stringWidth(high), baseline);
        }
    }

    private static String fit(String s, FontMetrics fm, int pixels) {
        if (fm.stringWidth(s) <= pixels) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && fm.stringWidth(t + "…") > pixels) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    /** The map's colour at u in [0, 1]. */
    static Color colour(double u) {
        double pos = Math.min(Math.max(u, 0), 1) * (ANCHORS.length - 1);
        int i = Math.min((int) pos, ANCHORS.length - 2);
        double f = pos - i;
        Color a = ANCHORS[i];
        Color b = ANCHORS[i + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /** The image encoded as PNG. */
    public static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer available in this JVM");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode heatmap as PNG", e);
        }
    }
}
