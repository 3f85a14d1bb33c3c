package imitation.irl;

import imitation.data.Trajectory;
import imitation.nn.Adam;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Tape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One gradient step of guided cost learning's cost network on a minibatch: per-step costs {@code c_θ(s_t)} of
 * {@code s_1..s_T} of every trajectory, summed to {@code C(τ)}, the {@link GclObjective} IOC loss on them plus the
 * optional regularisers, the gradient spread back to the steps and through the network, then Adam.
 */
final class CostUpdate {
    /**
     * The total loss (objective + regularisers) and the objective's part: the trajectory-level IOC loss with its
     * partition estimate, or the per-step discriminator's cross-entropy; the other is null.
     */
    record Step(double loss, GclObjective.Ioc ioc, GclObjective.Adversarial perStep) {}

    /**
     * The objective on the per-row costs {@code c} of the trajectories {@code all} (the first {@code n} are the
     * demonstrations; trajectory j has rows {@code offset[j]..offset[j+1]−1}): writes {@code ∂L/∂c} into {@code dc}.
     */
    private interface Objective {
        Step apply(List<Trajectory> all, double[] c, int[] offset, int n, double[] dc);
    }

    private final Network net;
    private final StateCost cost;
    private final Adam adam;
    private final Tape tape;
    private final Network potential;
    private final Adam potentialAdam;
    private final Tape potentialTape;

    CostUpdate(Network net, StateCost cost, Adam adam) {
        this(net, cost, adam, null, null);
    }

    /**
     * With a potential network {@code h(s)} for the per-step form: the discriminator's logit becomes
     * {@code −c(s') + h(s') − h(s) − ℓ} (adversarial IRL's shaping term), trained with its own Adam.
     */
    CostUpdate(Network net, StateCost cost, Adam adam, Network potential, Adam potentialAdam) {
        this.net = net;
        this.cost = cost;
        this.adam = adam;
        tape = net.tape();
        this.potential = potential;
        this.potentialAdam = potentialAdam;
        potentialTape = potential == null ? null : potential.tape();
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
        return gradient(demos, samples, constantRate, monotonic, (all, c, offset, n, dc) -> {
            int count = offset.length - 1;
            double[] demoC = new double[n];
            double[] sampleC = new double[count - n];
            for (int j = 0; j < count; j++) {
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
            for (int j = 0; j < count; j++) {
                double g = j < n ? ioc.demoGradient()[j] : ioc.sampleGradient()[j - n];
                for (int i = offset[j]; i < offset[j + 1]; i++) {
                    dc[i] = g;
                }
            }
            return new Step(ioc.loss(), ioc, null);
        });
    }

    /**
     * One Adam step on the per-step objective {@link GclObjective#perStep}: {@code demoLogPi} and {@code sampleLogPi}
     * hold {@code ℓ(a_t|s_t)} of every step of the demonstrations and of the samples, in order.
     */
    Step perStepStep(List<Trajectory> demos, double[] demoLogPi, List<Trajectory> samples, double[] sampleLogPi,
            double constantRate, double monotonic) {
        Step s = perStepGradient(demos, demoLogPi, samples, sampleLogPi, constantRate, monotonic);
        adam.step(net.params());
        if (potential != null) {
            potentialAdam.step(potential.params());
        }
        return s;
    }

    /** The per-step loss, with its gradient written into the network's (zeroed) parameter gradient. */
    Step perStepGradient(List<Trajectory> demos, double[] demoLogPi, List<Trajectory> samples, double[] sampleLogPi,
            double constantRate, double monotonic) {
        return gradient(demos, samples, constantRate, monotonic, (all, c, offset, n, dc) -> {
            int split = offset[n];
            double[] logPi = new double[c.length];
            System.arraycopy(demoLogPi, 0, logPi, 0, split);
            System.arraycopy(sampleLogPi, 0, logPi, split, c.length - split);
            Batch h = null;
            if (potential != null) {
                // h over s_0..s_T of every trajectory: row offset[j] + j + t holds h(s_t) of trajectory j
                h = potential.forward(potentialTape, states(potentialTape, all, 0, c.length + all.size()));
                for (int j = 0; j < all.size(); j++) {
                    for (int i = offset[j]; i < offset[j + 1]; i++) {
                        logPi[i] -= h.get(i + j + 1, 0) - h.get(i + j, 0);
                    }
                }
            }
            GclObjective.Adversarial d = GclObjective.perStep(Arrays.copyOfRange(c, 0, split), Arrays.copyOfRange(logPi, 0, split),
                    Arrays.copyOfRange(c, split, c.length), Arrays.copyOfRange(logPi, split, c.length));
            System.arraycopy(d.demoGradient(), 0, dc, 0, split);
            System.arraycopy(d.sampleGradient(), 0, dc, split, c.length - split);
            if (potential != null) {
                // the logit has −c and +h(s') − h(s): ∂L/∂h(s') = −∂L/∂c, ∂L/∂h(s) = +∂L/∂c
                Batch dh = Batch.zeros(c.length + all.size(), 1);
                for (int j = 0; j < all.size(); j++) {
                    for (int i = offset[j]; i < offset[j + 1]; i++) {
                        dh.set(i + j + 1, 0, dh.get(i + j + 1, 0) - dc[i]);
                        dh.set(i + j, 0, dh.get(i + j, 0) + dc[i]);
                    }
                }
                potential.params().zeroGrad();
                potential.backward(potentialTape, dh);
            }
            return new Step(d.loss(), null, d);
        });
    }

    private Step gradient(List<Trajectory> demos, List<Trajectory> samples, double constantRate, double monotonic,
            Objective objective) {
        List<Trajectory> all = new ArrayList<>(demos);
        all.addAll(samples);
        int n = demos.size();
        int[] offset = new int[all.size() + 1];
        for (int j = 0; j < all.size(); j++) {
            offset[j + 1] = offset[j] + all.get(j).length();
        }
        int rows = offset[all.size()];
        Batch out = net.forward(tape, states(tape, all, 1, rows));
        double[] c = new double[rows];
        for (int i = 0; i < rows; i++) {
            c[i] = out.get(i, 0);
        }
        double[] dc = new double[rows];
        Step step = objective.apply(all, c, offset, n, dc);
        double loss = step.loss();
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
        return new Step(loss, step.ioc(), step.perStep());
    }

    /**
     * The standardised states {@code s_from..s_T} of every trajectory of {@code all}, in order, as the {@code rows}
     * input rows of {@code tape}.
     */
    private Batch states(Tape tape, List<Trajectory> all, int from, int rows) {
        Batch x = tape.input(rows, net.inputs());
        int r = 0;
        for (Trajectory t : all) {
            double[][] obs = t.observations();
            for (int i = from; i < obs.length; i++) {
                double[] s = cost.standardise(obs[i]);
                for (int k = 0; k < s.length; k++) {
                    x.set(r, k, s[k]);
                }
                r++;
            }
        }
        return x;
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
