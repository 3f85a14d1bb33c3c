package imitation.viz;

import imitation.notebook.Notebook;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Inline display for the Rapaio Java kernel: an XChart chart returned by a cell (or passed to
 * {@code display(...)}) appears as a PNG image, a Tablesaw {@link Table} as an HTML table with a plain-text
 * fallback. The kernel finds this class through {@code META-INF/services}; nothing needs to be called.
 *
 * <p>In fast mode ({@link Notebook#fast()}) every chart and table shown carries {@link Notebook#FAST_NOTE}, so
 * that fast-mode output (what {@code mvn verify} leaves as HTML) cannot be taken for the notebook's results.
 *
 * <p>Tables longer than {@value #FULL_ROWS} rows show their first {@value #HEAD_ROWS} and last
 * {@value #TAIL_ROWS} rows; use {@code table.printAll()} to see every row.
 */
public final class KernelDisplay implements DisplayProvider {

    static final int FULL_ROWS = 60;
    static final int HEAD_ROWS = 25;
    static final int TAIL_ROWS = 5;

    private static final String PNG = "image/png";
    private static final String HTML = "text/html";
    private static final String TEXT = "text/plain";

    /** Called by the kernel's {@link java.util.ServiceLoader}. */
    public KernelDisplay() {}

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return List.of(new ChartRenderer(), new TableRenderer());
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }

    /** Height of the strip with the fast-mode note above a chart. */
    static final int STRIP = 24;
    static final Color FAST_RED = new Color(0xB00020);

    /** The chart drawn at its own width and height, encoded as PNG; in fast mode under a strip with the fast-mode note. */
    static byte[] png(Chart<?, ?> chart) {
        return png(chart, Notebook.fast());
    }

    static byte[] png(Chart<?, ?> chart, boolean fast) {
        try {
            if (!fast) {
                return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            }
            BufferedImage drawn = BitmapEncoder.getBufferedImage(chart);
            BufferedImage image = new BufferedImage(drawn.getWidth(), drawn.getHeight() + STRIP, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setColor(FAST_RED);
                g.fillRect(0, 0, image.getWidth(), STRIP);
                g.setColor(Color.WHITE);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
                g.drawString(Notebook.FAST_NOTE, 8, STRIP - 7);
                g.drawImage(drawn, 0, STRIP, null);
            } finally {
                g.dispose();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chart '" + chart.getTitle() + "' as PNG", e);
        }
    }

    /** The table as an HTML {@code <table>}: caption with name and size, typed header, numbers right-aligned. */
    static String html(Table table) {
        return html(table, Notebook.fast());
    }

    /** As {@link #html(Table)}; with {@code fast}, the caption carries the fast-mode note unless the name has it. */
    static String html(Table table, boolean fast) {
        int rows = table.rowCount();
        List<Column<?>> columns = table.columns();
        StringBuilder out = new StringBuilder(256 + 32 * Math.min(rows, FULL_ROWS) * Math.max(1, columns.size()));
        String name = table.name() == null ? "" : table.name();
        String note = "<strong style=\"color:#b00020\">" + escape(Notebook.FAST_NOTE) + "</strong>";
        out.append("<table>\n<caption style=\"text-align:left\">")
                .append(name.isEmpty() ? "" : escape(name).replace(escape(Notebook.FAST_NOTE), note) + " · ")
                .append(rows).append(rows == 1 ? " row" : " rows").append(" × ")
                .append(columns.size()).append(columns.size() == 1 ? " column" : " columns");
        if (fast && !name.contains(Notebook.FAST_NOTE)) {
            out.append(" · ").append(note);
        }
        out.append("</caption>\n");
        out.append("<thead><tr>");
        for (Column<?> column : columns) {
            out.append("<th title=\"").append(escape(column.type().name())).append("\"").append(align(column))
                    .append('>').append(escape(column.name())).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        if (rows <= FULL_ROWS) {
            appendRows(out, columns, 0, rows);
        } else {
            appendRows(out, columns, 0, HEAD_ROWS);
            out.append("<tr><td colspan=\"").append(columns.size()).append("\" style=\"text-align:center\">… ")
                    .append(rows - HEAD_ROWS - TAIL_ROWS).append(" more rows …</td></tr>\n");
            appendRows(out, columns, rows - TAIL_ROWS, rows);
        }
        return out.append("</tbody>\n</table>").toString();
    }

    /** The table as Tablesaw prints it, with the same row limit as the HTML. */
    static String text(Table table) {
        return table.print(FULL_ROWS);
    }

    private static void appendRows(StringBuilder out, List<Column<?>> columns, int from, int to) {
        for (int row = from; row < to; row++) {
            out.append("<tr>");
            for (Column<?> column : columns) {
                out.append("<td").append(align(column)).append('>').append(escape(cell(column, row))).append("</td>");
            }
            out.append("</tr>\n");
        }
    }

    /**
     * A cell as text; decimals are shown to 4 significant digits (a table of means over seeds should not
     * print 63.15317885902498), whole numbers without a fraction.
     */
    static String cell(Column<?> column, int row) {
        if (column.isMissing(row) || !(column.type() == ColumnType.DOUBLE || column.type() == ColumnType.FLOAT)) {
            return column.getString(row);
        }
        double v = ((Number) column.get(row)).doubleValue();
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e7) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.format(java.util.Locale.ROOT, "%.3e", v);
    }

    private static String align(Column<?> column) {
        ColumnType type = column.type();
        boolean numeric = type.equals(ColumnType.DOUBLE) || type.equals(ColumnType.FLOAT)
                || type.equals(ColumnType.INTEGER) || type.equals(ColumnType.LONG) || type.equals(ColumnType.SHORT);
        return numeric ? " style=\"text-align:right\"" : " style=\"text-align:left\"";
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** XChart charts as PNG, with the chart's kind and title as the text fallback. */
    static final class ChartRenderer implements DisplayRenderer {
        @Override
        public Class<?> rendererClass() {
            return Chart.class;
        }

        @Override
        public boolean canRender(String mime) {
            return mime == null || mime.equals(PNG) || mime.equals("png");
        }

        @Override
        public DisplayData render(String mime, Object object) {
            Chart<?, ?> chart = (Chart<?, ?>) object;
            DisplayData data = DisplayData.withType(PNG, Base64.getEncoder().encodeToString(png(chart)));
            data.putText(chart.getClass().getSimpleName() + " '" + chart.getTitle() + "' ("
                    + chart.getWidth() + "x" + chart.getHeight() + ")");
            return data;
        }
    }

    /** Tablesaw tables as HTML, with Tablesaw's own printout as the text fallback. */
    static final class TableRenderer implements DisplayRenderer {
        @Override
        public Class<?> rendererClass() {
            return Table.class;
        }

        @Override
        public boolean canRender(String mime) {
            return mime == null || mime.equals(HTML) || mime.equals("html") || mime.equals(TEXT) || mime.equals("text");
        }

        @Override
        public DisplayData render(String mime, Object object) {
            Table table = (Table) object;
            if (TEXT.equals(mime) || "text".equals(mime)) {
                return DisplayData.fromText(text(table));
            }
            DisplayData data = DisplayData.fromHtml(html(table));
            data.putText(text(table));
            return data;
        }
    }
}
