package imitation.rl;

import imitation.nn.Network;
import imitation.policy.Policy;

/**
 * The greedy policy of a Q-network: {@code a = argmax_a Q(s, a)} (the lower index on ties). It holds its own
 * copy of the network, so later training does not change it, and it is safe to use from several threads at
 * once ({@link Network#predict} is).
 */
public final class QPolicy implements Policy {
    private final Network q;

    /** The greedy policy of a snapshot of {@code q} (one output per discrete action). */
    public QPolicy(Network q) {
        if (q == null) {
            throw new IllegalArgumentException("q is null; pass the Q-network (one output per action)");
        }
        this.q = q.copy();
    }

    /** {@code Q(s, ·)} for each observation, {@code [n][actions]}. */
    public double[][] values(double[][] observations) {
        return q.predict(observations);
    }

    @Override
    public double[][] act(double[][] observations) {
        double[][] values = q.predict(observations);
        double[][] out = new double[values.length][1];
        for (int i = 0; i < values.length; i++) {
            out[i][0] = argmax(values[i]);
        }
        return out;
    }

    /** The network this policy reads (a snapshot; do not train it). */
    public Network network() {
        return q;
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int a = 1; a < v.length; a++) {
            if (v[a] > v[best]) {
                best = a;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "QPolicy(greedy, " + q + ")";
    }
}
