package imitation.policy;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.activations.Activation;

/**
 * A small convolutional network for grey camera images, trained one Adam step at a time on the mean
 * squared error (or on any output gradient, like {@link Mlp#fitGradient}): the regressor behind
 * behaviour cloning from pixels, as in Bojarski et al. (2016) at toy scale.
 *
 * <p>Input: images of {@code height × width} pixels flattened row-major, one row per image. Each
 * convolution layer {@code l} slides {@code filters} kernels of {@code kernel × kernel} over its input
 * with the given stride, without padding ({@code out = floor((in − kernel) / stride) + 1} per side),
 * adds a bias per filter and applies the activation; then come fully connected hidden layers with the
 * same activation and a linear output layer. Default: 8 filters 5×5 stride 2, 16 filters 3×3 stride 2,
 * one hidden layer of 32 ReLU units; on 16×32 images that is 16 → 6×14×8 → 2×6×16 → 32 → outputs.
 *
 * <p>Why it is written by hand and not as a DL4J {@code MultiLayerNetwork}: at this size DL4J spends its
 * time in per-layer bookkeeping (measured on this project's 2 shared cores: 20 to 40 ms per training step
 * at batch 64 for the default architecture, against about 2 ms here; see DrivingBench). Each convolution runs as one
 * {@code im2col} copy in Java plus one OpenBLAS {@code sgemm} over the whole batch, the backward pass
 * as two more {@code sgemm} and a {@code col2im}. Activations are stored channel-last
 * ({@code [n][row][column][channel]}). Float data; the same seed gives the same initial weights
 * (Glorot uniform, zero biases) and the same losses. Not thread-safe; {@link #copy} for another thread.
 */
public final class ConvNet {
    private static final int OUTPUT_BLOCK_ROWS = 1024;
    private static final int CACHED_BATCH_SIZES = 3;

    private final int height;
    private final int width;
    private final int outputs;
    private final int[][] convs; // {filters, kernel, stride}
    private final int[] hidden;
    private final Activation activation;
    private final double learningRate;
    private final double l2;
    private final long seed;

    // geometry of each convolution layer l: input rows, columns, channels; output rows, columns
    private final int[] inH;
    private final int[] inW;
    private final int[] inC;
    private final int[] outH;
    private final int[] outW;
    private final int[] denseWidths; // flattened conv output, hidden..., outputs

