package imitation.nn;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * What {@link Lstm} and {@link Gru} share: a layer that reads a sequence batch step by step and carries a
 * state of {@code n} sequences from one pass to the next in its {@link State} cache.
 *
 * <p>A forward pass over {@code T} steps starts from the carried state and leaves the state after its last
 * step there, so consecutive windows of the same sequences continue where the previous one stopped. Its
 * backward pass is backpropagation through time over the window only (truncated BPTT): the state it started
 * from is treated as a constant, so no gradient flows into earlier windows.
 *
 * <p>Work per pass: the input projection of all {@code T} steps is one matrix product
 * {@code [T·n, in] × [in, G·h]}; each step adds one product of the previous hidden state with the recurrent
 * weights {@code [n, h] × [h, G·h]}; the gates are element-wise loops over the native buffers, with the float
 * {@link Activation#tanh(float)} and {@link Activation#sigmoid(float)} (the LSTM sends its four gates through one
 * {@link Activation#SIGMOID} pass over the block per step).
 */
abstract class Recurrent implements Layer {
    final int in;
    final int hidden;
    /** Gate blocks per unit: 4 for an LSTM, 3 for a GRU. */
    final int gates;
    /** Number of biases (after both weight matrices). */
    final int biases;

    Recurrent(String kind, int in, int hidden, int gates, int biases) {
        if (in < 1) {
            throw new IllegalArgumentException(kind + " inputs = " + in + "; a layer needs at least 1 input column");
        }
        if (hidden < 1) {
            throw new IllegalArgumentException(kind + " hidden = " + hidden + "; a recurrent layer needs at least 1 unit");
        }
        long count = ((long) in + hidden) * gates * hidden + biases;
        if (count > Params.MAX_SIZE) {
            throw new IllegalArgumentException("a " + kind + " of " + in + " → " + hidden + " has " + count
                    + " parameters, more than one buffer holds (2^31); use fewer hidden units");
        }
        this.in = in;
        this.hidden = hidden;
        this.gates = gates;
        this.biases = biases;
    }

    @Override
    public int inputs() {
        return in;
    }

    @Override
    public int outputs() {
        return hidden;
    }

    @Override
    public int paramCount() {
        return biasOffset() + biases;
    }

    /** Offset of the recurrent weights {@code W_h} ({@code h × G·h}) after the input weights {@code W_x}. */
    final int recurrentOffset() {
        return in * gates * hidden;
    }

    /** Offset of the biases after both weight matrices. */
    final int biasOffset() {
        return (in + hidden) * gates * hidden;
    }

    /** Both weight matrices uniform in {@code ±1/√h} (as PyTorch), marked for L2; biases zero. */
    @Override
    public void initialise(Params.View p, SplittableRandom rng) {
        double limit = 1 / Math.sqrt(hidden);
        int weights = biasOffset();
        for (int i = 0; i < weights; i++) {
            p.set(i, (2 * rng.nextDouble() - 1) * limit);
        }
        p.decay(0, weights);
    }

    /** Parts of the carried state: 2 for an LSTM (hidden and cell), 1 for a GRU. */
    abstract int stateParts();

    @Override
    public State newCache() {
        return new State(stateParts(), hidden);
    }

    /**
     * Checks {@code x} against the carried state and copies that state into the start buffers the pass reads;
     * with no state yet, the pass starts from zeros for {@code x}'s sequences.
     */
    final State begin(Batch x, Cache cache) {
        State s = (State) cache;
        int n = x.sequences();
        if (s.sequences == 0) {
            s.reset(n);
        } else if (s.sequences != n) {
            throw new IllegalArgumentException("x holds " + n + " sequences (" + x.rows + " rows / " + x.steps
                    + " steps) but the state of " + describe() + " carries " + s.sequences
                    + " (a state from another batch size); call tape.resetState(" + n + ") to start " + n
                    + " new sequences");
        }
        if (s.start == null || s.start[0].rows != n) {
            s.start = new Batch[s.parts];
            for (int k = 0; k < s.parts; k++) {
                s.start[k] = Batch.zeros(n, hidden);
            }
        }
        for (int k = 0; k < s.parts; k++) {
            s.carried[k].copyInto(s.start[k]);
        }
        cache.input = x;
        return s;
    }

    /** {@code zx = x W_x}: the input part of every step's pre-activations, one product for the whole window. */
    final void inputProduct(Params.View p, Batch x, Batch zx) {
        Blas.gemm(false, false, x.rows, gates * hidden, in, x.pointer, x.rows, p.valuePointer(0), in, 0f, zx.pointer,
                x.rows);
    }

    /**
     * {@code rec = h_{t−1} W_h} into a contiguous {@code n × G·h} block, where {@code h_{t−1}} is the start state
     * for step 0 and the output rows of step {@code t − 1} of {@code y} after that.
     */
    final void recurrentProduct(Params.View p, State s, Batch y, int t, Batch rec) {
        int n = rec.rows;
        if (t == 0) {
            Blas.gemm(false, false, n, gates * hidden, hidden, s.start[0].pointer, n, p.valuePointer(recurrentOffset()),
                    hidden, 0f, rec.pointer, n);
        } else {
            Blas.gemm(false, false, n, gates * hidden, hidden, y.pointer((t - 1) * n), y.rows,
                    p.valuePointer(recurrentOffset()), hidden, 0f, rec.pointer, n);
        }
    }

    /**
     * {@code dh = dG_t W_h^T}: the gradient reaching {@code h_{t−1}} through step {@code t}'s recurrent product
     * ({@code dh} is {@code n × h}; a GRU adds its direct path {@code z ⊙ dh_t} separately).
     */
    final void stateGrad(Params.View p, Batch dG, int t, Batch dh) {
        int n = dh.rows;
        Blas.gemm(false, true, n, hidden, gates * hidden, dG.pointer(t * n), dG.rows, p.valuePointer(recurrentOffset()),
                hidden, 0f, dh.pointer, n);
    }

    /** Copies rows {@code [row, row + n)} of {@code all} ({@code R × h}) into {@code state} ({@code n × h}). */
    static void keep(Batch all, int row, Batch state) {
        int n = state.rows;
        int rows = all.rows;
        FloatBuffer a = all.data;
        FloatBuffer s = state.data;
        for (int j = 0; j < state.cols; j++) {
            for (int i = 0; i < n; i++) {
                s.put(j * n + i, a.get(j * rows + row + i));
            }
        }
    }

    /** The biases of this layer from {@code p}, as an array read once per pass. */
    final float[] biases(Params.View p) {
        float[] b = new float[biases];
        int offset = biasOffset();
        for (int k = 0; k < biases; k++) {
            b[k] = p.get(offset + k);
        }
        return b;
    }

    /** Adds {@code sums} into the bias gradient. */
    final void addBiasGrad(Params.View p, double[] sums) {
        int offset = biasOffset();
        for (int k = 0; k < sums.length; k++) {
            p.addGrad(offset + k, sums[k]);
        }
    }

    /**
     * {@code dW_h += H_prev^T dG}, where {@code H_prev} holds, for every step, the hidden state the step read:
     * the start state for step 0, the output rows of step {@code t − 1} after that.
     */
    final void addRecurrentGrad(Params.View p, State s, Batch y, Batch dG, int n) {
        int rows = y.rows;
        int width = gates * hidden;
        Blas.gemm(true, false, hidden, width, n, s.start[0].pointer, n, dG.pointer, rows, 1f,
                p.gradPointer(recurrentOffset()), hidden);
        if (rows > n) {
            Blas.gemm(true, false, hidden, width, rows - n, y.pointer, rows, dG.pointer(n), rows, 1f,
                    p.gradPointer(recurrentOffset()), hidden);
        }
    }

    /** {@code dW_x += x^T dG} and returns {@code dx = dG W_x^T}. */
    final Batch inputGrad(Params.View p, Cache cache, Batch dG) {
        Batch x = cache.input;
        int rows = x.rows;
        int width = gates * hidden;
        Blas.gemm(true, false, in, width, rows, x.pointer, rows, dG.pointer, rows, 1f, p.gradPointer(0), in);
        Batch dx = cache.batch(9, rows, in, x.steps);
        Blas.gemm(false, true, rows, in, width, dG.pointer, rows, p.valuePointer(0), in, 0f, dx.pointer, rows);
        return dx;
    }

    /**
     * The cache of a recurrent layer: the state it carries between passes ({@link #carried}, one
     * {@code n × h} batch per part) and the copy the last pass started from ({@link #start}, read by its
     * backward pass, so a reset between forward and backward does not change the gradient).
     */
    static final class State extends Cache {
        final int parts;
        final int hidden;
        int sequences;
        Batch[] carried;
        Batch[] start;

        State(int parts, int hidden) {
            this.parts = parts;
            this.hidden = hidden;
        }

        /** Zero state for {@code n} new sequences. */
        void reset(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("sequences = " + n + "; pass the number of sequences (at least 1)");
            }
            if (sequences != n) {
                carried = new Batch[parts];
                for (int k = 0; k < parts; k++) {
                    carried[k] = Batch.zeros(n, hidden);
                }
                sequences = n;
            } else {
                for (Batch b : carried) {
                    b.fill(0f);
                }
            }
        }

        /** Zeroes the state of every sequence {@code i} with {@code starts[i]} (checked by the caller). */
        void reset(boolean[] starts) {
            if (sequences == 0) {
                reset(starts.length);
                return;
            }
            for (Batch b : carried) {
                for (int j = 0; j < hidden; j++) {
                    for (int i = 0; i < sequences; i++) {
                        if (starts[i]) {
                            b.data.put(j * sequences + i, 0f);
                        }
                    }
                }
            }
        }
    }
}
