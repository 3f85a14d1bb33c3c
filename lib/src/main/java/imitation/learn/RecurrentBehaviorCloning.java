package imitation.learn;

import imitation.data.Demonstrations;
import imitation.data.Interruption;
import imitation.data.Trajectory;
import imitation.env.Space;
import imitation.eval.History;
import imitation.nn.Adam;
import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Tape;
import imitation.policy.Distribution;
import imitation.policy.Head;
import imitation.policy.RecurrentNetPolicy;
import java.util.List;
import java.util.SplittableRandom;
import tech.tablesaw.api.Table;

/**
 * Behaviour cloning of a policy with memory: a recurrent body (LSTM or GRU, then a dense layer to the head's
 * raw outputs) is trained on whole demonstrated episodes by backpropagation through time, minimising
 * {@code −(1/N) Σ_{i,t} log π(a_{i,t} | o_{i,0..t})} over the valid steps of each minibatch of sequences.
 *
 * <p>Two ways to cut the sequences:
 * <ul>
 *   <li>{@link Builder#wholeEpisodes()} (the default): each update runs every sampled episode from its first
 *       step to its last; shorter episodes are padded at the end and the padding carries weight 0 (padding
 *       after the end cannot change earlier outputs).</li>
 *   <li>{@link Builder#window(int, int)}: truncated BPTT. Each update takes a window of {@code length} steps
 *       from every sampled episode, starting at a uniformly drawn step, and first runs the {@code burnIn} steps
 *       before it without gradient, so the window starts from a realistic hidden state (as R2D2 does). A window
 *       that would start inside the first {@code burnIn} steps starts at the episode's first step instead, from
 *       a zero state. Gradients flow within the window only.</li>
 * </ul>
 * The trained {@link RecurrentNetPolicy} carries the hidden state while it drives and resets it when an
 * episode starts.
 */
public final class RecurrentBehaviorCloning {

    /** The recurrent layer of the body. */
    public enum Cell { LSTM, GRU }

    private final Cell cell;
    private final int hidden;
    private final int steps;
    private final int batch;
    private final int window;
    private final int burnIn;
    private final double learningRate;
    private final double maxGradNorm;
    private final Head head;
    private final long seed;

