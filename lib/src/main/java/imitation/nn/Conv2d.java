package imitation.nn;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A 2-D convolution without padding: {@code filters} kernels of {@code kernel × kernel × channels} slide over
 * an image of {@code height × width × channels} with the given stride, plus one bias per filter. The output
 * image is {@code outHeight × outWidth × filters} with {@code out = floor((in − kernel) / stride) + 1} per
 * side; pixels a stride skips past at the right and bottom edges are not read. A row of a batch is one image
 * flattened row-major, then channel (channel-last): pixel {@code (y, x)}, channel {@code c} is column
 * {@code (y·width + x)·channels + c}, for the input and the output alike.
 *
 * <p>Each pass is one OpenBLAS call over the whole batch: the input patches are copied into a matrix
 * ({@code im2col}) whose row {@code p·n + i} is patch {@code p} of example {@code i} and whose columns are
 * the {@code (ky, kx, c)} kernel taps plus a column of ones, and that matrix times the weights gives every
 * output at once, filter by filter, which one more copy puts in channel-last order. Because a batch is
 * column-major (each column holds one value of all {@code n} examples), every copy moves {@code n}
 * contiguous floats. The backward pass is two more products and the adjoint copy ({@code col2im}), which
 * sums the patch gradients back onto the pixels they came from; {@link #backwardParams} (the first layer
 * of a training step) needs only the first product.
 *
 * <p>Parameters: a {@code (k·k·channels + 1) × filters} column-major matrix whose last row holds the biases,
 * so the bias rides in the same product. Weights are Glorot-uniform with
 * {@code fanIn = k·k·channels}, {@code fanOut = k·k·filters}; biases start at zero and are not decayed.
 */
final class Conv2d implements Layer {
    private final int height;
    private final int width;
    private final int channels;
    private final int filters;
    private final int kernel;
    private final int stride;
    private final int outHeight;
    private final int outWidth;

