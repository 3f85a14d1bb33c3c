package imitation.nn;

import java.nio.FloatBuffer;

/**
 * Element-wise nonlinearities, each as a layer of a {@link Network}. The float paths run as plain Java
 * loops over heap copies of the batch's native memory: tanh is a rational approximation ({@link #tanh(float)},
 * within 4e-7 of {@code Math.tanh}), and sigmoid is {@code (1 + tanh(z/2)) / 2}. One native ND4J op on a
 * 64×64 batch costs 30–50 µs here against about 4 µs for the loop. The derivative is written through the
 * output {@code h = f(z)}, so the backward pass needs no stored pre-activation.
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

    private static final int CHUNK = 1024;
    /** Beyond this, tanh rounds to ±1 in float. */
    private static final float TANH_CLAMP = 7.90531110763549805f;

    /** The activation of one value, in double precision. */
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

    /**
     * {@code tanh z} in float: {@code z·P(z²)/Q(z²)} with a degree-13/6 rational fit (the coefficients of
     * Eigen's float tanh), clamped where float tanh is ±1; absolute error under 4e-7.
     */
    static float tanh(float z) {
        float x = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, z));
        float x2 = x * x;
        float p = -2.76076847742355e-16f;
        p = p * x2 + 2.00018790482477e-13f;
        p = p * x2 - 8.60467152213735e-11f;
        p = p * x2 + 5.12229709037114e-08f;
        p = p * x2 + 1.48572235717979e-05f;
        p = p * x2 + 6.37261928875436e-04f;
        p = p * x2 + 4.89352455891786e-03f;
        float q = 1.19825839466702e-06f;
        q = q * x2 + 1.18534705686654e-04f;
        q = q * x2 + 2.26843463243900e-03f;
        q = q * x2 + 4.89352518554385e-03f;
        return x * p / q;
    }

    /** {@code σ(z) = (1 + tanh(z/2)) / 2} in float. */
    static float sigmoid(float z) {
        return 0.5f + 0.5f * tanh(0.5f * z);
    }

    /** {@code y = f(x)} element-wise over whole batches of the same shape ({@code x == y} allowed). */
    void apply(Batch x, Batch y) {
        int count = x.rows * x.cols;
        FloatBuffer xs = x.data;
        FloatBuffer ys = y.data;
        float[] buffer = new float[Math.min(count, CHUNK)];
        for (int from = 0; from < count; from += CHUNK) {
            int length = Math.min(CHUNK, count - from);
            xs.get(from, buffer, 0, length);
            switch (this) {
                case TANH -> {
                    for (int i = 0; i < length; i++) {
                        buffer[i] = tanh(buffer[i]);
                    }
                }
                case SIGMOID -> {
                    for (int i = 0; i < length; i++) {
                        buffer[i] = sigmoid(buffer[i]);
                    }
                }
                case RELU -> {
                    for (int i = 0; i < length; i++) {
                        buffer[i] = Math.max(buffer[i], 0f);
                    }
                }
                case IDENTITY -> { }
            }
            ys.put(from, buffer, 0, length);
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
