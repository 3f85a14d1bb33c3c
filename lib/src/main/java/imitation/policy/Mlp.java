package imitation.policy;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A small fully connected network (multi-layer perceptron) trained one Adam step at a time: the
 * function approximator behind behaviour cloning, DAgger, GAIL discriminators and deep MaxEnt IRL.
 *
 * <p>Layer {@code l} computes {@code h_{l+1} = f(h_l W_l + b_l)} with the chosen activation
 * {@code f} on hidden layers and no activation on the last layer. The {@link Head} decides what
 * the raw output means: {@link Head#REGRESSION} returns it as is and is trained on the mean squared
 * error {@code (1/(n k)) sum (out - y)^2}; {@link Head#CLASSIFICATION} returns
 * {@code softmax(out)} and is trained on the mean cross-entropy {@code -(1/n) sum_i log p_i[y_i]}.
 * {@link #fitGradient} takes the gradient of any objective with respect to the raw output instead,
 * which is how deep MaxEnt IRL (Wulfmeier et al. 2015) pushes {@code mu_D - E[mu]} through a reward
 * network. Adam (Kingma and Ba 2015) uses PyTorch's defaults: beta1 0.9, beta2 0.999, eps 1e-8.
 *
 * <p>Why it is written by hand on ND4J and not as a {@code MultiLayerNetwork}: DL4J's per-call
 * bookkeeping costs tens of microseconds per operation, which dominates networks this small. Here
 * all parameters live in one flat float vector; the matrix products run as ND4J {@code gemm}
 * calls into buffers allocated once per batch size, the hidden activations as in-place ND4J ops,
 * and the biases ride along as an extra input column of ones, so a forward pass is three
 * {@code gemm} and two activation calls for two hidden layers. The small element-wise work (loss
 * and output gradient over {@code n x outputs} values, activation derivatives, the Adam update over
 * the flat vector) runs as plain Java loops over the same native memory, which costs less than
 * one ND4J call. A forward pass over at most {@value #JAVA_FORWARD_MAX_ROWS} rows runs entirely in
 * Java (the same arithmetic in double precision, rounded to float), because one ND4J call costs more
 * than the whole product at that size.
 *
 * <p>Float data throughout; the same seed gives the same initial weights and, for the same data,
 * the same losses. Not thread-safe: one network, one thread (use {@link #copy} for another thread).
 */
public final class Mlp {

    /** What the raw output means and which loss {@link #fit} minimises. */
    public enum Head {
        /** Identity output, mean squared error. */
        REGRESSION,
        /** Softmax probabilities, cross-entropy against one-hot (or probability) rows or class indices. */
        CLASSIFICATION
    }

    /** Forward passes over at most this many rows run in plain Java (see the class comment). */
    static final int JAVA_FORWARD_MAX_ROWS = 4;
    /** {@link #output} works through larger inputs in blocks of this many rows, so buffers stay small. */
    static final int OUTPUT_BLOCK_ROWS = 4096;
    private static final int CACHED_BATCH_SIZES = 3;

    /**
     * System property naming the ND4J/OpenBLAS thread count {@link Mlp} sets, default 1 (see {@link #threads});
     * tabular planning reads it too, with the number of processors as its default
     * ({@link imitation.irl.ValueIteration#threads}).
     */
    public static final String THREADS_PROPERTY = "imitation.threads";

    static {
        configureThreads();
    }

    private final int[] widths; // inputs, hidden..., outputs
    private final Activation activation;
    private final Head head;
    private final double learningRate;
    private final double l2;
    private final long seed;
    private final int[] offsets; // start of layer l in the flat vector: W_l (widths[l] x widths[l+1], row-major) then b_l

    private final INDArray params;
    private final FloatBuffer paramsNative;
    private final float[] paramsHeap; // mirror of params for the Java forward pass and parameters()
    private final INDArray grads;
    private final FloatBuffer gradsFlat;
    private final FloatPointer[] weightsNative; // W_l then b_l: row-major [widths[l] + 1, widths[l+1]] in params
    private final FloatPointer[] gradsNative; // the same layout in grads
    private final Adam adam;
    private final Map<Integer, Buffers> buffers = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Buffers> eldest) {
            return size() > CACHED_BATCH_SIZES;
        }
    };
    private final double[][] javaActs; // scratch for the Java forward pass, one per layer output

    private Mlp(Builder b) {
        widths = new int[b.hidden.length + 2];
        widths[0] = b.inputs;
        System.arraycopy(b.hidden, 0, widths, 1, b.hidden.length);
        widths[widths.length - 1] = b.outputs;
        activation = b.activation;
        head = b.head;
        learningRate = b.learningRate;
        l2 = b.l2;
        seed = b.seed;
        int layers = widths.length - 1;
        offsets = new int[layers + 1];
        for (int l = 0; l < layers; l++) {
            offsets[l + 1] = offsets[l] + (widths[l] + 1) * widths[l + 1];
        }
        paramsHeap = new float[offsets[layers]];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int l = 0; l < layers; l++) {
            // Glorot/Xavier uniform weights, zero biases (DL4J's default for dense layers).
            double limit = Math.sqrt(6.0 / (widths[l] + widths[l + 1]));
            int weightCount = widths[l] * widths[l + 1];
            for (int i = 0; i < weightCount; i++) {
                paramsHeap[offsets[l] + i] = (float) ((2 * rng.nextDouble() - 1) * limit);
            }
        }
        adam = new Adam(paramsHeap.length, learningRate);
        params = Nd4j.create(DataType.FLOAT, paramsHeap.length);
        paramsNative = params.data().asNioFloat();
        paramsNative.put(0, paramsHeap);
        grads = Nd4j.create(DataType.FLOAT, paramsHeap.length);
        gradsFlat = grads.data().asNioFloat();
        weightsNative = new FloatPointer[layers];
        gradsNative = new FloatPointer[layers];
        javaActs = new double[layers + 1][];
        for (int l = 0; l < layers; l++) {
            weightsNative[l] = Gemm.pointer(params, offsets[l]);
            gradsNative[l] = Gemm.pointer(grads, offsets[l]);
        }
        for (int l = 0; l <= layers; l++) {
            javaActs[l] = new double[widths[l]];
        }
    }

    private Mlp(Mlp source) {
        this(source.toBuilder());
        System.arraycopy(source.paramsHeap, 0, paramsHeap, 0, paramsHeap.length);
        paramsNative.put(0, paramsHeap);
        adam.copyFrom(source.adam);
    }

    /** Starts a network with {@code inputs} input columns and {@code outputs} output columns. */
    public static Builder builder(int inputs, int outputs) {
        return new Builder(inputs, outputs);
    }

    // ---------------------------------------------------------------- public API

    /**
     * Outputs for a batch {@code x} of shape {@code [n, inputs]} (any numeric type, read as float):
     * a new float array {@code [n, outputs]}, probabilities for {@link Head#CLASSIFICATION}.
     */
    public INDArray output(INDArray x) {
        FloatBuffer src = floatRows("x", x, widths[0]);
        int n = (int) x.size(0);
        float[] result = new float[n * outputs()];
        for (int start = 0; start < n; start += OUTPUT_BLOCK_ROWS) {
            int rows = Math.min(OUTPUT_BLOCK_ROWS, n - start);
            forwardInto(src, null, start, rows, result);
        }
        return Nd4j.create(result, new long[] {n, outputs()}, 'c');
    }

    /** {@link #output(INDArray)} for plain arrays: {@code x[n][inputs]} to {@code [n][outputs]}. */
    public double[][] output(double[][] x) {
        checkRows("x", x, widths[0]);
        int n = x.length;
        int k = outputs();
        float[] result = new float[n * k];
        for (int start = 0; start < n; start += OUTPUT_BLOCK_ROWS) {
            int rows = Math.min(OUTPUT_BLOCK_ROWS, n - start);
            forwardInto(null, x, start, rows, result);
        }
        double[][] out = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                out[i][j] = result[i * k + j];
            }
        }
        return out;
    }

    /**
     * One Adam step on the minibatch ({@code x} {@code [n, inputs]}, targets {@code y}); returns the
     * minibatch loss before the step. Regression: {@code y} is {@code [n, outputs]}. Classification:
     * {@code y} is {@code [n, outputs]} one-hot (or probability) rows, or {@code [n, 1]} class indices.
     */
    public double fit(INDArray x, INDArray y) {
        FloatBuffer src = floatRows("x", x, widths[0]);
        int n = (int) x.size(0);
        return trainStep(src, null, n, targets(y, n), null);
    }

    /**
     * The loss that {@link #fit(double[][], double[][])} minimises, evaluated on ({@code x}, {@code y})
     * without a training step: a validation loss.
     */
    public double loss(double[][] x, double[][] y) {
        checkRows("x", x, widths[0]);
        float[] t = targets(y, x.length);
        Buffers b = buffersFor(x.length);
        b.loadInputs(null, x, 0, x.length);
        forward(b);
        return lossAndGradient(b.outNative, t, b.deltaNative[widths.length - 1], x.length);
    }

    /** {@link #fit(INDArray, INDArray)} for plain arrays. */
    public double fit(double[][] x, double[][] y) {
        checkRows("x", x, widths[0]);
        return trainStep(null, x, x.length, targets(y, x.length), null);
    }

    /**
     * One Adam step that follows a given gradient {@code dLossdOutput} ({@code [n, outputs]}) of some
     * objective with respect to the raw output (before the softmax of a classification head):
     * the parameters move along {@code -J^T g}, with no averaging added, so pass the gradient of
     * the total objective you want to minimise. Returns {@code sum(g * out)} before the step, the
     * value of the linear surrogate whose gradient is {@code g}.
     */
    public double fitGradient(INDArray x, INDArray dLossdOutput) {
        FloatBuffer src = floatRows("x", x, widths[0]);
        int n = (int) x.size(0);
        FloatBuffer g = floatRows("dLossdOutput", dLossdOutput, outputs());
        checkBatch("dLossdOutput", dLossdOutput.size(0), n);
        float[] gradient = new float[n * outputs()];
        g.get(0, gradient);
        checkFinite("dLossdOutput", gradient, outputs());
        return trainStep(src, null, n, null, gradient);
    }

    /** {@link #fitGradient(INDArray, INDArray)} for plain arrays. */
    public double fitGradient(double[][] x, double[][] dLossdOutput) {
        checkRows("x", x, widths[0]);
        checkRows("dLossdOutput", dLossdOutput, outputs());
        checkBatch("dLossdOutput", dLossdOutput.length, x.length);
        int k = outputs();
        float[] gradient = new float[x.length * k];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < k; j++) {
                gradient[i * k + j] = (float) dLossdOutput[i][j];
            }
            checkFiniteRow("dLossdOutput", dLossdOutput[i], i);
        }
        return trainStep(null, x, x.length, null, gradient);
    }

    /** An independent deep copy: same weights, same Adam state, same settings. */
    public Mlp copy() {
        return new Mlp(this);
    }

    /** A builder holding this network's settings (not its weights), to build a fresh one. */
    public Builder toBuilder() {
        return new Builder(widths[0], outputs())
                .hidden(hidden())
                .activation(activation)
                .head(head)
                .learningRate(learningRate)
                .l2(l2)
                .seed(seed);
    }

    /** All parameters as one new array, layer by layer: {@code W_l} row-major, then {@code b_l}. */
    public float[] parameters() {
        return paramsHeap.clone();
    }

    public int inputs() {
        return widths[0];
    }

    public int outputs() {
        return widths[widths.length - 1];
    }

    /** Hidden layer widths (a copy). */
    public int[] hidden() {
        return Arrays.copyOfRange(widths, 1, widths.length - 1);
    }

    public Activation activation() {
        return activation;
    }

    public Head head() {
        return head;
    }

    public double learningRate() {
        return learningRate;
    }

    public double l2() {
        return l2;
    }

    public long seed() {
        return seed;
    }

    /** Number of Adam steps taken so far. */
    public long steps() {
        return adam.steps();
    }

    @Override
    public String toString() {
        return "Mlp" + Arrays.toString(widths) + " " + activation + " " + head + ", "
                + paramsHeap.length + " parameters, " + adam.steps() + " steps";
    }

    /**
     * Native threads used by ND4J and OpenBLAS. On first use {@code Mlp} sets them to the system
     * property {@value #THREADS_PROPERTY}, or to 1 when neither that property nor the environment
     * variable {@code OMP_NUM_THREADS} is set: products of 64-wide layers gain little from a second
     * thread, and spinning worker threads collapse when the cores are shared (measured here on 2
     * busy cores: a batch-64 forward pass went from about 0.2 ms to 7 ms with 2 threads).
     */
    public static int threads() {
        return openblas.blas_get_num_threads();
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
        if (threads < 1) {
            throw new IllegalArgumentException("-D" + THREADS_PROPERTY + "=" + property
                    + " is not a positive thread count; pass e.g. -D" + THREADS_PROPERTY + "=1");
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        openblas.blas_set_num_threads(threads);
    }

    // ---------------------------------------------------------------- forward and backward

    /** Forward pass of rows {@code [start, start + rows)} from {@code src} (or {@code plain}); outputs row-major into {@code result}. */
    private void forwardInto(FloatBuffer src, double[][] plain, int start, int rows, float[] result) {
        int k = outputs();
        if (rows <= JAVA_FORWARD_MAX_ROWS) {
            for (int r = 0; r < rows; r++) {
                double[] in = javaActs[0];
                for (int j = 0; j < widths[0]; j++) {
                    in[j] = plain != null ? plain[start + r][j] : src.get((start + r) * widths[0] + j);
                }
                checkFiniteRow("x", in, start + r);
                double[] out = javaForward();
                if (head == Head.CLASSIFICATION) {
                    softmaxInPlace(out);
                }
                for (int j = 0; j < k; j++) {
                    result[(start + r) * k + j] = (float) out[j];
                }
            }
            return;
        }
        Buffers b = buffersFor(rows);
        b.loadInputs(src, plain, start, rows);
        forward(b);
        double[] row = new double[k];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < k; j++) {
                row[j] = b.outNative.get(j * rows + r);
            }
            if (head == Head.CLASSIFICATION) {
                softmaxInPlace(row);
            }
            for (int j = 0; j < k; j++) {
                result[(start + r) * k + j] = (float) row[j];
            }
        }
    }

    /** The whole forward pass for the row in {@code javaActs[0]}, in plain Java; returns the raw output. */
    private double[] javaForward() {
        int layers = widths.length - 1;
        for (int l = 0; l < layers; l++) {
            double[] in = javaActs[l];
            double[] out = javaActs[l + 1];
            int nIn = widths[l];
            int nOut = widths[l + 1];
            int bias = offsets[l] + nIn * nOut;
            for (int j = 0; j < nOut; j++) {
                out[j] = paramsHeap[bias + j];
            }
            for (int i = 0; i < nIn; i++) {
                double a = in[i];
                int row = offsets[l] + i * nOut;
                for (int j = 0; j < nOut; j++) {
                    out[j] += a * paramsHeap[row + j];
                }
            }
            if (l < layers - 1) {
                for (int j = 0; j < nOut; j++) {
                    out[j] = (float) activate(out[j]);
                } // rounded to float like the ND4J path
            }
        }
        return javaActs[layers];
    }

    /** ND4J forward pass over the inputs already in {@code b}: one gemm per layer, one in-place activation per hidden layer. */
    private void forward(Buffers b) {
        int layers = widths.length - 1;
        for (int l = 0; l < layers; l++) {
            // out[n, w'] = in[n, w + 1] * Wb[w + 1, w'], all column-major except Wb (row-major, hence transposed)
            FloatPointer target = l < layers - 1 ? b.withOnesPtr[l + 1] : b.outPtr;
            Gemm.sgemm(false, true, b.n, widths[l + 1], widths[l] + 1, b.withOnesPtr[l], b.n, weightsNative[l], widths[l + 1], target, b.n);
            if (l < layers - 1) {
                Activations.applyInPlace(activation, b.hiddenView[l + 1]);
            }
        }
    }

    /**
     * Forward, loss and output gradient (from row-major {@code targets}, or the given {@code gradient}),
     * backward, one Adam step. Returns the loss (or the surrogate for a given gradient).
     */
    private double trainStep(FloatBuffer src, double[][] plain, int n, float[] targets, float[] gradient) {
        Buffers b = buffersFor(n);
        b.loadInputs(src, plain, 0, n);
        forward(b);
        int layers = widths.length - 1;
        double loss = gradient == null
                ? lossAndGradient(b.outNative, targets, b.deltaNative[layers], n)
                : surrogateAndGradient(b.outNative, gradient, b.deltaNative[layers], n);
        for (int l = layers - 1; l >= 0; l--) {
            // dWb^T[w', w + 1] = delta^T[w', n] * in[n, w + 1] (dWb is row-major, so its transpose is column-major)
            Gemm.sgemm(true, false, widths[l + 1], widths[l] + 1, n, b.deltaPtr[l + 1], n, b.withOnesPtr[l], n, gradsNative[l], widths[l + 1]);
            if (l > 0) {
                // dIn[n, w] = delta[n, w'] * W^T[w', w]; row-major W read column-major is W^T
                Gemm.sgemm(false, false, n, widths[l], widths[l + 1], b.deltaPtr[l + 1], n, weightsNative[l], widths[l + 1], b.deltaPtr[l], n);
                Activations.multiplyByDerivative(activation, b.deltaNative[l], b.withOnesNative[l], n * widths[l]);
            }
        }
        adamStep();
        return loss;
    }

    /** Loss of the head and its gradient with respect to the raw output, written column-major into {@code delta}. */
    private double lossAndGradient(FloatBuffer out, float[] targets, FloatBuffer delta, int n) {
        int k = outputs();
        double loss = 0;
        if (head == Head.REGRESSION) {
            double scale = 2.0 / ((double) n * k);
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < k; j++) {
                    double diff = out.get(j * n + r) - targets[r * k + j];
                    loss += diff * diff;
                    delta.put(j * n + r, (float) (scale * diff));
                }
            }
            return loss / ((double) n * k);
        }
        double[] row = new double[k];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < k; j++) {
                row[j] = out.get(j * n + r);
            }
            double logSum = logSumExp(row);
            for (int j = 0; j < k; j++) {
                double target = targets[r * k + j];
                double logP = row[j] - logSum;
                if (target != 0) {
                    loss -= target * logP;
                }
                delta.put(j * n + r, (float) ((Math.exp(logP) - target) / n));
            }
        }
        return loss / n;
    }

    private double surrogateAndGradient(FloatBuffer out, float[] gradient, FloatBuffer delta, int n) {
        int k = outputs();
        double value = 0;
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < k; j++) {
                float g = gradient[r * k + j];
                value += (double) g * out.get(j * n + r);
                delta.put(j * n + r, g);
            }
        }
        return value;
    }

    /** One {@link Adam} step over the flat vector, with the L2 penalty on weights only. */
    private void adamStep() {
        adam.begin();
        int layers = widths.length - 1;
        for (int l = 0; l < layers; l++) {
            int weightEnd = offsets[l] + widths[l] * widths[l + 1];
            for (int i = offsets[l]; i < offsets[l + 1]; i++) {
                double p = paramsHeap[i];
                double g = gradsFlat.get(i);
                if (i < weightEnd) {
                    g += l2 * p;
                }
                float updated = adam.update(i, p, g);
                paramsHeap[i] = updated;
                paramsNative.put(i, updated);
            }
        }
    }

    private double activate(double z) {
        return Activations.apply(activation, z);
    }

    private static double logSumExp(double[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : row) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    private static void softmaxInPlace(double[] row) {
        double logSum = logSumExp(row);
        for (int j = 0; j < row.length; j++) {
            row[j] = Math.exp(row[j] - logSum);
        }
    }

    private Buffers buffersFor(int n) {
        Buffers b = buffers.get(n);
        if (b == null) {
            b = new Buffers(widths, n);
            buffers.put(n, b);
        }
        return b;
    }

    /**
     * Work arrays for one batch size, column-major so that the first {@code w} columns of a
     * {@code [n, w + 1]} array are one contiguous block: layer {@code l}'s input with a trailing
     * column of ones ({@code withOnes[l]}), whose first columns ({@code hiddenView[l]}) receive the
     * previous layer's gemm; the raw output; and gradients with respect to each layer's pre-activation.
     */
    private static final class Buffers {
        final int n;
        final int inputs;
        final INDArray[] withOnes;
        final FloatBuffer[] withOnesNative;
        final FloatPointer[] withOnesPtr;
        final INDArray[] hiddenView;
        final INDArray out;
        final FloatBuffer outNative;
        final FloatPointer outPtr;
        final INDArray[] delta; // delta[l] for l >= 1: [n, widths[l]]; delta[layers] is the output gradient
        final FloatBuffer[] deltaNative;
        final FloatPointer[] deltaPtr;

        Buffers(int[] widths, int n) {
            this.n = n;
            this.inputs = widths[0];
            int layers = widths.length - 1;
            withOnes = new INDArray[layers];
            withOnesNative = new FloatBuffer[layers];
            withOnesPtr = new FloatPointer[layers];
            hiddenView = new INDArray[layers];
            delta = new INDArray[layers + 1];
            deltaNative = new FloatBuffer[layers + 1];
            deltaPtr = new FloatPointer[layers + 1];
            for (int l = 0; l < layers; l++) {
                withOnes[l] = Nd4j.create(DataType.FLOAT, new long[] {n, widths[l] + 1}, 'f');
                withOnesNative[l] = withOnes[l].data().asNioFloat();
                withOnesPtr[l] = Gemm.pointer(withOnes[l], 0);
                for (int r = 0; r < n; r++) {
                    withOnesNative[l].put(widths[l] * n + r, 1f);
                }
                hiddenView[l] = Nd4j.create(withOnes[l].data(), new long[] {n, widths[l]}, new long[] {1, n}, 0, 'f');
            }
            out = Nd4j.create(DataType.FLOAT, new long[] {n, widths[layers]}, 'f');
            outNative = out.data().asNioFloat();
            outPtr = Gemm.pointer(out, 0);
            for (int l = 1; l <= layers; l++) {
                delta[l] = Nd4j.create(DataType.FLOAT, new long[] {n, widths[l]}, 'f');
                deltaNative[l] = delta[l].data().asNioFloat();
                deltaPtr[l] = Gemm.pointer(delta[l], 0);
            }
        }

        /** Copies rows {@code [start, start + n)} of the input into the first layer's buffer, checking they are finite. */
        void loadInputs(FloatBuffer src, double[][] plain, int start, int rows) {
            FloatBuffer dst = withOnesNative[0];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < inputs; j++) {
                    float v = plain != null ? (float) plain[start + r][j] : src.get((start + r) * inputs + j);
                    if (!Float.isFinite(v)) {
                        throw notFinite("x", start + r, j, plain != null ? plain[start + r][j] : v);
                    }
                    dst.put(j * n + r, v);
                }
            }
        }
    }

    // ---------------------------------------------------------------- input checks

    /** Reads one target value by row and column. */
    private interface TargetSource {
        double at(int row, int column);
    }

    private float[] targets(INDArray y, int n) {
        if (y == null) {
            throw new IllegalArgumentException("y is null; pass the targets, one row per input row");
        }
        if (y.rank() != 2) {
            throw new IllegalArgumentException("y has shape " + Arrays.toString(y.shape())
                    + "; pass a 2-d array [n, " + outputs() + "]" + classIndexHint());
        }
        checkBatch("y", y.size(0), n);
        int cols = head == Head.CLASSIFICATION && y.size(1) == 1 ? 1 : outputs();
        FloatBuffer values = floatRows("y", y, cols);
        return targets(n, cols, (r, j) -> values.get(r * cols + j));
    }

    private float[] targets(double[][] y, int n) {
        if (y == null) {
            throw new IllegalArgumentException("y is null; pass the targets, one row per input row");
        }
        checkBatch("y", y.length, n);
        int cols = head == Head.CLASSIFICATION && y[0] != null && y[0].length == 1 ? 1 : outputs();
        checkRows("y", y, cols);
        return targets(n, cols, (r, j) -> y[r][j]);
    }

    /** Checks the targets and returns them row-major as {@code [n, outputs]} (class indices become one-hot rows). */
    private float[] targets(int n, int cols, TargetSource y) {
        int k = outputs();
        float[] t = new float[n * k];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < cols; j++) {
                double v = y.at(r, j);
                if (!Double.isFinite(v) || !Float.isFinite((float) v)) {
                    throw notFinite("y", r, j, v);
                }
            }
            if (head == Head.REGRESSION) {
                for (int j = 0; j < k; j++) {
                    t[r * k + j] = (float) y.at(r, j);
                }
            } else if (cols == 1) {
                double c = y.at(r, 0);
                if (c != Math.rint(c) || c < 0 || c >= k) {
                    throw new IllegalArgumentException("y[" + r + "][0] = " + c + " is not a class index in 0.."
                            + (k - 1) + "; pass whole numbers below outputs = " + k + ", or one-hot rows [n, " + k + "]");
                }
                t[r * k + (int) c] = 1f;
            } else {
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    double v = y.at(r, j);
                    if (v < 0) {
                        throw new IllegalArgumentException("y[" + r + "][" + j + "] = " + v
                                + " is negative; classification targets are one-hot or probability rows");
                    }
                    sum += v;
                    t[r * k + j] = (float) v;
                }
                if (Math.abs(sum - 1) > 1e-4) {
                    throw new IllegalArgumentException("y row " + r + " sums to " + sum
                            + "; one-hot or probability rows must sum to 1 (or pass class indices as [n, 1])");
                }
            }
        }
        return t;
    }

    private String classIndexHint() {
        return head == Head.CLASSIFICATION ? " (one-hot) or [n, 1] (class indices)" : "";
    }

    /**
     * The rows of {@code a} ({@code [n, width]}) as float values in row-major order. Float,
     * row-major, non-view arrays are read in place; anything else is converted once.
     */
    private static FloatBuffer floatRows(String name, INDArray a, int width) {
        if (a == null) {
            throw new IllegalArgumentException(name + " is null; pass a [n, " + width + "] array");
        }
        if (a.rank() != 2 || a.size(1) != width) {
            throw new IllegalArgumentException(name + " has shape " + Arrays.toString(a.shape())
                    + " but this network needs [n, " + width + "]; reshape or select the " + width + " columns it was built for");
        }
        if (a.size(0) == 0) {
            throw new IllegalArgumentException(name + " has no rows; pass at least one row");
        }
        INDArray rowMajor = a;
        if (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.isView() || a.data().length() != a.length()) {
            rowMajor = a.castTo(DataType.FLOAT).dup('c');
        }
        return rowMajor.data().asNioFloat();
    }

    private static void checkRows(String name, double[][] rows, int width) {
        if (rows == null) {
            throw new IllegalArgumentException(name + " is null; pass a [n][" + width + "] array");
        }
        if (rows.length == 0) {
            throw new IllegalArgumentException(name + " has no rows; pass at least one row");
        }
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != width) {
                throw new IllegalArgumentException(name + "[" + r + "] has "
                        + (rows[r] == null ? "no array" : rows[r].length + " values")
                        + " but this network needs " + width + " per row; pass rows of length " + width);
            }
        }
    }

    private static void checkBatch(String name, long rows, int n) {
        if (rows != n) {
            throw new IllegalArgumentException(name + " has " + rows + " rows but x has " + n
                    + "; pass one " + name + " row per input row");
        }
    }

    private static void checkFinite(String name, float[] rowMajor, int width) {
        for (int i = 0; i < rowMajor.length; i++) {
            if (!Float.isFinite(rowMajor[i])) {
                throw notFinite(name, i / width, i % width, rowMajor[i]);
            }
        }
    }

    private static void checkFiniteRow(String name, double[] row, int r) {
        for (int j = 0; j < row.length; j++) {
            if (!Double.isFinite(row[j]) || !Float.isFinite((float) row[j])) {
                throw notFinite(name, r, j, row[j]);
            }
        }
    }

    private static IllegalArgumentException notFinite(String name, int r, int j, double value) {
        return new IllegalArgumentException(name + "[" + r + "][" + j + "] = " + value
                + "; values must be finite floats: remove or repair that row before calling the network");
    }

    // ---------------------------------------------------------------- builder

    /** Settings for an {@link Mlp}; every setter has a default. */
    public static final class Builder {
        private final int inputs;
        private final int outputs;
        private int[] hidden = {64, 64};
        private Activation activation = Activation.TANH;
        private Head head = Head.REGRESSION;
        private double learningRate = 1e-3;
        private double l2 = 0;
        private long seed = 42;

        private Builder(int inputs, int outputs) {
            if (inputs < 1) {
                throw new IllegalArgumentException("inputs = " + inputs + "; a network needs at least 1 input column");
            }
            if (outputs < 1) {
                throw new IllegalArgumentException("outputs = " + outputs + "; a network needs at least 1 output column");
            }
            this.inputs = inputs;
            this.outputs = outputs;
        }

        /** Hidden layer widths, input side first; default {@code 64, 64}; none gives a linear model. */
        public Builder hidden(int... widths) {
            if (widths == null) {
                throw new IllegalArgumentException("hidden widths are null; pass e.g. hidden(64, 64), or hidden() for none");
            }
            for (int i = 0; i < widths.length; i++) {
                if (widths[i] < 1) {
                    throw new IllegalArgumentException("hidden layer " + i + " has width " + widths[i]
                            + "; every hidden layer needs at least 1 unit");
                }
            }
            hidden = widths.clone();
            return this;
        }

        /** Activation of the hidden layers: TANH (default), RELU, SIGMOID or IDENTITY. */
        public Builder activation(Activation activation) {
            Activations.checkSupported(activation);
            this.activation = activation;
            return this;
        }

        /** Output head and loss; default {@link Head#REGRESSION}. */
        public Builder head(Head head) {
            if (head == null) {
                throw new IllegalArgumentException("head is null; pass Mlp.Head.REGRESSION or Mlp.Head.CLASSIFICATION");
            }
            this.head = head;
            return this;
        }

        /** Adam step size; default 1e-3. */
        public Builder learningRate(double learningRate) {
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learningRate = " + learningRate + "; pass a finite positive step size such as 1e-3");
            }
            this.learningRate = learningRate;
            return this;
        }

        /** L2 penalty {@code l2 * w} added to the weight gradients (not the biases); default 0. */
        public Builder l2(double l2) {
            if (!(l2 >= 0) || Double.isInfinite(l2)) {
                throw new IllegalArgumentException("l2 = " + l2 + "; pass a finite coefficient >= 0 (0 turns it off)");
            }
            this.l2 = l2;
            return this;
        }

        /** Seed of the weight initialisation; default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Mlp build() {
            if (head == Head.CLASSIFICATION && outputs < 2) {
                throw new IllegalArgumentException("outputs = " + outputs
                        + " with a CLASSIFICATION head; pass the number of classes (at least 2)");
            }
            return new Mlp(this);
        }
    }
}
