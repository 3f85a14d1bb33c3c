package imitation.nn;

import java.util.List;

/**
 * The working memory of forward and backward passes through one {@link Network}: each layer's cache
 * (inputs, outputs, scratch batches, recurrent state). One tape per thread; batches a pass returns belong to
 * the tape and are overwritten by its next pass. Keep two tapes to hold two forward passes for backward
 * (e.g. a discriminator on expert and on policy samples).
 */
public final class Tape {
    final List<Layer> layers;
    final Layer.Cache[] caches;
    boolean forwarded;
    private final Layer.Cache inputs = new Layer.Cache();

    Tape(List<Layer> layers) {
        this.layers = layers;
        caches = new Layer.Cache[layers.size()];
        for (int i = 0; i < caches.length; i++) {
            caches[i] = layers.get(i).newCache();
        }
    }

    /** A reusable input batch of this shape owned by the tape (contents undefined until loaded). */
    public Batch input(int rows, int cols) {
        return inputs.batch(0, rows, cols, 1);
    }

    /** A reusable sequence input batch owned by the tape. */
    public Batch sequenceInput(int rows, int cols, int steps) {
        return inputs.batch(0, rows, cols, steps);
    }

    /** The cache of layer {@code i} (e.g. to reach a recurrent layer's state). */
    public Layer.Cache cache(int i) {
        return caches[i];
    }
}
