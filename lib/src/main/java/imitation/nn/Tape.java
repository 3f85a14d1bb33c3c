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

    /**
     * A copy of the state the recurrent layers carry, for callers that keep state outside the tape (a recurrent
     * policy's immutable state): one array per recurrent layer and state part (an LSTM has hidden and cell),
     * each {@code n × h} values column-major. Empty without recurrent layers or before the first pass.
     */
    public float[][] saveState() {
        java.util.List<float[]> parts = new java.util.ArrayList<>();
        for (Layer.Cache c : caches) {
            if (c instanceof Recurrent.State s && s.sequences > 0) {
                for (Batch b : s.carried) {
                    float[] copy = new float[b.rows * b.cols];
                    b.data.get(0, copy);
                    parts.add(copy);
                }
            }
        }
        return parts.toArray(new float[0][]);
    }

    /** Makes a copy of {@code saved} (from {@link #saveState} of a tape of the same network) the carried state of {@code sequences} sequences. */
    public void loadState(float[][] saved, int sequences) {
        resetState(sequences);
        int k = 0;
        for (Layer.Cache c : caches) {
            if (c instanceof Recurrent.State s) {
                for (Batch b : s.carried) {
                    if (saved == null || k >= saved.length || saved[k] == null || saved[k].length != b.rows * b.cols) {
                        throw new IllegalArgumentException("saved state part " + k + " has " + (saved == null || k >= saved.length
                                || saved[k] == null ? "no values" : saved[k].length + " values") + " but " + sequences
                                + " sequences of " + s.hidden + " units need " + b.rows * b.cols
                                + "; pass a state saved by this network's tape for " + sequences + " sequences");
                    }
                    b.data.put(0, saved[k++]);
                }
            }
        }
        if (saved != null && k != saved.length) {
            throw new IllegalArgumentException("saved state has " + saved.length + " parts but this network carries " + k
                    + "; pass a state saved by this network's tape");
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
