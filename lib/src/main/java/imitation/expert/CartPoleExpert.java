package imitation.expert;

import imitation.policy.Policy;

/**
 * An analytic CartPole expert: a linear-quadratic regulator for the dynamics linearised about the
 * upright pole, turned into the two discrete pushes by the sign of its force.
 *
 * <p>The linearisation of the standard cart-pole about θ = 0 gives ẍ and θ̈ as linear functions of
 * the state and the force F; an Euler step of dt gives {@code s' = A s + B F}. The gain K solves the
 * discrete algebraic Riccati equation {@code P = Q + Aᵀ P A − Aᵀ P B (R + Bᵀ P B)⁻¹ Bᵀ P A} (iterated
 * to convergence), and the expert pushes right when {@code −K s > 0}. It keeps the pole up for all 500
 * steps of the fixed-horizon variant from every start state of the standard distribution.
 */
public final class CartPoleExpert implements Policy {
    private final double[] gain;

    /** The expert with state weights Q = diag(1, 1, 10, 1) and force weight R = 0.1. */
    public CartPoleExpert() {
        this(new double[] {1, 1, 10, 1}, 0.1);
    }

    /**
     * An LQR expert with diagonal state weights {@code q} (x, ẋ, θ, θ̇) and force weight {@code r}.
     */
    public CartPoleExpert(double[] q, double r) {
        if (q == null || q.length != 4) {
            throw new IllegalArgumentException("q must hold 4 state weights (x, x_dot, theta, theta_dot), got "
                    + (q == null ? "null" : q.length));
        }
        for (double v : q) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("q = " + java.util.Arrays.toString(q) + ": weights must be finite and >= 0");
            }
        }
        if (!(r > 0) || !Double.isFinite(r)) {
            throw new IllegalArgumentException("r = " + r + " must be a finite positive force weight, e.g. 0.1");
        }
        this.gain = lqrGain(q, r);
    }

    /** The LQR gain K (force = −K·s). */
    public double[] gain() {
        return gain.clone();
    }

    @Override
    public double[][] act(double[][] observations) {
        if (observations == null) {
            throw new IllegalArgumentException("CartPoleExpert: observations is null; pass one row [x, x_dot, theta, "
                    + "theta_dot] per state");
        }
        double[][] out = new double[observations.length][1];
        for (int i = 0; i < observations.length; i++) {
            double[] s = observations[i];
            if (s == null || s.length != 4) {
                throw new IllegalArgumentException("CartPoleExpert: observation " + i + " has "
                        + (s == null ? "null" : s.length + " values") + "; CartPole observations are [x, x_dot, theta, theta_dot]");
            }
            double force = -(gain[0] * s[0] + gain[1] * s[1] + gain[2] * s[2] + gain[3] * s[3]);
            out[i][0] = force > 0 ? 1 : 0;
        }
        return out;
    }

    private static double[] lqrGain(double[] q, double r) {
        double g = 9.8;
        double mc = 1.0;
        double mp = 0.1;
        double l = 0.5;
        double dt = 0.02;
        double m = mc + mp;
        double denom = l * (4.0 / 3.0 - mp / m);
        // θ̈ = (g θ − F/m) / denom ; ẍ = F/m − mp l θ̈ / m
        double thetaByTheta = g / denom;
        double thetaByForce = -1.0 / (m * denom);
        double xByTheta = -mp * l * thetaByTheta / m;
        double xByForce = 1.0 / m - mp * l * thetaByForce / m;
        double[][] a = {
            {1, dt, 0, 0},
            {0, 1, dt * xByTheta, 0},
            {0, 0, 1, dt},
            {0, 0, dt * thetaByTheta, 1}};
        double[] b = {0, dt * xByForce, 0, dt * thetaByForce};
        double[][] p = new double[4][4];
        for (int i = 0; i < 4; i++) {
            p[i][i] = q[i];
        }
        double[] k = new double[4];
        for (int iter = 0; iter < 100_000; iter++) {
            double[] pb = multiply(p, b);
            double s = r + dot(b, pb);
            for (int j = 0; j < 4; j++) {
                double bpa = 0;
                for (int i = 0; i < 4; i++) {
                    bpa += pb[i] * a[i][j];
                }
                k[j] = bpa / s;
            }
            // P' = Q + Aᵀ P (A − B K), symmetrised: the plain form loses symmetry and diverges in floating point.
            double[][] closed = new double[4][4];
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    closed[i][j] = a[i][j] - b[i] * k[j];
                }
            }
            double[][] next = new double[4][4];
            double change = 0;
            double size = 0;
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    double v = i == j ? q[i] : 0;
                    for (int u = 0; u < 4; u++) {
                        for (int w = 0; w < 4; w++) {
                            v += a[u][i] * p[u][w] * closed[w][j];
                        }
                    }
                    next[i][j] = v;
                }
            }
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j <= i; j++) {
                    double v = 0.5 * (next[i][j] + next[j][i]);
                    change = Math.max(change, Math.abs(v - p[i][j]));
                    size = Math.max(size, Math.abs(v));
                    next[i][j] = v;
                    next[j][i] = v;
                }
            }
            p = next;
            if (change <= 1e-12 * size) {
                return k;
            }
        }
        throw new IllegalStateException("LQR Riccati iteration did not converge; try other weights q or r");
    }

    private static double[] multiply(double[][] m, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                out[i] += m[i][j] * v[j];
            }
        }
        return out;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
