package imitation.policy;

import imitation.env.Space;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Tape;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
        if (body == null || head == null || actionSpace == null) {
            throw new IllegalArgumentException("NetPolicy: " + (body == null ? "body" : head == null ? "head" : "actionSpace")
                    + " is null; pass the trained network, its head and the environment's action space");
        }
        if (body.outputs() != head.rawSize()) {
            throw new IllegalArgumentException("NetPolicy: the body gives " + body.outputs() + " outputs but the head "
                    + head + " reads " + head.rawSize() + "; end the body with dense(" + head.rawSize() + ")");
        }
        if (actionSpace.size() != head.actionSize()
                || (actionSpace instanceof Space.Discrete d) != (head instanceof CategoricalHead)
                || (head instanceof CategoricalHead c && c.n() != ((Space.Discrete) actionSpace).n())) {
            throw new IllegalArgumentException("NetPolicy: head " + head + " does not fit the action space " + actionSpace
                    + "; use Head.forSpace(actionSpace) or a head with the space's actions");
        }
        int d = body.inputs();
        if (mean == null || scale == null || mean.length != d || scale.length != d) {
            throw new IllegalArgumentException("NetPolicy: mean and scale need " + d + " values (the body's inputs), got "
                    + (mean == null ? "null" : mean.length) + " and " + (scale == null ? "null" : scale.length));
        }
        for (int i = 0; i < d; i++) {
            if (!(scale[i] > 0) || !Double.isFinite(scale[i]) || !Double.isFinite(mean[i])) {
                throw new IllegalArgumentException("NetPolicy: scale[" + i + "] = " + scale[i] + ", mean[" + i + "] = "
                        + mean[i] + "; scales must be finite and positive, means finite");
            }
        }
        this.body = body.copy();
        this.head = head;
        this.mean = mean.clone();
        this.scale = scale.clone();
        this.actionSpace = actionSpace;
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

    private static void clip(double[][] actions, Space.Box box) {
        double[] low = box.low();
        double[] high = box.high();
        for (double[] row : actions) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.max(low[j], Math.min(high[j], row[j]));
            }
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
        int n = observations.length;
        for (int i = 0; i < n; i++) {
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
        return body.forward(tape, x);
    }

    // ---------------------------------------------------------------- saving

    /** Writes this policy to {@code file} (created or replaced); {@link #load} reads it back bit for bit. */
    public void save(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file is null; pass a path such as Path.of(\"policy.bin\")");
        }
        try (OutputStream out = Files.newOutputStream(file); ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(this);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the policy to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a policy written by {@link #save}. Only the library's own classes, Java's collections and arrays
     * of primitives are accepted, so a file cannot make the loader build arbitrary objects.
     */
    public static NetPolicy load(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file is null; pass the path a policy was saved to");
        }
        try (InputStream in = Files.newInputStream(file); ObjectInputStream o = new ObjectInputStream(in)) {
            o.setObjectInputFilter(NetPolicy::allowed);
            Object read = o.readObject();
            if (!(read instanceof NetPolicy p)) {
                throw new IllegalArgumentException(file + " holds a " + read.getClass().getName()
                        + ", not a policy saved with NetPolicy.save");
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a policy from " + file + " (" + e.getMessage()
                    + "); pass a file written by NetPolicy.save with this library version", e);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(file + " names a class this library does not have (" + e.getMessage()
                    + "); it was written by another version", e);
        }
    }

    private static ObjectInputFilter.Status allowed(ObjectInputFilter.FilterInfo info) {
        Class<?> c = info.serialClass();
        if (c == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (c.isArray()) {
            c = c.getComponentType();
        }
        String name = c.getName();
        boolean ok = c.isPrimitive() || name.startsWith("imitation.") || name.startsWith("java.lang.")
                || name.startsWith("java.util.ImmutableCollections") || name.equals("java.util.CollSer")
                || name.startsWith("java.lang.Enum");
        return ok ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    }

    @Override
    public String toString() {
        return "NetPolicy[" + body + ", head " + head + ", actions " + actionSpace + "]";
    }
}
