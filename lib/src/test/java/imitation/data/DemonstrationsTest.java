package imitation.data;

import static org.junit.jupiter.api.Assertions.*;

import imitation.env.CartPole;
import imitation.env.PointReach;
import imitation.env.VecEnv;
import imitation.expert.CartPoleExpert;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class DemonstrationsTest {

    @TempDir
    Path dir;

    private static Demonstrations expertDemos(int episodes) {
        return Rollouts.in(CartPole.classic().withHorizon(30).vec(4)).episodes(episodes).seed(3).collect(new CartPoleExpert());
    }

    @Test
    void flattensStepsInOrder() {
        Trajectory a = TrajectoryTest.sample();
        Demonstrations d = Demonstrations.of(a, a.prefix(1));
        assertEquals(3, d.steps());
        assertEquals(3, d.observations().length);
        assertArrayEquals(new double[] {0, 1}, d.observations()[2]);
        assertArrayEquals(new double[] {0}, d.actions()[2]);
        assertEquals(3, d.transitions().size());
        assertTrue(d.transitions().get(1).done());
        assertFalse(d.transitions().get(2).done());
        assertArrayEquals(new double[] {1, 2}, d.transitions().get(2).nextObservation());
    }

    @Test
    void roundTripsThroughTableAndCsv() {
        Demonstrations d = expertDemos(3);
        Table table = d.toTable();
        assertEquals(d.steps() + d.size(), table.rowCount());
        assertEquals(d.trajectories(), Demonstrations.fromTable(table).trajectories());
        Path file = dir.resolve("sub/demos.csv");
        d.writeCsv(file);
        assertEquals(d.trajectories(), Demonstrations.readCsv(file).trajectories());
    }

    @Test
    void summaryReportsReturnStatistics() {
        Demonstrations d = expertDemos(4);
        Table s = d.summary();
        assertEquals(4, s.intColumn("episodes").get(0));
        assertEquals(30.0, s.doubleColumn("return_mean").get(0));
        assertEquals(0.0, s.doubleColumn("return_std").get(0));
    }

    @Test
    void rejectsEmptyAndMixedDemonstrations() {
        var e = assertThrows(IllegalArgumentException.class, () -> Demonstrations.of());
        assertTrue(e.getMessage().contains("no trajectories"), e.getMessage());
        Trajectory wide = new Trajectory(new double[][] {{0, 0, 0}, {1, 1, 1}}, new double[][] {{0}}, new double[] {0}, false);
        e = assertThrows(IllegalArgumentException.class, () -> Demonstrations.of(TrajectoryTest.sample(), wide));
        assertTrue(e.getMessage().contains("observations of size 3"), e.getMessage());
        Trajectory empty = new Trajectory(new double[][] {{0, 0}}, new double[0][], new double[0], false);
        e = assertThrows(IllegalArgumentException.class, () -> Demonstrations.of(empty));
        assertTrue(e.getMessage().contains("no steps"), e.getMessage());
    }

    @Test
    void requireFitsNamesTheSizeThatDiffersFromTheEnvironment() {
        Demonstrations cartPole = Rollouts.in(CartPole.fixedHorizon().vec(2)).episodes(2).collect(new CartPoleExpert());
        cartPole.requireFits("train", CartPole.fixedHorizon().vec(2));
        var obs = assertThrows(IllegalArgumentException.class,
                () -> cartPole.requireFits("train", VecEnv.of(2, PointReach::new)));
        assertTrue(obs.getMessage().startsWith("train: demonstrations have observations of size 4 but the environment's have 2")
                && obs.getMessage().contains("recorded in this environment"), obs.getMessage());
        Trajectory oneAction = new Trajectory(new double[][] {{0, 0}, {1, 1}}, new double[][] {{0.5}}, new double[] {0}, false);
        var act = assertThrows(IllegalArgumentException.class,
                () -> Demonstrations.of(oneAction).requireFits("train", VecEnv.of(2, PointReach::new)));
        assertTrue(act.getMessage().contains("actions of size 1") && act.getMessage().contains("has size 2"), act.getMessage());
    }

    @Test
    void csvWithMissingColumnNamesIt() throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "episode,t,obs_0,reward,terminal\n0,0,1.0,1,false\n0,1,2.0,,false\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Demonstrations.readCsv(file));
        assertTrue(e.getMessage().contains("act_0"), e.getMessage());
    }

    @Test
    void csvWithMalformedNumberIsRejected() throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "episode,t,obs_0,act_0,reward,terminal\n0,0,abc,1,1,false\n0,1,2.0,,,false\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Demonstrations.readCsv(file));
        assertTrue(e.getMessage().contains("bad.csv"), e.getMessage());
    }

    @Test
    void csvWithHoleInsideEpisodeNamesRowAndColumn() throws Exception {
        Path file = dir.resolve("hole.csv");
        Files.writeString(file, "episode,t,obs_0,act_0,reward,terminal\n0,0,1.0,,1,false\n0,1,2.0,,,false\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Demonstrations.readCsv(file));
        assertTrue(e.getMessage().contains("row 0") && e.getMessage().contains("act_0"), e.getMessage());
    }

    @Test
    void csvWithOutOfOrderTimeIsRejected() throws Exception {
        Path file = dir.resolve("order.csv");
        Files.writeString(file, "episode,t,obs_0,act_0,reward,terminal\n0,1,1.0,1,1,false\n0,0,2.0,,,false\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Demonstrations.readCsv(file));
        assertTrue(e.getMessage().contains("t = 1"), e.getMessage());
    }

    @Test
    void missingFileSaysWhere() {
        var e = assertThrows(IllegalArgumentException.class, () -> Demonstrations.readCsv(dir.resolve("nope.csv")));
        assertTrue(e.getMessage().contains("nope.csv"), e.getMessage());
    }

    private Path csv(String name, String rows) throws java.io.IOException {
        return Files.writeString(dir.resolve(name), "episode,t,obs_0,act_0,reward,terminal\n" + rows);
    }

    @Test
    void csvCellsThatAreNotUsableNumbersAreNamedAsTheyAre() throws Exception {
        String[][] cases = {
            {"0,0,NaN,1,1,false\n0,1,2.0,,,false\n", "column 'obs_0' = NaN is not finite"},
            {"0,0,1.0,1,Infinity,false\n0,1,2.0,,,false\n", "column 'reward' = Infinity is not finite"},
            {"0,0,1e308,1,1,false\n0,1,2.0,,,false\n", "column 'obs_0' = 1.0E308 is beyond the float range"},
            {"0,0,1.0,1,1,false\n0,1,2.0,,,yes\n", "terminal = 'yes'"},
            {"1e10,0,1.0,1,1,false\n1e10,1,2.0,,,false\n", "episode = 1.0E10 is not an integer"},
        };
        for (String[] c : cases) {
            Path file = csv("cells.csv", c[0]);
            var e = assertThrows(IllegalArgumentException.class, () -> Demonstrations.readCsv(file));
            assertTrue(e.getMessage().contains("cells.csv, row ") && e.getMessage().contains(c[1]), e.getMessage());
        }
    }

    @Test
    void anEpisodeWhoseRowsAreSplitIsRejectedNotSplitInTwo() throws Exception {
        Path file = csv("split.csv", "0,0,1.0,1,1,false\n0,1,2.0,,,false\n1,0,5.0,0,1,false\n1,1,6.0,,,true\n"
                + "0,0,1.0,1,1,false\n0,1,2.0,,,false\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Demonstrations.readCsv(file));
        assertTrue(e.getMessage().contains("split.csv, row 4: episode 0 appears again"), e.getMessage());
    }

    @Test
    void headerOnlyEmptyAndNonUtf8FilesNameTheFile() throws Exception {
        Path header = csv("header.csv", "");
        var e = assertThrows(IllegalArgumentException.class, () -> Demonstrations.readCsv(header));
        assertTrue(e.getMessage().contains("header.csv") && e.getMessage().contains("no rows"), e.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        e = assertThrows(IllegalArgumentException.class, () -> Demonstrations.readCsv(empty));
        assertTrue(e.getMessage().contains("empty.csv is empty"), e.getMessage());
        Path latin1 = Files.write(dir.resolve("latin1.csv"), "episode,t,obs_0,act_0,reward,terminal\n0,0,\u00e9,1,1,false\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        e = assertThrows(IllegalArgumentException.class, () -> Demonstrations.readCsv(latin1));
        assertTrue(e.getMessage().contains("latin1.csv is not UTF-8 text"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Demonstrations.readCsv(null));
        assertTrue(e.getMessage().contains("file is null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> expertDemos(1).writeCsv(null));
        assertTrue(e.getMessage().contains("file is null"), e.getMessage());
    }

    @Test
    void nullArgumentsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> expertDemos(1).concat(null));
        assertTrue(e.getMessage().contains("other is null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Demonstrations.of((Trajectory[]) null));
        assertTrue(e.getMessage().contains("no trajectories"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Demonstrations.fromTable(null));
        assertTrue(e.getMessage().contains("table is null"), e.getMessage());
    }

    @Test
    void firstStepsKeepsWholeTrajectoriesAndCutsTheLast() {
        Demonstrations d = expertDemos(3);
        assertEquals(90, d.steps());
        Demonstrations cut = d.firstSteps(40);
        assertEquals(40, cut.steps());
        assertEquals(2, cut.size());
        assertEquals(d.trajectories().get(0), cut.trajectories().get(0));
        assertEquals(d.trajectories().get(1).prefix(10), cut.trajectories().get(1));
        assertEquals(d.trajectories(), d.firstSteps(90).trajectories());
        assertEquals(1, d.firstSteps(30).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.firstSteps(91));
        assertTrue(e.getMessage().contains("n = 91") && e.getMessage().contains("[1, 90]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.firstSteps(0));
    }
}
