package imitation.nn;

/** An {@link Activation} applied element-wise to a batch of {@code width} columns. */
record ActivationLayer(Activation f, int width) implements Layer {

    @Override
    public int inputs() {
        return width;
    }

    @Override
    public int outputs() {
        return width;
    }

    @Override
    public Cache newCache() {
        return new Cache();
    }

    @Override
    public Batch forward(Batch x, Params.View p, Cache cache) {
        Batch y = cache.batch(0, x.rows, width, x.steps);
        f.apply(x, y);
        cache.input = x;
        cache.output = y;
        return y;
    }

    @Override
    public Batch backward(Batch dy, Params.View p, Cache cache) {
        Batch dx = cache.batch(1, dy.rows, width, dy.steps);
        f.backward(dy, cache.output, dx);
        return dx;
    }

    /** {@code dy = f′(z) ⊙ dx}, the same product as the backward pass. */
    @Override
    public Batch tangent(Batch dx, Params.View p, Params.View dTheta, Cache cache) {
        if (dx == null) {
            return null;
        }
        Batch dy = cache.batch(2, dx.rows, width, dx.steps);
        f.backward(dx, cache.output, dy);
        return dy;
    }

    @Override
    public String describe() {
        return f.name().toLowerCase(java.util.Locale.ROOT);
    }
}
