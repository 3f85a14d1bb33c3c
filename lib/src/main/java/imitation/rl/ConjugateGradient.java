package imitation.rl;

import java.util.function.UnaryOperator;

/**
 * Solves {@code A x = b} for a symmetric positive definite {@code A} given only as products {@code v ↦ A v}
 * (Hestenes and Stiefel 1952): TRPO's way to apply the inverse Fisher matrix without forming it.
 */
final class ConjugateGradient {
    private ConjugateGradient() {}

    /** At most {@code iterations} steps from {@code x = 0}, stopping early when {@code ‖r‖² < tolerance}. */
    static double[] solve(UnaryOperator<double[]> a, double[] b, int iterations, double tolerance) {
        double[] x = new double[b.length];
        double[] r = b.clone();
        double[] p = b.clone();
        double rr = dot(r, r);
        for (int k = 0; k < iterations && rr >= tolerance; k++) {
            double[] ap = a.apply(p);
            double pap = dot(p, ap);
            if (!(pap > 0)) {
                throw new ArithmeticException("conjugate gradient: pᵀAp = " + pap + " at iteration " + k
                        + "; the matrix is not positive definite (raise the damping)");
            }
            double alpha = rr / pap;
            for (int i = 0; i < x.length; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
            }
            double rrNew = dot(r, r);
            double beta = rrNew / rr;
            for (int i = 0; i < p.length; i++) {
                p[i] = r[i] + beta * p[i];
            }
            rr = rrNew;
        }
        return x;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
