package imitation.policy;

import imitation.nn.Adam;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Tape;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A conditional variational autoencoder of actions (Kingma and Welling 2014), with the learned conditional prior of
 * Sohn, Lee and Yan (2015). Three networks, each giving the mean and log variance of a diagonal Gaussian over a
 * latent of {@code latent} values or the mean of an action:
 * <ul>
 *   <li>the encoder {@code q(z|s,a)}, used in training only;</li>
 *   <li>the prior {@code p(z|s)}, from the observation alone;</li>
 *   <li>the decoder {@code p(a|s,z)}: a Gaussian with the network's output as mean and a fixed standard deviation
 *       {@code decoderStd} (in standardised action units).</li>
 * </ul>
 * Training maximises the evidence lower bound {@code E_q[log p(a|s,z)] − KL(q(z|s,a) ‖ p(z|s))} with one
 * reparameterised draw {@code z = μ + σ·ε} per row, so the reconstruction's gradient flows from the decoder's input
 * gradient into the encoder; the KL between the two Gaussians is exact and trains encoder and prior. At test time
 * {@code z} comes from the prior {@code p(z|s)} and the action is the decoder's mean for it.
 *
 * <p>Why a learned prior: with the fixed prior {@code N(0, I)} the KL term pulls every state's posteriors towards the
 * same standard normal, so where the modes split the two clusters of posterior latents sit close together and
 * much of the prior's mass falls between them, where the decoder has seen little data and returns an action
 * between the modes. A prior that depends on the state only has to cover that state's own posteriors, and the
 * clusters may lie as far apart as the reconstruction asks. A single Gaussian still cannot fit two clusters exactly:
 * a little of its mass stays between them (draws between the modes), and a rare mode tends to get less than its
 * share. {@code decoderStd} sets how much the reconstruction weighs against the KL term (as β does in a β-VAE: a
 * small σ lets the latent encode detail, such as the demonstrations' noise, that a large one blurs).
 *
 * <p>The loss reported per step is the negative ELBO in nats per row, without the constant
 * {@code d·log(decoderStd·√(2π))}.
 */
public final class ConditionalVae extends GenerativeModel {
    private final int latent;
    private final double decoderStd;
    private final Network encoder;
    private final Network prior;
    private final Network decoder;
    private final Adam encoderAdam;
    private final Adam priorAdam;
    private final Adam decoderAdam;
    private final Tape encoderTape;
    private final Tape priorTape;
    private final Tape decoderTape;

    /**
     * @param observations values per observation row
     * @param actions      values per action row
     * @param latent       latent dimensions (at least 1)
     * @param decoderStd   standard deviation of {@code p(a|s,z)} in standardised units (positive, e.g. 0.5)
     * @param learningRate Adam's step size for the three networks (e.g. 2e-3)
     * @param seed         initial weights
     */
    public ConditionalVae(int observations, int actions, int latent, double decoderStd, double learningRate, long seed) {
        this(observations, actions, latent, decoderStd, learningRate, () -> mlp(observations + actions, 2 * latent, seed),
                () -> mlp(observations, 2 * latent, seed + 2), () -> mlp(observations + latent, actions, seed + 1));
    }

    /**
     * The model of these settings on the networks that {@code encoder}, {@code prior} and {@code decoder} give once the
     * settings are checked, with fresh optimisers and tapes.
     */
    private ConditionalVae(int observations, int actions, int latent, double decoderStd, double learningRate,
            Supplier<Network> encoder, Supplier<Network> prior, Supplier<Network> decoder) {
        super("ConditionalVae", observations, actions, learningRate);
        if (!(decoderStd > 0) || !Double.isFinite(decoderStd)) {
            throw new IllegalArgumentException("ConditionalVae: decoderStd = " + decoderStd
                    + " must be finite and positive (a zero decoder variance makes the likelihood infinite); e.g. 0.5");
        }
        this.latent = checkLatent("ConditionalVae", latent);
        this.decoderStd = decoderStd;
        this.encoder = encoder.get();
        this.prior = prior.get();
        this.decoder = decoder.get();
        encoderAdam = adam();
        priorAdam = adam();
        decoderAdam = adam();
        encoderTape = this.encoder.tape();
        priorTape = this.prior.tape();
        decoderTape = this.decoder.tape();
    }

    public int latent() {
        return latent;
    }

    @Override
    public double trainStep(double[][] observations, double[][] actions, RandomGenerator rng) {
        double loss = lossGradient(observations, actions, gaussian(observations.length, latent, rng));
        encoderAdam.step(encoder.params());
        priorAdam.step(prior.params());
        decoderAdam.step(decoder.params());
        return loss;
    }

    /**
     * The negative ELBO (mean over rows) with reparameterisation noise {@code eps} ({@code [n][latent]}); sets the
     * three networks' parameter gradients to its gradient.
     *
     * <p>Per latent value, with {@code v = e^logVar} and the prior's {@code (m, w = e^logW)}:
     * {@code KL = ½ (logW − logVar + (v + (μ − m)²) / w − 1)}.
     */
    double lossGradient(double[][] s, double[][] a, double[][] eps) {
        int n = s.length;
        Batch enc = encoder.forward(encoderTape, joined(encoderTape, s, a));
        Batch x = priorTape.input(n, observationSize());
        x.load(s);
        Batch pri = prior.forward(priorTape, x);
        Batch dEnc = Batch.zeros(n, 2 * latent);
        Batch dPri = Batch.zeros(n, 2 * latent);
        double[][] z = new double[n][latent];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < latent; k++) {
                double mu = enc.get(i, k);
                double logVar = enc.get(i, latent + k);
                double m = pri.get(i, k);
                double logW = pri.get(i, latent + k);
                double v = Math.exp(logVar);
                double w = Math.exp(logW);
                double diff = mu - m;
                z[i][k] = mu + Math.sqrt(v) * eps[i][k];
                loss += 0.5 * (logW - logVar + (v + diff * diff) / w - 1);
                dEnc.set(i, k, diff / w / n);
                dEnc.set(i, latent + k, 0.5 * (v / w - 1) / n);
                dPri.set(i, k, -diff / w / n);
                dPri.set(i, latent + k, 0.5 * (1 - (v + diff * diff) / w) / n);
            }
        }
        Batch dec = decoder.forward(decoderTape, joined(decoderTape, s, z));
        Batch dDec = Batch.zeros(n, actionSize());
        double precision = 1 / (decoderStd * decoderStd);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < actionSize(); j++) {
                double r = a[i][j] - dec.get(i, j);
                loss += 0.5 * r * r * precision;
                dDec.set(i, j, -r * precision / n);
            }
        }
        encoder.params().zeroGrad();
        prior.params().zeroGrad();
        decoder.params().zeroGrad();
        Batch dIn = decoder.backward(decoderTape, dDec);
        int o = observationSize();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < latent; k++) {
                double dz = dIn.get(i, o + k);
                double sd = Math.exp(0.5 * enc.get(i, latent + k));
                dEnc.set(i, k, dEnc.get(i, k) + dz);
                dEnc.set(i, latent + k, dEnc.get(i, latent + k) + dz * eps[i][k] * 0.5 * sd);
            }
        }
        encoder.backwardParams(encoderTape, dEnc);
        prior.backwardParams(priorTape, dPri);
        return loss / n;
    }

    /** The three networks: encoder, prior, decoder (for gradient checks). */
    Network[] networks() {
        return new Network[] {encoder, prior, decoder};
    }

    @Override
    public double[][] sample(double[][] observations, RandomGenerator rng) {
        checkObservations(observations, rng);
        double[][] p = prior.predict(observations);
        double[][] z = gaussian(observations.length, latent, rng);
        for (int i = 0; i < z.length; i++) {
            for (int k = 0; k < latent; k++) {
                z[i][k] = p[i][k] + Math.exp(0.5 * p[i][latent + k]) * z[i][k];
            }
        }
        return decoder.predict(concat(observations, z));
    }

    @Override
    public ConditionalVae copy() {
        return new ConditionalVae(observationSize(), actionSize(), latent, decoderStd, learningRate, encoder::copy,
                prior::copy, decoder::copy);
    }

    @Override
    public String toString() {
        return "ConditionalVae[latent " + latent + ", learned prior, decoder σ " + decoderStd + "]";
    }
}
