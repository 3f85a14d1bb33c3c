package imitation.policy;

import imitation.env.Space;
import imitation.nn.Batch;
import java.io.Serializable;

/**
 * Turns a network's raw outputs into a distribution over actions: the "head" on a policy body. The body
 * gives {@link #rawSize()} numbers per observation; {@link #distribution} reads them as, for example, the
 * logits of a categorical distribution or the mean and log standard deviation of a Gaussian. Every head
 * gives log-probabilities, entropies and the gradient of a weighted log-likelihood with respect to the raw
 * outputs, so one behaviour cloning (and one policy-gradient step) serves every head.
 */
public interface Head extends Serializable {

    /** Raw outputs per observation that the body must produce. */
    int rawSize();

    /** Numbers per action row (1 for a discrete action: its index). */
    int actionSize();

    /** The distributions for a batch of raw outputs ({@code [n, rawSize()]}); the batch is read, not copied. */
    Distribution distribution(Batch raw);

    /** A deterministic head regressing {@code size} action values (behaviour cloning by mean squared error). */
    static Head deterministic(int size) {
        return new DeterministicHead(size);
    }

    /** A categorical distribution over {@code n} actions from {@code n} logits. */
    static Head categorical(int n) {
        return new CategoricalHead(n);
    }

    /**
     * A diagonal Gaussian over {@code size} action values from {@code 2·size} raw outputs: the means, then the
     * log standard deviations. For a state-independent σ, end the body with
     * {@code Network.Builder.appendParameters(size, initialLogStd)}, which appends learned constants.
     */
    static Head gaussian(int size) {
        return new GaussianHead(size);
    }

    /**
     * A mixture of {@code components} diagonal Gaussians over {@code size} action values (a mixture density
     * network), with the default variance floor {@code σ ≥ 1e-3}; see {@link #mixture(int, int, double)}.
     */
    static Head mixture(int components, int size) {
        return new MixtureHead(components, size, MixtureHead.DEFAULT_MIN_STD);
    }

    /**
     * A mixture of {@code components} diagonal Gaussians over {@code size} action values, each standard
     * deviation {@code σ = minStd + exp(ρ)} (a smooth floor against variance collapse); the loss is a
     * log-sum-exp over components. Raw outputs: {@code K} logits, {@code K·size} means, {@code K·size} ρ.
     */
    static Head mixture(int components, int size, double minStd) {
        return new MixtureHead(components, size, minStd);
    }

    /**
     * Per-dimension discretisation: {@code bins} equal bins over each action value's range
     * {@code [low_j, high_j]}, an independent categorical distribution per value. Actions outside the range are
     * rejected (never clipped).
     */
    static Head binned(int bins, double[] low, double[] high) {
        return new BinnedHead(new Bins(bins, low, high));
    }

    /**
     * Autoregressive discretisation: bins as {@link #binned}, each value's bin predicted given the bins chosen
     * for the values before it.
     */
    static Head autoregressive(int bins, double[] low, double[] high) {
        return new AutoregressiveHead(new Bins(bins, low, high));
    }

    /**
     * k-means bins plus a per-bin offset (Behaviour Transformers): clusters {@code actions} (the demonstrated
     * actions) into {@code k} centres, seeded, and returns a head with {@code k} bin logits and {@code k·D}
     * offsets, the offset term weighted as a Gaussian of standard deviation {@code offsetStd}.
     */
    static Head kMeansOffset(double[][] actions, int k, double offsetStd, long seed) {
        return KMeansOffsetHead.fit(actions, k, offsetStd, seed);
    }

    /** The usual head for an action space: categorical for discrete actions, deterministic for a box. */
    static Head forSpace(Space space) {
        if (space == null) {
            throw new IllegalArgumentException("space is null; pass the environment's action space");
        }
        return space instanceof Space.Discrete d ? categorical(d.n()) : deterministic(space.size());
    }

    /** Checks a size argument of a head factory. */
    static int checkSize(String name, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException(name + " = " + value + "; a head needs at least " + least);
        }
        return value;
    }
}
