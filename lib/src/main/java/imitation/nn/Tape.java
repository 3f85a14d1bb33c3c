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

    /**
     * Starts {@code sequences} new sequences: the state every recurrent layer carries becomes zero for that
     * many sequences (the next pass must hold that many per step). No effect without recurrent layers.
     */
    public void resetState(int sequences) {
        if (sequences < 1) {
            throw new IllegalArgumentException("sequences = " + sequences
                    + "; pass the number of sequences each step holds (at least 1)");
        }
        for (Layer.Cache c : caches) {
            if (c instanceof Recurrent.State s) {
                s.reset(sequences);
            }
        }
    }

    /**
     * Zeroes the carried state of every sequence {@code i} with {@code starts[i]} (an episode starts there);
     * the other sequences continue. With no state yet, starts {@code starts.length} new sequences.
     */
    public void resetState(boolean[] starts) {
        if (starts == null) {
            throw new IllegalArgumentException("starts is null; pass one episode-start flag per sequence");
        }
        int carried = stateSequences();
        if (carried != 0 && starts.length != carried) {
            throw new IllegalArgumentException("starts has " + starts.length + " flags but the recurrent state carries "
                    + carried + " sequences; pass one flag per sequence, or call resetState(" + starts.length
                    + ") to start " + starts.length + " new sequences");
        }
        if (starts.length == 0) {
            throw new IllegalArgumentException("starts is empty; pass one episode-start flag per sequence");
        }
        for (Layer.Cache c : caches) {
            if (c instanceof Recurrent.State s) {
                s.reset(starts);
            }
        }
    }

    /** Sequences the recurrent state carries: 0 before the first pass or reset, or without recurrent layers. */
    public int stateSequences() {
        for (Layer.Cache c : caches) {
            if (c instanceof Recurrent.State s) {
                return s.sequences;
            }
        }
        return 0;
    }

    /** The cache of layer {@code i} (e.g. to reach a recurrent layer's state). */
    public Layer.Cache cache(int i) {
        return caches[i];
    }
}
