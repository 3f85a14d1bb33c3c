package imitation.irl;

import imitation.data.Trajectory;
import imitation.nn.Adam;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Tape;
import java.util.ArrayList;
import java.util.List;

/**
 * One gradient step of guided cost learning's cost network on a minibatch: per-step costs {@code c_θ(s_t)} of
 * {@code s_1..s_T} of every trajectory, summed to {@code C(τ)}, the {@link GclObjective} IOC loss on them plus the
 * optional regularisers, the gradient spread back to the steps and through the network, then Adam.
 */
final class CostUpdate {
    /** The total loss (IOC + regularisers) and the IOC part with its partition estimate. */
    record Step(double loss, GclObjective.Ioc ioc) {}

    private final Network net;
    private final StateCost cost;
    private final Adam adam;
    private final Tape tape;

    CostUpdate(Network net, StateCost cost, Adam adam) {
        this.net = net;
        this.cost = cost;
        this.adam = adam;
        tape = net.tape();
    }

    /**
     * The loss and gradient, then one Adam step. {@code demoLogP} and {@code sampleLogP}: each trajectory's
     * log-density under a model of the demonstrations ({@link GclObjective#ioc(double[], double[], double[], double[],
     * double[], double[])}), or both null for the self-consistent form.
     */
    Step step(List<Trajectory> demos, double[] demoLogQ, double[] demoLogP, List<Trajectory> samples, double[] sampleLogQ,
            double[] sampleLogP, double constantRate, double monotonic) {
        Step s = gradient(demos, demoLogQ, demoLogP, samples, sampleLogQ, sampleLogP, constantRate, monotonic);
        adam.step(net.params());
        return s;
    }

    /** The loss, with its gradient written into the network's (zeroed) parameter gradient. */
    Step gradient(List<Trajectory> demos, double[] demoLogQ, double[] demoLogP, List<Trajectory> samples,
            double[] sampleLogQ, double[] sampleLogP, double constantRate, double monotonic) {
        List<Trajectory> all = new ArrayList<>(demos);
        all.addAll(samples);
        int n = demos.size();
        int[] offset = new int[all.size() + 1];
        for (int j = 0; j < all.size(); j++) {
            offset[j + 1] = offset[j] + all.get(j).length();
        }
        int rows = offset[all.size()];
        Batch x = tape.input(rows, net.inputs());
        int r = 0;
        for (Trajectory t : all) {
            double[][] obs = t.observations();
            for (int i = 1; i < obs.length; i++) {
                double[] s = cost.standardise(obs[i]);
                for (int c = 0; c < s.length; c++) {
                    x.set(r, c, s[c]);
                }
                r++;
            }
        }
        Batch out = net.forward(tape, x);
        double[] c = new double[rows];
        for (int i = 0; i < rows; i++) {
            c[i] = out.get(i, 0);
        }
        double[] demoC = new double[n];
        double[] sampleC = new double[all.size() - n];
        for (int j = 0; j < all.size(); j++) {
            double sum = 0;
            for (int i = offset[j]; i < offset[j + 1]; i++) {
                sum += c[i];
            }
            if (j < n) {
                demoC[j] = sum;
            } else {
                sampleC[j - n] = sum;
            }
        }
        GclObjective.Ioc ioc = demoLogP == null ? GclObjective.ioc(demoC, demoLogQ, sampleC, sampleLogQ)
                : GclObjective.ioc(demoC, demoLogQ, demoLogP, sampleC, sampleLogQ, sampleLogP);
        double[] dc = new double[rows];
        for (int j = 0; j < all.size(); j++) {
            double g = j < n ? ioc.demoGradient()[j] : ioc.sampleGradient()[j - n];
            for (int i = offset[j]; i < offset[j + 1]; i++) {
                dc[i] = g;
            }
        }
        double loss = ioc.loss();
        if (constantRate > 0) {
            double w = constantRate / all.size();
            for (int j = 0; j < all.size(); j++) {
                for (int i = offset[j] + 1; i + 1 < offset[j + 1]; i++) {
                    double e = c[i + 1] - 2 * c[i] + c[i - 1];
                    loss += w * e * e;
                    dc[i + 1] += 2 * w * e;
                    dc[i] -= 4 * w * e;
                    dc[i - 1] += 2 * w * e;
                }
            }
        }
        if (monotonic > 0) {
            double w = monotonic / n;
            for (int j = 0; j < n; j++) {
                for (int i = offset[j] + 1; i < offset[j + 1]; i++) {
                    double e = Math.max(0, c[i] - c[i - 1] - 1);
                    loss += w * e * e;
                    dc[i] += 2 * w * e;
                    dc[i - 1] -= 2 * w * e;
                }
            }
        }
        Batch dOut = Batch.zeros(rows, 1);
        for (int i = 0; i < rows; i++) {
            dOut.set(i, 0, dc[i]);
        }
        net.params().zeroGrad();
        net.backward(tape, dOut);
        return new Step(loss, ioc);
    }

    /** {@code C(τ) = Σ_{t=1..T} c_θ(s_t)} for each trajectory. */
    double[] trajectoryCosts(List<Trajectory> trajectories) {
        double[] out = new double[trajectories.size()];
        for (int j = 0; j < out.length; j++) {
            for (double r : cost.rewards(trajectories.get(j))) {
                out[j] -= r;
            }
        }
        return out;
    }
}
