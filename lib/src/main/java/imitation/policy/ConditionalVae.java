package imitation.policy;

import imitation.nn.Adam;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Tape;
import java.util.random.RandomGenerator;

/**
 * A conditional variational autoencoder of actions (Kingma and Welling 2014; conditioned on the observation as in
 * Sohn et al. 2015). The encoder {@code q(z|s,a)} gives the mean and log variance of a diagonal Gaussian over a
 * latent of {@code latent} values; the decoder {@code p(a|s,z)} is a Gaussian with the decoder network's output as
 * mean and a fixed standard deviation {@code decoderStd} (in standardised action units). Training maximises the
 * evidence lower bound {@code E_q[log p(a|s,z)] − KL(q(z|s,a) ‖ N(0, I))} with one reparameterised draw
 * {@code z = μ + σ·ε} per row, so the gradient flows from the decoder's input gradient into the encoder. At test
 * time {@code z} comes from the prior {@code N(0, I)} and the action is the decoder's mean for it: the latent
 * carries the choice between modes, and {@code decoderStd} only sets how much the reconstruction weighs against
 * the KL term (as β does in a β-VAE: a small σ lets the latent encode the whole action instead of the choice, so
 * that samples from the prior ignore the observation; a large one blurs the modes together).
 *
 * <p>The loss reported per step is the negative ELBO in nats per row, without the constant
 * {@code d·log(decoderStd·√(2π))}.
 */
public final class ConditionalVae extends GenerativeModel {
    private final int latent;
    private final double decoderStd;
    private final Network encoder;
    private final Network decoder;
    private final Adam encoderAdam;
    private final Adam decoderAdam;
    private final Tape encoderTape;
    private final Tape decoderTape;

    /**
     * @param observations values per observation row
     * @param actions      values per action row
     * @param latent       latent dimensions (at least 1)
     * @param decoderStd   standard deviation of {@code p(a|s,z)} in standardised units (positive, e.g. 0.5)
     * @param learningRate Adam's step size for both networks (e.g. 1e-3)
     * @param seed         initial weights
     */
    public ConditionalVae(int observations, int actions, int latent, double decoderStd, double learningRate, long seed) {
        super("ConditionalVae", observations, actions, learningRate);
        if (!(decoderStd > 0) || !Double.isFinite(decoderStd)) {
            throw new IllegalArgumentException("ConditionalVae: decoderStd = " + decoderStd
                    + " must be finite and positive (a zero decoder variance makes the likelihood infinite); e.g. 0.1");
        }
        this.latent = checkLatent("ConditionalVae", latent);
        this.decoderStd = decoderStd;
        encoder = mlp(observations + actions, 2 * latent, seed);
        decoder = mlp(observations + latent, actions, seed + 1);
        encoderAdam = adam();
        decoderAdam = adam();
        encoderTape = encoder.tape();
        decoderTape = decoder.tape();
    }

    /** A copy of {@code source}'s networks with fresh optimisers. */
    private ConditionalVae(ConditionalVae source) {
        super("ConditionalVae", source.observationSize(), source.actionSize(), source.learningRate);
        latent = source.latent;
        decoderStd = source.decoderStd;
        encoder = source.encoder.copy();
        decoder = source.decoder.copy();
        encoderAdam = adam();
        decoderAdam = adam();
        encoderTape = encoder.tape();
        decoderTape = decoder.tape();
    }

    public int latent() {
        return latent;
    }

    @Override
    public double trainStep(double[][] observations, double[][] actions, RandomGenerator rng) {
        double loss = lossGradient(observations, actions, gaussian(observations.length, latent, rng));
        encoderAdam.step(encoder.params());
        decoderAdam.step(decoder.params());
        return loss;
    }

    /**
     * The negative ELBO (mean over rows) with reparameterisation noise {@code eps} ({@code [n][latent]}); sets both
     * networks' parameter gradients to its gradient.
     */
    double lossGradient(double[][] s, double[][] a, double[][] eps) {
        int n = s.length;
        int d = actionSize();
        Batch enc = encoder.forward(encoderTape, joined(encoderTape, s, a));
        double[][] mu = new double[n][latent];
        double[][] logVar = new double[n][latent];
        double[][] z = new double[n][latent];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < latent; k++) {
                mu[i][k] = enc.get(i, k);
                logVar[i][k] = enc.get(i, latent + k);
                double v = Math.exp(logVar[i][k]);
                z[i][k] = mu[i][k] + Math.sqrt(v) * eps[i][k];
                loss += 0.5 * (mu[i][k] * mu[i][k] + v - logVar[i][k] - 1);
            }
        }
        Batch dec = decoder.forward(decoderTape, joined(decoderTape, s, z));
        Batch dDec = Batch.zeros(n, d);
        double w = 1 / (decoderStd * decoderStd);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double r = a[i][j] - dec.get(i, j);
                loss += 0.5 * r * r * w;
                dDec.set(i, j, -r * w / n);
            }
        }
        encoder.params().zeroGrad();
        decoder.params().zeroGrad();
        Batch dIn = decoder.backward(decoderTape, dDec);
        Batch dEnc = Batch.zeros(n, 2 * latent);
        int o = observationSize();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < latent; k++) {
                double dz = dIn.get(i, o + k);
                double sd = Math.exp(0.5 * logVar[i][k]);
                dEnc.set(i, k, dz + mu[i][k] / n);
                dEnc.set(i, latent + k, dz * eps[i][k] * 0.5 * sd + 0.5 * (sd * sd - 1) / n);
            }
        }
        encoder.backwardParams(encoderTape, dEnc);
        return loss / n;
    }

    /** The two networks, encoder first (for gradient checks). */
    Network[] networks() {
        return new Network[] {encoder, decoder};
    }

    @Override
    public double[][] sample(double[][] observations, RandomGenerator rng) {
        checkObservations(observations, rng);
        return decoder.predict(concat(observations, gaussian(observations.length, latent, rng)));
    }

    @Override
    public ConditionalVae copy() {
        return new ConditionalVae(this);
    }

    @Override
    public String toString() {
        return "ConditionalVae[latent " + latent + ", decoder σ " + decoderStd + "]";
    }
}
