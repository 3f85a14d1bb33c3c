package imitation.policy;

import java.nio.FloatBuffer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The hidden-layer activations {@link Mlp} supports, each in three forms: an in-place ND4J op for
 * batches, a scalar for the plain-Java forward pass, and the derivative written in terms of the
 * activation's output {@code h} (so the backward pass needs no stored pre-activations).
 */
final class Activations {
    private Activations() {}

    static void checkSupported(Activation activation) {
        if (activation != Activation.TANH && activation != Activation.RELU
                && activation != Activation.SIGMOID && activation != Activation.IDENTITY) {
            throw new IllegalArgumentException("activation = " + activation
                    + " is not supported by Mlp; pick Activation.TANH, RELU, SIGMOID or IDENTITY");
        }
    }

    /** Applies the activation to every element of {@code a}, in place (one ND4J op, none for identity). */
    static void applyInPlace(Activation activation, INDArray a) {
        switch (activation) {
            case TANH -> Transforms.tanh(a, false);
            case RELU -> Transforms.relu(a, false);
            case SIGMOID -> Transforms.sigmoid(a, false);
            default -> { } // IDENTITY
        }
    }

    /** The activation of one value, in double precision. */
    static double apply(Activation activation, double z) {
        return switch (activation) {
            case TANH -> Math.tanh(z);
            case RELU -> Math.max(z, 0);
            case SIGMOID -> 1 / (1 + Math.exp(-z));
            default -> z;
        };
    }

    /**
     * {@code delta[i] *= f'(z_i)} for the first {@code count} elements, with {@code f'} written
     * through the output {@code h = f(z)}: tanh {@code 1 - h^2}, sigmoid {@code h (1 - h)},
     * ReLU {@code [h > 0]}, identity 1.
     */
    static void multiplyByDerivative(Activation activation, FloatBuffer delta, FloatBuffer h, int count) {
        switch (activation) {
            case TANH -> {
                for (int i = 0; i < count; i++) {
                    float v = h.get(i);
                    delta.put(i, delta.get(i) * (1f - v * v));
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < count; i++) {
                    float v = h.get(i);
                    delta.put(i, delta.get(i) * v * (1f - v));
                }
            }
            case RELU -> {
                for (int i = 0; i < count; i++) {
                    if (!(h.get(i) > 0)) {
                        delta.put(i, 0f);
                    }
                }
            }
            default -> { } // IDENTITY
        }
    }
}