    Conv2d(int height, int width, int channels, int filters, int kernel, int stride) {
        if (filters < 1) {
            throw new IllegalArgumentException("conv filters = " + filters + "; a convolution needs at least 1 filter, e.g. conv(8, 5, 2)");
        }
        if (kernel < 1) {
            throw new IllegalArgumentException("conv kernel = " + kernel + "; a kernel needs at least 1 pixel per side, e.g. conv(8, 5, 2)");
        }
        if (stride < 1) {
            throw new IllegalArgumentException("conv stride = " + stride + "; the stride must be at least 1 (1 visits every position), e.g. conv(8, 5, 2)");
        }
        if (kernel > height || kernel > width) {
            throw new IllegalArgumentException("conv kernel = " + kernel + " does not fit the " + height + "x" + width
                    + " input image; use a kernel of at most " + Math.min(height, width)
                    + ", or fewer or less strided convolutions before this one");
        }
        long params = ((long) kernel * kernel * channels + 1) * filters;
        long outputs = (long) ((height - kernel) / stride + 1) * ((width - kernel) / stride + 1) * filters;
        if (params > Params.MAX_SIZE || outputs > Params.MAX_SIZE) {
            throw new IllegalArgumentException("a convolution of " + filters + " filters " + kernel + "x" + kernel
                    + " on " + height + "x" + width + "x" + channels + " has " + params + " parameters and " + outputs
                    + " outputs per image, more than one buffer holds (2^31); use fewer filters or smaller images");
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        outHeight = (height - kernel) / stride + 1;
        outWidth = (width - kernel) / stride + 1;
    }

    int outHeight() {
        return outHeight;
    }

    int outWidth() {
        return outWidth;
    }

    int filters() {
        return filters;
    }

    /** Kernel taps per filter, {@code k·k·channels}: the rows of the weight matrix without the bias row. */
    private int taps() {
        return kernel * kernel * channels;
    }

    @Override
    public int inputs() {
        return height * width * channels;
    }

    @Override
    public int outputs() {
        return outHeight * outWidth * filters;
    }

    @Override
    public int paramCount() {
        return (taps() + 1) * filters;
    }

    @Override
    public void initialise(Params.View p, SplittableRandom rng) {
        int taps = taps();
        double limit = Math.sqrt(6.0 / (taps + kernel * kernel * filters));
        for (int f = 0; f < filters; f++) {
            int column = f * (taps + 1);
            for (int t = 0; t < taps; t++) {
                p.set(column + t, (2 * rng.nextDouble() - 1) * limit);
            }
            p.decay(column, column + taps);
        }
    }

    @Override
    public Cache newCache() {
        return new ConvCache();
    }

    /** Heap scratch for the column-to-image sum, which runs faster on arrays than on native buffers. */
    private static final class ConvCache extends Cache {
        float[] pixelGrads = new float[0];
        float[] rowGrads = new float[0];
    }

    @Override
    public Batch forward(Batch x, Params.View p, Cache cache) {
        int n = x.rows;
        int positions = outHeight * outWidth;
        int rows = positions * n;
        int taps = taps();
        Batch cols = cache.batch(0, rows, taps + 1, 1);
        im2col(x.data, cols.data, n);
        FloatBuffer ones = cols.data;
        for (int r = taps * rows, end = r + rows; r < end; r++) {
            ones.put(r, 1f);
        }
        // z [filter][position][example] = cols · [W; b]
        Batch z = cache.batch(1, rows, filters, 1);
        Blas.gemm(false, false, rows, filters, taps + 1, cols.pointer, rows, p.valuePointer(0), taps + 1, 0f, z.pointer, rows);
        Batch y = cache.batch(2, n, outputs(), x.steps);
        // y [position][filter][example]: channel-last, like the input
        for (int f = 0; f < filters; f++) {
            for (int q = 0; q < positions; q++) {
                y.data.put((q * filters + f) * n, z.data, (f * positions + q) * n, n);
            }
        }
        cache.input = x;
        cache.output = y;
        return y;
    }

    @Override
    public Batch backward(Batch dy, Params.View p, Cache cache) {
        Batch dz = parameterGradient(dy, p, cache);
        Batch x = cache.input;
        int n = x.rows;
        int rows = outHeight * outWidth * n;
        int taps = taps();
        // dcols = dz Wᵀ, summed back onto the pixels
        Batch dcols = cache.batch(4, rows, taps, 1);
        Blas.gemm(false, true, rows, taps, filters, dz.pointer, rows, p.valuePointer(0), taps + 1, 0f, dcols.pointer, rows);
        Batch dx = cache.batch(5, n, inputs(), x.steps);
        col2im(dcols.data, dx.data, n, (ConvCache) cache);
        return dx;
    }

    @Override
    public void backwardParams(Batch dy, Params.View p, Cache cache) {
        parameterGradient(dy, p, cache);
    }

    /** Adds the parameter gradient; returns {@code dz}, the output gradient in the product's layout. */
    private Batch parameterGradient(Batch dy, Params.View p, Cache cache) {
        int n = cache.input.rows;
        int positions = outHeight * outWidth;
        int rows = positions * n;
        int taps = taps();
        Batch dz = cache.batch(3, rows, filters, 1);
        for (int f = 0; f < filters; f++) {
            for (int q = 0; q < positions; q++) {
                dz.data.put((f * positions + q) * n, dy.data, (q * filters + f) * n, n);
            }
        }
        // d[W; b] += colsᵀ dz (the ones column sums dz into the bias row)
        Batch cols = cache.batch(0, rows, taps + 1, 1);
        Blas.gemm(true, false, taps + 1, filters, rows, cols.pointer, rows, dz.pointer, rows, 1f, p.gradPointer(0), taps + 1);
        return dz;
    }

    /**
     * Copies every patch tap into {@code cols}: column {@code (ky·k + kx)·channels + c}, row {@code p·n + i}
     * holds pixel {@code (oy·s + ky, ox·s + kx)}, channel {@code c} of example {@code i}, for output position
     * {@code p = oy·outWidth + ox}.
     */
    private void im2col(FloatBuffer in, FloatBuffer cols, int n) {
        int dst = 0;
        int step = stride * channels * n;
        for (int ky = 0; ky < kernel; ky++) {
            for (int kx = 0; kx < kernel; kx++) {
                for (int c = 0; c < channels; c++) {
                    for (int oy = 0; oy < outHeight; oy++) {
                        int src = (((oy * stride + ky) * width + kx) * channels + c) * n;
                        for (int ox = 0; ox < outWidth; ox++, src += step, dst += n) {
                            cols.put(dst, in, src, n);
                        }
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2col}: adds each patch gradient onto the pixel it was copied from. Sums on heap
     * arrays, which cost less per value than native buffer accesses (measured), copying one output row of patch
     * gradients at a time so that the copy stays in the first-level cache.
     */
    private void col2im(FloatBuffer dcols, FloatBuffer dx, int n, ConvCache cache) {
        int pixelValues = inputs() * n;
        int rowValues = outWidth * n;
        if (cache.pixelGrads.length < pixelValues) {
            cache.pixelGrads = new float[pixelValues];
        }
        if (cache.rowGrads.length < rowValues) {
            cache.rowGrads = new float[rowValues];
        }
        float[] to = cache.pixelGrads;
        float[] row = cache.rowGrads;
        Arrays.fill(to, 0, pixelValues, 0f);
        int src = 0;
        int step = stride * channels * n;
        for (int ky = 0; ky < kernel; ky++) {
            for (int kx = 0; kx < kernel; kx++) {
                for (int c = 0; c < channels; c++) {
                    for (int oy = 0; oy < outHeight; oy++, src += rowValues) {
                        dcols.get(src, row, 0, rowValues);
                        int dst = (((oy * stride + ky) * width + kx) * channels + c) * n;
                        for (int from = 0; from < rowValues; from += n, dst += step) {
                            for (int i = 0; i < n; i++) {
                                to[dst + i] += row[from + i];
                            }
                        }
                    }
                }
            }
        }
        dx.put(0, to, 0, pixelValues);
    }

    @Override
    public String describe() {
        return "Conv2d(" + height + "x" + width + "x" + channels + " → " + outHeight + "x" + outWidth + "x" + filters
                + ", " + kernel + "x" + kernel + " stride " + stride + ")";
    }
}
