package imitation.irl;

import imitation.env.TabularMdp;
import java.util.Arrays;

/**
 * The numeric core of tabular planning, with preallocated buffers so an IRL loop can call it every
 * iteration without allocating: a backward pass (soft or hard Bellman backups) that fills
 * {@link #policy} and {@link #values}, and a forward pass that fills {@link #visitation}.
 *
 * <p>Finite horizon T: V_T = 0, Q_t(s,a) = r(s) + γ Σ_s' P(s'|s,a) V_{t+1}(s'), then
 * V_t = log Σ_a exp Q_t (soft) or max_a Q_t (hard) and π_t = exp(Q_t − V_t) (soft) or the first argmax
 * (hard). Without a horizon the same backup is iterated to a fixed point, starting from the previous
 * solution (warm start). Visitation: D_0 = start, D_{t+1}(s') = Σ_{s,a} D_t(s) π_t(a|s) P(s'|s,a),
 * μ = Σ_t γ^t D_t (sums to Σ_{t&lt;T} γ^t, or 1/(1−γ)). Not thread-safe.
 *
 * <p>Layout: for each state s the union U_s of the successors of all its actions, and a dense block
 * P_s[a][j] = P(U_s[j] | s, a). A backup reads each V(U_s[j]) once per four actions and keeps four
 * independent sums, and a forward step accumulates the outflow per successor and scatters it once; in
 * grid worlds U_s holds at most five cells. The cost is A·|U_s| multiply-adds per state, at most A
 * times the number of nonzero transitions.
 */
final class Planner {
    private static final double VALUE_TOLERANCE = 1e-10;
    private static final double MASS_TOLERANCE = 1e-12;
    private static final int MAX_SWEEPS = 1_000_000;

    final int states;
    final int actions;
    /** Number of policy tables: the horizon, or 1 for the stationary infinite-horizon policy. */
    final int steps;
    final boolean finite;
    final double gamma;
    private final int[] unionStart;
    private final int[] union;
    private final double[] block;
    private final double[] flows;

    /** π_t(a|s) at (t·S + s)·A + a. */
    final double[] policy;
    /** V_0(s), or the stationary V(s). */
    final double[] values;
    /** μ(s) of the last forward pass. */
    final double[] visitation;
    private final double[] scratch;
    private final double[] d;
    private final double[] dNext;

