package imitation.rl;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The replay memory of the Q-learners: a fixed number of transitions, the oldest agent transition overwritten
 * first. Each entry holds the one-step transition {@code (s, a, r, s', terminal)} and its n-step form
 * {@code (Σ_{k<m} γ^k r_k, s_m, terminal_m, γ^m)} (the same as the one-step form when n = 1, see {@link NStep}),
 * and whether it is a demonstration. Demonstrations are added first and kept for good (DQfD keeps them "in the
 * buffer permanently"); agent transitions cycle through the rest.
 *
 * <p>Sampling is uniform ({@link #uniform}) or proportional to a priority ({@link #prioritised}, Schaul et al.
 * 2016), with importance weights. Not thread-safe: one learner fills and samples it.
 */
public final class ReplayBuffer {
    private final int capacity;
    private final int observationSize;
    private final double[] observations;
    private final double[] nexts;
    private final double[] nNexts;
    private final int[] actions;
    private final double[] rewards;
    private final double[] nReturns;
    private final double[] nDiscounts;
    private final boolean[] terminals;
    private final boolean[] nTerminals;
    private final boolean[] demonstration;
    /** Priorities already raised to the power alpha (so sampling needs no pow). */
    private final double[] weightedPriority;
    private double maxPriority = 1;
    private int size;
    private int permanent;
    private long agentWrites;

    /** A buffer of {@code capacity} transitions whose observations have {@code observationSize} values. */
    public ReplayBuffer(int capacity, int observationSize) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity = " + capacity + "; a replay buffer holds at least 1 transition"
                    + " (e.g. 50000)");
        }
        if (observationSize < 1) {
            throw new IllegalArgumentException("observationSize = " + observationSize + "; pass the observation length (>= 1)");
        }
        long values = (long) capacity * observationSize * 3;
        if (values > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("capacity = " + capacity + " with observations of " + observationSize
                    + " values needs more than one Java array holds; use a smaller capacity");
        }
        this.capacity = capacity;
        this.observationSize = observationSize;
        observations = new double[capacity * observationSize];
        nexts = new double[capacity * observationSize];
        nNexts = new double[capacity * observationSize];
        actions = new int[capacity];
        rewards = new double[capacity];
        nReturns = new double[capacity];
        nDiscounts = new double[capacity];
        terminals = new boolean[capacity];
        nTerminals = new boolean[capacity];
        demonstration = new boolean[capacity];
        weightedPriority = new double[capacity];
    }

    /** Transitions held now. */
    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    /** Demonstration transitions held (never overwritten). */
    public int demonstrations() {
        return permanent;
    }

    /**
     * Stores one transition with its n-step form. Demonstrations must come before the first agent transition;
     * a new entry gets the largest priority seen so far, so it is sampled soon.
     */
    void add(double[] obs, int action, double reward, double[] next, boolean terminal, double nReturn, double[] nNext,
            boolean nTerminal, double nDiscount, boolean demo) {
        int i;
        if (demo) {
            if (agentWrites > 0) {
                throw new IllegalStateException("a demonstration was added after agent transitions; add every "
                        + "demonstration before the agent starts");
            }
            if (permanent == capacity) {
                throw new IllegalStateException("the replay buffer (capacity " + capacity + ") is full of demonstrations;"
                        + " use a larger capacity than the " + permanent + " demonstration steps");
            }
            i = permanent++;
        } else {
            if (permanent == capacity) {
                throw new IllegalStateException("the replay buffer (capacity " + capacity + ") holds only demonstrations"
                        + " and has no room for agent transitions; use a capacity above " + permanent);
            }
            i = permanent + (int) (agentWrites++ % (capacity - permanent));
        }
        System.arraycopy(obs, 0, observations, i * observationSize, observationSize);
        System.arraycopy(next, 0, nexts, i * observationSize, observationSize);
        System.arraycopy(nNext, 0, nNexts, i * observationSize, observationSize);
        actions[i] = action;
        rewards[i] = reward;
        terminals[i] = terminal;
        nReturns[i] = nReturn;
        nTerminals[i] = nTerminal;
        nDiscounts[i] = nDiscount;
        demonstration[i] = demo;
        weightedPriority[i] = maxPriority;
        size = Math.max(size, i + 1);
    }

    /** {@code count} transitions drawn uniformly with replacement, importance weights 1. */
    Sample uniform(int count, SplittableRandom rng) {
        checkSample(count);
        int[] index = new int[count];
        for (int k = 0; k < count; k++) {
            index[k] = rng.nextInt(size);
        }
        double[] weights = new double[count];
        Arrays.fill(weights, 1);
        return gather(index, weights);
    }

    /**
     * {@code count} transitions drawn with probability {@code P(i) = p_i / Σ p} (p already raised to alpha by
     * {@link #setPriorities}), one from each of {@code count} equal slices of the total; importance weights
     * {@code (N·P(i))^−β}, divided by the batch's largest.
     */
    Sample prioritised(int count, double beta, SplittableRandom rng) {
        checkSample(count);
        double total = 0;
        for (int i = 0; i < size; i++) {
            total += weightedPriority[i];
        }
        double slice = total / count;
        int[] index = new int[count];
        double[] weights = new double[count];
        int i = 0;
        double cumulative = weightedPriority[0];
        double largest = 0;
        for (int k = 0; k < count; k++) {
            double u = (k + rng.nextDouble()) * slice;
            while (cumulative < u && i < size - 1) {
                cumulative += weightedPriority[++i];
            }
            index[k] = i;
            weights[k] = Math.pow(size * weightedPriority[i] / total, -beta);
            largest = Math.max(largest, weights[k]);
        }
        for (int k = 0; k < count; k++) {
            weights[k] /= largest;
        }
        return gather(index, weights);
    }

    /** Sets the priorities of the sampled entries: {@code (|δ| + ε)^α}, ε given per entry by the caller. */
    void setPriorities(int[] index, double[] priority, double alpha) {
        for (int k = 0; k < index.length; k++) {
            double p = Math.pow(priority[k], alpha);
            weightedPriority[index[k]] = p;
            maxPriority = Math.max(maxPriority, p);
        }
    }

    private void checkSample(int count) {
        if (size == 0) {
            throw new IllegalStateException("the replay buffer is empty; add transitions (or demonstrations) before"
                    + " sampling, e.g. start learning after learningStarts environment steps");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count = " + count + "; sample at least 1 transition");
        }
    }

    private Sample gather(int[] index, double[] weights) {
        int n = index.length;
        Sample s = new Sample(n, observationSize);
        for (int k = 0; k < n; k++) {
            int i = index[k];
            System.arraycopy(observations, i * observationSize, s.observations[k], 0, observationSize);
            System.arraycopy(nexts, i * observationSize, s.nexts[k], 0, observationSize);
            System.arraycopy(nNexts, i * observationSize, s.nNexts[k], 0, observationSize);
            s.actions[k] = actions[i];
            s.rewards[k] = rewards[i];
            s.terminals[k] = terminals[i];
            s.nReturns[k] = nReturns[i];
            s.nTerminals[k] = nTerminals[i];
            s.nDiscounts[k] = nDiscounts[i];
            s.demonstration[k] = demonstration[i];
        }
        System.arraycopy(index, 0, s.index, 0, n);
        System.arraycopy(weights, 0, s.weights, 0, n);
        return s;
    }

    /** A minibatch of transitions (row k of every array is transition k), with its buffer indices. */
    static final class Sample {
        final int[] index;
        final double[][] observations;
        final int[] actions;
        final double[] rewards;
        final double[][] nexts;
        final boolean[] terminals;
        final double[] nReturns;
        final double[][] nNexts;
        final boolean[] nTerminals;
        final double[] nDiscounts;
        final boolean[] demonstration;
        final double[] weights;

        Sample(int n, int observationSize) {
            index = new int[n];
            observations = new double[n][observationSize];
            actions = new int[n];
            rewards = new double[n];
            nexts = new double[n][observationSize];
            terminals = new boolean[n];
            nReturns = new double[n];
            nNexts = new double[n][observationSize];
            nTerminals = new boolean[n];
            nDiscounts = new double[n];
            demonstration = new boolean[n];
            weights = new double[n];
        }

        int size() {
            return actions.length;
        }

        /** The rows of {@code a} followed by those of {@code b}. */
        static Sample concat(Sample a, Sample b) {
            int n = a.size() + b.size();
            Sample s = new Sample(n, a.observations[0].length);
            for (int k = 0; k < n; k++) {
                Sample from = k < a.size() ? a : b;
                int j = k < a.size() ? k : k - a.size();
                s.index[k] = from.index[j];
                s.observations[k] = from.observations[j];
                s.actions[k] = from.actions[j];
                s.rewards[k] = from.rewards[j];
                s.nexts[k] = from.nexts[j];
                s.terminals[k] = from.terminals[j];
                s.nReturns[k] = from.nReturns[j];
                s.nNexts[k] = from.nNexts[j];
                s.nTerminals[k] = from.nTerminals[j];
                s.nDiscounts[k] = from.nDiscounts[j];
                s.demonstration[k] = from.demonstration[j];
                s.weights[k] = from.weights[j];
            }
            return s;
        }
    }
}
