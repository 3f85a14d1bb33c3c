package imitation.nn;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * A fully connected layer {@code y = x W + b}, {@code W} of {@code inputs × outputs} (stored column-major)
 * then {@code b}. Initialised Glorot-uniform with zero biases. Forward and backward are OpenBLAS calls on the
 * batch's native memory; batches of at most {@value #JAVA_ROWS} rows (a policy acting in a few
 * environments) run as plain Java loops, which cost less than one native call at that size.
 */
final class Dense implements Layer {
    static final int JAVA_ROWS = 4;

    private final int in;
    private final int out;

    Dense(int in, int out) {
        long count = (long) in * out + out;
        if (count > Params.MAX_SIZE) {
            throw new IllegalArgumentException("a dense layer of " + in + " → " + out + " has " + count
                    + " parameters, more than one buffer holds (2^31); use narrower layers");
        }
        this.in = in;
        this.out = out;
    }

    @Override
    public int inputs() {
        return in;
    }

    @Override
    public int outputs() {
        return out;
    }

    @Override
    public int paramCount() {
        return in * out + out;
    }

    @Override
    public void initialise(Params.View p, SplittableRandom rng) {
        double limit = Math.sqrt(6.0 / (in + out));
        for (int i = 0; i < in * out; i++) {
            p.set(i, (2 * rng.nextDouble() - 1) * limit);
        }
        p.decay(0, in * out);
    }

    @Override
    public Cache newCache() {
        return new DenseCache();
    }

    private static final class DenseCache extends Cache {
        Batch ones;
    }

    @Override
    public Batch forward(Batch x, Params.View p, Cache cache) {
        int n = x.rows;
        Batch y = cache.batch(0, n, out, x.steps);
        cache.input = x;
        cache.output = y;
        if (n <= JAVA_ROWS) {
            forwardJava(x, p, y);
            return y;
        }
        Batch ones = ones((DenseCache) cache, n);
        // y = 1 b^T, then y += x W
        Blas.gemm(false, false, n, out, 1, ones.pointer, n, p.valuePointer(in * out), 1, 0f, y.pointer, n);
        Blas.gemm(false, false, n, out, in, x.pointer, n, p.valuePointer(0), in, 1f, y.pointer, n);
        return y;
    }

    private void forwardJava(Batch x, Params.View p, Batch y) {
        int n = x.rows;
        FloatBuffer xs = x.data;
        FloatBuffer ys = y.data;
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < out; j++) {
                double s = p.get(in * out + j);
                int w = j * in;
                for (int i = 0; i < in; i++) {
                    s += xs.get(i * n + r) * p.get(w + i);
                }
                ys.put(j * n + r, (float) s);
            }
        }
    }

    @Override
    public void backwardParams(Batch dy, Params.View p, Cache cache) {
        Batch x = cache.input;
        int n = x.rows;
        Batch ones = ones((DenseCache) cache, n);
        // dW += x^T dy ; db += dy^T 1
        Blas.gemm(true, false, in, out, n, x.pointer, n, dy.pointer, n, 1f, p.gradPointer(0), in);
        Blas.gemm(false, false, 1, out, n, ones.pointer, 1, dy.pointer, n, 1f, p.gradPointer(in * out), 1);
    }

    @Override
    public Batch backward(Batch dy, Params.View p, Cache cache) {
        backwardParams(dy, p, cache);
        Batch x = cache.input;
        int n = x.rows;
        // dx = dy W^T
        Batch dx = cache.batch(1, n, in, x.steps);
        Blas.gemm(false, true, n, in, out, dy.pointer, n, p.valuePointer(0), in, 0f, dx.pointer, n);
        return dx;
    }

    /** {@code dy = x dW + 1 dbᵀ + dx W}. */
    @Override
    public Batch tangent(Batch dx, Params.View p, Params.View dTheta, Cache cache) {
        Batch x = cache.input;
        int n = x.rows;
        Batch dy = cache.batch(2, n, out, x.steps);
        Batch ones = ones((DenseCache) cache, n);
        Blas.gemm(false, false, n, out, 1, ones.pointer, n, dTheta.valuePointer(in * out), 1, 0f, dy.pointer, n);
        Blas.gemm(false, false, n, out, in, x.pointer, n, dTheta.valuePointer(0), in, 1f, dy.pointer, n);
        if (dx != null) {
            Blas.gemm(false, false, n, out, in, dx.pointer, n, p.valuePointer(0), in, 1f, dy.pointer, n);
        }
        return dy;
    }

    private static Batch ones(DenseCache c, int n) {
        if (c.ones == null || c.ones.rows < n) {
            c.ones = Batch.zeros(Math.max(n, 64), 1);
            c.ones.fill(1f);
        }
        return c.ones;
    }

    @Override
    public String describe() {
        return "Dense(" + in + " → " + out + ")";
    }

}
