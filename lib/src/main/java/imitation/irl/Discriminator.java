package imitation.irl;

import imitation.env.Space;
import imitation.nn.Adam;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Tape;

/**
 * The adversary of GAIL and AIRL: a logit {@code ℓ(s, a)} with {@code D = σ(ℓ)} the probability that a
 * transition came from the EXPERT (label 1; policy samples have label 0), trained by Adam on the binary
 * cross-entropy {@code −mean[y log D + (1 − y) log(1 − D)]}, whose gradient in the logit is {@code (D − y)/m}.
 * <ul>
 *   <li>GAIL: {@code ℓ = g(s, a)}, one network over the standardised observation and the action (one-hot for
 *       discrete actions; for a box, the action as executed, clipped to the box: the policy's rollouts record
 *       the Gaussian draw, which may lie outside, while demonstrations hold executed actions, so an unclipped
 *       draw would let g tell the policy from the expert by its range alone).</li>
 *   <li>AIRL (Fu et al. 2018): {@code D = exp f / (exp f + π(a|s))}, so {@code ℓ = f(s, a, s′) − log π(a|s)} with
 *       the shaped {@code f = g(s, a) + γ h(s′) − h(s)} ({@code h(s′) = 0} after the last step of a terminated
 *       episode).</li>
 * </ul>
 * The slide's D is the probability of the POLICY, {@code 1 − σ(ℓ)} here: its cost {@code log D_slide} is
 * {@code log(1 − σ(ℓ))}, so the policy's reward {@code −log(1 − D)} is the slide's cost with the sign flipped.
 */
final class Discriminator {
    final Network g;
    final Network h;
    private final double gamma;
    private final double[] mean;
    private final double[] scale;
    private final Space actionSpace;
    private final Adam adamG;
    private final Adam adamH;
    private final Tape tapeG;
    private final Tape tapeS;
    private final Tape tapeNext;

    Discriminator(Network g, Network h, double gamma, double[] mean, double[] scale, Space actionSpace, double learningRate) {
        this.g = g;
        this.h = h;
        this.gamma = gamma;
        this.mean = mean;
        this.scale = scale;
        this.actionSpace = actionSpace;
        adamG = learningRate > 0 ? new Adam(learningRate) : null;
        adamH = learningRate > 0 && h != null ? new Adam(learningRate) : null;
        tapeG = g.tape();
        tapeS = h == null ? null : h.tape();
        tapeNext = h == null ? null : h.tape();
    }

    /** Width of g's input: the observation plus the action (one-hot for discrete actions). */
    static int inputs(int observationSize, Space actionSpace) {
        return observationSize + (actionSpace instanceof Space.Discrete d ? d.n() : actionSpace.size());
    }

    boolean airl() {
        return h != null;
    }

    /** An independent copy of the networks (no optimiser state): a frozen reward. */
    Discriminator frozen() {
        return new Discriminator(g.copy(), h == null ? null : h.copy(), gamma, mean, scale, actionSpace, 0);
    }

    /** {@code f(s, a, s′)} for AIRL, {@code g(s, a)} for GAIL; leaves the forward passes on the tapes. */
    double[] f(Pairs p) {
        Batch out = g.forward(tapeG, stateActions(p));
        double[] f = new double[p.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = out.get(i, 0);
        }
        if (h != null) {
            Batch hs = h.forward(tapeS, states(tapeS, p.obs()));
            Batch hn = h.forward(tapeNext, states(tapeNext, p.next()));
            for (int i = 0; i < f.length; i++) {
                f[i] += (p.done()[i] ? 0 : gamma * hn.get(i, 0)) - hs.get(i, 0);
            }
        }
        return f;
    }

    /** The logit {@code ℓ}: {@code f − log π} for AIRL ({@code logPi} ignored for GAIL); checked to be finite. */
    double[] logits(Pairs p, double[] logPi) {
        double[] l = f(p);
        for (int i = 0; i < l.length; i++) {
            if (h != null) {
                l[i] -= logPi[i];
            }
            if (!Double.isFinite(l[i])) {
                throw new ArithmeticException("the discriminator returned " + l[i] + " for transition " + i
                        + "; its training diverged or its network is broken: lower discriminatorLearningRate, or check"
                        + " the demonstrations and the discriminator network");
            }
        }
        return l;
    }

    /**
     * One Adam step on the cross-entropy of {@code expert} (label 1) against {@code policy} (label 0) with their
     * log-probabilities under the current policy (AIRL); returns the loss before the step.
     */
    double update(Pairs expert, double[] logPiExpert, Pairs policy, double[] logPiPolicy) {
        double loss = lossGradient(expert, logPiExpert, policy, logPiPolicy);
        adamG.step(g.params());
        if (h != null) {
            adamH.step(h.params());
        }
        return loss;
    }

    /**
     * The cross-entropy of {@code expert} (label 1) against {@code policy} (label 0); sets the gradients of g's
     * (and AIRL's h's) parameters to its gradient, without a step.
     */
    double lossGradient(Pairs expert, double[] logPiExpert, Pairs policy, double[] logPiPolicy) {
        Pairs both = expert.concat(policy);
        double[] logPi = new double[both.size()];
        if (h != null) {
            System.arraycopy(logPiExpert, 0, logPi, 0, expert.size());
            System.arraycopy(logPiPolicy, 0, logPi, expert.size(), policy.size());
        }
        double[] l = logits(both, logPi);
        int m = l.length;
        Batch dl = Batch.zeros(m, 1);
        double loss = 0;
        for (int i = 0; i < m; i++) {
            double y = i < expert.size() ? 1 : 0;
            loss += (y == 1 ? softplus(-l[i]) : softplus(l[i])) / m;
            dl.set(i, 0, (sigmoid(l[i]) - y) / m);
        }
        g.params().zeroGrad();
        g.backward(tapeG, dl);
        if (h != null) {
            Batch dNext = Batch.zeros(m, 1);
            Batch dS = Batch.zeros(m, 1);
            for (int i = 0; i < m; i++) {
                dNext.set(i, 0, both.done()[i] ? 0 : gamma * dl.get(i, 0));
                dS.set(i, 0, -dl.get(i, 0));
            }
            h.params().zeroGrad();
            h.backward(tapeNext, dNext);
            h.backward(tapeS, dS);
        }
        return loss;
    }

    private Batch stateActions(Pairs p) {
        int d = mean.length;
        Batch x = tapeG.input(p.size(), g.inputs());
        for (int i = 0; i < p.size(); i++) {
            double[] o = p.obs()[i];
            for (int j = 0; j < d; j++) {
                x.set(i, j, (o[j] - mean[j]) / scale[j]);
            }
            double[] a = p.act()[i];
            if (actionSpace instanceof Space.Discrete disc) {
                for (int k = 0; k < disc.n(); k++) {
                    x.set(i, d + k, k == (int) a[0] ? 1 : 0);
                }
            } else {
                double[] executed = ((Space.Box) actionSpace).clip(a);
                for (int k = 0; k < executed.length; k++) {
                    x.set(i, d + k, executed[k]);
                }
            }
        }
        return x;
    }

    private Batch states(Tape tape, double[][] obs) {
        int d = mean.length;
        Batch x = tape.input(obs.length, d);
        for (int i = 0; i < obs.length; i++) {
            for (int j = 0; j < d; j++) {
                x.set(i, j, (obs[i][j] - mean[j]) / scale[j]);
            }
        }
        return x;
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** {@code log(1 + e^x)} without overflow. */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
