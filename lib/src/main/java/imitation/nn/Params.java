package imitation.nn;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * All parameters of a network in one flat float vector, with a gradient vector of the same layout, in
 * native memory (the layers' BLAS calls read and write them in place). Each layer owns a contiguous
 * {@link View}. The whole vector can be read and written ({@link #values()}, {@link #set}), which is what
 * line searches, target networks and saving need; an optimiser reads {@link #gradient()} through
 * {@link #grad(int)} and writes {@link #value(int)}.
 *
 * <p>Each parameter is marked as a weight (L2 applies) or not (biases, log standard deviations).
 */
public final class Params {
    /** Most parameters one network may hold (the native buffers are indexed by int). */
    static final long MAX_SIZE = Integer.MAX_VALUE - 8;

    private final int size;
    final INDArray valueArray;
    final FloatBuffer value;
    final INDArray gradArray;
    final FloatBuffer grad;
    private final boolean[] decays;

    Params(int size) {
        this.size = size;
        valueArray = Nd4j.create(DataType.FLOAT, Math.max(size, 1));
        value = valueArray.data().asNioFloat();
        gradArray = Nd4j.create(DataType.FLOAT, Math.max(size, 1));
        grad = gradArray.data().asNioFloat();
        decays = new boolean[size];
    }

    /** Number of parameters. */
    public int size() {
        return size;
    }

    /** All values as a new array, layer by layer. */
    public float[] values() {
        float[] out = new float[size];
        value.get(0, out);
        return out;
    }

    /** The accumulated gradient as a new array (same layout as {@link #values()}). */
    public float[] gradient() {
        float[] out = new float[size];
        grad.get(0, out);
        return out;
    }

    /** Overwrites every value; {@code v} must hold {@link #size()} finite values. */
    public void set(float[] v) {
        if (v == null || v.length != size) {
            throw new IllegalArgumentException("values has " + (v == null ? "no array" : v.length + " entries")
                    + " but this network has " + size + " parameters; pass an array from values() of the same network shape");
        }
        for (int i = 0; i < size; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("values[" + i + "] = " + v[i] + "; parameters must be finite");
            }
        }
        value.put(0, v);
    }

    /** Copies every value from {@code other} (same size), e.g. into a target network. */
    public void copyFrom(Params other) {
        if (other.size != size) {
            throw new IllegalArgumentException("other has " + other.size + " parameters but this has " + size
                    + "; copy between networks of the same shape");
        }
        for (int i = 0; i < size; i++) {
            value.put(i, other.value.get(i));
        }
    }

    public float value(int i) {
        return value.get(i);
    }

    public void setValue(int i, float v) {
        value.put(i, v);
    }

    public float grad(int i) {
        return grad.get(i);
    }

    /** Whether L2 applies to parameter {@code i} (weights yes; biases and scale parameters no). */
    public boolean decays(int i) {
        return decays[i];
    }

    /** Sets every gradient entry to zero; call before accumulating a new gradient. */
    public void zeroGrad() {
        for (int i = 0; i < size; i++) {
            grad.put(i, 0f);
        }
    }

    /** {@code Σ w²} over the weights that L2 applies to (the penalty is {@code (l2/2)·Σ w²}). */
    public double weightSquaredNorm() {
        double s = 0;
        for (int i = 0; i < size; i++) {
            if (decays[i]) {
                double w = value.get(i);
                s += w * w;
            }
        }
        return s;
    }

    /** The Euclidean norm of the gradient. */
    public double gradNorm() {
        double s = 0;
        for (int i = 0; i < size; i++) {
            double g = grad.get(i);
            s += g * g;
        }
        return Math.sqrt(s);
    }

    /**
     * Scales the gradient down so its global norm is at most {@code maxNorm} (no change if already
     * smaller); returns the norm before clipping.
     */
    public double clipGradNorm(double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("maxNorm = " + maxNorm + "; pass a finite positive norm such as 1.0");
        }
        double norm = gradNorm();
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / norm);
            for (int i = 0; i < size; i++) {
                grad.put(i, grad.get(i) * scale);
            }
        }
        return norm;
    }

    /** The index of the first gradient entry that is NaN or infinite, or -1. */
    public int firstNonFiniteGrad() {
        for (int i = 0; i < size; i++) {
            if (!Float.isFinite(grad.get(i))) {
                return i;
            }
        }
        return -1;
    }

    void markDecay(int i) {
        decays[i] = true;
    }

    View view(int offset, int count) {
        return new View(offset, count);
    }

    @Override
    public String toString() {
        return "Params[" + size + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && Arrays.equals(values(), p.values());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values());
    }

    /** One layer's slice of the parameters and of the gradient. */
    public final class View {
        final int offset;
        final int count;

        private View(int offset, int count) {
            this.offset = offset;
            this.count = count;
        }

        public int size() {
            return count;
        }

        public float get(int i) {
            return value.get(offset + i);
        }

        public void set(int i, double v) {
            value.put(offset + i, (float) v);
        }

        public float grad(int i) {
            return grad.get(offset + i);
        }

        public void addGrad(int i, double g) {
            int k = offset + i;
            grad.put(k, (float) (grad.get(k) + g));
        }

        /** Marks parameters {@code [from, to)} of this view as weights that L2 applies to. */
        public void decay(int from, int to) {
            Arrays.fill(decays, offset + from, offset + to, true);
        }

        /** Native pointer to value {@code i} of this view. */
        FloatPointer valuePointer(int i) {
            return new FloatPointer(valueArray.data().addressPointer()).position(offset + i);
        }

        /** Native pointer to gradient entry {@code i} of this view. */
        FloatPointer gradPointer(int i) {
            return new FloatPointer(gradArray.data().addressPointer()).position(offset + i);
        }
    }
}
