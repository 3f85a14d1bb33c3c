package imitation.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.driving.DrivingRecord;
import imitation.data.driving.DrivingRuns;
import imitation.env.driving.DrivingWorld;
import imitation.env.driving.ObservationKind;
import imitation.env.driving.Track;
import imitation.policy.Policy;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DrivingChartsTest {
    private static final DrivingWorld WORLD = DrivingWorld.builder().horizon(150).build();

    private static Map<String, List<DrivingRecord>> runs() {
        Policy gentleLeft = obs -> {
            double[][] a = new double[obs.length][1];
            for (double[] row : a) {
                row[0] = 0.5;
            }
            return a;
        };
        Map<String, List<DrivingRecord>> runs = new LinkedHashMap<>();
        runs.put("expert", DrivingRuns.in(WORLD).episodes(2).demonstrate());
        runs.put("steer left", DrivingRuns.in(WORLD).episodes(2).drive(gentleLeft));
        return runs;
    }

    @Test
    void trackChartDrawsEdgesPathsAndOffRoadMarks() throws Exception {
        var chart = DrivingCharts.track(WORLD.track(), runs());
        assertTrue(chart.getSeriesMap().containsKey("expert"));
        assertTrue(chart.getSeriesMap().containsKey("steer left #1"));
        assertTrue(chart.getSeriesMap().containsKey("steer left off road #0"), "the left-steering car leaves the road");
        assertEquals(chart.getSeriesMap().get("expert").getLineColor(), chart.getSeriesMap().get("expert #1").getLineColor());
        ChartsTest.assertRendersToPng(chart);
        assertThrows(IllegalArgumentException.class, () -> DrivingCharts.track(WORLD.track(), Map.of()));
    }

    @Test
    void trackChartOfAnObstacleWorldDrawsTheObstacleAndMarksCollisions() throws Exception {
        DrivingWorld world = DrivingWorld.builder().track(Track.stadium(60, 20, 6))
                .obstacle(30, 1).startArc(10).horizon(40).build();
        Map<String, List<DrivingRecord>> runs = new LinkedHashMap<>();
        runs.put("expert", DrivingRuns.in(world).episodes(2).demonstrate());
        runs.put("straight", DrivingRuns.in(world).episodes(1).drive(obs -> new double[obs.length][1]));
        assertTrue(runs.get("straight").get(0).metrics().collided());
        assertTrue(runs.get("straight").get(0).trajectory().terminal(), "a collision ends the recorded trajectory");
        var chart = DrivingCharts.track(world, runs);
        assertEquals(49, chart.getSeriesMap().get("obstacle").getXData().length);
        assertEquals(world.obstacleCentre().x() + 1, chart.getSeriesMap().get("obstacle").getXData()[0], 1e-9);
        assertTrue(chart.getSeriesMap().containsKey("straight off road #0"), "the collision is marked");
        assertTrue(!chart.getSeriesMap().containsKey("expert off road #0"));
        assertTrue(chart.getTitle().contains("hit the obstacle"));
        ChartsTest.assertRendersToPng(chart);
        assertTrue(!DrivingCharts.track(WORLD, runs()).getSeriesMap().containsKey("obstacle"));
    }

    @Test
    void offsetChartHasOneSeriesPerEpisodeAndTheRoadEdges() throws Exception {
        var chart = DrivingCharts.offsets(WORLD, runs());
        assertEquals(3.0, chart.getSeriesMap().get("road edge").getYData()[0]);
        assertEquals(151, chart.getSeriesMap().get("expert").getXData().length);
        ChartsTest.assertRendersToPng(chart);
    }

    @Test
    void cameraFramesRenderAsAScaledGreyImage() throws Exception {
        DrivingWorld camera = DrivingWorld.builder().observation(ObservationKind.CAMERA).build();
        var state = camera.stateAt(40, 0, 0);
        List<double[]> frames = List.of(camera.observe(state, 1), camera.observe(state, 0), camera.observe(state, -1));
        BufferedImage img = DrivingCharts.cameraFrames(camera, frames, List.of("left", "centre", "right"), 4);
        assertEquals(3 * (32 * 4 + 8) + 8, img.getWidth());
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, "png", png));
        assertTrue(png.size() > 500);
        assertThrows(IllegalArgumentException.class,
                () -> DrivingCharts.cameraFrames(camera, List.of(new double[6]), List.of("features"), 4));
        assertThrows(IllegalArgumentException.class, () -> DrivingCharts.cameraFrames(camera, frames, List.of("a"), 4));
    }
}
