package imitation.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.env.CueMemory;
import imitation.env.Space;
import imitation.expert.CueExpert;
import imitation.nn.Batch;
import imitation.nn.Network;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RecurrentNetPolicyTest {
    private static final Space BOX = Space.Box.of(2, -100, 100);

    /** A random LSTM body reading 3 inputs, deterministic head over 2 actions (raw outputs are the actions). */
    private static RecurrentNetPolicy policy(long seed) {
        Network body = Network.builder(3).lstm(5).dense(2).seed(seed).build();
        return new RecurrentNetPolicy(body, Head.deterministic(2), new double[3], new double[] {1, 1, 1}, BOX);
    }

    private static double[][][] sequence(int steps, int n) {
        double[][][] x = new double[steps][n][3];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 3; c++) {
                    x[t][i][c] = Math.sin(1.3 * t + 0.7 * i + c);
                }
            }
        }
        return x;
    }

    @Test
    void stepByStepWithCarriedStateEqualsOnePassOverTheWholeSequence() {
        RecurrentNetPolicy p = policy(1);
        double[][][] x = sequence(6, 2);
        Network net = p.network();
        Batch whole = net.forward(net.tape(), Batch.ofSequences(x));
        RecurrentPolicy.State s = p.initialState(2);
        for (int t = 0; t < 6; t++) {
            double[][] a = p.act(x[t], s, new boolean[] {t == 0, t == 0}).actions();
            s = p.act(x[t], s, new boolean[] {t == 0, t == 0}).state();
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(whole.get(t * 2 + i, j), a[i][j], 1e-5, "step " + t + " row " + i);
                }
            }
        }
    }

    @Test
    void aStartFlagResetsOnlyItsRowAndOldStatesStayValid() {
        RecurrentNetPolicy p = policy(2);
        double[][][] x = sequence(4, 2);
        RecurrentPolicy.State s = p.initialState(2);
        for (int t = 0; t < 3; t++) {
            s = p.act(x[t], s, new boolean[] {t == 0, t == 0}).state();
        }
        double[][] fresh = p.act(x[3], p.initialState(2), new boolean[] {true, true}).actions();
        double[][] carried = p.act(x[3], s, new boolean[] {false, false}).actions();
        double[][] mixed = p.act(x[3], s, new boolean[] {false, true}).actions();
        assertNotEquals(fresh[0][0], carried[0][0], "the state changes the action");
        assertArrayEquals(carried[0], mixed[0], 0, "row 0 goes on");
        assertArrayEquals(fresh[1], mixed[1], 0, "row 1 starts afresh");
        assertArrayEquals(carried[1], p.act(x[3], s, new boolean[] {false, false}).actions()[1], 0,
                "acting did not change the state it was given");
    }

    @Test
    void rolloutsResetTheStateAtEveryEpisodeStart() {
        CueMemory env = new CueMemory(2, 6);
        Network body = Network.builder(2).gru(4).dense(2).seed(3).build();
        RecurrentNetPolicy p = new RecurrentNetPolicy(body, Head.categorical(2), new double[2], new double[] {1, 1},
                env.actionSpace());
        Demonstrations one = Rollouts.in(env.vec(1)).episodes(9).seed(4).collect(p);
        Demonstrations three = Rollouts.in(env.vec(3)).episodes(9).seed(4).collect(p);
        assertEquals(one.trajectories(), three.trajectories(),
                "each episode starts from a fresh state, whichever slot and predecessor it had");
    }

    @Test
    void saveAndLoadKeepThePolicy() throws Exception {
        RecurrentNetPolicy p = policy(5);
        Path file = Files.createTempFile("recurrent", ".bin");
        p.save(file);
        RecurrentNetPolicy q = RecurrentNetPolicy.load(file);
        double[][][] x = sequence(3, 2);
        RecurrentPolicy.State sp = p.initialState(2);
        RecurrentPolicy.State sq = q.initialState(2);
        for (int t = 0; t < 3; t++) {
            RecurrentPolicy.Output op = p.act(x[t], sp, new boolean[] {t == 0, t == 0});
            RecurrentPolicy.Output oq = q.act(x[t], sq, new boolean[] {t == 0, t == 0});
            assertArrayEquals(op.actions()[0], oq.actions()[0], 0);
            sp = op.state();
            sq = oq.state();
        }
        Files.delete(file);
    }

    @Test
    void badInputIsNamed() {
        RecurrentNetPolicy p = policy(6);
        double[][][] x = sequence(1, 2);
        RecurrentPolicy.State two = p.act(x[0], p.initialState(2), new boolean[] {true, true}).state();
        var other = assertThrows(IllegalArgumentException.class,
                () -> p.act(new double[][] {x[0][0], x[0][1], x[0][0]}, two, new boolean[3]));
        assertTrue(other.getMessage().contains("state is for 2 episodes") && other.getMessage().contains("initialState(3)"),
                other.getMessage());
        var flags = assertThrows(IllegalArgumentException.class, () -> p.act(x[0], two, new boolean[] {true}));
        assertTrue(flags.getMessage().contains("episodeStart has 1 flags"), flags.getMessage());
        var foreign = assertThrows(IllegalArgumentException.class,
                () -> p.act(x[0], new CueExpert().initialState(2), new boolean[2]));
        assertTrue(foreign.getMessage().contains("RecurrentNetPolicy keeps a Memory"), foreign.getMessage());
        var wide = assertThrows(IllegalArgumentException.class, () -> p.act(new double[][] {{1, 2}, {3, 4}}, two, new boolean[2]));
        assertTrue(wide.getMessage().contains("observation 0 has 2 values but this policy reads 3"), wide.getMessage());
        var ragged = assertThrows(IllegalArgumentException.class,
                () -> Batch.ofSequences(new double[][][] {{{1, 2, 3}, {1, 2, 3}}, {{1, 2, 3}}}));
        assertTrue(ragged.getMessage().contains("pad shorter ones"), ragged.getMessage());
        var head = assertThrows(IllegalArgumentException.class, () -> new RecurrentNetPolicy(
                Network.builder(3).gru(4).dense(3).build(), Head.deterministic(2), new double[3], new double[] {1, 1, 1}, BOX));
        assertTrue(head.getMessage().startsWith("RecurrentNetPolicy: the body gives 3 outputs"), head.getMessage());
    }
}
