package imitation.policy;

import imitation.nn.Adam;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Tape;
import java.util.random.RandomGenerator;

/**
 * A conditional generative adversarial network of actions (Goodfellow et al. 2014; conditioned as in Mirza and
 * Osindero 2014). The generator maps an observation and a standard normal latent of {@code latent} values to an
 * action, {@code a = G(s, z)}; the discriminator {@code D(s, a)} gives the logit of "this pair is from the
 * demonstrations". Each step first trains the discriminator by logistic loss on a minibatch of demonstrated pairs
 * and as many generated ones, then the generator by the non-saturating loss {@code −log σ(D(s, G(s, z)))}, whose
 * gradient reaches the generator through the discriminator's input gradient. At test time {@code z ~ N(0, I)}.
 *
 * <p>The loss reported per step is the discriminator's (mean over its real and generated rows, summed): about
 * {@code 2·log 2 ≈ 1.39} when it can no longer tell the two apart.
 */
public final class ConditionalGan extends GenerativeModel {
    private final int latent;
    private final Network generator;
    private final Network discriminator;
    private final Adam generatorAdam;
    private final Adam discriminatorAdam;
    private final Tape generatorTape;
    private final Tape realTape;
    private final Tape fakeTape;

    /**
     * @param observations values per observation row
     * @param actions      values per action row
     * @param latent       latent dimensions (at least 1)
     * @param learningRate Adam's step size for both networks (e.g. 1e-3)
     * @param seed         initial weights
     */
    public ConditionalGan(int observations, int actions, int latent, double learningRate, long seed) {
        super("ConditionalGan", observations, actions, learningRate);
        this.latent = checkLatent("ConditionalGan", latent);
        generator = mlp(observations + latent, actions, seed);
        discriminator = mlp(observations + actions, 1, seed + 1);
        generatorAdam = adam();
        discriminatorAdam = adam();
        generatorTape = generator.tape();
        realTape = discriminator.tape();
        fakeTape = discriminator.tape();
    }

    /** A copy of {@code source}'s networks with fresh optimisers. */
    private ConditionalGan(ConditionalGan source) {
        super("ConditionalGan", source.observationSize(), source.actionSize(), source.learningRate);
        latent = source.latent;
        generator = source.generator.copy();
        discriminator = source.discriminator.copy();
        generatorAdam = adam();
        discriminatorAdam = adam();
        generatorTape = generator.tape();
        realTape = discriminator.tape();
        fakeTape = discriminator.tape();
    }

    public int latent() {
        return latent;
    }

    @Override
    public double trainStep(double[][] observations, double[][] actions, RandomGenerator rng) {
        double[][] fake = generator.forward(generatorTape,
                joined(generatorTape, observations, gaussian(observations.length, latent, rng))).toArray();
        double loss = discriminatorLossGradient(observations, actions, fake);
        discriminatorAdam.step(discriminator.params());
        generatorLossGradient(observations, gaussian(observations.length, latent, rng));
        generatorAdam.step(generator.params());
        return loss;
    }

    /**
     * The discriminator's logistic loss {@code mean softplus(−D(s, real)) + mean softplus(D(s, fake))}; sets the
     * discriminator's parameter gradient to its gradient.
     */
    double discriminatorLossGradient(double[][] s, double[][] real, double[][] fake) {
        int n = s.length;
        discriminator.params().zeroGrad();
        double loss = 0;
        for (int pass = 0; pass < 2; pass++) {
            Tape tape = pass == 0 ? realTape : fakeTape;
            double sign = pass == 0 ? -1 : 1;
            Batch logits = discriminator.forward(tape, joined(tape, s, pass == 0 ? real : fake));
            Batch dLogits = Batch.zeros(n, 1);
            for (int i = 0; i < n; i++) {
                double x = sign * logits.get(i, 0);
                loss += softplus(x) / n;
                dLogits.set(i, 0, sign * sigmoid(x) / n);
            }
            discriminator.backwardParams(tape, dLogits);
        }
        return loss;
    }

    /**
     * The generator's non-saturating loss {@code mean softplus(−D(s, G(s, z)))} for latents {@code z}; sets the
     * generator's parameter gradient to its gradient (the discriminator's gradient is left with a by-product,
     * which {@link #discriminatorLossGradient} resets before use).
     */
    double generatorLossGradient(double[][] s, double[][] z) {
        int n = s.length;
        Batch fake = generator.forward(generatorTape, joined(generatorTape, s, z));
        Batch x = fakeTape.input(n, observationSize() + actionSize());
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < observationSize(); j++) {
                x.set(i, j, s[i][j]);
            }
            for (int j = 0; j < actionSize(); j++) {
                x.set(i, observationSize() + j, fake.get(i, j));
            }
        }
        Batch logits = discriminator.forward(fakeTape, x);
        Batch dLogits = Batch.zeros(n, 1);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double l = logits.get(i, 0);
            loss += softplus(-l) / n;
            dLogits.set(i, 0, -sigmoid(-l) / n);
        }
        discriminator.params().zeroGrad();
        Batch dIn = discriminator.backward(fakeTape, dLogits);
        Batch dFake = Batch.zeros(n, actionSize());
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < actionSize(); j++) {
                dFake.set(i, j, dIn.get(i, observationSize() + j));
            }
        }
        generator.params().zeroGrad();
        generator.backwardParams(generatorTape, dFake);
        return loss;
    }

    /** The two networks, generator first (for gradient checks). */
    Network[] networks() {
        return new Network[] {generator, discriminator};
    }

    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Override
    public double[][] sample(double[][] observations, RandomGenerator rng) {
        checkObservations(observations, rng);
        return generator.predict(concat(observations, gaussian(observations.length, latent, rng)));
    }

    @Override
    public ConditionalGan copy() {
        return new ConditionalGan(this);
    }

    @Override
    public String toString() {
        return "ConditionalGan[latent " + latent + "]";
    }
}
