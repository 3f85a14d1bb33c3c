package imitation.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.notebook.Notebook;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import javax.imageio.ImageIO;
import java.util.Base64;
import java.util.ServiceLoader;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplaySystem;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class KernelDisplayTest {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static XYChart chart() {
        XYChart chart = new XYChartBuilder().width(320).height(200).title("returns").build();
        chart.addSeries("mean", new double[] {1, 2, 3}, new double[] {10, 40, 90});
        return chart;
    }

    private static Table table(int rows) {
        return Table.create("runs",
                IntColumn.create("seed", IntStream.range(0, rows).toArray()),
                DoubleColumn.create("return", IntStream.range(0, rows).mapToDouble(i -> 0.5 * i).toArray()));
    }

    private static byte[] decodedPng(DisplayData data) {
        return Base64.getDecoder().decode((String) data.data().get("image/png"));
    }

    @Test
    void chartEncodesAsPng() {
        byte[] png = KernelDisplay.png(chart());
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, PNG_MAGIC.length));
    }

    @Test
    void kernelRendersAReturnedChartAsInlinePng() {
        DisplayData data = DisplaySystem.inst().render(chart());
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(decodedPng(data), PNG_MAGIC.length));
        assertEquals("XYChart 'returns' (320x200)", data.data().get("text/plain"));
    }

    @Test
    void kernelRendersATableAsHtmlWithColumnNamesAndTextFallback() {
        DisplayData data = DisplaySystem.inst().render(table(3));
        String html = (String) data.data().get("text/html");
        assertTrue(html.startsWith("<table>"), html);
        assertTrue(html.contains("runs · 3 rows × 2 columns"), html);
        assertTrue(html.contains(">seed</th>") && html.contains(">return</th>"), html);
        assertTrue(html.contains(">0.5</td>"), html);
        String text = (String) data.data().get("text/plain");
        assertTrue(text.contains("seed") && text.contains("return"), text);
    }

    @Test
    void providerIsRegisteredForTheKernelsServiceLoader() {
        assertTrue(ServiceLoader.load(DisplayProvider.class).stream()
                .anyMatch(p -> p.type() == KernelDisplay.class));
    }

    @Test
    void htmlEscapesMarkupInNamesAndValues() {
        Table table = Table.create("a<b", StringColumn.create("x & y", "<script>", "\"q\""));
        String html = KernelDisplay.html(table);
        assertTrue(html.contains("a&lt;b"), html);
        assertTrue(html.contains(">x &amp; y</th>"), html);
        assertTrue(html.contains("&lt;script&gt;") && html.contains("&quot;q&quot;"), html);
        assertFalse(html.contains("<script>"), html);
    }

    @Test
    void longTablesShowHeadAndTailWithTheNumberOfHiddenRows() {
        int rows = KernelDisplay.FULL_ROWS + 40;
        String html = KernelDisplay.html(table(rows));
        long shown = html.lines().filter(l -> l.startsWith("<tr><td style=\"text-align:right\">")).count();
        assertEquals(KernelDisplay.HEAD_ROWS + KernelDisplay.TAIL_ROWS, shown);
        int hidden = rows - KernelDisplay.HEAD_ROWS - KernelDisplay.TAIL_ROWS;
        assertTrue(html.contains("… " + hidden + " more rows …"), html);
        assertTrue(html.contains(">" + (rows - 1) + "</td>"), "last row shown");
        assertFalse(html.contains(">" + KernelDisplay.HEAD_ROWS + "</td>"), "first hidden row not shown");
    }

    @Test
    void singularCountsReadNaturally() {
        Table one = Table.create("", IntColumn.create("n", new int[] {7}));
        String html = KernelDisplay.html(one, false);
        assertTrue(html.contains("<caption style=\"text-align:left\">1 row × 1 column</caption>"), html);
    }

    @Test
    void fastModeMarksEveryTableAndChartShown() throws Exception {
        String fast = KernelDisplay.html(table(2), true);
        assertTrue(fast.contains("runs · 2 rows × 2 columns · <strong style=\"color:#b00020\">"
                + Notebook.FAST_NOTE + "</strong></caption>"), fast);
        Table named = Table.create("returns · " + Notebook.FAST_NOTE, IntColumn.create("n", new int[] {1}));
        String once = KernelDisplay.html(named, true);
        assertEquals(1, once.split(java.util.regex.Pattern.quote(Notebook.FAST_NOTE), -1).length - 1, once);
        assertFalse(KernelDisplay.html(table(2), false).contains(Notebook.FAST_NOTE));
        java.awt.image.BufferedImage marked = ImageIO.read(new ByteArrayInputStream(KernelDisplay.png(chart(), true)));
        java.awt.image.BufferedImage plain = ImageIO.read(new ByteArrayInputStream(KernelDisplay.png(chart(), false)));
        assertEquals(plain.getHeight() + KernelDisplay.STRIP, marked.getHeight(), "the note is a strip above the chart");
        assertEquals(KernelDisplay.FAST_RED.getRGB(), marked.getRGB(2, 2), "the strip is red");
        assertEquals(plain.getRGB(5, 5), marked.getRGB(5, 5 + KernelDisplay.STRIP), "the chart is drawn whole below it");
    }

    @Test
    void decimalsShowFourSignificantDigitsAndWholeNumbersNone() {
        DoubleColumn c = DoubleColumn.create("v", 63.15317885902498, 200.0, 0.000012345, 9.677542527004945);
        c.appendMissing();
        assertEquals("63.15", KernelDisplay.cell(c, 0));
        assertEquals("200", KernelDisplay.cell(c, 1));
        assertEquals("1.235e-05", KernelDisplay.cell(c, 2));
        assertEquals("9.678", KernelDisplay.cell(c, 3));
        assertEquals("", KernelDisplay.cell(c, 4));
        assertEquals("7", KernelDisplay.cell(IntColumn.create("i", new int[] {7}), 0));
    }
}