    private final float[][] weights; // conv layers first ([k*k*C, F] row-major), then dense ([in, out])
    private final float[][] biases;
    private final float[][] gradW;
    private final float[][] gradB;
    private final Adam adam;
    private final Map<Integer, Work> work = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Work> eldest) {
            return size() > CACHED_BATCH_SIZES;
        }
    };

    private ConvNet(Builder b) {
        height = b.height;
        width = b.width;
        outputs = b.outputs;
        convs = b.convs.toArray(new int[0][]);
        hidden = b.hidden.clone();
        activation = b.activation;
        learningRate = b.learningRate;
        l2 = b.l2;
        seed = b.seed;
        int c = convs.length;
        inH = new int[c];
        inW = new int[c];
        inC = new int[c];
        outH = new int[c];
        outW = new int[c];
        int h = height;
        int w = width;
        int ch = 1;
        for (int l = 0; l < c; l++) {
            int k = convs[l][1];
            int s = convs[l][2];
            if (k > h || k > w) {
                throw new IllegalArgumentException("ConvNet: convolution " + l + " has a " + k + "x" + k
                        + " kernel but its input is only " + h + "x" + w + " pixels; use smaller kernels or strides,"
                        + " fewer convolution layers, or larger images");
            }
            inH[l] = h;
            inW[l] = w;
            inC[l] = ch;
            outH[l] = (h - k) / s + 1;
            outW[l] = (w - k) / s + 1;
            h = outH[l];
            w = outW[l];
            ch = convs[l][0];
        }
        denseWidths = new int[hidden.length + 2];
        denseWidths[0] = h * w * ch;
        System.arraycopy(hidden, 0, denseWidths, 1, hidden.length);
        denseWidths[denseWidths.length - 1] = outputs;
        int layers = c + denseWidths.length - 1;
        weights = new float[layers][];
        biases = new float[layers][];
        gradW = new float[layers][];
        gradB = new float[layers][];
        SplittableRandom rng = new SplittableRandom(seed);
        int count = 0;
        for (int l = 0; l < layers; l++) {
            int fanIn;
            int fanOut;
            int units;
            if (l < c) {
                int k2 = convs[l][1] * convs[l][1];
                fanIn = k2 * inC[l];
                fanOut = k2 * convs[l][0];
                units = convs[l][0];
            } else {
                fanIn = denseWidths[l - c];
                fanOut = denseWidths[l - c + 1];
                units = fanOut;
            }
            weights[l] = new float[fanIn * units];
            biases[l] = new float[units];
            gradW[l] = new float[fanIn * units];
            gradB[l] = new float[units];
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            for (int i = 0; i < weights[l].length; i++) {
                weights[l][i] = (float) ((2 * rng.nextDouble() - 1) * limit);
            }
            count += weights[l].length + units;
        }
        adam = new Adam(count, learningRate);
    }

    private ConvNet(ConvNet source) {
        this(source.toBuilder());
        for (int l = 0; l < weights.length; l++) {
            System.arraycopy(source.weights[l], 0, weights[l], 0, weights[l].length);
            System.arraycopy(source.biases[l], 0, biases[l], 0, biases[l].length);
        }
        adam.copyFrom(source.adam);
    }

    /** Starts a network for {@code height × width} images with {@code outputs} output columns. */
    public static Builder builder(int height, int width, int outputs) {
        return new Builder(height, width, outputs);
    }

    // ---------------------------------------------------------------- public API

    /** Outputs {@code [n][outputs]} for images {@code x[n][height·width]}. */
    public double[][] output(double[][] x) {
        checkRows("x", x, inputs());
        return forwardRows(x);
    }

    /** Outputs for checked images, forwarded in blocks of at most {@value #OUTPUT_BLOCK_ROWS} rows. */
    private double[][] forwardRows(double[][] x) {
        double[][] out = new double[x.length][outputs];
        for (int start = 0; start < x.length; start += OUTPUT_BLOCK_ROWS) {
            int rows = Math.min(OUTPUT_BLOCK_ROWS, x.length - start);
            Work w = workFor(rows);
            w.load(x, start);
            forward(w);
            float[] o = w.acts[w.acts.length - 1];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < outputs; j++) {
                    out[start + r][j] = o[r * outputs + j];
                }
            }
        }
        return out;
    }

    /** One Adam step on the mean squared error over ({@code x}, {@code y}); returns the loss before the step. */
    public double fit(double[][] x, double[][] y) {
        checkRows("x", x, inputs());
        checkTargets(y, x.length);
        Work w = workFor(x.length);
        w.load(x, 0);
        forward(w);
        double loss = squaredError(w, y, true);
        backward(w);
        step();
        return loss;
    }

    /** The mean squared error {@code (1/(n·outputs)) Σ (out − y)²} on ({@code x}, {@code y}), without a step. */
    public double loss(double[][] x, double[][] y) {
        checkRows("x", x, inputs());
        checkTargets(y, x.length);
        double[][] out = forwardRows(x);
        double sum = 0;
        for (int r = 0; r < x.length; r++) {
            for (int j = 0; j < outputs; j++) {
                double d = out[r][j] - y[r][j];
                sum += d * d;
            }
        }
        return sum / ((double) x.length * outputs);
    }

    /**
     * One Adam step along {@code −Jᵀg} for a given gradient {@code g = dLossdOutput} ({@code [n][outputs]})
     * of some objective with respect to the output; no averaging is added. Returns {@code Σ g·out} before
     * the step (the linear surrogate whose gradient is {@code g}).
     */
    public double fitGradient(double[][] x, double[][] dLossdOutput) {
        checkRows("x", x, inputs());
        checkRows("dLossdOutput", dLossdOutput, outputs);
        if (dLossdOutput.length != x.length) {
            throw new IllegalArgumentException("dLossdOutput has " + dLossdOutput.length + " rows but x has "
                    + x.length + "; pass one gradient row per image");
        }
        Work w = workFor(x.length);
        w.load(x, 0);
        forward(w);
        float[] o = w.acts[w.acts.length - 1];
        float[] d = w.deltas[w.deltas.length - 1];
        double value = 0;
        for (int r = 0; r < x.length; r++) {
            for (int j = 0; j < outputs; j++) {
                double g = dLossdOutput[r][j];
                value += g * o[r * outputs + j];
                d[r * outputs + j] = (float) g;
            }
        }
        backward(w);
        step();
        return value;
    }

    /** An independent deep copy: same weights, same Adam state, same settings. */
    public ConvNet copy() {
        return new ConvNet(this);
    }

    /** A builder with this network's settings (not its weights). */
    public Builder toBuilder() {
        Builder b = new Builder(height, width, outputs).noConvolutions();
        for (int[] c : convs) {
            b.convolution(c[0], c[1], c[2]);
        }
        return b.hidden(hidden).activation(activation).learningRate(learningRate).l2(l2).seed(seed);
    }

    /** All parameters as one new array, layer by layer: weights then biases. */
    public float[] parameters() {
        float[] out = new float[parameterCount()];
        int i = 0;
        for (int l = 0; l < weights.length; l++) {
            System.arraycopy(weights[l], 0, out, i, weights[l].length);
            i += weights[l].length;
            System.arraycopy(biases[l], 0, out, i, biases[l].length);
            i += biases[l].length;
        }
        return out;
    }

    public int parameterCount() {
        int n = 0;
        for (int l = 0; l < weights.length; l++) {
            n += weights[l].length + biases[l].length;
        }
        return n;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Pixels per image, {@code height·width}. */
    public int inputs() {
        return height * width;
    }

    public int outputs() {
        return outputs;
    }

    /** Number of Adam steps taken so far. */
    public long steps() {
        return adam.steps();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ConvNet[").append(height).append('x').append(width);
        for (int l = 0; l < convs.length; l++) {
            s.append(" -> ").append(outH[l]).append('x').append(outW[l]).append('x').append(convs[l][0]);
        }
        for (int l = 1; l < denseWidths.length; l++) {
            s.append(" -> ").append(denseWidths[l]);
        }
        return s.append("] ").append(activation).append(", ").append(parameterCount()).append(" parameters, ")
                .append(steps()).append(" steps").toString();
    }

    // ---------------------------------------------------------------- forward and backward

    private void forward(Work w) {
        int n = w.n;
        int c = convs.length;
        for (int l = 0; l < c; l++) {
            int filters = convs[l][0];
            int rows = n * outH[l] * outW[l];
            int k = kernelSize(l);
            im2col(l, w.acts[l], w.cols[l], n);
            gemm(false, false, rows, filters, k, w.cols[l], weights[l], w.acts[l + 1]);
            addBiasAndActivate(w.acts[l + 1], biases[l], rows, filters, true);
        }
        int dense = denseWidths.length - 1;
        for (int d = 0; d < dense; d++) {
            int l = c + d;
            gemm(false, false, n, denseWidths[d + 1], denseWidths[d], w.acts[l], weights[l], w.acts[l + 1]);
            addBiasAndActivate(w.acts[l + 1], biases[l], n, denseWidths[d + 1], d < dense - 1);
        }
    }

    /** Backward pass from the output gradient in the last delta buffer; fills gradW and gradB. */
    private void backward(Work w) {
        int n = w.n;
        int c = convs.length;
        for (int l = weights.length - 1; l >= 0; l--) {
            float[] delta = w.deltas[l + 1];
            int rows;
            int in;
            int units;
            float[] input;
            if (l >= c) {
                rows = n;
                in = denseWidths[l - c];
                units = denseWidths[l - c + 1];
                input = w.acts[l];
            } else {
                rows = n * outH[l] * outW[l];
                in = kernelSize(l);
                units = convs[l][0];
                input = w.cols[l];
            }
            // dW[in, units] = input^T[in, rows] delta[rows, units]; db = column sums of delta
            gemm(true, false, in, units, rows, input, delta, gradW[l]);
            float[] gb = gradB[l];
            Arrays.fill(gb, 0f);
            for (int r = 0; r < rows; r++) {
                int base = r * units;
                for (int j = 0; j < units; j++) {
                    gb[j] += delta[base + j];
                }
            }
            if (l == 0) {
                break;
            }
            // gradient with respect to this layer's input, then through the previous layer's activation
            if (l >= c) {
                gemm(false, true, rows, in, units, delta, weights[l], w.deltas[l]);
            } else {
                gemm(false, true, rows, in, units, delta, weights[l], w.cols[l]);
                col2im(l, w.cols[l], w.deltas[l], n);
            }
            Activations.multiplyByDerivative(activation, FloatBuffer.wrap(w.deltas[l]), FloatBuffer.wrap(w.acts[l]),
                    w.acts[l].length);
        }
    }

    /** Mean squared error against {@code y}; with {@code gradient}, writes its gradient into the output delta. */
    private double squaredError(Work w, double[][] y, boolean gradient) {
        float[] o = w.acts[w.acts.length - 1];
        float[] d = w.deltas[w.deltas.length - 1];
        int n = w.n;
        double scale = 2.0 / ((double) n * outputs);
        double sum = 0;
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < outputs; j++) {
                double diff = o[r * outputs + j] - y[r][j];
                sum += diff * diff;
                if (gradient) {
                    d[r * outputs + j] = (float) (scale * diff);
                }
            }
        }
        return sum / ((double) n * outputs);
    }

    /** One Adam step over all layers, with the L2 penalty on weights only. */
    private void step() {
        adam.begin();
        int i = 0;
        for (int l = 0; l < weights.length; l++) {
            float[] wl = weights[l];
            float[] gl = gradW[l];
            for (int j = 0; j < wl.length; j++) {
                wl[j] = adam.update(i++, wl[j], gl[j] + l2 * wl[j]);
            }
            float[] bl = biases[l];
            float[] gbl = gradB[l];
            for (int j = 0; j < bl.length; j++) {
                bl[j] = adam.update(i++, bl[j], gbl[j]);
            }
        }
    }

    private int kernelSize(int l) {
        return convs[l][1] * convs[l][1] * inC[l];
    }

    /** Patches of layer {@code l}'s input as rows {@code [n·outH·outW][k·k·C]} (ky, kx, channel order). */
    private void im2col(int l, float[] in, float[] cols, int n) {
        int k = convs[l][1];
        int s = convs[l][2];
        int ch = inC[l];
        int rowLength = inW[l] * ch;
        int image = inH[l] * rowLength;
        int patch = k * ch;
        int dst = 0;
        for (int i = 0; i < n; i++) {
            for (int oy = 0; oy < outH[l]; oy++) {
                for (int ox = 0; ox < outW[l]; ox++) {
                    int src = i * image + oy * s * rowLength + ox * s * ch;
                    for (int ky = 0; ky < k; ky++) {
                        System.arraycopy(in, src + ky * rowLength, cols, dst, patch);
                        dst += patch;
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #im2col}: sums patch gradients back onto the input positions they came from. */
    private void col2im(int l, float[] cols, float[] in, int n) {
        int k = convs[l][1];
        int s = convs[l][2];
        int ch = inC[l];
        int rowLength = inW[l] * ch;
        int image = inH[l] * rowLength;
        int patch = k * ch;
        Arrays.fill(in, 0, n * image, 0f);
        int src = 0;
        for (int i = 0; i < n; i++) {
            for (int oy = 0; oy < outH[l]; oy++) {
                for (int ox = 0; ox < outW[l]; ox++) {
                    int dst = i * image + oy * s * rowLength + ox * s * ch;
                    for (int ky = 0; ky < k; ky++) {
                        int row = dst + ky * rowLength;
                        for (int j = 0; j < patch; j++) {
                            in[row + j] += cols[src++];
                        }
                    }
                }
            }
        }
    }

    private void addBiasAndActivate(float[] a, float[] bias, int rows, int units, boolean activate) {
        for (int r = 0; r < rows; r++) {
            int base = r * units;
            for (int j = 0; j < units; j++) {
                double z = a[base + j] + bias[j];
                a[base + j] = (float) (activate ? Activations.apply(activation, z) : z);
            }
        }
    }

    /** {@code C[m, n] = op(A) op(B)}, all row-major; {@code op(A)} is {@code m × k}, {@code op(B)} is {@code k × n}. */
    private static void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, float[] b, float[] c) {
        openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, 1f, a, transA ? m : k, b,
                transB ? k : n, 0f, c, n);
    }

    private Work workFor(int n) {
        return work.computeIfAbsent(n, Work::new);
    }

    /** Work arrays for one batch size: activations and their gradients per layer, and im2col patches. */
    private final class Work {
        final int n;
        final float[][] acts; // acts[0] = input; acts[l + 1] = output of layer l (after its activation)
        final float[][] deltas; // gradient with respect to acts[l] (before the activation for l >= 1)
        final float[][] cols;

        Work(int n) {
            this.n = n;
            int layers = weights.length;
            int c = convs.length;
            acts = new float[layers + 1][];
            deltas = new float[layers + 1][];
            cols = new float[c][];
            acts[0] = new float[n * height * width];
            for (int l = 0; l < layers; l++) {
                int size = l < c ? n * outH[l] * outW[l] * convs[l][0] : n * denseWidths[l - c + 1];
                acts[l + 1] = new float[size];
                deltas[l + 1] = new float[size];
            }
            for (int l = 0; l < c; l++) {
                cols[l] = new float[n * outH[l] * outW[l] * kernelSize(l)];
            }
        }

        void load(double[][] x, int start) {
            int d = height * width;
            for (int r = 0; r < n; r++) {
                double[] row = x[start + r];
                for (int j = 0; j < d; j++) {
                    double v = row[j];
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("x[" + (start + r) + "][" + j + "] = " + v
                                + "; pixels must be finite: remove or repair that image");
                    }
                    acts[0][r * d + j] = (float) v;
                }
            }
        }
    }

    // ---------------------------------------------------------------- input checks

    private void checkTargets(double[][] y, int n) {
        checkRows("y", y, outputs);
        if (y.length != n) {
            throw new IllegalArgumentException("y has " + y.length + " rows but x has " + n + "; pass one target row per image");
        }
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < outputs; j++) {
                if (!Double.isFinite(y[r][j])) {
                    throw new IllegalArgumentException("y[" + r + "][" + j + "] = " + y[r][j] + "; targets must be finite");
                }
            }
        }
    }

    private void checkRows(String name, double[][] rows, int length) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(name + " is " + (rows == null ? "null" : "empty")
                    + "; pass at least one row of " + length + " values");
        }
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != length) {
                throw new IllegalArgumentException(name + "[" + r + "] has "
                        + (rows[r] == null ? "no array" : rows[r].length + " values") + " but this network needs "
                        + length + (name.equals("x") ? " (a " + height + "x" + width + " image, flattened row-major)" : "")
                        + "; pass rows of length " + length);
            }
        }
    }

    // ---------------------------------------------------------------- builder

    /**
     * Settings for a {@link ConvNet}. Defaults: convolutions (8 filters, 5×5, stride 2) and (16, 3×3,
     * stride 2), hidden widths {32}, ReLU, learning rate 1e-3, L2 0, seed 42.
     */
    public static final class Builder {
        private final int height;
        private final int width;
        private final int outputs;
        private final List<int[]> convs = new ArrayList<>(List.of(new int[] {8, 5, 2}, new int[] {16, 3, 2}));
        private int[] hidden = {32};
        private Activation activation = Activation.RELU;
        private double learningRate = 1e-3;
        private double l2 = 0;
        private long seed = 42;

        private Builder(int height, int width, int outputs) {
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("ConvNet: image " + height + "x" + width
                        + " has no pixels; pass the camera's rows and columns, e.g. 16, 32");
            }
            if (outputs < 1) {
                throw new IllegalArgumentException("ConvNet: outputs = " + outputs + "; a network needs at least 1 output");
            }
            this.height = height;
            this.width = width;
            this.outputs = outputs;
        }

        /** Removes all convolution layers (then add your own with {@link #convolution}). */
        public Builder noConvolutions() {
            convs.clear();
            return this;
        }

        /** Appends a convolution layer of {@code filters} kernels of {@code kernel × kernel} pixels, moved by {@code stride}. */
        public Builder convolution(int filters, int kernel, int stride) {
            if (filters < 1 || kernel < 1 || stride < 1) {
                throw new IllegalArgumentException("ConvNet: convolution(filters = " + filters + ", kernel = " + kernel
                        + ", stride = " + stride + ") needs all three at least 1, e.g. convolution(8, 5, 2)");
            }
            convs.add(new int[] {filters, kernel, stride});
            return this;
        }

        /** Fully connected hidden layer widths after the convolutions; default {32}; none is allowed. */
        public Builder hidden(int... widths) {
            if (widths == null) {
                throw new IllegalArgumentException("ConvNet: hidden widths are null; pass e.g. hidden(32), or hidden() for none");
            }
            for (int i = 0; i < widths.length; i++) {
                if (widths[i] < 1) {
                    throw new IllegalArgumentException("ConvNet: hidden layer " + i + " has width " + widths[i]
                            + "; every hidden layer needs at least 1 unit");
                }
            }
            hidden = widths.clone();
            return this;
        }

        /** Activation of the convolution and hidden layers: RELU (default), TANH, SIGMOID or IDENTITY. */
        public Builder activation(Activation activation) {
            Activations.checkSupported(activation);
            this.activation = activation;
            return this;
        }

        /** Adam step size; default 1e-3. */
        public Builder learningRate(double learningRate) {
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("ConvNet: learningRate = " + learningRate + "; pass a finite positive step size such as 1e-3");
            }
            this.learningRate = learningRate;
            return this;
        }

        /** L2 penalty {@code l2·w} added to the weight gradients (not the biases); default 0. */
        public Builder l2(double l2) {
            if (!(l2 >= 0) || Double.isInfinite(l2)) {
                throw new IllegalArgumentException("ConvNet: l2 = " + l2 + "; pass a finite coefficient >= 0 (0 turns it off)");
            }
            this.l2 = l2;
            return this;
        }

        /** Seed of the weight initialisation; default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public ConvNet build() {
            return new ConvNet(this);
        }
    }
}
