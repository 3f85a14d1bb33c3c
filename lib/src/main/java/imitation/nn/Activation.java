package imitation.nn;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Element-wise nonlinearities, each as a layer of a {@link Network}. Large batches run as one vectorised
 * ND4J op on the batch's native memory; small ones (at most {@value #JAVA_VALUES} values) as a Java loop,
 * which is cheaper than one native call. The derivative is written through the output {@code h = f(z)},
 * so the backward pass needs no stored pre-activation.
 */
public enum Activation {
    /** {@code tanh z}; derivative {@code 1 − h²}. */
    TANH,
    /** {@code max(z, 0)}; derivative {@code [h > 0]}. */
    RELU,
    /** {@code 1 / (1 + e^{−z})}; derivative {@code h (1 − h)}. */
    SIGMOID,
    /** {@code z}. */
    IDENTITY;

    static final int JAVA_VALUES = 512;

    /** The activation of one value. */
    public double apply(double z) {
        return switch (this) {
            case TANH -> Math.tanh(z);
            case RELU -> Math.max(z, 0);
            case SIGMOID -> 1 / (1 + Math.exp(-z));
            case IDENTITY -> z;
        };
    }

    /** {@code f'(z)} written through {@code h = f(z)}. */
    public double derivativeAt(double h) {
        return switch (this) {
            case TANH -> 1 - h * h;
            case RELU -> h > 0 ? 1 : 0;
            case SIGMOID -> h * (1 - h);
            case IDENTITY -> 1;
        };
    }

    /** {@code y = f(x)} element-wise over whole batches of the same shape. */
    void apply(Batch x, Batch y) {
        int count = x.rows * x.cols;
        if (count <= JAVA_VALUES || this == IDENTITY) {
            FloatBuffer xs = x.data;
            FloatBuffer ys = y.data;
            for (int i = 0; i < count; i++) {
                ys.put(i, (float) apply(xs.get(i)));
            }
            return;
        }
        switch (this) {
            case TANH -> Nd4j.getExecutioner().exec(new Tanh(x.array, y.array));
            case SIGMOID -> Nd4j.getExecutioner().exec(new Sigmoid(x.array, y.array));
            case RELU -> Nd4j.getExecutioner().exec(new RectifiedLinear(x.array, y.array, 0.0));
            default -> throw new AssertionError(this);
        }
    }

    /** {@code dx = dy · f'(z)} element-wise, with {@code h = f(z)}. */
    void backward(Batch dy, Batch h, Batch dx) {
        int count = dy.rows * dy.cols;
        FloatBuffer d = dy.data;
        FloatBuffer hs = h.data;
        FloatBuffer out = dx.data;
        switch (this) {
            case TANH -> {
                for (int i = 0; i < count; i++) {
                    float v = hs.get(i);
                    out.put(i, d.get(i) * (1f - v * v));
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < count; i++) {
                    float v = hs.get(i);
                    out.put(i, d.get(i) * v * (1f - v));
                }
            }
            case RELU -> {
                for (int i = 0; i < count; i++) {
                    out.put(i, hs.get(i) > 0 ? d.get(i) : 0f);
                }
            }
            case IDENTITY -> {
                for (int i = 0; i < count; i++) {
                    out.put(i, d.get(i));
                }
            }
        }
    }

    /** This activation as a layer of the given width. */
    Layer layer(int width) {
        return new ActivationLayer(this, width);
    }
}
