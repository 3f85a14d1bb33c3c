package imitation.policy;

import imitation.nn.Activation;
import imitation.nn.Adam;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Tape;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A conditional generative adversarial network of actions (Goodfellow et al. 2014; conditioned as in Mirza and
 * Osindero 2014). The generator maps an observation and a standard normal latent of {@code latent} values to an
 * action, {@code a = G(s, z)}; the discriminator {@code D(s, a)} gives the logit of "this pair is from the
 * demonstrations". Each step first trains the discriminator by logistic loss on a minibatch of demonstrated pairs
 * and as many generated ones, then the generator by the non-saturating loss {@code −log σ(D(s, G(s, z)))}, whose
 * gradient reaches the generator through the discriminator's input gradient. Both networks are trained by Adam with
 * {@code β1 = 0.5} (Radford et al. 2016; in notebook 07's obstacle task with the R1 penalty below, the default 0.9
 * left the generator passing on one side only on 3 of 5 seeds). At test time {@code z ~ N(0, I)}.
 *
 * <p>The generator's hidden layers are tanh by default, as the discriminator's and the other models' networks, or
 * ReLU: a piecewise linear map of the latent can turn sharply between two modes. With the R1 penalty (γ = 10) on
 * notebook 07's three routes (seeds 0-9, 2500 steps) the tanh generator chose the diagonal in 0.58 of the episodes
 * against the expert's 0.4, the ReLU one in 0.37. Without the penalty, on the unit tests' two modes (seeds 1-6), the
 * ReLU generator put 0.72 or more of its draws on the larger mode, which holds 0.7, on every seed and collapsed onto it
 * on three; the tanh one kept both on all six.
 *
 * <p>Optionally the discriminator's loss carries the R1 gradient penalty (Mescheder, Geiger and Nowozin 2018)
 * {@code (γ/2)·mean |∇_a D(s, a)|²} over the demonstrated pairs: it keeps the discriminator flat on the data, which
 * damps the oscillation of the two networks around the equilibrium (without it, in notebook 07's obstacle task the
 * generator's draws where the expert decides stayed between the two sides on most seeds). Its parameter gradient is the mixed
 * second derivative {@code mean ∇_θ(∇_a D · v)} with {@code v = ∇_a D} held fixed; it is taken as a central
 * difference of {@code ∇_θ D} along {@code v}, a step of {@link #R1_STEP} (standardised action units) each way, so
 * it costs two more forward and backward passes of the discriminator on the demonstrated rows and one input
 * gradient (its error is of order {@code R1_STEP²}, far below the minibatch noise; the tests check it against
 * differences of the penalty itself).
 *
 * <p>Optionally, {@linkplain #resample discriminator-driven sampling}: for a discriminator that is optimal against
 * the generator, {@code p_data(a|s) / p_G(a|s) = D/(1 − D) = exp(logit D(s, a))}. So each draw takes {@code K}
 * candidates {@code a_k = G(s, z_k)} and returns one with probability proportional to {@code exp(logit D(s, a_k))}
 * (sampling-importance-resampling, which tends to {@code p_data} as {@code K} grows if the ratio is right; cf. Azadi
 * et al. 2019, Discriminator Rejection Sampling, and Turner et al. 2019, Metropolis-Hastings GAN). The discriminator
 * of the game is kept nearly flat by the R1 penalty and is no ratio estimate (in a trial on notebook 07's obstacle
 * with tanh generator layers, its logits at the decision point stayed within ±0.11 over the steering range on seed 0,
 * and resampling with it left the success below 0.45 on seeds 0 and 1), so, as Discriminator Rejection Sampling does,
 * training ends with a second phase ({@link #refinementSteps()} steps of {@link #refinementStep}) that fits the
 * discriminator alone to the final generator by the logistic loss without penalty: a logistic regression of
 * demonstrated against generated pairs, whose optimum is that log ratio. Off by default ({@code K = 1}: the
 * generator's draw as it is).
 *
 * <p>The loss reported per step is the discriminator's (mean over its real and generated rows, summed, plus the
 * penalty): about {@code 2·log 2 ≈ 1.39} when it can no longer tell the two apart.
 */
public final class ConditionalGan extends GenerativeModel {
    /** The displacement along the action gradient with which the R1 penalty's gradient is differenced. */
    static final double R1_STEP = 1e-2;
    /** Adam's first-moment decay for both networks: 0.5, the usual choice for adversarial training. */
    static final double BETA1 = 0.5;

    private final int latent;
    private final double r1;
    private final Activation generatorActivation;
    private int candidates = 1;
    private int discriminatorSteps;
    private final Network generator;
    private final Network discriminator;
    private final Adam generatorAdam;
    private final Adam discriminatorAdam;
    private final Tape generatorTape;
    private final Tape realTape;
    private final Tape fakeTape;
    private final Tape shiftedTape;
    /** The column of ones whose backward pass gives the discriminator's input gradient (rebuilt when n changes). */
    private Batch ones;

    /** The plain GAN of the slides: {@link #ConditionalGan(int, int, int, double, double, long)} with {@code r1 = 0}. */
    public ConditionalGan(int observations, int actions, int latent, double learningRate, long seed) {
        this(observations, actions, latent, learningRate, 0, seed);
    }

    /** {@link #ConditionalGan(int, int, int, double, double, Activation, long)} with a tanh generator. */
    public ConditionalGan(int observations, int actions, int latent, double learningRate, double r1, long seed) {
        this(observations, actions, latent, learningRate, r1, Activation.TANH, seed);
    }

    /**
     * @param observations values per observation row
     * @param actions      values per action row
     * @param latent       latent dimensions (at least 1)
     * @param learningRate Adam's step size for both networks (e.g. 1e-3)
     * @param r1           weight γ of the R1 penalty on the discriminator (0 for none; e.g. 10)
     * @param generator    the generator's hidden activation (TANH, or RELU; see the class comment)
     * @param seed         initial weights
     */
    public ConditionalGan(int observations, int actions, int latent, double learningRate, double r1, Activation generator,
            long seed) {
        this(observations, actions, latent, learningRate, r1, generator,
                () -> mlp(observations + latent, actions, generator, seed), () -> mlp(observations + actions, 1, seed + 1));
    }

    /**
     * The model of these settings on the networks that {@code generator} and {@code discriminator} give once the
     * settings are checked, with fresh optimisers and tapes.
     */
    private ConditionalGan(int observations, int actions, int latent, double learningRate, double r1,
            Activation generatorActivation, Supplier<Network> generator, Supplier<Network> discriminator) {
        super("ConditionalGan", observations, actions, learningRate);
        if (generatorActivation == null) {
            throw new IllegalArgumentException("ConditionalGan: generator activation is null; pass Activation.TANH or"
                    + " Activation.RELU");
        }
        this.latent = checkLatent("ConditionalGan", latent);
        if (!(r1 >= 0) || Double.isInfinite(r1)) {
            throw new IllegalArgumentException("ConditionalGan: r1 = " + r1 + "; the R1 penalty weight must be finite and"
                    + " >= 0 (0 for none, e.g. 10)");
        }
        this.r1 = r1;
        this.generatorActivation = generatorActivation;
        this.generator = generator.get();
        this.discriminator = discriminator.get();
        generatorAdam = adam(BETA1);
        discriminatorAdam = adam(BETA1);
        generatorTape = this.generator.tape();
        realTape = this.discriminator.tape();
        fakeTape = this.discriminator.tape();
        shiftedTape = this.discriminator.tape();
    }

    public int latent() {
        return latent;
    }

    /** The weight γ of the R1 penalty (0: none). */
    public double r1() {
        return r1;
    }

    @Override
    public double trainStep(double[][] observations, double[][] actions, RandomGenerator rng) {
        double loss = discriminatorLossGradient(observations, actions, fakes(observations, rng));
        discriminatorAdam.step(discriminator.params());
        generatorLossGradient(observations, gaussian(observations.length, latent, rng));
        generatorAdam.step(generator.params());
        return loss;
    }

    /**
     * The discriminator-only step of the second training phase ({@link #resample}): the logistic loss of
     * {@link #discriminatorLossGradient(double[][], double[][], double[][], boolean)} without the R1 penalty, on the
     * demonstrated rows and as many draws of the generator (which is left as it is); returns that loss.
     */
    @Override
    public double refinementStep(double[][] observations, double[][] actions, RandomGenerator rng) {
        double loss = discriminatorLossGradient(observations, actions, fakes(observations, rng), false);
        discriminatorAdam.step(discriminator.params());
        return loss;
    }

    /** The generator's draws for observations {@code s}, latents drawn from {@code rng}, on the training tape. */
    private double[][] fakes(double[][] s, RandomGenerator rng) {
        return generator.forward(generatorTape, joined(generatorTape, s, gaussian(s.length, latent, rng))).toArray();
    }

    /** The steps of the discriminator-only phase set by {@link #resample} (0 unless it resamples). */
    @Override
    public int refinementSteps() {
        return discriminatorSteps;
    }

    /** The discriminator's loss of a training step: the logistic loss plus the R1 penalty if its weight is positive. */
    double discriminatorLossGradient(double[][] s, double[][] real, double[][] fake) {
        return discriminatorLossGradient(s, real, fake, r1 > 0);
    }

    /**
     * The discriminator's logistic loss {@code mean softplus(−D(s, real)) + mean softplus(D(s, fake))}, plus the R1
     * penalty if {@code penalty}; sets the discriminator's parameter gradient to its gradient.
     */
    double discriminatorLossGradient(double[][] s, double[][] real, double[][] fake, boolean penalty) {
        int n = s.length;
        Batch realLogits = discriminator.forward(realTape, joined(realTape, s, real));
        double loss;
        if (penalty) {
            loss = forwardedPenaltyGradient(s, real);
        } else {
            discriminator.params().zeroGrad();
            loss = 0;
        }
        for (int pass = 0; pass < 2; pass++) {
            Tape tape = pass == 0 ? realTape : fakeTape;
            double sign = pass == 0 ? -1 : 1;
            Batch logits = pass == 0 ? realLogits : discriminator.forward(fakeTape, joined(fakeTape, s, fake));
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
     * The R1 penalty {@code (γ/2)·mean_i |∇_a D(s_i, a_i)|²} at the demonstrated pairs; sets the discriminator's
     * parameter gradient to its gradient, {@code (γ/n) Σ_i ∇_θ(∇_a D_i · v_i)} with {@code v_i = ∇_a D_i} fixed, each
     * term {@code |v_i|·(∇_θ D(s_i, a_i + h·u_i) − ∇_θ D(s_i, a_i − h·u_i)) / 2h} with {@code u_i = v_i/|v_i|} and
     * {@code h =} {@link #R1_STEP}.
     */
    double penaltyGradient(double[][] s, double[][] real) {
        discriminator.forward(realTape, joined(realTape, s, real));
        return forwardedPenaltyGradient(s, real);
    }

    /**
     * {@link #penaltyGradient} when the real tape holds the discriminator's forward pass of {@code [s | real]}, which
     * it leaves there (backward passes keep the forward caches) for the logistic loss's backward pass.
     */
    private double forwardedPenaltyGradient(double[][] s, double[][] real) {
        int n = s.length;
        int o = observationSize();
        if (ones == null || ones.rows() != n) {
            ones = Batch.zeros(n, 1);
            for (int i = 0; i < n; i++) {
                ones.set(i, 0, 1);
            }
        }
        Batch dIn = discriminator.backward(realTape, ones);
        double[][] u = new double[n][actionSize()];
        double[] norm = new double[n];
        double penalty = 0;
        for (int i = 0; i < n; i++) {
            double sq = 0;
            for (int j = 0; j < actionSize(); j++) {
                u[i][j] = dIn.get(i, o + j);
                sq += u[i][j] * u[i][j];
            }
            norm[i] = Math.sqrt(sq);
            penalty += r1 / 2 * sq / n;
            for (int j = 0; j < actionSize(); j++) {
                u[i][j] = norm[i] > 0 ? u[i][j] / norm[i] : 0;
            }
        }
        discriminator.params().zeroGrad();
        Batch x = joined(shiftedTape, s, real);
        for (int side = -1; side <= 1; side += 2) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < actionSize(); j++) {
                    x.set(i, o + j, real[i][j] + side * R1_STEP * u[i][j]);
                }
            }
            discriminator.forward(shiftedTape, x);
            Batch d = Batch.zeros(n, 1);
            for (int i = 0; i < n; i++) {
                d.set(i, 0, side * r1 * norm[i] / (2 * R1_STEP * n));
            }
            discriminator.backwardParams(shiftedTape, d);
        }
        return penalty;
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

    /**
     * Discriminator-driven sampling (see the class comment): each draw picks one of {@code candidates} draws of the
     * generator with probability proportional to {@code exp(logit D)}, and training ends with
     * {@code discriminatorSteps} minibatch steps that fit the discriminator alone to the final generator. Set it
     * before training (a {@link GenerativePolicy} samples from a copy of the model as it was when trained); copies
     * keep it. {@code resample(1, 0)} is the plain generator (the default). Returns this model.
     *
     * @param candidates         K, draws of the generator per action (at least 1; notebook 07 uses 16)
     * @param discriminatorSteps steps of the discriminator-only phase (at least 0; notebook 07 uses 4000)
     */
    public ConditionalGan resample(int candidates, int discriminatorSteps) {
        if (candidates < 1) {
            throw new IllegalArgumentException("ConditionalGan: resample candidates = " + candidates + "; pass at least 1"
                    + " (1 for the generator's own draws, e.g. 16 to resample)");
        }
        if (discriminatorSteps < 0) {
            throw new IllegalArgumentException("ConditionalGan: resample discriminatorSteps = " + discriminatorSteps
                    + "; pass 0 or more steps of the discriminator-only fit (e.g. 4000)");
        }
        this.candidates = candidates;
        this.discriminatorSteps = discriminatorSteps;
        return this;
    }

    /** K, the generator's draws per action (1: its plain draw). */
    public int candidates() {
        return candidates;
    }

    @Override
    public double[][] sample(double[][] observations, RandomGenerator rng) {
        checkObservations(observations, rng);
        int n = observations.length;
        if (candidates == 1) {
            return generator.predict(concat(observations, gaussian(n, latent, rng)));
        }
        double[][] s = new double[n * candidates][];
        for (int i = 0; i < s.length; i++) {
            s[i] = observations[i / candidates];
        }
        double[][] a = generator.predict(concat(s, gaussian(s.length, latent, rng)));
        double[][] logits = discriminator.predict(concat(s, a));
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            int first = i * candidates;
            double[] logP = new double[candidates];
            for (int k = 0; k < candidates; k++) {
                logP[k] = logits[first + k][0];
            }
            MixtureHead.logSoftmax(logP);
            out[i] = a[first + MixtureHead.draw(logP, rng)];
        }
        return out;
    }

    @Override
    public ConditionalGan copy() {
        return new ConditionalGan(observationSize(), actionSize(), latent, learningRate, r1, generatorActivation,
                generator::copy, discriminator::copy).resample(candidates, discriminatorSteps);
    }

    @Override
    public String toString() {
        return "ConditionalGan[latent " + latent + (r1 > 0 ? ", R1 " + r1 : "")
                + (generatorActivation != Activation.TANH ? ", " + generatorActivation + " generator" : "")
                + (candidates > 1 || discriminatorSteps > 0 ? ", resample " + candidates + " after " + discriminatorSteps
                + " discriminator steps" : "") + "]";
    }
}
