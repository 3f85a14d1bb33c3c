package imitation.rl;

import imitation.nn.Batch;
import imitation.nn.Tape;

/**
 * On-policy samples for one policy step: the (standardised) network inputs, the actions taken, their
 * advantages and their log-probabilities under the policy that collected them. Arrays are used as given.
 */
public record Samples(double[][] inputs, double[][] actions, double[] advantages, double[] oldLogProb) {

    public Samples {
        int n = inputs == null ? -1 : inputs.length;
        if (n < 1) {
            throw new IllegalArgumentException("Samples: inputs is " + (inputs == null ? "null" : "empty")
                    + "; a policy step needs at least one sample");
        }
        if (actions == null || actions.length != n || advantages == null || advantages.length != n
                || oldLogProb == null || oldLogProb.length != n) {
            throw new IllegalArgumentException("Samples: " + n + " inputs need as many actions, advantages and old "
                    + "log-probabilities, got " + (actions == null ? "null" : actions.length) + ", "
                    + (advantages == null ? "null" : advantages.length) + ", " + (oldLogProb == null ? "null" : oldLogProb.length));
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(advantages[i]) || !Double.isFinite(oldLogProb[i])) {
                throw new IllegalArgumentException("Samples: advantages[" + i + "] = " + advantages[i] + ", oldLogProb["
                        + i + "] = " + oldLogProb[i] + "; both must be finite");
            }
        }
    }

    public int size() {
        return inputs.length;
    }

    /** The rows {@code rows} of the inputs in {@code tape}'s input batch. */
    Batch load(Tape tape, int[] rows) {
        int d = inputs[0].length;
        Batch x = tape.input(rows.length, d);
        for (int r = 0; r < rows.length; r++) {
            double[] row = inputs[rows[r]];
            for (int c = 0; c < d; c++) {
                x.set(r, c, row[c]);
            }
        }
        return x;
    }

    double[][] actions(int[] rows) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = actions[rows[r]];
        }
        return out;
    }

    /** 0..n−1. */
    int[] all() {
        int[] rows = new int[size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return rows;
    }
}
