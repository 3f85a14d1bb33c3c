package imitation.nn;

import java.util.SplittableRandom;

/**
 * Appends {@code count} learned constants to every row: {@code y = [x, θ]}. A Gaussian policy with a
 * state-independent log standard deviation is a body ending in this layer (the constants are the log σ),
 * so every parameter of the policy lives in one {@link Params} and one optimiser trains them all.
 * Backward: {@code dθ_j = Σ_rows dy[·, in + j]}, {@code dx = dy[·, :in]}. Not decayed by L2.
 */
record AppendParameters(int in, int count, double initial) implements Layer {

    AppendParameters {
        if (count < 1) {
            throw new IllegalArgumentException("count = " + count + "; append at least 1 parameter");
        }
        if (!Double.isFinite(initial)) {
            throw new IllegalArgumentException("initial = " + initial + "; pass a finite starting value, e.g. 0");
        }
    }

    @Override
    public int inputs() {
        return in;
    }

    @Override
    public int outputs() {
        return in + count;
    }

    @Override
    public int paramCount() {
        return count;
    }

    @Override
    public void initialise(Params.View p, SplittableRandom rng) {
        for (int j = 0; j < count; j++) {
            p.set(j, initial);
        }
    }

    @Override
    public Cache newCache() {
        return new Cache();
    }

    @Override
    public Batch forward(Batch x, Params.View p, Cache cache) {
        int n = x.rows;
        Batch y = cache.batch(0, n, in + count, x.steps);
        int inValues = n * in;
        for (int i = 0; i < inValues; i++) {
            y.data.put(i, x.data.get(i));
        }
        for (int j = 0; j < count; j++) {
            float v = p.get(j);
            int base = (in + j) * n;
            for (int r = 0; r < n; r++) {
                y.data.put(base + r, v);
            }
        }
        cache.input = x;
        cache.output = y;
        return y;
    }

    @Override
    public Batch backward(Batch dy, Params.View p, Cache cache) {
        int n = dy.rows;
        for (int j = 0; j < count; j++) {
            int base = (in + j) * n;
            double s = 0;
            for (int r = 0; r < n; r++) {
                s += dy.data.get(base + r);
            }
            p.addGrad(j, s);
        }
        Batch dx = cache.batch(1, n, in, dy.steps);
        int inValues = n * in;
        for (int i = 0; i < inValues; i++) {
            dx.data.put(i, dy.data.get(i));
        }
        return dx;
    }

    /** {@code dy = [dx, dθ]} on every row. */
    @Override
    public Batch tangent(Batch dx, Params.View p, Params.View dTheta, Cache cache) {
        int n = cache.input.rows;
        Batch dy = cache.batch(2, n, in + count, cache.input.steps);
        int inValues = n * in;
        for (int i = 0; i < inValues; i++) {
            dy.data.put(i, dx == null ? 0f : dx.data.get(i));
        }
        for (int j = 0; j < count; j++) {
            float v = dTheta.get(j);
            int base = (in + j) * n;
            for (int r = 0; r < n; r++) {
                dy.data.put(base + r, v);
            }
        }
        return dy;
    }

    @Override
    public String describe() {
        return "Append(" + count + " learned)";
    }
}
