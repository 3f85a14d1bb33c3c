package imitation.nn;

import java.util.SplittableRandom;

/**
 * One stage of a {@link Network}: a differentiable map from an input batch {@code [rows, inputs()]} to an
 * output batch {@code [rows, outputs()]}, with its parameters in a slice of the network's {@link Params}.
 *
 * <p>The contract that every layer keeps, and that the gradient checker tests:
 * <ul>
 *   <li>{@link #forward} computes the output and keeps in its {@link Cache} whatever the backward pass needs;</li>
 *   <li>{@link #backward} takes {@code dL/dOutput}, ADDS {@code dL/dParams} into the view's gradient, and
 *       RETURNS {@code dL/dInput}, so gradients flow into earlier layers, into a latent code (VAE) or into
 *       the input of a discriminator (GAN, GAIL).</li>
 * </ul>
 * Layers hold settings only; everything that changes per call lives in the {@link Cache} of a {@link Tape},
 * so one network can run forward passes on several threads at once (one tape per thread).
 */
public interface Layer extends java.io.Serializable {

    int inputs();

    int outputs();

    /** Number of parameters this layer owns (0 for activations). */
    default int paramCount() {
        return 0;
    }

    /** Writes initial parameter values (and marks the weights that L2 applies to). */
    default void initialise(Params.View p, SplittableRandom rng) {}

    /** A fresh cache for one tape. */
    Cache newCache();

    /** The output for input {@code x}; the returned batch belongs to {@code cache}. */
    Batch forward(Batch x, Params.View p, Cache cache);

    /**
     * Accumulates the parameter gradient for output gradient {@code dy} (same shape as the last output) and
     * returns the input gradient (a batch owned by {@code cache}).
     */
    Batch backward(Batch dy, Params.View p, Cache cache);

    /**
     * As {@link #backward} when nothing reads the input gradient (the first layer of a training step): only
     * accumulates the parameter gradient, so a layer may skip the input-gradient work.
     */
    default void backwardParams(Batch dy, Params.View p, Cache cache) {
        backward(dy, p, cache);
    }

    /**
     * Forward mode: the derivative of the last output along a parameter direction, {@code dy = (∂y/∂x) dx +
     * (∂y/∂θ) dθ}, where {@code dθ} is this layer's slice of the direction (same layout as {@code p}) and {@code dx}
     * the derivative of the input along it ({@code null} for zero). Returns a batch owned by {@code cache}, or
     * {@code null} for zero; leaves what {@link #backward} reads untouched. Layers without it throw.
     */
    default Batch tangent(Batch dx, Params.View p, Params.View dTheta, Cache cache) {
        throw new UnsupportedOperationException(describe() + " has no forward-mode derivative; "
                + "use a network of dense, activation and appended-parameter layers");
    }

    /** A short description, e.g. {@code Dense(8 → 64)}. */
    String describe();

    /** Per-tape working memory of one layer: its last input and output, and scratch batches per size. */
    class Cache {
        Batch input;
        Batch output;
        private final java.util.Map<Long, Batch> scratch = new java.util.LinkedHashMap<>(8, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<Long, Batch> eldest) {
                return size() > 12;
            }
        };

        /** A batch for {@code slot} of this shape, reused across calls of the same size (contents undefined). */
        Batch batch(int slot, int rows, int cols, int steps) {
            long key = ((long) slot << 56) ^ ((long) rows << 24) ^ ((long) cols << 8) ^ steps;
            Batch b = scratch.get(key);
            if (b == null || b.rows != rows || b.cols != cols || b.steps != steps) {
                b = Batch.sequence(rows, cols, steps);
                scratch.put(key, b);
            }
            return b;
        }

        /** The batch (or sequence batch) read by the last forward pass. */
        public Batch input() {
            return input;
        }
    }
}
