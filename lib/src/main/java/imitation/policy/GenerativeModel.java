package imitation.policy;

import imitation.nn.Activation;
import imitation.nn.Adam;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Tape;
import java.util.random.RandomGenerator;

/**
 * A conditional generative model of actions {@code p(a|s)} that can be sampled but gives no closed-form
 * {@code log π(a|s)}: the conditional VAE, the conditional GAN and the diffusion policy. It works in standardised
 * units: {@code imitation.learn.GenerativeCloning} trains it on standardised observations and actions, and a
 * {@link GenerativePolicy} undoes the action standardisation. Its networks are multi-layer perceptrons (hidden
 * layers of 64 and 64 units, tanh unless the model says otherwise) trained with Adam at the learning rate given at
 * construction. Training may have a second phase of {@link #refinementSteps()} steps after the main ones (the
 * GAN's discriminator-only fit when it resamples).
 *
 * <p>{@link #trainStep} belongs to one thread at a time; {@link #sample} is safe to call from several threads
 * at once (the networks run on each thread's own tape).
 */
public abstract class GenerativeModel {
    static final int[] HIDDEN = {64, 64};

    private final int observations;
    private final int actions;
    final double learningRate;

    GenerativeModel(String who, int observations, int actions, double learningRate) {
        if (observations < 1 || actions < 1) {
            throw new IllegalArgumentException(who + ": observations = " + observations + ", actions = " + actions
                    + "; pass the sizes of the demonstrations' observation and action rows (at least 1 each)");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException(who + ": learningRate = " + learningRate + " must be positive, e.g. 1e-3");
        }
        this.observations = observations;
        this.actions = actions;
        this.learningRate = learningRate;
    }

    /** Values per (standardised) observation row. */
    public int observationSize() {
        return observations;
    }

    /** Values per (standardised) action row. */
    public int actionSize() {
        return actions;
    }

    /**
     * One optimiser step of every network on a minibatch of standardised observations and actions (one row
     * each), with the model's noise drawn from {@code rng}; returns the minibatch loss (the model's own objective).
     */
    public abstract double trainStep(double[][] observations, double[][] actions, RandomGenerator rng);

    /** Steps of the second training phase, run after the {@link #trainStep}s (0, the default: none). */
    public int refinementSteps() {
        return 0;
    }

    /**
     * One step of the second training phase on a minibatch (as {@link #trainStep}); returns its loss. Called only
     * when {@link #refinementSteps()} is positive.
     */
    public double refinementStep(double[][] observations, double[][] actions, RandomGenerator rng) {
        throw new IllegalStateException(this + " has no second training phase (refinementSteps() is 0)");
    }

    /** One standardised action per standardised observation row, drawn with {@code rng}; thread-safe. */
    public abstract double[][] sample(double[][] observations, RandomGenerator rng);

    /** An independent copy of the networks as they are now (for a snapshot policy), with fresh optimisers. */
    public abstract GenerativeModel copy();

    /** An MLP of {@link #HIDDEN} tanh layers from {@code inputs} to {@code outputs}. */
    static Network mlp(int inputs, int outputs, long seed) {
        return mlp(inputs, outputs, Activation.TANH, seed);
    }

    /** An MLP of {@link #HIDDEN} layers of {@code activation} from {@code inputs} to {@code outputs}. */
    static Network mlp(int inputs, int outputs, Activation activation, long seed) {
        return Network.mlp(inputs, outputs, activation, seed, HIDDEN);
    }

    /** Adam at the model's learning rate. */
    Adam adam() {
        return new Adam(learningRate);
    }

    /** Adam at the model's learning rate with first-moment decay {@code beta1}. */
    Adam adam(double beta1) {
        return new Adam(learningRate, 0, beta1);
    }

    /** The rows {@code [left | right]} loaded into the tape's input batch. */
    static Batch joined(Tape tape, double[][] left, double[][] right) {
        int a = left[0].length;
        int b = right[0].length;
        Batch x = tape.input(left.length, a + b);
        for (int i = 0; i < left.length; i++) {
            for (int j = 0; j < a; j++) {
                x.set(i, j, left[i][j]);
            }
            for (int j = 0; j < b; j++) {
                x.set(i, a + j, right[i][j]);
            }
        }
        return x;
    }

    /** The rows {@code [left | right]} as a new array (for {@link Network#predict}). */
    static double[][] concat(double[][] left, double[][] right) {
        double[][] out = new double[left.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[left[i].length + right[i].length];
            System.arraycopy(left[i], 0, out[i], 0, left[i].length);
            System.arraycopy(right[i], 0, out[i], left[i].length, right[i].length);
        }
        return out;
    }

    /** {@code rows × cols} standard normal draws. */
    static double[][] gaussian(int rows, int cols, RandomGenerator rng) {
        double[][] out = new double[rows][cols];
        for (double[] row : out) {
            for (int j = 0; j < cols; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return out;
    }

    /** Checks the rows given to {@link #sample}: non-empty, {@link #observationSize()} finite values each. */
    void checkObservations(double[][] observations, RandomGenerator rng) {
        if (rng == null) {
            throw new IllegalArgumentException("rng is null; pass a seeded random generator");
        }
        if (observations == null || observations.length == 0) {
            throw new IllegalArgumentException("observations is " + (observations == null ? "null" : "empty")
                    + "; pass at least one row of " + this.observations + " values");
        }
        for (int i = 0; i < observations.length; i++) {
            double[] row = observations[i];
            if (row == null || row.length != this.observations) {
                throw new IllegalArgumentException("observation " + i + " has " + (row == null ? "no array" : row.length
                        + " values") + " but this model reads " + this.observations
                        + "; pass observations of the environment it was trained in");
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("observation " + i + " holds " + v + "; observations must be finite");
                }
            }
        }
    }

    /** Checks a latent size (at least 1). */
    static int checkLatent(String who, int latent) {
        if (latent < 1) {
            throw new IllegalArgumentException(who + ": latent = " + latent + "; the latent needs at least 1 dimension"
                    + " (e.g. 2)");
        }
        return latent;
    }
}
