package imitation.nn;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A float matrix of {@code rows × cols} in native memory, column-major (element {@code (r, c)} at
 * {@code c·rows + r}), the unit that flows through a {@link Network}: one row per example. Column-major
 * keeps each feature contiguous over the batch, so a dense layer is one BLAS call and an activation one
 * vectorised ND4J op on the same memory.
 *
 * <p>A sequence batch ({@link #steps()} {@code = T > 1}) stacks its time steps: row {@code t·n + i} is
 * example {@code i} at step {@code t}, for {@code n = rows / T} sequences. Layers that act per row (dense,
 * activation) see an ordinary batch of {@code T·n} rows; recurrent layers read the steps in order.
 *
 * <p>Batches returned by a network's forward or backward pass belong to the {@link Tape} that made them
 * and are overwritten by its next pass; call {@link #toArray()} or {@link #copy()} to keep the values.
 */
public final class Batch {
    final int rows;
    final int cols;
    final int steps;
    final INDArray array;
    final FloatBuffer data;
    final FloatPointer pointer;

    private Batch(int rows, int cols, int steps) {
        this.rows = rows;
        this.cols = cols;
        this.steps = steps;
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a batch of rows = " + rows + " × cols = " + cols + " = " + size
                    + " values exceeds the 2^31 limit of one buffer; use fewer rows per batch");
        }
        array = Nd4j.create(DataType.FLOAT, new long[] {Math.max(rows, 1), Math.max(cols, 1)}, 'f');
        data = array.data().asNioFloat();
        pointer = new FloatPointer(array.data().addressPointer());
    }

    /** A zero batch of {@code rows × cols} (one step per row). */
    public static Batch zeros(int rows, int cols) {
        return sequence(rows, cols, 1);
    }

    /** A zero sequence batch: {@code steps} time steps of {@code rows / steps} sequences each. */
    public static Batch sequence(int rows, int cols, int steps) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows = " + rows + "; a batch needs at least 1 row");
        }
        if (cols < 1) {
            throw new IllegalArgumentException("cols = " + cols + "; a batch needs at least 1 column");
        }
        if (steps < 1 || rows % steps != 0) {
            throw new IllegalArgumentException("steps = " + steps + " does not divide rows = " + rows
                    + "; a sequence batch holds steps × sequences rows");
        }
        return new Batch(rows, cols, steps);
    }

    /** The rows of {@code x} ({@code [n][cols]}, all of one length, finite) as a new batch. */
    public static Batch of(double[][] x) {
        return of("x", x);
    }

    static Batch of(String name, double[][] x) {
        int cols = checkRows(name, x, -1);
        Batch b = zeros(x.length, cols);
        b.load(name, x);
        return b;
    }

    /**
     * A sequence batch from {@code x[t][i][c]}: step {@code t} of sequence {@code i}. Every step must hold
     * the same number of sequences; for sequences of different lengths, pad them and mask the loss.
     */
    public static Batch ofSequences(double[][][] x) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("x is " + (x == null ? "null" : "empty")
                    + "; pass x[t][i][c] with at least one step");
        }
        int n = x[0] == null ? 0 : x[0].length;
        int cols = checkRows("x[0]", x[0], -1);
        Batch b = sequence(x.length * n, cols, x.length);
        for (int t = 0; t < x.length; t++) {
            if (x[t] == null || x[t].length != n) {
                throw new IllegalArgumentException("x[" + t + "] holds " + (x[t] == null ? "no array" : x[t].length + " sequences")
                        + " but x[0] holds " + n + "; every step needs the same number of sequences (pad shorter ones)");
            }
            checkRows("x[" + t + "]", x[t], cols);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < cols; c++) {
                    b.data.put(c * b.rows + t * n + i, (float) x[t][i][c]);
                }
            }
        }
        return b;
    }

    /** Overwrites this batch with {@code x} ({@code [rows][cols]}), checking shape and finiteness. */
    public void load(double[][] x) {
        load("x", x);
    }

    void load(String name, double[][] x) {
        checkRows(name, x, cols);
        if (x.length != rows) {
            throw new IllegalArgumentException(name + " has " + x.length + " rows but the batch holds " + rows
                    + "; pass " + rows + " rows");
        }
        for (int r = 0; r < rows; r++) {
            double[] row = x[r];
            for (int c = 0; c < cols; c++) {
                data.put(c * rows + r, (float) row[c]);
            }
        }
    }

    /** Checks that {@code x} is a non-empty matrix of finite float values, {@code width} wide (or any width if -1); returns the width. */
    static int checkRows(String name, double[][] x, int width) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException(name + " is " + (x == null ? "null" : "empty") + "; pass at least one row");
        }
        int w = width < 0 && x[0] != null ? x[0].length : width;
        if (w < 1) {
            throw new IllegalArgumentException(name + "[0] has no values; pass rows with at least one column");
        }
        for (int r = 0; r < x.length; r++) {
            double[] row = x[r];
            if (row == null || row.length != w) {
                throw new IllegalArgumentException(name + "[" + r + "] has " + (row == null ? "no array" : row.length + " values")
                        + " but " + w + " are needed; pass rows of length " + w);
            }
            for (int c = 0; c < w; c++) {
                double v = row[c];
                if (!Double.isFinite(v) || Math.abs(v) > Float.MAX_VALUE) {
                    throw new IllegalArgumentException(name + "[" + r + "][" + c + "] = " + v
                            + "; values must be finite floats: repair or remove that row");
                }
            }
        }
        return w;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Time steps stacked in this batch (1 for an ordinary batch). */
    public int steps() {
        return steps;
    }

    /** Sequences per step: {@code rows / steps}. */
    public int sequences() {
        return rows / steps;
    }

    public float get(int r, int c) {
        return data.get(index(r, c));
    }

    public void set(int r, int c, double v) {
        data.put(index(r, c), (float) v);
    }

    private int index(int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException("(" + r + ", " + c + ") is outside a " + rows + " × " + cols + " batch");
        }
        return c * rows + r;
    }

    /** The values as {@code [rows][cols]} doubles. */
    public double[][] toArray() {
        double[][] out = new double[rows][cols];
        for (int c = 0; c < cols; c++) {
            int base = c * rows;
            for (int r = 0; r < rows; r++) {
                out[r][c] = data.get(base + r);
            }
        }
        return out;
    }

    /** An independent copy with the same shape and steps. */
    public Batch copy() {
        Batch b = new Batch(rows, cols, steps);
        copyInto(b);
        return b;
    }

    void copyInto(Batch target) {
        int n = rows * cols;
        for (int i = 0; i < n; i++) {
            target.data.put(i, data.get(i));
        }
    }

    void fill(float v) {
        int n = rows * cols;
        for (int i = 0; i < n; i++) {
            data.put(i, v);
        }
    }

    /** The index of the first value that is NaN or infinite, or -1. */
    int firstNonFinite() {
        int n = rows * cols;
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(data.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** A pointer {@code offset} floats into this batch. */
    FloatPointer pointer(long offset) {
        return new FloatPointer(array.data().addressPointer()).position(offset);
    }

    @Override
    public String toString() {
        return "Batch[" + rows + " × " + cols + (steps > 1 ? ", " + steps + " steps" : "") + "]";
    }
}
