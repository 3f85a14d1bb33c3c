package imitation.irl;

import imitation.data.Interruption;
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
 * independent sums; a forward step first computes the flow D_t(s) Σ_a π_t(a|s) P_s[a][j] along every
 * entry (s, j), then sums the flows into each successor in a fixed order. In grid worlds U_s holds at
 * most five cells. Each step's loop over states runs on {@link Workers}; every state's output is
 * written by one thread and summed in the same order, so results are identical for any thread count.
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
    /** Entries k with union[k] = s', for each s' in ascending k: predecessors[predecessorStart[s']...]. */
    private final int[] predecessorStart;
    private final int[] predecessors;
    /** Mass moving along each union entry in the current forward step. */
    private final double[] flow;
    private final Workers workers;

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
        this(mdp, Workers.shared());
    }

    Planner(TabularMdp mdp, Workers workers) {
        this(mdp, workers, requireMdp(mdp).hasFiniteHorizon(), mdp.discount());
    }

    /** Plans the infinite-horizon problem discounted by {@code discount} on {@code mdp}'s dynamics (its own horizon and discount unused). */
    Planner(TabularMdp mdp, double discount) {
        this(requireMdp(mdp), Workers.shared(), false, discount);
    }

    private static TabularMdp requireMdp(TabularMdp mdp) {
        if (mdp == null) {
            throw new IllegalArgumentException("mdp is null; pass the TabularMdp to plan on");
        }
        return mdp;
    }

    private Planner(TabularMdp mdp, Workers workers, boolean finite, double discount) {
        this.workers = workers;
        states = mdp.states();
        actions = mdp.actions();
        this.finite = finite;
        steps = finite ? mdp.horizon() : 1;
        gamma = discount;
        int[] rowStart = mdp.rowStart();
        int[] next = mdp.successors();
        double[] prob = mdp.successorProbabilities();
        unionStart = new int[states + 1];
        int[][] unions = new int[states][];
        for (int s = 0; s < states; s++) {
            unions[s] = java.util.stream.IntStream.range(rowStart[s * actions], rowStart[(s + 1) * actions])
                    .map(k -> next[k]).sorted().distinct().toArray();
            unionStart[s + 1] = unionStart[s] + unions[s].length;
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
        predecessorStart = new int[states + 1];
        for (int target : union) {
            predecessorStart[target + 1]++;
        }
        for (int s = 0; s < states; s++) {
            predecessorStart[s + 1] += predecessorStart[s];
        }
        predecessors = new int[union.length];
        int[] fill = Arrays.copyOf(predecessorStart, states);
        for (int k = 0; k < union.length; k++) {
            predecessors[fill[union[k]]++] = k;
        }
        flow = new double[union.length];
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
                double[] in = vNext;
                double[] out = v;
                int off = t * states * actions;
                workers.run(states, (from, to) -> backup(r, in, out, off, soft, from, to));
                vNext = out;
                v = in;
            }
            if (vNext != values) {
                System.arraycopy(vNext, 0, values, 0, states);
            }
        } else {
            int sweep = 0;
            double change;
            do {
                Interruption.check("value iteration", sweep, "sweeps");
                workers.run(states, (from, to) -> backup(r, values, scratch, 0, soft, from, to));
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
     * One Bellman backup of states [from, to) from vIn into vOut, writing the policy at offset off. Q
     * is written into the policy table and turned into π in place.
     */
    private void backup(double[] r, double[] vIn, double[] vOut, int off, boolean soft, int from, int to) {
        for (int s = from; s < to; s++) {
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
            if (soft) {
                double max = policy[base];
                for (a = 1; a < actions; a++) {
                    max = Math.max(max, policy[base + a]);   // branch-free, unlike the argmax below
                }
                double sum = 0;
                for (a = 0; a < actions; a++) {
                    double e = expNonPositive(policy[base + a] - max);
                    policy[base + a] = e;
                    sum += e;
                }
                double inv = 1 / sum;
                for (a = 0; a < actions; a++) {
                    policy[base + a] *= inv;
                }
                vOut[s] = max + Math.log(sum);
            } else {
                double max = policy[base];
                int best = 0;
                for (a = 1; a < actions; a++) {
                    if (policy[base + a] > max) {
                        max = policy[base + a];
                        best = a;
                    }
                }
                for (a = 0; a < actions; a++) {
                    policy[base + a] = a == best ? 1 : 0;
                }
                vOut[s] = max;
            }
        }
    }

    /**
     * Q(s, a) = r(s) + γ Σ_s' P(s'|s,a) V(s') from the current {@link #values}: after a stationary
     * {@link #hard} pass, the optimal Q-values (after {@link #soft}, the soft ones).
     */
    double[][] qValues(double[] r) {
        checkReward(r);
        double[][] q = new double[states][actions];
        for (int s = 0; s < states; s++) {
            int u0 = unionStart[s];
            int u = unionStart[s + 1] - u0;
            for (int a = 0; a < actions; a++) {
                int p = actions * u0 + a * u;
                double e = 0;
                for (int j = 0; j < u; j++) {
                    e += block[p + j] * values[union[u0 + j]];
                }
                q[s][a] = r[s] + gamma * e;
            }
        }
        return q;
    }

    /** Expected visitation of the current {@link #policy} from {@code start}. */
    void forward(double[] start) {
        forward(start, policy, steps);
    }

    /** Expected visitation of the policy {@code table} (with {@code tableSteps} time tables) from {@code start}. */
    void forward(double[] start, double[] table, int tableSteps) {
        System.arraycopy(start, 0, d, 0, states);
        System.arraycopy(start, 0, visitation, 0, states);
        double weight = 1;
        double[] cur = d;
        double[] nxt = dNext;
        for (int t = 0; finite ? t < steps - 1 : weight * gamma / (1 - gamma) >= MASS_TOLERANCE; t++) {
            double[] from = cur;
            double[] into = nxt;
            int off = Math.min(t, tableSteps - 1) * states * actions;
            workers.run(states, (lo, hi) -> outflow(from, table, off, lo, hi));
            weight *= gamma;
            double w = weight;
            workers.run(states, (lo, hi) -> inflow(into, w, lo, hi));
            cur = into;
            nxt = from;
        }
    }

    /** flow[(s, j)] = D(s) Σ_a π(a|s) P_s[a][j] for the states [from, to). */
    private void outflow(double[] dist, double[] table, int off, int from, int to) {
        for (int s = from; s < to; s++) {
            double ds = dist[s];
            int u0 = unionStart[s];
            int u = unionStart[s + 1] - u0;
            if (ds == 0) {
                Arrays.fill(flow, u0, u0 + u, 0);
                continue;
            }
            int base = off + s * actions;
            int p = actions * u0;
            int a = 0;
            // four actions at a time, as in backup; the first group (or action) initialises the flows
            for (; a + 4 <= actions; a += 4, p += 4 * u) {
                double w0 = ds * table[base + a];
                double w1 = ds * table[base + a + 1];
                double w2 = ds * table[base + a + 2];
                double w3 = ds * table[base + a + 3];
                for (int j = 0; j < u; j++) {
                    double f = w0 * block[p + j] + w1 * block[p + u + j] + w2 * block[p + 2 * u + j]
                            + w3 * block[p + 3 * u + j];
                    flow[u0 + j] = a == 0 ? f : flow[u0 + j] + f;
                }
            }
            for (; a < actions; a++, p += u) {
                double w = ds * table[base + a];
                for (int j = 0; j < u; j++) {
                    flow[u0 + j] = a == 0 ? w * block[p + j] : flow[u0 + j] + w * block[p + j];
                }
            }
        }
    }

    /** D'(s') = Σ of the flows into s', and μ(s') += weight·D'(s'), for the states [from, to). */
    private void inflow(double[] into, double weight, int from, int to) {
        for (int s = from; s < to; s++) {
            double v = 0;
            for (int k = predecessorStart[s]; k < predecessorStart[s + 1]; k++) {
                v += flow[predecessors[k]];
            }
            into[s] = v;
            visitation[s] += weight * v;
        }
    }

    /**
     * e^x for x ≤ 0, within 4e-16 relative error of {@link Math#exp} (measured over [−708, 0]) and about
     * twice as fast on the machines measured here: e^x = 2^(k/256) e^ρ with k = round(256 x / ln 2),
     * |ρ| ≤ ln 2 / 512, 2^(k/256) = 2^⌊k/256⌋ · TWO_POW[k mod 256] and a degree-5 Taylor polynomial for
     * e^ρ (truncation error below 1e-20). Arguments below −708, where 2^⌊k/256⌋ would be subnormal, go
     * to {@link Math#exp}.
     */
    static double expNonPositive(double x) {
        if (x < -708) {
            return Math.exp(x);
        }
        double shifted = x * TABLE_OVER_LN2 + ROUNDING_SHIFT;
        int k = (int) Double.doubleToRawLongBits(shifted);
        double kd = shifted - ROUNDING_SHIFT;
        double rho = (x - kd * LN2_OVER_TABLE_HIGH) - kd * LN2_OVER_TABLE_LOW;
        double poly = 1 + rho * (1 + rho * (1.0 / 2 + rho * (1.0 / 6 + rho * (1.0 / 24 + rho * (1.0 / 120)))));
        return poly * TWO_POW[k & (TABLE - 1)] * Double.longBitsToDouble((long) ((k >> TABLE_BITS) + 1023) << 52);
    }

    private static final int TABLE_BITS = 8;
    private static final int TABLE = 1 << TABLE_BITS;
    /** Adding 1.5·2^52 rounds to an integer, left in the low bits of the double's representation. */
    private static final double ROUNDING_SHIFT = 0x1.8p52;
    private static final double TABLE_OVER_LN2 = TABLE / Math.log(2);
    /** ln 2 / 256 split in two: the high part has 26 significant bits, so k · high is exact. */
    private static final double LN2_OVER_TABLE_HIGH;
    private static final double LN2_OVER_TABLE_LOW;
    /** 2^(j/256), j = 0..255. */
    private static final double[] TWO_POW = new double[TABLE];

    static {
        java.math.BigDecimal ln2 = new java.math.BigDecimal("0.69314718055994530941723212145817656807550013436025525412")
                .divide(java.math.BigDecimal.valueOf(TABLE));
        LN2_OVER_TABLE_HIGH = Double.longBitsToDouble(Double.doubleToRawLongBits(ln2.doubleValue()) & 0xFFFFFFFFF8000000L);
        LN2_OVER_TABLE_LOW = ln2.subtract(new java.math.BigDecimal(LN2_OVER_TABLE_HIGH)).doubleValue();
        for (int j = 0; j < TABLE; j++) {
            TWO_POW[j] = StrictMath.pow(2, j / (double) TABLE);
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
