package imitation.rl;

import imitation.nn.Adam;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Tape;
import imitation.policy.Distribution;
import imitation.policy.Head;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Proximal policy optimisation (Schulman et al. 2017): maximise the clipped surrogate
 * {@code mean_i min(ρ_i A_i, clip(ρ_i, 1 − ε, 1 + ε) A_i) + c·mean_i H_i} with ratio
 * {@code ρ_i = π(a_i|s_i) / π_old(a_i|s_i)}, by Adam over shuffled minibatches for a few epochs. The gradient
 * goes through the head's {@link Distribution#lossGradient} with per-sample weights: since
 * {@code ∇ρ = ρ ∇log π}, a sample contributes {@code w_i = ρ_i A_i / m} while its unclipped term is the minimum
 * and nothing once the ratio has left the interval in the direction its advantage pushes.
 *
 * @param clip          ε, the half-width of the trust interval for the ratio (0.2)
 * @param epochs        passes over the batch (10)
 * @param minibatch     samples per Adam step (64)
 * @param learningRate  Adam's step size (3e-4)
 * @param entropyWeight c, the weight of the entropy bonus (0)
 * @param maxGradNorm   the gradient's norm is clipped to this (0.5)
 */
public record Ppo(double clip, int epochs, int minibatch, double learningRate, double entropyWeight, double maxGradNorm)
        implements PolicyStep {

    public Ppo {
        if (!(clip > 0 && clip < 1)) {
            throw new IllegalArgumentException("clip = " + clip + "; pass ε in (0, 1), usually 0.1 to 0.3");
        }
        if (epochs < 1 || minibatch < 1) {
            throw new IllegalArgumentException("epochs = " + epochs + ", minibatch = " + minibatch + "; both must be at least 1");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate = " + learningRate + "; pass a positive step size such as 3e-4");
        }
        if (!(entropyWeight >= 0) || Double.isInfinite(entropyWeight)) {
            throw new IllegalArgumentException("entropyWeight = " + entropyWeight + "; pass a finite weight >= 0 (0 for none)");
        }
        if (!(maxGradNorm > 0)) {
            throw new IllegalArgumentException("maxGradNorm = " + maxGradNorm + "; pass a positive norm such as 0.5");
        }
    }

    /** ε 0.2, 10 epochs, minibatch 64, learning rate 3e-4, no entropy bonus, gradient norm 0.5 (as Stable-Baselines3). */
    public static Ppo defaults() {
        return new Ppo(0.2, 10, 64, 3e-4, 0, 0.5);
    }

    public Ppo clip(double clip) {
        return new Ppo(clip, epochs, minibatch, learningRate, entropyWeight, maxGradNorm);
    }

    public Ppo epochs(int epochs) {
        return new Ppo(clip, epochs, minibatch, learningRate, entropyWeight, maxGradNorm);
    }

    public Ppo minibatch(int minibatch) {
        return new Ppo(clip, epochs, minibatch, learningRate, entropyWeight, maxGradNorm);
    }

    public Ppo learningRate(double learningRate) {
        return new Ppo(clip, epochs, minibatch, learningRate, entropyWeight, maxGradNorm);
    }

    public Ppo entropyWeight(double entropyWeight) {
        return new Ppo(clip, epochs, minibatch, learningRate, entropyWeight, maxGradNorm);
    }

    public Ppo maxGradNorm(double maxGradNorm) {
        return new Ppo(clip, epochs, minibatch, learningRate, entropyWeight, maxGradNorm);
    }

    @Override
    public Improver start(Network body, Head head) {
        Adam adam = new Adam(learningRate);
        Tape tape = body.tape();
        return (samples, rng) -> {
            int n = samples.size();
            int[] order = samples.all();
            double[] totals = new double[4];
            int batches = 0;
            for (int epoch = 0; epoch < epochs; epoch++) {
                shuffle(order, rng);
                for (int start = 0; start < n; start += minibatch) {
                    int[] rows = java.util.Arrays.copyOfRange(order, start, Math.min(n, start + minibatch));
                    body.params().zeroGrad();
                    double[] stats;
                    try {
                        stats = lossAndGradient(body, head, tape, samples, rows);
                    } catch (ArithmeticException e) {
                        throw new IllegalStateException("PPO epoch " + (epoch + 1) + " of " + epochs + ", minibatch "
                                + (start / minibatch + 1) + ": " + e.getMessage() + "; the policy moved too far within one "
                                + "round: lower learningRate (now " + learningRate + ") or epochs", e);
                    }
                    body.params().clipGradNorm(maxGradNorm);
                    adam.step(body.params());
                    for (int k = 0; k < totals.length; k++) {
                        totals[k] += stats[k];
                    }
                    batches++;
                }
            }
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("policy_loss", totals[0] / batches);
            out.put("entropy", totals[1] / batches);
            out.put("kl", totals[2] / batches);
            out.put("clip_fraction", totals[3] / batches);
            return out;
        };
    }

    /**
     * Adds the gradient of the minibatch loss {@code L = −mean min(ρA, clip(ρ)A) − c·mean H} to the body's
     * gradient; returns {@code {L, mean H, mean(log π_old − log π), fraction of clipped samples}}. Throws an
     * ArithmeticException when a probability ratio is NaN or beyond a float's range, before any gradient is added.
     */
    double[] lossAndGradient(Network body, Head head, Tape tape, Samples samples, int[] rows) {
        int m = rows.length;
        Batch raw = body.forward(tape, samples.load(tape, rows));
        Distribution d = head.distribution(raw);
        double[][] actions = samples.actions(rows);
        double[] logP = d.logProb(actions);
        double[] h = d.entropy();
        double[] weights = new double[m];
        double objective = 0;
        double entropy = 0;
        double kl = 0;
        int clipped = 0;
        for (int i = 0; i < m; i++) {
            double diff = logP[i] - samples.oldLogProb()[rows[i]];
            double ratio = Math.exp(diff);
            if (!(ratio <= Float.MAX_VALUE)) { // the body's gradients are floats: ρA would overflow them
                throw new ArithmeticException("the probability ratio of sample " + rows[i] + " is " + ratio
                        + " (log π − log π_old = " + diff + ")");
            }
            double adv = samples.advantages()[rows[i]];
            double unclipped = ratio * adv;
            double bounded = Math.max(1 - clip, Math.min(1 + clip, ratio)) * adv;
            if (unclipped <= bounded) {
                weights[i] = unclipped / m;
                objective += unclipped;
            } else {
                objective += bounded;
                clipped++;
            }
            entropy += h[i];
            kl -= diff;
        }
        Batch dRaw = Batch.zeros(m, head.rawSize());
        d.lossGradient(actions, weights, entropyWeight / m, dRaw);
        body.backward(tape, dRaw);
        return new double[] {-objective / m - entropyWeight * entropy / m, entropy / m, kl / m, clipped / (double) m};
    }

    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
