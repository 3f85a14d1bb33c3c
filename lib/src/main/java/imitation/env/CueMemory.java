package imitation.env;

import java.util.SplittableRandom;

/**
 * A memory task that no fixed window of recent observations solves: a cue shown only at the first step
 * decides the action at a decision step that comes a random number of steps later.
 *
 * <p>Observation {@code [cue, go]}: at step 0 {@code cue} is −1 or +1 (a fair coin) and 0 afterwards;
 * {@code go} is 1 at the decision step and 0 elsewhere. The decision step comes after a delay {@code D} drawn
 * per episode uniformly from {@code [minDelay, maxDelay]} (the observation at step {@code D} has {@code go = 1}).
 * Actions 0 and 1; before the decision they have no effect and earn nothing; at the decision, action 1 for cue
 * +1 and 0 for cue −1 earns 1 and counts as {@link #succeeded() success}, and the episode terminates either way.
 * At the decision step every observation of the last {@code D} steps is {@code [0, 0]} or {@code [0, 1]}
 * whatever the cue, so a policy that sees at most the last {@code minDelay} observations is right with
 * probability ½; remembering the first observation is right always.
 */
public final class CueMemory implements Env {
    private static final Space OBSERVATION_SPACE = Space.Box.of(2, -1, 1);
    private static final Space ACTION_SPACE = new Space.Discrete(2);

    private final int minDelay;
    private final int maxDelay;
    private double cue;
    private int delay;
    private int t;
    private boolean running;
    private boolean correct;

    /** Delays uniform in {@code [minDelay, maxDelay]}, {@code 1 ≤ minDelay ≤ maxDelay}. */
    public CueMemory(int minDelay, int maxDelay) {
        if (minDelay < 1 || maxDelay < minDelay) {
            throw new IllegalArgumentException("CueMemory: delays [" + minDelay + ", " + maxDelay
                    + "] are not a range of steps; pass 1 ≤ minDelay ≤ maxDelay, e.g. new CueMemory(10, 30)");
        }
        this.minDelay = minDelay;
        this.maxDelay = maxDelay;
    }

    /** {@code count} copies stepped together. */
    public VecEnv vec(int count) {
        return VecEnv.of(count, () -> new CueMemory(minDelay, maxDelay));
    }

    public int minDelay() {
        return minDelay;
    }

    public int maxDelay() {
        return maxDelay;
    }

    @Override
    public Space observationSpace() {
        return OBSERVATION_SPACE;
    }

    @Override
    public Space actionSpace() {
        return ACTION_SPACE;
    }

    /** The longest episode: the decision after {@code maxDelay} steps, so {@code maxDelay + 1} actions. */
    @Override
    public int horizon() {
        return maxDelay + 1;
    }

    @Override
    public double[] reset(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        cue = rng.nextBoolean() ? 1 : -1;
        delay = minDelay + rng.nextInt(maxDelay - minDelay + 1);
        t = 0;
        running = true;
        correct = false;
        return observation();
    }

    @Override
    public Step step(double[] action) {
        if (!running) {
            throw new IllegalStateException("step called on a CueMemory episode that is "
                    + (t == 0 ? "not started" : "over") + "; call reset(seed) first");
        }
        ACTION_SPACE.check("action", action);
        if (t == delay) {
            correct = action[0] == (cue > 0 ? 1 : 0);
            running = false;
            t++;
            return new Step(new double[] {0, 0}, correct ? 1 : 0, true, false);
        }
        t++;
        return new Step(observation(), 0, false, false);
    }

    private double[] observation() {
        return new double[] {t == 0 ? cue : 0, t == delay ? 1 : 0};
    }

    /** Whether the decision was made and was right. */
    @Override
    public boolean succeeded() {
        return correct;
    }

    @Override
    public String toString() {
        return "CueMemory(delay " + minDelay + ".." + maxDelay + ")";
    }
}
