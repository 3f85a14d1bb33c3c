package imitation.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class HeatmapsTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void everyFactoryRendersToPngBytes() throws IOException {
        double[] ramp = new double[12];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i;
        }
        BufferedImage single = Heatmaps.of("ramp", ramp, 4);
        BufferedImage row = Heatmaps.row(4, new Heatmaps.Panel("a", ramp), new Heatmaps.Panel("constant", new double[12]));
        BufferedImage grid = Heatmaps.grid(4, 2, List.of(new Heatmaps.Panel("a", ramp), new Heatmaps.Panel("b", ramp),
                new Heatmaps.Panel("c", ramp)));
        for (BufferedImage image : List.of(single, row, grid)) {
            byte[] png = Heatmaps.png(image);
            assertArrayEquals(PNG_MAGIC, java.util.Arrays.copyOf(png, 4));
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(image.getWidth(), back.getWidth());
        }
        assertTrue(row.getWidth() > single.getWidth(), "two panels side by side are wider than one");
        assertTrue(grid.getHeight() > row.getHeight(), "three panels in rows of two need a second row");
    }

    @Test
    void lowestAndHighestValuesGetTheEndColours() {
        BufferedImage image = Heatmaps.of("two cells", new double[] {-3, 5}, 2);
        int cell = Heatmaps.PANEL / 2;
        int y = Heatmaps.GAP / 2 + Heatmaps.TITLE + cell / 2;
        assertEquals(Heatmaps.colour(0).getRGB(), image.getRGB(Heatmaps.GAP + cell / 2, y));
        assertEquals(Heatmaps.colour(1).getRGB(), image.getRGB(Heatmaps.GAP + cell + cell / 2, y));
    }

    @Test
    void everyPanelHasAColourBarFromLowestToHighest() {
        BufferedImage image = Heatmaps.of("two cells", new double[] {-3, 5}, 2);
        int bar = Heatmaps.GAP / 2 + Heatmaps.TITLE + Heatmaps.PANEL / 2 * 1 + Heatmaps.BAR_GAP + Heatmaps.BAR / 2;
        int left = Heatmaps.GAP;
        int right = Heatmaps.GAP + Heatmaps.PANEL - 1;
        assertEquals(Heatmaps.colour(0).getRGB(), image.getRGB(left, bar));
        assertEquals(Heatmaps.colour(1).getRGB(), image.getRGB(right, bar));
    }

    @Test
    void mismatchedPanelsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Heatmaps.of("odd", new double[7], 3));
        assertThrows(IllegalArgumentException.class,
                () -> Heatmaps.row(2, new Heatmaps.Panel("a", new double[4]), new Heatmaps.Panel("b", new double[6])));
        var nan = assertThrows(IllegalArgumentException.class, () -> new Heatmaps.Panel("nan", new double[] {1, Double.NaN}));
        assertTrue(nan.getMessage().contains("value 1 = NaN"), nan.getMessage());
        var noTitle = assertThrows(IllegalArgumentException.class, () -> new Heatmaps.Panel(null, new double[] {1}));
        assertTrue(noTitle.getMessage().contains("title is null"), noTitle.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> Heatmaps.row(2, (Heatmaps.Panel[]) null));
        assertTrue(none.getMessage().contains("panels is null"), none.getMessage());
    }
}
