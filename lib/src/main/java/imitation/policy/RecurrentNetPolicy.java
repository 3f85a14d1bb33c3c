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
 * A learned policy with memory: observations are standardised, a body {@link Network} with recurrent layers
 * ({@code lstm}, {@code gru}) reads them one step at a time, and a {@link Head} reads its outputs as a
 * distribution over actions. The hidden state of each running episode lives in the {@link RecurrentPolicy.State}
 * the caller carries (as {@code (h, c)} per recurrent layer), and is zeroed for the rows flagged as starting an
 * episode; {@link imitation.data.Rollouts#collect(RecurrentPolicy)} does both.
 *
 * <p>A snapshot: it owns a private copy of the body. Safe to call from several threads at once (each thread
 * steps the body on its own tape, loading the given state first); states are immutable. {@link #save} and
 * {@link #load} write and read it bit for bit.
 */
public final class RecurrentNetPolicy extends RecurrentPolicy implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Network body;
    private final Head head;
    private final double[] mean;
    private final double[] scale;
    private final Space actionSpace;

    /** As {@link NetPolicy#NetPolicy}: the body (copied, with recurrent layers or not), head, input offsets and divisors, action space. */
    public RecurrentNetPolicy(Network body, Head head, double[] mean, double[] scale, Space actionSpace) {
        NetPolicy.check("RecurrentNetPolicy", body, head, mean, scale, actionSpace);
        this.body = body.copy();
        this.head = head;
        this.mean = mean.clone();
        this.scale = scale.clone();
        this.actionSpace = actionSpace;
    }

    /** The carried state of {@code size} episodes: the recurrent layers' state parts, none before the first step. */
    private record Memory(int size, float[][] parts) implements State {}

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

    @Override
    protected State newState(int n) {
        return new Memory(n, new float[0][]);
    }

    @Override
    protected Output step(double[][] observations, State state, boolean[] episodeStart) {
        Tape tape = body.threadTape();
        double[][] a = head.distribution(raw(tape, observations, state, episodeStart)).mode();
        return new Output(clipped(a), new Memory(observations.length, tape.saveState()));
    }

    @Override
    protected Output sampleStep(double[][] observations, State state, boolean[] episodeStart, RandomGenerator rng) {
        Tape tape = body.threadTape();
        double[][] a = head.distribution(raw(tape, observations, state, episodeStart)).sample(rng);
        return new Output(clipped(a), new Memory(observations.length, tape.saveState()));
    }

    /** One step of the body from {@code state} (flagged rows from zero) on {@code tape}, whose state it leaves after the step. */
    private Batch raw(Tape tape, double[][] observations, State state, boolean[] episodeStart) {
        Memory m = own(state, Memory.class);
        int n = observations.length;
        if (m.parts().length == 0) {
            tape.resetState(n);
        } else {
            tape.loadState(m.parts(), n);
        }
        Batch x = tape.input(n, mean.length);
        NetPolicy.standardise(observations, mean, scale, x);
        return body.step(tape, x, episodeStart);
    }

    private double[][] clipped(double[][] actions) {
        if (actionSpace instanceof Space.Box box) {
            NetPolicy.clip(actions, box);
        }
        return actions;
    }

    /** Writes this policy to {@code file} (created or replaced); {@link #load} reads it back bit for bit. */
    public void save(Path file) {
        PolicyFiles.save(this, file);
    }

    /** Reads a policy written by {@link #save} (only the library's own classes are accepted). */
    public static RecurrentNetPolicy load(Path file) {
        return PolicyFiles.load(file, RecurrentNetPolicy.class);
    }

    @Override
    public String toString() {
        return "RecurrentNetPolicy[" + body + ", head " + head + ", actions " + actionSpace + "]";
    }
}
