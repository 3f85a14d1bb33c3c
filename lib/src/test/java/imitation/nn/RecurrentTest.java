package imitation.nn;

import static imitation.nn.NetworkTest.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RecurrentTest {

    /** Builds a network with the recurrent layer kind at the front. */
    private static Network.Builder recurrent(boolean lstm, int in, int hidden) {
        Network.Builder b = Network.builder(in);
        return lstm ? b.lstm(hidden) : b.gru(hidden);
    }

    /** A tape whose every recurrent layer carries a random state for {@code n} sequences. */
    private static Tape withState(Network net, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tape tape = net.tape();
        tape.resetState(n);
        for (int i = 0; i < net.layers().size(); i++) {
            if (tape.cache(i) instanceof Recurrent.State s) {
                for (Batch part : s.carried) {
                    for (int k = 0; k < part.rows * part.cols; k++) {
                        part.data.put(k, (float) (rng.nextDouble() * 1.6 - 0.8));
                    }
                }
            }
        }
        return tape;
    }

    @Test
    void lstmAndGruPassTheGradientCheckOnRandomShapesAndStacks() {
        SplittableRandom rng = new SplittableRandom(11);
        for (boolean lstm : new boolean[] {true, false}) {
            for (int trial = 0; trial < 3; trial++) {
                int in = 1 + rng.nextInt(5);
                int hidden = 1 + rng.nextInt(7);
                int steps = 1 + rng.nextInt(6);
                int n = 1 + rng.nextInt(trial == 0 ? 1 : 5);
                Network.Builder b = recurrent(lstm, in, hidden);
                switch (trial) {
                    case 0 -> b.dense(1 + rng.nextInt(3));                                   // lstm|gru → dense
                    case 1 -> b.gru(1 + rng.nextInt(5)).dense(2);                           // lstm|gru → gru → dense
                    default -> b.tanh().dense(1 + rng.nextInt(3)).lstm(1 + rng.nextInt(4)); // recurrent last
                }
                Network net = b.seed(rng.nextLong()).build();
                Batch x = random(steps * n, in, steps, rng.nextLong());
                GradCheck.network(net, x, rng.nextLong());
                // from a non-zero carried state (a constant of the pass: truncated BPTT)
                long stateSeed = rng.nextLong();
                GradCheck.network(net, x, rng.nextLong(), GradCheck.H, () -> withState(net, n, stateSeed));
            }
        }
    }

    @Test
    void aLongerWindowAndABatchPassTheGradientCheck() {
        // 8 sequences × 24 units: the gate blocks (8 × 96 for the LSTM) span several of the activation's chunks;
        // the same sequences one at a time must agree
        for (boolean lstm : new boolean[] {true, false}) {
            Network net = recurrent(lstm, 3, 24).dense(2).seed(5).build();
            int n = 8;
            int steps = 12;
            Batch x = random(steps * n, 3, steps, 6);
            GradCheck.network(net, x, 7, GradCheck.H, () -> withState(net, n, 8));
            double[][] all = net.forward(net.tape(), x).toArray();
            for (int i = 0; i < n; i++) {
                Batch one = Batch.sequence(steps, 3, steps);
                for (int t = 0; t < steps; t++) {
                    for (int c = 0; c < 3; c++) {
                        one.set(t, c, x.get(t * n + i, c));
                    }
                }
                double[][] alone = net.forward(net.tape(), one).toArray();
                for (int t = 0; t < steps; t++) {
                    assertArrayEquals(all[t * n + i], alone[t], 1e-5, "sequence " + i + ", step " + t);
                }
            }
        }
    }

    /** A layer that runs {@code inner} but whose backward pass gets a given detail of BPTT wrong. */
    private static Layer mutant(Layer inner, Function<Recurrent.State, Runnable> breakBefore, Function<Params.View, Runnable> breakParams) {
        return new Layer() {
            public int inputs() { return inner.inputs(); }
            public int outputs() { return inner.outputs(); }
            public int paramCount() { return inner.paramCount(); }
            public void initialise(Params.View p, SplittableRandom rng) { inner.initialise(p, rng); }
            public Cache newCache() { return inner.newCache(); }
            public Batch forward(Batch x, Params.View p, Cache c) { return inner.forward(x, p, c); }
            public Batch backward(Batch dy, Params.View p, Cache c) {
                breakBefore.apply((Recurrent.State) c).run();
                Runnable restore = breakParams.apply(p);
                Batch dx = inner.backward(dy, p, c);
                restore.run();
                return dx;
            }
            public String describe() { return "mutant " + inner.describe(); }
        };
    }

    @Test
    void wrongBackpropagationThroughTimeFailsTheCheck() {
        for (boolean lstm : new boolean[] {true, false}) {
            Recurrent layer = lstm ? new Lstm(3, 5) : new Gru(3, 5);
            int from = layer.recurrentOffset();
            int to = layer.biasOffset();
            // 1. the gradient carried back through time uses -W_h (a sign or transpose slip in the recurrence)
            Layer flipped = mutant(layer, s -> () -> {}, p -> {
                Runnable negate = () -> {
                    for (int i = from; i < to; i++) {
                        p.set(i, -p.get(i));
                    }
                };
                negate.run();
                return negate;
            });
            Network bad = Network.builder(3).add(flipped).dense(2).seed(1).build();
            assertThrows(AssertionError.class, () -> GradCheck.network(bad, random(4 * 3, 3, 4, 2), 3));
            // 2. backward forgets the carried initial state (computes as if the window started from zeros)
            Layer forgetful = mutant(layer, s -> () -> {
                for (Batch b : s.start) {
                    b.fill(0f);
                }
            }, p -> () -> {});
            Network bad2 = Network.builder(3).add(forgetful).dense(2).seed(1).build();
            assertThrows(AssertionError.class, () -> GradCheck.network(bad2, random(4 * 3, 3, 4, 2), 3, GradCheck.H,
                    () -> withState(bad2, 3, 4)));
            // the unmutated layer passes both
            Network good = Network.builder(3).add(layer).dense(2).seed(1).build();
            GradCheck.network(good, random(4 * 3, 3, 4, 2), 3, GradCheck.H, () -> withState(good, 3, 4));
        }
    }

    // ------------------------------------------------------------ an independent double-precision reference

    /**
     * The documented equations in double precision on plain arrays: x[t][i][c], initial state h0 (and c0 for
     * an LSTM) [i][j]; returns y[t][i][j]. Parameters are read from the flat vector in the documented layout.
     */
    private static double[][][] reference(boolean lstm, double[] w, int in, int h, double[][][] x, double[][] h0, double[][] c0) {
        int gates = lstm ? 4 : 3;
        int g = gates * h;
        int rec = in * g;
        int bias = (in + h) * g;
        int steps = x.length;
        int n = x[0].length;
        double[][][] y = new double[steps][n][h];
        for (int i = 0; i < n; i++) {
            double[] hp = h0[i].clone();
            double[] cp = lstm ? c0[i].clone() : null;
            for (int t = 0; t < steps; t++) {
                double[] zx = new double[g];
                double[] zh = new double[g];
                for (int k = 0; k < g; k++) {
                    for (int c = 0; c < in; c++) {
                        zx[k] += x[t][i][c] * w[k * in + c];
                    }
                    for (int c = 0; c < h; c++) {
                        zh[k] += hp[c] * w[rec + k * h + c];
                    }
                }
                double[] hn = new double[h];
                for (int j = 0; j < h; j++) {
                    if (lstm) {
                        double ig = sig(zx[j] + zh[j] + w[bias + j]);
                        double fg = sig(zx[h + j] + zh[h + j] + w[bias + h + j]);
                        double gg = Math.tanh(zx[2 * h + j] + zh[2 * h + j] + w[bias + 2 * h + j]);
                        double og = sig(zx[3 * h + j] + zh[3 * h + j] + w[bias + 3 * h + j]);
                        cp[j] = fg * cp[j] + ig * gg;
                        hn[j] = og * Math.tanh(cp[j]);
                    } else {
                        double r = sig(zx[j] + zh[j] + w[bias + j]);
                        double z = sig(zx[h + j] + zh[h + j] + w[bias + h + j]);
                        double cand = Math.tanh(zx[2 * h + j] + w[bias + 2 * h + j] + r * (zh[2 * h + j] + w[bias + 3 * h + j]));
                        hn[j] = (1 - z) * cand + z * hp[j];
                    }
                }
                hp = hn;
                y[t][i] = hn.clone();
            }
        }
        return y;
    }

    private static double sig(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void outputsAndGradientsMatchADoublePrecisionReference() {
        int in = 3;
        int h = 4;
        int steps = 6;
        int n = 2;
        for (boolean lstm : new boolean[] {true, false}) {
            Network net = recurrent(lstm, in, h).seed(3).build();
            Batch x = random(steps * n, in, steps, 4);
            Tape tape = withState(net, n, 5);
            Recurrent.State state = (Recurrent.State) tape.cache(0);
            double[][] h0 = state.carried[0].toArray();
            double[][] c0 = lstm ? state.carried[1].toArray() : null;
            double[][][] xs = new double[steps][n][in];
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < in; c++) {
                        xs[t][i][c] = x.get(t * n + i, c);
                    }
                }
            }
            SplittableRandom rng = new SplittableRandom(6);
            double[][][] proj = new double[steps][n][h];
            Batch dOut = Batch.sequence(steps * n, h, steps);
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < h; j++) {
                        proj[t][i][j] = rng.nextDouble() * 2 - 1;
                        dOut.set(t * n + i, j, proj[t][i][j]);
                    }
                }
            }
            Batch y = net.forward(tape, x);
            net.params().zeroGrad();
            Batch dx = net.backward(tape, dOut);
            double[] w = new double[net.params().size()];
            for (int k = 0; k < w.length; k++) {
                w[k] = net.params().value(k);
            }
            double[][][] ref = reference(lstm, w, in, h, xs, h0, c0);
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < h; j++) {
                        assertEquals(ref[t][i][j], y.get(t * n + i, j), 1e-5, "output at step " + t);
                    }
                }
            }
            double[] analytic = new double[w.length];
            for (int k = 0; k < w.length; k++) {
                analytic[k] = net.params().grad(k);
            }
            GradCheck.function(w, v -> dot(reference(lstm, v, in, h, xs, h0, c0), proj), analytic, 1e-5, 7);
            double[] flatX = new double[steps * n * in];
            double[] dxs = new double[flatX.length];
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < in; c++) {
                        flatX[(t * n + i) * in + c] = xs[t][i][c];
                        dxs[(t * n + i) * in + c] = dx.get(t * n + i, c);
                    }
                }
            }
            GradCheck.function(flatX, v -> {
                double[][][] moved = new double[steps][n][in];
                for (int t = 0; t < steps; t++) {
                    for (int i = 0; i < n; i++) {
                        for (int c = 0; c < in; c++) {
                            moved[t][i][c] = v[(t * n + i) * in + c];
                        }
                    }
                }
                return dot(reference(lstm, w, in, h, moved, h0, c0), proj);
            }, dxs, 1e-5, 8);
        }
    }

    private static double dot(double[][][] a, double[][][] b) {
        double s = 0;
        for (int t = 0; t < a.length; t++) {
            for (int i = 0; i < a[t].length; i++) {
                for (int j = 0; j < a[t][i].length; j++) {
                    s += a[t][i][j] * b[t][i][j];
                }
            }
        }
        return s;
    }

    // ------------------------------------------------------------ carried state

    @Test
    void windowsAndSingleStepsContinueOneLongPass() {
        for (boolean lstm : new boolean[] {true, false}) {
            Network net = recurrent(lstm, 4, 9).dense(3).seed(2).build();
            int n = 5;
            int steps = 12;
            Batch x = random(steps * n, 4, steps, 3);
            double[][] whole = net.forward(net.tape(), x).toArray();
            // the same sequences in windows of 5, 4 and 3 steps on one tape
            Tape tape = net.tape();
            int done = 0;
            for (int window : new int[] {5, 4, 3}) {
                Batch part = Batch.sequence(window * n, 4, window);
                for (int r = 0; r < window * n; r++) {
                    for (int c = 0; c < 4; c++) {
                        part.set(r, c, x.get(done * n + r, c));
                    }
                }
                double[][] out = net.forward(tape, part).toArray();
                for (int r = 0; r < window * n; r++) {
                    assertArrayEquals(whole[done * n + r], out[r], 1e-6, "window row " + r);
                }
                done += window;
            }
            // and one step at a time, as in a rollout
            Tape rollout = net.tape();
            for (int t = 0; t < steps; t++) {
                double[][] obs = new double[n][];
                for (int i = 0; i < n; i++) {
                    obs[i] = x.toArray()[t * n + i];
                }
                double[][] out = net.step(rollout, obs, t == 0 ? new boolean[n] : null);
                for (int i = 0; i < n; i++) {
                    assertArrayEquals(whole[t * n + i], out[i], 1e-6, "step " + t);
                }
            }
            assertEquals(n, rollout.stateSequences());
        }
    }

    @Test
    void predictIsStatelessForRecurrentNetworks() {
        Network net = Network.builder(2).lstm(4).dense(1).seed(3).build();
        double[][] x = random(3, 2, 1, 1).toArray();
        double[][] first = net.predict(x);
        net.predict(random(5, 2, 1, 2).toArray()); // another batch size in between
        assertTrue(java.util.Arrays.deepEquals(first, net.predict(x)));
        Tape tape = net.tape();
        assertTrue(java.util.Arrays.deepEquals(first, net.step(tape, x, null)));
        // a second step from the carried state differs from predict's fresh start
        assertTrue(Math.abs(net.step(tape, x, null)[0][0] - first[0][0]) > 1e-4);
    }

    @Test
    void resetStartsChosenSequencesAfreshAndLetsOthersContinue() {
        for (boolean lstm : new boolean[] {true, false}) {
            Network net = recurrent(lstm, 2, 6).dense(1).seed(4).build();
            int n = 3;
            Batch first = random(4 * n, 2, 4, 1);
            Batch second = random(3 * n, 2, 3, 2);
            double[][] fresh = net.forward(net.tape(), second).toArray();
            Tape carried = net.tape();
            net.forward(carried, first);
            double[][] continued = net.forward(carried, second).toArray();
            Tape tape = net.tape();
            net.forward(tape, first);
            tape.resetState(new boolean[] {true, false, true});
            double[][] mixed = net.forward(tape, second).toArray();
            for (int t = 0; t < 3; t++) {
                for (int i = 0; i < n; i++) {
                    double[] expected = (i == 1 ? continued : fresh)[t * n + i];
                    assertArrayEquals(expected, mixed[t * n + i], 1e-6, "step " + t + ", sequence " + i);
                }
            }
            // continuing differs from a fresh start (else the test above would show nothing)
            assertTrue(Math.abs(continued[n + 1][0] - fresh[n + 1][0]) > 1e-4);
            // a reset between forward and backward leaves that pass's gradient alone
            Batch dOut = random(3 * n, 1, 3, 3);
            Tape plain = net.tape();
            net.forward(plain, first);
            net.forward(plain, second);
            net.params().zeroGrad();
            net.backward(plain, dOut);
            float[] expected = net.params().gradient();
            Tape reset = net.tape();
            net.forward(reset, first);
            net.forward(reset, second);
            reset.resetState(7);
            net.params().zeroGrad();
            net.backward(reset, dOut);
            assertArrayEquals(expected, net.params().gradient());
            // resetState(n) is a fresh start for every sequence
            net.forward(tape, first);
            tape.resetState(n);
            assertTrue(java.util.Arrays.deepEquals(fresh, net.forward(tape, second).toArray()));
        }
    }

    @Test
    void aRecurrentNetworkLearnsACueItMustRemember() {
        // the target at every step is the sign shown at step 0 only; later inputs are noise
        for (boolean lstm : new boolean[] {true, false}) {
            Network net = recurrent(lstm, 2, 12).dense(1).seed(6).build();
            int steps = 8;
            int n = 32;
            SplittableRandom rng = new SplittableRandom(7);
            Batch x = Batch.sequence(steps * n, 2, steps);
            Batch dOut = Batch.sequence(steps * n, 1, steps);
            double[] cue = new double[n];
            Tape tape = net.tape();
            Adam adam = new Adam(0.02);
            double loss = Double.NaN;
            for (int iteration = 0; iteration < 150; iteration++) {
                for (int i = 0; i < n; i++) {
                    cue[i] = rng.nextBoolean() ? 1 : -1;
                    for (int t = 0; t < steps; t++) {
                        x.set(t * n + i, 0, t == 0 ? cue[i] : 0);
                        x.set(t * n + i, 1, rng.nextDouble() * 2 - 1);
                    }
                }
                tape.resetState(n);
                Batch out = net.forward(tape, x);
                loss = 0;
                for (int r = 0; r < steps * n; r++) {
                    double diff = out.get(r, 0) - cue[r % n];
                    loss += diff * diff / (steps * n);
                    dOut.set(r, 0, 2 * diff / (steps * n));
                }
                net.params().zeroGrad();
                net.backward(tape, dOut);
                adam.step(net.params());
            }
            assertTrue(loss < 0.05, (lstm ? "lstm" : "gru") + " loss " + loss);
        }
    }

    @Test
    void saveAndLoadKeepARecurrentNetwork() throws Exception {
        Network net = Network.builder(3).gru(5).lstm(4).dense(2).seed(9).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(net);
        }
        Network back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (Network) in.readObject();
        }
        Batch x = random(5 * 2, 3, 5, 1);
        assertTrue(java.util.Arrays.deepEquals(net.forward(net.tape(), x).toArray(), back.forward(back.tape(), x).toArray()));
        assertEquals("Network Gru(3 → 5) → Lstm(5 → 4) → Dense(4 → 2), " + net.params().size() + " parameters", net.toString());
    }

    // ------------------------------------------------------------ bad input

    @Test
    void badInputIsNamed() {
        Network net = Network.builder(2).lstm(3).dense(1).seed(1).build();
        Tape tape = net.tape();
        net.forward(tape, random(4 * 3, 2, 4, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.forward(tape, random(4 * 5, 2, 4, 1)));
        assertTrue(e.getMessage().contains("x holds 5 sequences (20 rows / 4 steps)") && e.getMessage().contains("carries 3")
                && e.getMessage().contains("another batch size") && e.getMessage().contains("resetState(5)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tape.resetState(new boolean[] {true, false}));
        assertTrue(e.getMessage().contains("starts has 2 flags") && e.getMessage().contains("carries 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.step(tape, new double[][] {{1, 2}}, new boolean[] {true}));
        assertTrue(e.getMessage().contains("starts has 1 flags"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tape.resetState(0));
        assertTrue(e.getMessage().contains("sequences = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tape.resetState(null));
        assertTrue(e.getMessage().contains("starts is null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.step(tape, random(2 * 3, 2, 2, 1), null));
        assertTrue(e.getMessage().contains("x holds 2 steps") && e.getMessage().contains("forward()"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Batch.sequence(10, 2, 3));
        assertTrue(e.getMessage().contains("steps = 3 does not divide rows = 10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Network.builder(2).gru(0));
        assertTrue(e.getMessage().contains("gru hidden = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Network.builder(2).lstm(40000));
        assertTrue(e.getMessage().contains("parameters") && e.getMessage().contains("fewer hidden units"), e.getMessage());
        // after resetState(5) the larger batch is accepted
        tape.resetState(5);
        assertEquals(20, net.forward(tape, random(4 * 5, 2, 4, 1)).rows());
    }
}
