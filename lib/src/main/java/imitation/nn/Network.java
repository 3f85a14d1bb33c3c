package imitation.nn;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;

/**
 * A chain of {@link Layer}s with all their parameters in one {@link Params}: the one network type of the
 * library. Forward and backward passes run on a {@link Tape} (per-call working memory), so the network
 * itself is only read during a pass: {@link #predict} is safe to call from several threads at once (each
 * thread uses its own tape). Training — {@link #backward} accumulating into the shared gradient, then an
 * {@link Optimizer} step — belongs to one thread at a time.
 *
 * <pre>{@code
 * Network net = Network.builder(8).dense(64).tanh().dense(64).tanh().dense(1).seed(1).build();
 * Tape tape = net.tape();
 * Batch out = net.forward(tape, Batch.of(x));
 * net.params().zeroGrad();
 * Batch dx = net.backward(tape, dLossdOut);   // accumulates dL/dθ, returns dL/dx
 * adam.step(net.params());
 * }</pre>
 */
public final class Network implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /**
     * System property naming the ND4J/OpenBLAS thread count the networks use, default 1 (see {@link #threads});
     * tabular planning reads it too, with the number of processors as its default.
     */
    public static final String THREADS_PROPERTY = "imitation.threads";

    static {
        configureThreads();
    }

    /** Rows per block in {@link #predict}, so working memory stays bounded for large inputs. */
    static final int PREDICT_BLOCK_ROWS = 4096;

    private final List<Layer> layers;
    private final transient Params params;
    private final transient Params.View[] views;
    private final transient ThreadLocal<Tape> threadTapes = ThreadLocal.withInitial(this::tape);

    private Network(List<Layer> layers, SplittableRandom rng) {
        this.layers = List.copyOf(layers);
        long total = 0;
        for (Layer l : layers) {
            total += l.paramCount();
        }
        checkAffordable(total, describe(layers));
        params = new Params((int) total);
        views = new Params.View[layers.size()];
        int offset = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            views[i] = params.view(offset, l.paramCount());
            if (rng != null) {
                l.initialise(views[i], rng);
            }
            offset += l.paramCount();
        }
    }

    /** Fails with a message (instead of a native crash) when the parameters cannot be stored. */
    private static void checkAffordable(long count, String shape) {
        if (count > Params.MAX_SIZE) {
            throw new IllegalArgumentException("the network " + shape + " has " + count
                    + " parameters, more than one buffer holds (2^31); use narrower layers");
        }
        long bytes = count * 4 * 2; // values and gradients, native
        long free = Pointer.maxBytes() - Pointer.totalBytes();
        if (bytes > free) {
            throw new IllegalArgumentException("the network " + shape + " has " + count + " parameters, needing "
                    + (bytes >> 20) + " MiB of native memory, but only " + (free >> 20)
                    + " MiB are available; use narrower layers or raise -Dorg.bytedeco.javacpp.maxbytes");
        }
    }

    /** Starts a network whose input rows have {@code inputs} columns. */
    public static Builder builder(int inputs) {
        return new Builder(inputs);
    }

    /**
     * A multi-layer perceptron: {@code hidden} dense layers with {@code activation}, then a linear layer of
     * {@code outputs}; Glorot-uniform weights from {@code seed}.
     */
    public static Network mlp(int inputs, int outputs, Activation activation, long seed, int... hidden) {
        Builder b = builder(inputs).seed(seed);
        if (hidden == null) {
            throw new IllegalArgumentException("hidden is null; pass the hidden widths, e.g. 64, 64 (or none)");
        }
        for (int h : hidden) {
            b.dense(h).activation(activation);
        }
        return b.dense(outputs).build();
    }

    /** A new working memory for forward and backward passes on one thread. */
    public Tape tape() {
        return new Tape(layers);
    }

    /**
     * Forward pass of {@code x} ({@code [rows, inputs()]}); the output belongs to {@code tape} until its next
     * forward pass.
     */
    public Batch forward(Tape tape, Batch x) {
        checkTape(tape);
        if (x == null) {
            throw new IllegalArgumentException("x is null; pass a Batch of [rows, " + inputs() + "]");
        }
        if (x.cols != inputs()) {
            throw new IllegalArgumentException("x has " + x.cols + " columns but the network's first layer "
                    + layers.get(0).describe() + " reads " + inputs() + "; pass rows of " + inputs() + " values");
        }
        Batch h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(h, views[i], tape.caches[i]);
        }
        tape.forwarded = true;
        return h;
    }

    /**
     * Backward pass of the tape's last forward pass: adds {@code dL/dθ} into {@link #params()}'s gradient
     * and returns {@code dL/dx} (owned by the tape). {@code dOut} has the shape of that pass's output.
     */
    public Batch backward(Tape tape, Batch dOut) {
        return backward(tape, dOut, true);
    }

    /**
     * As {@link #backward} without {@code dL/dx}, which is all a training step needs: the first layer skips its
     * input gradient (for a convolution the costliest part of its backward pass).
     */
    public void backwardParams(Tape tape, Batch dOut) {
        backward(tape, dOut, false);
    }

    private Batch backward(Tape tape, Batch dOut, boolean inputGradient) {
        checkTape(tape);
        if (!tape.forwarded) {
            throw new IllegalStateException("backward needs a forward pass on the same tape first");
        }
        Batch out = tape.caches[layers.size() - 1].output;
        if (dOut == null || dOut.rows != out.rows || dOut.cols != out.cols) {
            throw new IllegalArgumentException("dOut is " + (dOut == null ? "null" : dOut.rows + " × " + dOut.cols)
                    + " but the last output was " + out.rows + " × " + out.cols + "; pass dL/dOutput of that shape");
        }
        Batch d = dOut;
        for (int i = layers.size() - 1; i > 0; i--) {
            d = layers.get(i).backward(d, views[i], tape.caches[i]);
        }
        if (!inputGradient) {
            layers.get(0).backwardParams(d, views[0], tape.caches[0]);
            return null;
        }
        return layers.get(0).backward(d, views[0], tape.caches[0]);
    }

    /**
     * Forward mode: {@code J v}, the derivative of the tape's last forward output along the parameter direction
     * {@code direction} ({@link Params#size()} values, the layout of {@link Params#values()}), exact up to float
     * rounding. The tape keeps what a later {@link #backward} needs, so {@code Jᵀ M J v} is this and one backward
     * pass (TRPO's Fisher-vector product). The result belongs to the tape. Dense, activation and
     * appended-parameter layers only.
     */
    public Batch tangent(Tape tape, float[] direction) {
        checkTape(tape);
        if (!tape.forwarded) {
            throw new IllegalStateException("tangent needs a forward pass on the same tape first");
        }
        if (direction == null || direction.length != params.size()) {
            throw new IllegalArgumentException("direction has " + (direction == null ? "no array" : direction.length
                    + " entries") + " but this network has " + params.size() + " parameters; pass one value per parameter");
        }
        Params d = new Params(params.size());
        d.set(direction);
        Batch dy = null;
        for (int i = 0; i < layers.size(); i++) {
            dy = layers.get(i).tangent(dy, views[i], d.view(views[i].offset, views[i].count), tape.caches[i]);
        }
        Batch out = tape.caches[layers.size() - 1].output;
        return dy != null ? dy : Batch.zeros(out.rows, out.cols);
    }

    /**
     * One step of every sequence, for rollouts: resets the state of the sequences flagged in {@code starts}
     * ({@code null}: none; see {@link Tape#resetState(boolean[])}), then runs {@code x} ({@code n} rows, one
     * step) from the state the tape carries, which it leaves updated for the next step.
     */
    public Batch step(Tape tape, Batch x, boolean[] starts) {
        checkTape(tape);
        if (x != null && x.steps != 1) {
            throw new IllegalArgumentException("x holds " + x.steps + " steps but step() runs one per call; pass one row per "
                    + "sequence, or run a whole window with forward()");
        }
        if (starts != null) {
            tape.resetState(starts);
        }
        return forward(tape, x);
    }

    /** {@link #step(Tape, Batch, boolean[])} on rows {@code x} ({@code [n][inputs()]}), outputs as {@code [n][outputs()]}. */
    public double[][] step(Tape tape, double[][] x, boolean[] starts) {
        checkTape(tape);
        Batch.checkRows("x", x, inputs());
        Batch in = tape.input(x.length, inputs());
        in.load(x);
        return step(tape, in, starts).toArray();
    }

    private void checkTape(Tape tape) {
        if (tape == null) {
            throw new IllegalArgumentException("tape is null; make one with network.tape()");
        }
        if (tape.layers != layers) {
            throw new IllegalArgumentException("tape was made by another network; make one with this network's tape()");
        }
    }

    /**
     * Outputs for {@code x} ({@code [n][inputs()]}) as {@code [n][outputs()]}; safe to call from several
     * threads at once. Each row is a sequence of one step from a zero recurrent state, so the result depends
     * on {@code x} alone; to carry state from step to step use {@link #step}.
     */
    public double[][] predict(double[][] x) {
        Batch.checkRows("x", x, inputs());
        Tape tape = threadTapes.get();
        double[][] result = new double[x.length][];
        for (int start = 0; start < x.length; start += PREDICT_BLOCK_ROWS) {
            int rows = Math.min(PREDICT_BLOCK_ROWS, x.length - start);
            Batch in = tape.input(rows, inputs());
            for (int r = 0; r < rows; r++) {
                double[] row = x[start + r];
                for (int c = 0; c < row.length; c++) {
                    in.data.put(c * rows + r, (float) row[c]);
                }
            }
            tape.resetState(rows);
            Batch out = forward(tape, in);
            for (int r = 0; r < rows; r++) {
                double[] o = new double[out.cols];
                for (int c = 0; c < o.length; c++) {
                    o[c] = out.data.get(c * rows + r);
                }
                result[start + r] = o;
            }
        }
        return result;
    }

    /** The tape {@link #predict} uses on the calling thread (handy for single-threaded inference loops). */
    public Tape threadTape() {
        return threadTapes.get();
    }

    /** An independent copy: same layers, same parameter values (gradients zero). */
    public Network copy() {
        Network n = new Network(layers, null);
        n.params.copyFrom(params);
        for (int i = 0; i < params.size(); i++) {
            if (params.decays(i)) {
                n.params.markDecay(i);
            }
        }
        return n;
    }

    public Params params() {
        return params;
    }

    public List<Layer> layers() {
        return layers;
    }

    public int inputs() {
        return layers.get(0).inputs();
    }

    public int outputs() {
        return layers.get(layers.size() - 1).outputs();
    }

    @Override
    public String toString() {
        return "Network " + describe(layers) + ", " + params.size() + " parameters";
    }

    private static String describe(List<Layer> layers) {
        List<String> parts = new ArrayList<>();
        for (Layer l : layers) {
            parts.add(l.describe());
        }
        return String.join(" → ", parts);
    }

    /**
     * Native threads used by ND4J and OpenBLAS. When this class loads it sets them to the system property
     * {@value #THREADS_PROPERTY}, or to 1 when neither that property nor {@code OMP_NUM_THREADS} is set:
     * products of 64-wide layers gain little from a second thread, and spinning BLAS workers collapse when
     * the cores are shared (measured here on 2 busy cores: a batch-64 forward pass went from about 0.2 ms
     * to 7 ms with 2 threads).
     */
    public static int threads() {
        return org.bytedeco.openblas.global.openblas.blas_get_num_threads();
    }

    private static void configureThreads() {
        String property = System.getProperty(THREADS_PROPERTY);
        if (property == null && System.getenv("OMP_NUM_THREADS") != null) {
            return;
        }
        int threads;
        try {
            threads = property == null ? 1 : Integer.parseInt(property.trim());
        } catch (NumberFormatException e) {
            threads = 0;
        }
        if (threads < 1 || threads > 1024) {
            // a bad value must not leave this class unloadable for the rest of a kernel: warn and use 1
            System.err.println("-D" + THREADS_PROPERTY + "=" + property + " is not a thread count in 1..1024;"
                    + " the networks use 1 thread (pass e.g. -D" + THREADS_PROPERTY + "=1)");
            threads = 1;
        }
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(threads);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(threads);
        org.bytedeco.openblas.global.openblas.blas_set_num_threads(threads);
    }

    // ---------------------------------------------------------------- saving

    @Serial
    private Object writeReplace() {
        return new Saved(layers, params.values(), decayMask());
    }

    private boolean[] decayMask() {
        boolean[] mask = new boolean[params.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = params.decays(i);
        }
        return mask;
    }

    /** The serialised form: layer settings and parameter values (bit for bit). */
    private record Saved(List<Layer> layers, float[] values, boolean[] decays) implements Serializable {
        @Serial
        private Object readResolve() {
            Network n = new Network(layers, null);
            n.params.set(values);
            for (int i = 0; i < decays.length; i++) {
                if (decays[i]) {
                    n.params.markDecay(i);
                }
            }
            return n;
        }
    }

    // ---------------------------------------------------------------- builder

    /**
     * Layer by layer; each layer's input width is the previous layer's output width. Convolutions need the
     * image geometry of their input: declare it with {@link #image}, after which each {@link #conv} and
     * activation keeps track of it, and any other layer (e.g. {@link #dense}) reads the image flattened.
     *
     * <pre>{@code
     * Network net = Network.builder(16 * 32).image(16, 32, 1)
     *         .conv(8, 5, 2).relu()      // 16x32x1 → 6x14x8
     *         .conv(16, 3, 2).relu()     // 6x14x8 → 2x6x16
     *         .dense(32).relu()          // 192 → 32
     *         .dense(1).seed(1).build();
     * }</pre>
     */
    public static final class Builder {
        private final List<Layer> layers = new ArrayList<>();
        private int width;
        private int[] image; // {height, width, channels} of the current output, or null if it is no image
        private long seed = 42;

        private Builder(int inputs) {
            if (inputs < 1) {
                throw new IllegalArgumentException("inputs = " + inputs + "; a network needs at least 1 input column");
            }
            width = inputs;
        }

        /** A fully connected layer of {@code outputs} units. */
        public Builder dense(int outputs) {
            checkWidth("dense outputs", outputs);
            return add(new Dense(width, outputs));
        }

        /**
         * Reads the current rows as images of {@code height × width × channels}, flattened row-major then
         * channel (channel-last: pixel {@code (y, x)}, channel {@code c} at column
         * {@code (y·width + x)·channels + c}), for the convolutions that follow.
         */
        public Builder image(int height, int width, int channels) {
            if (height < 1 || width < 1 || channels < 1) {
                throw new IllegalArgumentException("image(height = " + height + ", width = " + width + ", channels = "
                        + channels + ") needs all three at least 1, e.g. image(16, 32, 1) for grey 16x32 frames");
            }
            long size = (long) height * width * channels;
            if (size != this.width) {
                throw new IllegalArgumentException("image " + height + "x" + width + "x" + channels + " has " + size
                        + " values but the rows here have " + this.width + " columns; pass a geometry whose"
                        + " height × width × channels is " + this.width);
            }
            image = new int[] {height, width, channels};
            return this;
        }

        /**
         * A convolution of {@code filters} kernels of {@code kernel × kernel} pixels moved by {@code stride},
         * without padding, on the current image (declared by {@link #image} or made by the previous
         * convolution); its output is an image of {@code floor((in − kernel) / stride) + 1} pixels per side and
         * {@code filters} channels.
         */
        public Builder conv(int filters, int kernel, int stride) {
            if (image == null) {
                throw new IllegalStateException("conv(" + filters + ", " + kernel + ", " + stride + ") needs the image"
                        + " geometry of its input; call image(height, width, channels) before it (the rows here have "
                        + width + " columns)");
            }
            Conv2d c = new Conv2d(image[0], image[1], image[2], filters, kernel, stride);
            add(c);
            image = new int[] {c.outHeight(), c.outWidth(), c.filters()};
            return this;
        }

        public Builder activation(Activation f) {
            if (f == null) {
                throw new IllegalArgumentException("activation is null; pass Activation.TANH, RELU, SIGMOID or IDENTITY");
            }
            int[] kept = image; // element-wise: the image stays an image
            add(f.layer(width));
            image = kept;
            return this;
        }

        public Builder tanh() {
            return activation(Activation.TANH);
        }

        public Builder relu() {
            return activation(Activation.RELU);
        }

        public Builder sigmoid() {
            return activation(Activation.SIGMOID);
        }

        /**
         * A long short-term memory layer of {@code hidden} units over the steps of a sequence batch; its output
         * is the hidden state of every step. The tape carries its state from one pass to the next (truncated
         * backpropagation through time between windows):
         * <pre>{@code
         * Network net = Network.builder(8).lstm(64).dense(1).build();
         * Tape tape = net.tape();
         * tape.resetState(32);                           // 32 new sequences
         * Batch out = net.forward(tape, window);         // window: Batch.ofSequences(x[t][i][c]), 32 per step
         * net.backward(tape, dOut);                      // BPTT over this window only
         * Tape rollout = net.tape();                     // a rollout's own tape: its state is the memory
         * double[][] a = net.step(rollout, obs, starts); // one step per episode; starts[i] resets episode i
         * }</pre>
         */
        public Builder lstm(int hidden) {
            return add(new Lstm(width, hidden));
        }

        /** A gated recurrent unit layer of {@code hidden} units; as {@link #lstm(int)}. */
        public Builder gru(int hidden) {
            return add(new Gru(width, hidden));
        }

        /**
         * Appends {@code count} learned constants, starting at {@code initial}, to every row (e.g. the
         * state-independent log σ of a Gaussian policy).
         */
        public Builder appendParameters(int count, double initial) {
            return add(new AppendParameters(width, count, initial));
        }

        /** Any layer whose input width equals the current width. */
        public Builder add(Layer layer) {
            if (layer == null) {
                throw new IllegalArgumentException("layer is null; pass a Layer");
            }
            if (layer.inputs() != width) {
                throw new IllegalArgumentException("layer " + layer.describe() + " reads " + layer.inputs()
                        + " columns but the previous layer gives " + width + "; build it with " + width + " inputs");
            }
            layers.add(layer);
            width = layer.outputs();
            image = null;
            return this;
        }

        /** The output width so far (the input width of the next layer). */
        public int width() {
            return width;
        }

        /** Seed of the initial weights; default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Network build() {
            if (layers.isEmpty()) {
                throw new IllegalStateException("the network has no layers; add at least dense(outputs)");
            }
            return new Network(layers, new SplittableRandom(seed));
        }

        private static void checkWidth(String name, int w) {
            if (w < 1) {
                throw new IllegalArgumentException(name + " = " + w + "; a layer needs at least 1 unit");
            }
        }
    }
}
