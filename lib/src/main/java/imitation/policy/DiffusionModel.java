package imitation.policy;

import imitation.nn.Adam;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Tape;
import java.util.random.RandomGenerator;

/**
 * A denoising diffusion model of actions (Ho et al. 2020, DDPM; over actions conditioned on the observation as in
 * Chi et al. 2023's diffusion policy). The forward process noises an action over {@code T} steps,
 * {@code a_t = √ᾱ_t · a + √(1 − ᾱ_t) · ε}, with the cosine schedule of Nichol and Dhariwal (2021) (each
 * {@code β_t} at most 0.999); a noise-prediction network {@code ε_θ(s, a_t, t)} is trained by the mean squared
 * error to the noise, at a step {@code t} drawn uniformly per row. The step enters the network as three features,
 * {@code t/T}, {@code sin(π t/T)} and {@code cos(π t/T)}. At test time an action starts as {@code N(0, I)} and is
 * denoised through all {@code T} steps: each step predicts the clean action
 * {@code â_0 = (a_t − √(1 − ᾱ_t)·ε_θ)/√ᾱ_t}, bounds it to ±{@value #X0_LIMIT} standard deviations (as DDPM clips
 * its images; without it the large last {@code β_t} of a short schedule amplifies the network's error), and draws
 * {@code a_{t−1}} from the Gaussian posterior {@code q(a_{t−1} | a_t, â_0)} (variance
 * {@code β_t (1 − ᾱ_{t−1})/(1 − ᾱ_t)}; no noise on the last step).
 *
 * <p>The loss reported per step is the mean squared error per action value.
 */
public final class DiffusionModel extends GenerativeModel {
    private static final int TIME_FEATURES = 3;
    /** Bound on the predicted clean action during sampling, in standardised units (DDPM's clipping of x₀). */
    static final double X0_LIMIT = 4;

    private final int steps;
    private final double[] beta;
    private final double[] alphaBar;
    private final Network denoiser;
    private final Adam adam;
    private final Tape tape;

    /**
     * @param observations values per observation row
     * @param actions      values per action row
     * @param steps        denoising steps {@code T} (at least 2; a few dozen suffice for low-dimensional actions)
     * @param learningRate Adam's step size (e.g. 1e-3)
     * @param seed         initial weights
     */
    public DiffusionModel(int observations, int actions, int steps, double learningRate, long seed) {
        super("DiffusionModel", observations, actions, learningRate);
        if (steps < 2) {
            throw new IllegalArgumentException("DiffusionModel: steps = " + steps + "; the diffusion needs at least 2"
                    + " denoising steps (a few dozen, e.g. 30)");
        }
        this.steps = steps;
        alphaBar = new double[steps + 1];
        beta = new double[steps + 1];
        alphaBar[0] = 1;
        for (int t = 1; t <= steps; t++) {
            beta[t] = Math.min(0.999, 1 - cosine(t, steps) / cosine(t - 1, steps));
            alphaBar[t] = alphaBar[t - 1] * (1 - beta[t]);
        }
        denoiser = mlp(observations + actions + TIME_FEATURES, actions, seed);
        adam = adam();
        tape = denoiser.tape();
    }

    /** A copy of {@code source}'s network with a fresh optimiser. */
    private DiffusionModel(DiffusionModel source) {
        super("DiffusionModel", source.observationSize(), source.actionSize(), source.learningRate);
        steps = source.steps;
        beta = source.beta;
        alphaBar = source.alphaBar;
        denoiser = source.denoiser.copy();
        adam = adam();
        tape = denoiser.tape();
    }

    /** The cosine schedule's {@code f(t) = cos²((t/T + s)/(1 + s) · π/2)}, {@code s = 0.008}. */
    private static double cosine(int t, int steps) {
        double c = Math.cos(((double) t / steps + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }

    public int steps() {
        return steps;
    }

    @Override
    public double trainStep(double[][] observations, double[][] actions, RandomGenerator rng) {
        int n = observations.length;
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1 + rng.nextInt(steps);
        }
        double loss = lossGradient(observations, actions, t, gaussian(n, actionSize(), rng));
        adam.step(denoiser.params());
        return loss;
    }

    /**
     * The mean squared error of the predicted noise per action value, for rows noised to steps {@code t} with
     * noise {@code eps}; sets the network's parameter gradient to its gradient.
     */
    double lossGradient(double[][] s, double[][] a, int[] t, double[][] eps) {
        int n = s.length;
        int d = actionSize();
        double[][] noisy = new double[n][];
        for (int i = 0; i < n; i++) {
            double keep = Math.sqrt(alphaBar[t[i]]);
            double mix = Math.sqrt(1 - alphaBar[t[i]]);
            noisy[i] = new double[d];
            for (int j = 0; j < d; j++) {
                noisy[i][j] = keep * a[i][j] + mix * eps[i][j];
            }
        }
        Batch out = denoiser.forward(tape, joined(tape, s, withTime(noisy, t)));
        Batch dOut = Batch.zeros(n, d);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double r = out.get(i, j) - eps[i][j];
                loss += r * r / (n * d);
                dOut.set(i, j, 2 * r / (n * d));
            }
        }
        denoiser.params().zeroGrad();
        denoiser.backwardParams(tape, dOut);
        return loss;
    }

    /** Rows {@code [a_t | t/T, sin(π t/T), cos(π t/T)]}. */
    private double[][] withTime(double[][] noisy, int[] t) {
        double[][] out = new double[noisy.length][];
        for (int i = 0; i < out.length; i++) {
            int d = noisy[i].length;
            out[i] = java.util.Arrays.copyOf(noisy[i], d + TIME_FEATURES);
            double u = (double) t[i] / steps;
            out[i][d] = u;
            out[i][d + 1] = Math.sin(Math.PI * u);
            out[i][d + 2] = Math.cos(Math.PI * u);
        }
        return out;
    }

    /** The network (for gradient checks). */
    Network network() {
        return denoiser;
    }

    @Override
    public double[][] sample(double[][] observations, RandomGenerator rng) {
        checkObservations(observations, rng);
        int n = observations.length;
        double[][] x = gaussian(n, actionSize(), rng);
        int[] t = new int[n];
        for (int step = steps; step >= 1; step--) {
            java.util.Arrays.fill(t, step);
            double[][] eps = denoiser.predict(concat(observations, withTime(x, t)));
            double ab = alphaBar[step];
            double abPrev = alphaBar[step - 1];
            double toX0 = beta[step] * Math.sqrt(abPrev) / (1 - ab);
            double toXt = Math.sqrt(1 - beta[step]) * (1 - abPrev) / (1 - ab);
            double sd = Math.sqrt(beta[step] * (1 - abPrev) / (1 - ab));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < x[i].length; j++) {
                    double x0 = (x[i][j] - Math.sqrt(1 - ab) * eps[i][j]) / Math.sqrt(ab);
                    x0 = Math.max(-X0_LIMIT, Math.min(X0_LIMIT, x0));
                    x[i][j] = toX0 * x0 + toXt * x[i][j] + (step > 1 ? sd * rng.nextGaussian() : 0);
                }
            }
        }
        return x;
    }

    @Override
    public DiffusionModel copy() {
        return new DiffusionModel(this);
    }

    @Override
    public String toString() {
        return "DiffusionModel[" + steps + " steps]";
    }
}
