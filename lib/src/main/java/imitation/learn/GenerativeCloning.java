package imitation.learn;

import imitation.data.Demonstrations;
import imitation.env.Space;
import imitation.policy.GenerativeModel;
import imitation.policy.GenerativePolicy;
import java.util.SplittableRandom;

/**
 * Behaviour cloning with a generative model of the action ({@link imitation.policy.ConditionalVae},
 * {@link imitation.policy.ConditionalGan}, {@link imitation.policy.DiffusionModel}): the demonstrated observations
 * and actions are standardised with the demonstrations' means and standard deviations, and the model takes
 * {@code steps} minibatch steps of its own objective over shuffled epochs, on the same schedule as
 * {@link BehaviorCloning}, then as many steps of its second phase as it asks for
 * ({@link GenerativeModel#refinementSteps()}; the GAN's discriminator-only fit when it resamples). The result is a
 * {@link GenerativePolicy} that samples actions from a copy of the model.
 * Stops cleanly when its thread is interrupted, returning the policy trained so far (the interrupt flag stays set).
 *
 * <pre>{@code
 * GenerativeModel vae = new ConditionalVae(demos.observationSize(), demos.actionSize(), 2, 0.5, 2e-3, seed);
 * GenerativePolicy p = GenerativeCloning.builder().steps(2000).seed(seed).build().train(demos, env.actionSpace(), vae);
 * }</pre>
 */
public final class GenerativeCloning {
    private final int steps;
    private final int batchSize;
    private final long seed;

    private GenerativeCloning(Builder b) {
        steps = b.steps;
        batchSize = b.batchSize;
        seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains {@code model} (in place) on {@code demos} for an environment whose actions live in the box
     * {@code actionSpace}; returns a snapshot policy.
     */
    public GenerativePolicy train(Demonstrations demos, Space actionSpace, GenerativeModel model) {
        if (model == null || actionSpace == null) {
            throw new IllegalArgumentException("train: " + (model == null ? "model" : "actionSpace")
                    + " is null; pass e.g. new ConditionalVae(...) and the environment's action space");
        }
        if (!(actionSpace instanceof Space.Box)) {
            throw new IllegalArgumentException("train: action space " + actionSpace + " is not a Box; the generative models"
                    + " learn continuous actions (for discrete ones use BehaviorCloning's categorical head)");
        }
        BehaviorCloning.Data data = BehaviorCloning.Data.of(demos, actionSpace, 1);
        if (model.observationSize() != demos.observationSize() || model.actionSize() != demos.actionSize()) {
            throw new IllegalArgumentException("train: the model " + model + " reads " + model.observationSize()
                    + " observation values and makes " + model.actionSize() + " action values, but the demonstrations have "
                    + demos.observationSize() + " and " + demos.actionSize() + "; build it with the demonstrations' sizes");
        }
        int n = data.obs().length;
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        Standardisation obs = Standardisation.of(data.obs(), all, n);
        Standardisation act = Standardisation.of(data.act(), all, n);
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = obs.apply(data.obs()[i]);
            y[i] = act.apply(data.act()[i]);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        SplittableRandom noise = rng.split();
        phase(model, false, steps, x, y, rng, noise);
        // after an interrupt in the first phase the flag is still set, so the second takes no step
        phase(model, true, model.refinementSteps(), x, y, rng, noise);
        return new GenerativePolicy(model, obs.mean, obs.scale, act.mean, act.scale, actionSpace);
    }

    /** {@code count} minibatch steps of the model's main or second phase (fewer if the thread is interrupted). */
    private void phase(GenerativeModel model, boolean second, int count, double[][] x, double[][] y, SplittableRandom rng,
            SplittableRandom noise) {
        Supervised.minibatches(count, batchSize, x.length, rng, (step, rows) -> {
            double[][] s = new double[rows.length][];
            double[][] a = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                s[i] = x[rows[i]];
                a[i] = y[rows[i]];
            }
            double loss = second ? model.refinementStep(s, a, noise) : model.trainStep(s, a, noise);
            if (!Double.isFinite(loss)) {
                throw new ArithmeticException("the training loss of " + model + " became " + loss + " at step " + step
                        + (second ? " of the second phase" : "") + "; training diverged: lower the model's learning rate");
            }
            return false;
        });
    }

    /** Configuration with documented defaults. */
    public static final class Builder {
        private int steps = 2000;
        private int batchSize = 64;
        private long seed;

        private Builder() {}

        /** Number of minibatch steps (default 2000). */
        public Builder steps(int count) {
            steps = Settings.atLeastOne("steps", count);
            return this;
        }

        /** Minibatch size (default 64). */
        public Builder batchSize(int size) {
            batchSize = Settings.atLeastOne("batchSize", size);
            return this;
        }

        /** Seed of the shuffle and of the models' noise (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public GenerativeCloning build() {
            return new GenerativeCloning(this);
        }
    }
}