    private RecurrentBehaviorCloning(Builder b) {
        cell = b.cell;
        hidden = b.hidden;
        steps = b.steps;
        batch = b.batch;
        window = b.window;
        burnIn = b.burnIn;
        learningRate = b.learningRate;
        maxGradNorm = b.maxGradNorm;
        head = b.head;
        seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The trained policy and the history {@code step | metric | value | seed} (metric {@code loss}: the
     * minibatch's mean negative log-likelihood per valid step).
     */
    public record Result(RecurrentNetPolicy policy, Table history) {
        public Result {
            history = history.copy();
        }

        @Override
        public Table history() {
            return history.copy();
        }
    }

    /** Trains on {@code demos} (episodes in any order, of any lengths) for actions of {@code actionSpace}. */
    public Result train(Demonstrations demos, Space actionSpace) {
        if (demos == null || demos.size() == 0) {
            throw new IllegalArgumentException("demos is " + (demos == null ? "null" : "empty")
                    + "; pass demonstrated episodes, e.g. Rollouts.in(env.vec(8)).episodes(100).collect(expert)");
        }
        if (actionSpace == null) {
            throw new IllegalArgumentException("actionSpace is null; pass the environment's action space");
        }
        Head h = head != null ? head : Head.forSpace(actionSpace);
        if (demos.actionSize() != h.actionSize()) {
            throw new IllegalArgumentException("the demonstrations' actions have " + demos.actionSize()
                    + " values but the head " + h + " reads " + h.actionSize() + "; pass the matching action space or head");
        }
        List<Trajectory> episodes = demos.trajectories();
        int d = demos.observationSize();
        double[][] all = demos.observations();
        int[] rows = new int[all.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        Standardisation norm = Standardisation.of(all, rows, rows.length);
        double[][][] inputs = new double[episodes.size()][][];
        for (int e = 0; e < inputs.length; e++) {
            Trajectory t = episodes.get(e);
            inputs[e] = new double[t.length()][];
            for (int s = 0; s < t.length(); s++) {
                inputs[e][s] = norm.apply(t.observation(s));
            }
        }
        Network.Builder nb = Network.builder(d).seed(seed);
        Network net = (cell == Cell.LSTM ? nb.lstm(hidden) : nb.gru(hidden)).dense(h.rawSize()).build();
        Adam adam = new Adam(learningRate);
        Tape tape = net.tape();
        SplittableRandom rng = new SplittableRandom(seed);
        History history = new History("step", seed);
        for (int step = 1; step <= steps; step++) {
            Interruption.check("RecurrentBehaviorCloning", step - 1, "updates");
            int[] chosen = new int[batch];
            int[] start = new int[batch];
            int length = 0;
            for (int i = 0; i < batch; i++) {
                chosen[i] = rng.nextInt(inputs.length);
                int n = inputs[chosen[i]].length;
                if (window > 0) {
                    int s = rng.nextInt(n);
                    start[i] = s < burnIn ? 0 : s;
                }
                length = Math.max(length, window > 0 ? window : n);
            }
            if (window > 0 && burnIn > 0) {
                boolean[] fresh = new boolean[batch];
                double[][][] warm = new double[burnIn][batch][];
                for (int i = 0; i < batch; i++) {
                    fresh[i] = start[i] == 0;
                    for (int t = 0; t < burnIn; t++) {
                        int s = start[i] - burnIn + t;
                        warm[t][i] = s >= 0 ? inputs[chosen[i]][s] : new double[d];
                    }
                }
                tape.resetState(batch);
                net.forward(tape, Batch.ofSequences(warm));
                tape.resetState(fresh);
            } else {
                tape.resetState(batch);
            }
            double[][][] x = new double[length][batch][];
            double[][] actions = new double[length * batch][];
            double[] weights = new double[length * batch];
            int valid = 0;
            for (int t = 0; t < length; t++) {
                for (int i = 0; i < batch; i++) {
                    Trajectory e = episodes.get(chosen[i]);
                    int s = start[i] + t;
                    boolean inside = s < e.length();
                    x[t][i] = inside ? inputs[chosen[i]][s] : new double[d];
                    actions[t * batch + i] = inside ? e.action(s) : new double[h.actionSize()];
                    weights[t * batch + i] = inside ? 1 : 0;
                    valid += inside ? 1 : 0;
                }
            }
            for (int r = 0; r < weights.length; r++) {
                weights[r] /= valid;
            }
            Batch out = net.forward(tape, Batch.ofSequences(x));
            Distribution pi = h.distribution(out);
            Batch dRaw = Batch.sequence(out.rows(), out.cols(), out.steps());
            double loss = pi.lossGradient(actions, weights, 0, dRaw);
            net.params().zeroGrad();
            net.backward(tape, dRaw);
            net.params().clipGradNorm(maxGradNorm);
            adam.step(net.params());
            history.add(step, "loss", loss);
        }
        RecurrentNetPolicy policy = new RecurrentNetPolicy(net, h, norm.mean, norm.scale, actionSpace);
        return new Result(policy, history.table("recurrent behaviour cloning"));
    }

    /** Settings; defaults: LSTM of 32 units, 300 updates of 16 whole episodes, Adam 0.01, gradient norm ≤ 1, seed 0. */
    public static final class Builder {
        private Cell cell = Cell.LSTM;
        private int hidden = 32;
        private int steps = 300;
        private int batch = 16;
        private int window;
        private int burnIn;
        private double learningRate = 0.01;
        private double maxGradNorm = 1;
        private Head head;
        private long seed;

        private Builder() {}

        public Builder cell(Cell cell) {
            if (cell == null) {
                throw new IllegalArgumentException("cell is null; pass Cell.LSTM or Cell.GRU");
            }
            this.cell = cell;
            return this;
        }

        /** Units of the recurrent layer. */
        public Builder hidden(int units) {
            hidden = Settings.atLeastOne("hidden", units);
            return this;
        }

        /** Number of updates (one minibatch of sequences each). */
        public Builder steps(int steps) {
            this.steps = Settings.atLeastOne("steps", steps);
            return this;
        }

        /** Sequences (episodes or windows) per update. */
        public Builder batch(int sequences) {
            batch = Settings.atLeastOne("batch", sequences);
            return this;
        }

        /** Backpropagation through whole episodes (the default). */
        public Builder wholeEpisodes() {
            window = 0;
            burnIn = 0;
            return this;
        }

        /** Truncated BPTT over windows of {@code length ≥ 1} steps after {@code burnIn ≥ 0} steps run without gradient. */
        public Builder window(int length, int burnIn) {
            if (length < 1) {
                throw new IllegalArgumentException("window: length = " + length + "; a truncation window needs at least 1 step"
                        + " (or use wholeEpisodes() for backpropagation through whole episodes)");
            }
            if (burnIn < 0) {
                throw new IllegalArgumentException("window: burnIn = " + burnIn + "; pass 0 for none or the number of steps"
                        + " run before each window to warm up the hidden state");
            }
            window = length;
            this.burnIn = burnIn;
            return this;
        }

        public Builder learningRate(double rate) {
            if (!(rate > 0) || !Double.isFinite(rate)) {
                throw new IllegalArgumentException("learningRate = " + rate + "; pass a positive finite rate, e.g. 0.01");
            }
            learningRate = rate;
            return this;
        }

        /** Gradients are rescaled to at most this norm before each step. */
        public Builder maxGradNorm(double norm) {
            if (!(norm > 0) || !Double.isFinite(norm)) {
                throw new IllegalArgumentException("maxGradNorm = " + norm + "; pass a positive finite norm, e.g. 1");
            }
            maxGradNorm = norm;
            return this;
        }

        /** The action head; default {@link Head#forSpace} of the action space given to {@code train}. */
        public Builder head(Head head) {
            if (head == null) {
                throw new IllegalArgumentException("head is null; pass e.g. Head.categorical(2), or leave the default");
            }
            this.head = head;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public RecurrentBehaviorCloning build() {
            return new RecurrentBehaviorCloning(this);
        }
    }
}
