package imitation.rl;

import imitation.nn.Adam;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Tape;
import java.util.SplittableRandom;

/**
 * The baseline {@code V(s)} of the advantage estimate: a network regressed on the observed returns by Adam,
 * minimising {@code mean (V(s_i) − R_i)²} over shuffled minibatches. The network works in standardised units,
 * {@code V(s) = offset + scale · net(s)}, with the offset and scale the mean and spread of the returns of the first
 * fit (0 and 1 before it): returns of tens or hundreds would otherwise take the output bias thousands of Adam steps
 * of size {@code learningRate} to reach, and the baseline would lag the returns for many rounds.
 */
final class ValueFunction {
    final Network net;
    private final Adam adam;
    private final Tape tape;
    private double offset;
    private double scale = 1;
    private boolean scaled;

    ValueFunction(Network net, double learningRate) {
        if (net.outputs() != 1) {
            throw new IllegalArgumentException("the value network gives " + net.outputs() + " outputs; end it with dense(1)");
        }
        this.net = net;
        adam = new Adam(learningRate);
        tape = net.tape();
    }

    /** {@code V} of each input row. */
    double[] predict(double[][] inputs) {
        double[][] out = net.predict(inputs);
        double[] v = new double[out.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = offset + scale * out[i][0];
        }
        return v;
    }

    /** {@code epochs} passes of minibatch Adam steps; returns the mean squared error {@code (V − R)²} of the last pass. */
    double fit(double[][] inputs, double[] targets, int epochs, int minibatch, SplittableRandom rng) {
        int n = inputs.length;
        if (!scaled) {
            offset = java.util.Arrays.stream(targets).average().orElse(0);
            double var = 0;
            for (double t : targets) {
                var += (t - offset) * (t - offset) / n;
            }
            scale = var > 1e-12 ? Math.sqrt(var) : 1;
            scaled = true;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double mse = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            Ppo.shuffle(order, rng);
            mse = 0;
            for (int start = 0; start < n; start += minibatch) {
                int[] rows = java.util.Arrays.copyOfRange(order, start, Math.min(n, start + minibatch));
                net.params().zeroGrad();
                mse += lossAndGradient(inputs, targets, rows) * rows.length / n;
                adam.step(net.params());
            }
        }
        return mse * scale * scale;
    }

    /**
     * Adds the gradient of {@code mean_rows (net − (R − offset)/scale)²}, the loss in standardised units (that is
     * {@code 2e/m} per output, with e the standardised error), and returns that loss.
     */
    double lossAndGradient(double[][] inputs, double[] targets, int[] rows) {
        int m = rows.length;
        int d = inputs[0].length;
        Batch x = tape.input(m, d);
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < d; c++) {
                x.set(r, c, inputs[rows[r]][c]);
            }
        }
        Batch v = net.forward(tape, x);
        Batch dv = Batch.zeros(m, 1);
        double loss = 0;
        for (int r = 0; r < m; r++) {
            double e = v.get(r, 0) - (targets[rows[r]] - offset) / scale;
            loss += e * e / m;
            dv.set(r, 0, 2 * e / m);
        }
        net.backward(tape, dv);
        return loss;
    }
}
