package imitation.rl;

import java.util.ArrayDeque;

/**
 * Turns each episode's steps into replay entries with their n-step returns, one window per episode slot.
 * The entry of step t is written once steps t..t+n−1 are known, or when the episode ends first:
 * {@code R = Σ_{k<m} γ^k r_{t+k}} with {@code m = min(n, T − t)}, bootstrapping from {@code s_{t+m}} with
 * weight {@code γ^m} unless the episode terminated at {@code t + m} (a time-limit cut still bootstraps).
 */
final class NStep {
    private final int n;
    private final double gamma;
    private final ReplayBuffer buffer;
    private final ArrayDeque<Pending>[] windows;

    private record Pending(double[] obs, int action, double reward, double[] next, boolean terminal) {}

    @SuppressWarnings("unchecked")
    NStep(int slots, int n, double gamma, ReplayBuffer buffer) {
        this.n = checkN(n);
        this.gamma = gamma;
        this.buffer = buffer;
        windows = new ArrayDeque[slots];
        for (int i = 0; i < slots; i++) {
            windows[i] = new ArrayDeque<>();
        }
    }

    static int checkN(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("nStep = " + n + "; n-step returns need n >= 1 (1 is the one-step"
                    + " TD target; DQfD uses 10)");
        }
        return n;
    }

    /**
     * Adds step {@code (obs, action, reward, next)} of the episode in {@code slot}; {@code terminated} or
     * {@code truncated} ends it and flushes its window. {@code demo} marks demonstration entries.
     */
    void add(int slot, double[] obs, int action, double reward, double[] next, boolean terminated, boolean truncated,
            boolean demo) {
        ArrayDeque<Pending> w = windows[slot];
        w.addLast(new Pending(obs.clone(), action, reward, next.clone(), terminated));
        if (terminated || truncated) {
            while (!w.isEmpty()) {
                emit(w, demo);
            }
        } else if (w.size() == n) {
            emit(w, demo);
        }
    }

    /** Writes the oldest step of {@code w} with the return over the whole window. */
    private void emit(ArrayDeque<Pending> w, boolean demo) {
        double ret = 0;
        double discount = 1;
        Pending last = null;
        for (Pending p : w) {
            ret += discount * p.reward;
            discount *= gamma;
            last = p;
        }
        Pending first = w.removeFirst();
        buffer.add(first.obs, first.action, first.reward, first.next, first.terminal, ret, last.next, last.terminal,
                discount, demo);
    }
}
