package imitation.rl;

import imitation.nn.Batch;

/**
 * The losses of the Q-learners on a batch of Q-values {@code q [n, actions]}, each returning its value and
 * adding its gradient with respect to {@code q} into {@code dq}. Every loss is a mean over the batch's n rows,
 * weighted per row (importance weights; 1 for uniform replay) and scaled by a coefficient.
 */
final class QLoss {
    private QLoss() {}

    /** The Huber loss with threshold 1: {@code x²/2} for {@code |x| ≤ 1}, else {@code |x| − 1/2}. */
    static double huber(double x) {
        double a = Math.abs(x);
        return a <= 1 ? 0.5 * x * x : a - 0.5;
    }

    /** Its derivative: x clipped to [−1, 1]. */
    static double huberGradient(double x) {
        return Math.max(-1, Math.min(1, x));
    }

    /**
     * Temporal-difference loss {@code coefficient · (1/n) Σ w_i · huber(Q(s_i, a_i) − y_i)}; writes {@code |δ_i|}
     * into {@code absErrors} when it is not null.
     */
    static double td(Batch q, int[] actions, double[] targets, double[] weights, double coefficient, Batch dq,
            double[] absErrors) {
        int n = actions.length;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double delta = q.get(i, actions[i]) - targets[i];
            loss += weights[i] * huber(delta);
            dq.set(i, actions[i], dq.get(i, actions[i]) + coefficient * weights[i] * huberGradient(delta) / n);
            if (absErrors != null) {
                absErrors[i] = Math.abs(delta);
            }
        }
        return coefficient * loss / n;
    }

    /**
     * DQfD's large-margin classification loss on the demonstration rows (Hester et al. 2018, eq. 2):
     * {@code coefficient · (1/n) Σ_{i demo} w_i · (max_a [Q(s_i, a) + l(a_i, a)] − Q(s_i, a_i))} with
     * {@code l(a_E, a) = margin} for {@code a ≠ a_E} and 0 for {@code a = a_E}. Its gradient is +1 at the
     * maximising action and −1 at the demonstrated one (zero when they agree).
     */
    static double margin(Batch q, int[] actions, boolean[] demo, double[] weights, double margin, double coefficient,
            Batch dq) {
        int n = actions.length;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            if (!demo[i]) {
                continue;
            }
            int expert = actions[i];
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < q.cols(); a++) {
                double v = q.get(i, a) + (a == expert ? 0 : margin);
                if (v > bestValue) {
                    bestValue = v;
                    best = a;
                }
            }
            loss += weights[i] * (bestValue - q.get(i, expert));
            if (best == expert) {
                continue;
            }
            double g = coefficient * weights[i] / n;
            dq.set(i, best, dq.get(i, best) + g);
            dq.set(i, expert, dq.get(i, expert) - g);
        }
        return coefficient * loss / n;
    }
}
