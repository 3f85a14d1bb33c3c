package imitation.rl;

/**
 * Generalised advantage estimation (Schulman et al. 2016): with TD errors
 * {@code δ_t = r_t + γ V(s_{t+1}) − V(s_t)}, the advantage is {@code A_t = Σ_k (γλ)^k δ_{t+k}}, computed backwards
 * as {@code A_t = δ_t + γλ A_{t+1}}. When the episode ended inside the task (terminal) nothing follows its last
 * state, so {@code V(s_T) = 0}; when it was cut by the time limit the estimate {@code V(s_T)} stands in for the
 * rest. {@code λ = 0} gives the one-step TD error, {@code λ = 1} the Monte-Carlo return minus {@code V(s_t)}.
 */
public final class Gae {
    private Gae() {}

    /**
     * The advantages of one episode.
     *
     * @param rewards  {@code r_0..r_{T−1}}
     * @param values   {@code V(s_0)..V(s_T)} (T+1 values; the last is ignored when {@code terminal})
     * @param terminal whether the episode ended inside the task
     */
    public static double[] advantages(double[] rewards, double[] values, boolean terminal, double gamma, double lambda) {
        checkDiscount("gamma", gamma);
        checkDiscount("lambda", lambda);
        if (rewards == null || values == null || values.length != rewards.length + 1) {
            throw new IllegalArgumentException("values has " + (values == null ? "no array" : values.length + " entries")
                    + " for " + (rewards == null ? "no" : rewards.length) + " rewards; pass V(s_0)..V(s_T), one more than the rewards");
        }
        int n = rewards.length;
        double[] adv = new double[n];
        double next = 0;
        for (int t = n - 1; t >= 0; t--) {
            double bootstrap = t == n - 1 && terminal ? 0 : values[t + 1];
            double delta = rewards[t] + gamma * bootstrap - values[t];
            next = delta + gamma * lambda * next;
            adv[t] = next;
        }
        for (int t = 0; t < n; t++) {
            if (!Double.isFinite(adv[t])) {
                throw new IllegalArgumentException("advantage " + t + " = " + adv[t]
                        + "; the rewards or values are not finite (check the reward function)");
            }
        }
        return adv;
    }

    static double checkDiscount(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " = " + value + "; pass a value in [0, 1] (e.g. 0.99 for γ, 0.95 for λ)");
        }
        return value;
    }
}
