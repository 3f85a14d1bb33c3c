package imitation.policy;

import imitation.env.Space;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Tape;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.random.RandomGenerator;

/**
 * A learned policy: observations are standardised ({@code (s − mean) / scale}), a body {@link Network} maps
 * them to raw outputs, and a {@link Head} reads those as a distribution over actions. {@link #act} takes the
 * mode; {@link #sample} draws. For a box action space both are clipped to the box (a regressor's output and a
 * Gaussian's samples are unbounded, the environment's actions are not); {@link #distribution} and
 * {@link #logProb} see the unclipped values.
 *
 * <p>A snapshot: it owns a private copy of the body, so later training does not change it. Safe to call from
 * several threads at once (each thread runs the body on its own tape). {@link #save} and {@link #load} write
 * and read it bit for bit.
 */
public final class NetPolicy implements Policy, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Network body;
    private final Head head;
    private final double[] mean;
    private final double[] scale;
    private final Space actionSpace;

    /**
     * @param body        the trained network (copied); its outputs must number {@code head.rawSize()}
     * @param head        how to read the raw outputs
     * @param mean        per-input offset subtracted before the body (zeros for none)
     * @param scale       per-input divisor, finite and positive (ones for none)
     * @param actionSpace the environment's action space, matching the head's actions
     */
    public NetPolicy(Network body, Head head, double[] mean, double[] scale, Space actionSpace) {
        check("NetPolicy", body, head, mean, scale, actionSpace);
        this.body = body.copy();
        this.head = head;
        this.mean = mean.clone();
        this.scale = scale.clone();
        this.actionSpace = actionSpace;
    }

    /** Checks the parts of a network policy ({@code who} names the class in messages). */
    static void check(String who, Network body, Head head, double[] mean, double[] scale, Space actionSpace) {
        if (body == null || head == null || actionSpace == null) {
            throw new IllegalArgumentException(who + ": " + (body == null ? "body" : head == null ? "head" : "actionSpace")
                    + " is null; pass the trained network, its head and the environment's action space");
        }
        if (body.outputs() != head.rawSize()) {
            throw new IllegalArgumentException(who + ": the body gives " + body.outputs() + " outputs but the head "
                    + head + " reads " + head.rawSize() + "; end the body with dense(" + head.rawSize() + ")");
        }
        if (actionSpace.size() != head.actionSize()
                || (actionSpace instanceof Space.Discrete d) != (head instanceof CategoricalHead)
                || (head instanceof CategoricalHead c && c.n() != ((Space.Discrete) actionSpace).n())) {
            throw new IllegalArgumentException(who + ": head " + head + " does not fit the action space " + actionSpace
                    + "; use Head.forSpace(actionSpace) or a head with the space's actions");
        }
        checkAffine(who + ":", body.inputs(), " (the body's inputs)", mean, scale);
    }

    /**
     * Checks an affine map {@code (x − mean) / scale} of {@code size} values: both arrays of that size, scales
     * finite and positive, means finite. Errors start with {@code prefix}; {@code sizeNote} says where the size
     * comes from.
     */
    static void checkAffine(String prefix, int size, String sizeNote, double[] mean, double[] scale) {
        if (mean == null || scale == null || mean.length != size || scale.length != size) {
            throw new IllegalArgumentException(prefix + " mean and scale need " + size + " values" + sizeNote + ", got "
                    + (mean == null ? "null" : mean.length) + " and " + (scale == null ? "null" : scale.length));
        }
        for (int i = 0; i < size; i++) {
            if (!(scale[i] > 0) || !Double.isFinite(scale[i]) || !Double.isFinite(mean[i])) {
                throw new IllegalArgumentException(prefix + " scale[" + i + "] = " + scale[i] + ", mean[" + i + "] = "
                        + mean[i] + "; scales must be finite and positive, means finite");
            }
        }
    }

    public Space actionSpace() {
        return actionSpace;
    }

    public Head head() {
        return head;
    }

    /** A copy of the body network. */
    public Network network() {
        return body.copy();
    }

    /** The input offsets (a copy). */
    public double[] inputMean() {
        return mean.clone();
    }

    /** The input divisors (a copy). */
    public double[] inputScale() {
        return scale.clone();
    }

    /** Raw outputs of the body for a batch ({@code [n][head.rawSize()]}). */
    public double[][] outputs(double[][] observations) {
        return raw(observations).toArray();
    }

    /** The action distributions for a batch of observations (an independent object, safe to keep). */
    public Distribution distribution(double[][] observations) {
        return head.distribution(raw(observations).copy());
    }

    /** {@code log π(a_i|s_i)} for each row. */
    public double[] logProb(double[][] observations, double[][] actions) {
        return head.distribution(raw(observations)).logProb(actions);
    }

    /** The entropy of {@code π(·|s_i)} for each row. */
    public double[] entropy(double[][] observations) {
        return head.distribution(raw(observations)).entropy();
    }

    @Override
    public double[][] act(double[][] observations) {
        double[][] a = head.distribution(raw(observations)).mode();
        if (actionSpace instanceof Space.Box box) {
            clip(a, box);
        }
        return a;
    }

    @Override
    public double[][] sample(double[][] observations, RandomGenerator rng) {
        if (rng == null) {
            throw new IllegalArgumentException("rng is null; pass a seeded random generator");
        }
        double[][] a = head.distribution(raw(observations)).sample(rng);
        if (actionSpace instanceof Space.Box box) {
            clip(a, box);
        }
        return a;
    }

    /** Clips each row of {@code actions} into {@code box}, in place. */
    static void clip(double[][] actions, Space.Box box) {
        for (double[] row : actions) {
            box.clipInPlace(row);
        }
    }

    /** The body's raw outputs on this thread's tape (valid until this thread's next pass). */
    private Batch raw(double[][] observations) {
        int d = mean.length;
        if (observations == null || observations.length == 0) {
            throw new IllegalArgumentException("observations is " + (observations == null ? "null" : "empty")
                    + "; pass at least one row of " + d + " values");
        }
        Tape tape = body.threadTape();
        Batch x = tape.input(observations.length, d);
        standardise(observations, mean, scale, x);
        return body.forward(tape, x);
    }

    /** Writes {@code (observations − mean) / scale} into {@code x}, checking each row's width and finiteness. */
    static void standardise(double[][] observations, double[] mean, double[] scale, Batch x) {
        int d = mean.length;
        for (int i = 0; i < observations.length; i++) {
            double[] row = observations[i];
            if (row == null || row.length != d) {
                throw new IllegalArgumentException("observation " + i + " has " + (row == null ? "no array" : row.length + " values")
                        + " but this policy reads " + d + "; pass observations of the environment it was trained in");
            }
            for (int j = 0; j < d; j++) {
                double v = (row[j] - mean[j]) / scale[j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("observation " + i + "[" + j + "] = " + row[j] + " is not finite");
                }
                x.set(i, j, v);
            }
        }
    }

    // ---------------------------------------------------------------- saving

    /** Writes this policy to {@code file} (created or replaced); {@link #load} reads it back bit for bit. */
    public void save(Path file) {
        PolicyFiles.save(this, file);
    }

    /**
     * Reads a policy written by {@link #save}. Only the library's own classes, Java's collections and arrays
     * of primitives are accepted, so a file cannot make the loader build arbitrary objects.
     */
    public static NetPolicy load(Path file) {
        return PolicyFiles.load(file, NetPolicy.class);
    }

    @Override
    public String toString() {
        return "NetPolicy[" + body + ", head " + head + ", actions " + actionSpace + "]";
    }
}
