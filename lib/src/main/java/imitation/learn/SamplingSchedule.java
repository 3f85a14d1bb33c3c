package imitation.learn;

import java.util.function.IntToDoubleFunction;

/**
 * Scheduled sampling's ε_i: at training update {@code i} (0, 1, ...) each step of a training sequence is fed the
 * ground truth with probability ε_i and the model's own previous output otherwise (Bengio, Vinyals, Jaitly and
 * Shazeer 2015, "Scheduled sampling for sequence prediction with recurrent neural networks"). ε = 1 is teacher
 * forcing, ε = 0 always feeds the model its own outputs. {@link #at} checks every value.
 *
 * <pre>{@code
 * SamplingSchedule.linear(1, 1e-3, 0.1)    // ε_i = max(0.1, 1 − 0.001·i)
 * SamplingSchedule.exponential(0.99)       // ε_i = 0.99^i
 * SamplingSchedule.inverseSigmoid(50)      // ε_i = 50 / (50 + exp(i / 50))
 * SamplingSchedule.of(i -> i < 100 ? 1 : 0.5)
 * }</pre>
 */
@FunctionalInterface
public interface SamplingSchedule {

    /** ε at update {@code step}; use {@link #at}, which checks the value. */
    double epsilon(int step);

    /** ε at update {@code step}, checked to be a probability. */
    default double at(int step) {
        double e = epsilon(step);
        if (!(e >= 0 && e <= 1)) {
            throw new IllegalArgumentException("sampling schedule " + this + " gave ε = " + e + " at update " + step
                    + "; a schedule must return the probability of feeding the ground truth, in [0, 1]");
        }
        return e;
    }

    /** The same ε at every update: 1 is teacher forcing, 0 always feeds the model's own outputs. */
    static SamplingSchedule constant(double epsilon) {
        probability("constant: epsilon", epsilon);
        return named(i -> epsilon, "constant(" + epsilon + ")");
    }

    /** Linear decay {@code ε_i = max(ε_min, k − c·i)} with {@code k, ε_min ∈ [0, 1]}, {@code c ≥ 0}. */
    static SamplingSchedule linear(double k, double c, double min) {
        probability("linear: k", k);
        probability("linear: min", min);
        if (!(c >= 0) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("linear: c = " + c + "; pass the decrease per update, finite and ≥ 0");
        }
        return named(i -> Math.max(min, k - c * i), "linear(" + k + ", " + c + ", " + min + ")");
    }

    /** Exponential decay {@code ε_i = kⁱ}, {@code k ∈ [0, 1]}. */
    static SamplingSchedule exponential(double k) {
        probability("exponential: k", k);
        return named(i -> Math.pow(k, i), "exponential(" + k + ")");
    }

    /** Inverse sigmoid decay {@code ε_i = k / (k + exp(i / k))}, {@code k ≥ 1} (larger k: later, slower decay). */
    static SamplingSchedule inverseSigmoid(double k) {
        if (!(k >= 1) || !Double.isFinite(k)) {
            throw new IllegalArgumentException("inverseSigmoid: k = " + k + "; pass k ≥ 1 (ε stays near 1 for about k·ln k updates)");
        }
        return named(i -> k / (k + Math.exp(i / k)), "inverseSigmoid(" + k + ")");
    }

    /** Any function of the update index; each value is checked when used. */
    static SamplingSchedule of(IntToDoubleFunction f) {
        if (f == null) {
            throw new IllegalArgumentException("of: f is null; pass a function from the update index to ε in [0, 1]");
        }
        return named(f, "of(function)");
    }

    private static void probability(String what, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " = " + value + " is not a probability; pass a value in [0, 1]");
        }
    }

    private static SamplingSchedule named(IntToDoubleFunction f, String name) {
        return new SamplingSchedule() {
            @Override
            public double epsilon(int step) {
                return f.applyAsDouble(step);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