    Planner(TabularMdp mdp) {
        states = mdp.states();
        actions = mdp.actions();
        finite = mdp.hasFiniteHorizon();
        steps = finite ? mdp.horizon() : 1;
        gamma = mdp.discount();
        int[] rowStart = mdp.rowStart();
        int[] next = mdp.successors();
        double[] prob = mdp.successorProbabilities();
        unionStart = new int[states + 1];
        int[][] unions = new int[states][];
        int widest = 1;
        for (int s = 0; s < states; s++) {
            unions[s] = java.util.stream.IntStream.range(rowStart[s * actions], rowStart[(s + 1) * actions])
                    .map(k -> next[k]).sorted().distinct().toArray();
            unionStart[s + 1] = unionStart[s] + unions[s].length;
            widest = Math.max(widest, unions[s].length);
        }
        union = new int[unionStart[states]];
        block = new double[actions * unionStart[states]];
        for (int s = 0; s < states; s++) {
            int u = unions[s].length;
            System.arraycopy(unions[s], 0, union, unionStart[s], u);
            for (int a = 0; a < actions; a++) {
                int row = s * actions + a;
                for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
                    int j = Arrays.binarySearch(unions[s], next[k]);
                    block[actions * unionStart[s] + a * u + j] = prob[k];
                }
            }
        }
        flows = new double[widest];
        policy = new double[steps * states * actions];
        values = new double[states];
        visitation = new double[states];
        scratch = new double[states];
        d = new double[states];
        dNext = new double[states];
    }

    /** Soft (MaxEnt) value iteration for state reward r. */
    void soft(double[] r) {
        backward(r, true);
    }

    /** Hard (optimal) value iteration for state reward r. */
    void hard(double[] r) {
        backward(r, false);
    }

    private void backward(double[] r, boolean soft) {
        checkReward(r);
        if (finite) {
            double[] vNext = scratch;
            double[] v = values;
            Arrays.fill(vNext, 0);
            for (int t = steps - 1; t >= 0; t--) {
                backup(r, vNext, v, t * states * actions, soft);
                double[] swap = vNext;
                vNext = v;
                v = swap;
            }
            if (vNext != values) {
                System.arraycopy(vNext, 0, values, 0, states);
            }
        } else {
            int sweep = 0;
            double change;
            do {
                backup(r, values, scratch, 0, soft);
                change = 0;
                for (int s = 0; s < states; s++) {
                    change = Math.max(change, Math.abs(scratch[s] - values[s]));
                    values[s] = scratch[s];
                }
                if (++sweep > MAX_SWEEPS || Double.isNaN(change)) {
                    throw new IllegalStateException("value iteration did not converge (last change " + change
                            + " after " + sweep + " sweeps); rewards this large need a smaller discount or a horizon");
                }
            } while (change > VALUE_TOLERANCE * Math.max(1, Math.abs(values[0])));
        }
        for (int s = 0; s < states; s++) {
            if (!Double.isFinite(values[s])) {
                throw new IllegalStateException("value iteration produced V(" + s + ") = " + values[s]
                        + "; the reward is too large for exp(); rescale it");
            }
        }
    }

    /**
     * One Bellman backup of every state from vIn into vOut, writing the policy at offset off. Q is
     * written into the policy table and turned into π in place.
     */
    private void backup(double[] r, double[] vIn, double[] vOut, int off, boolean soft) {
        for (int s = 0; s < states; s++) {
            int base = off + s * actions;
            int u0 = unionStart[s];
            int u = unionStart[s + 1] - u0;
            int p = actions * u0;
            double rs = r[s];
            int a = 0;
            // four actions at a time: independent sums, each V(s') loaded once per four actions
            for (; a + 4 <= actions; a += 4, p += 4 * u) {
                double e0 = 0;
                double e1 = 0;
                double e2 = 0;
                double e3 = 0;
                for (int j = 0; j < u; j++) {
                    double v = vIn[union[u0 + j]];
                    e0 += block[p + j] * v;
                    e1 += block[p + u + j] * v;
                    e2 += block[p + 2 * u + j] * v;
                    e3 += block[p + 3 * u + j] * v;
                }
                policy[base + a] = rs + gamma * e0;
                policy[base + a + 1] = rs + gamma * e1;
                policy[base + a + 2] = rs + gamma * e2;
                policy[base + a + 3] = rs + gamma * e3;
            }
            for (; a < actions; a++, p += u) {
                double e = 0;
                for (int j = 0; j < u; j++) {
                    e += block[p + j] * vIn[union[u0 + j]];
                }
                policy[base + a] = rs + gamma * e;
            }
            double max = Double.NEGATIVE_INFINITY;
            int best = 0;
            for (a = 0; a < actions; a++) {
                if (policy[base + a] > max) {
                    max = policy[base + a];
                    best = a;
                }
            }
            if (soft) {
                double sum = 0;
                for (a = 0; a < actions; a++) {
                    double e = Math.exp(policy[base + a] - max);
                    policy[base + a] = e;
                    sum += e;
                }
                double inv = 1 / sum;
                for (a = 0; a < actions; a++) {
                    policy[base + a] *= inv;
                }
                vOut[s] = max + Math.log(sum);
            } else {
                for (a = 0; a < actions; a++) {
                    policy[base + a] = a == best ? 1 : 0;
                }
                vOut[s] = max;
            }
        }
    }

    /** Expected visitation of the current {@link #policy} from {@code start}. */
    void forward(double[] start) {
        forward(start, policy, steps);
    }

    /** Expected visitation of the policy {@code table} (with {@code tableSteps} time tables) from {@code start}. */
    void forward(double[] start, double[] table, int tableSteps) {
        System.arraycopy(start, 0, d, 0, states);
        Arrays.fill(visitation, 0);
        double weight = 1;
        double[] cur = d;
        double[] nxt = dNext;
        for (int t = 0; ; t++) {
            for (int s = 0; s < states; s++) {
                visitation[s] += weight * cur[s];
            }
            if (finite ? t == steps - 1 : weight * gamma / (1 - gamma) < MASS_TOLERANCE) {
                return;
            }
            Arrays.fill(nxt, 0);
            int off = Math.min(t, tableSteps - 1) * states * actions;
            for (int s = 0; s < states; s++) {
                double ds = cur[s];
                if (ds == 0) {
                    continue;
                }
                int base = off + s * actions;
                int u0 = unionStart[s];
                int u = unionStart[s + 1] - u0;
                int p = actions * u0;
                double w = ds * table[base];
                for (int j = 0; j < u; j++) {
                    flows[j] = w * block[p + j];
                }
                for (int a = 1; a < actions; a++) {
                    w = ds * table[base + a];
                    p += u;
                    for (int j = 0; j < u; j++) {
                        flows[j] += w * block[p + j];
                    }
                }
                for (int j = 0; j < u; j++) {
                    nxt[union[u0 + j]] += flows[j];
                }
            }
            double[] swap = cur;
            cur = nxt;
            nxt = swap;
            weight *= gamma;
        }
    }

    /** Σ_s μ(s) r(s): the expected (discounted) return of the last forward pass under reward r. */
    double expectedReturn(double[] r) {
        double v = 0;
        for (int s = 0; s < states; s++) {
            v += visitation[s] * r[s];
        }
        return v;
    }

    private void checkReward(double[] r) {
        if (r == null || r.length != states) {
            throw new IllegalArgumentException("reward: expected one value per state (length " + states + "), got "
                    + (r == null ? "null" : "length " + r.length));
        }
        for (int s = 0; s < states; s++) {
            if (!Double.isFinite(r[s])) {
                throw new IllegalArgumentException("reward[" + s + "] = " + r[s] + " is not finite; a NaN reward "
                        + "usually means the learner diverged: lower its learning rate");
            }
        }
    }
}
