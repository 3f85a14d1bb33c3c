package imitation.irl;

import imitation.env.TabularMdp;

/**
 * The MaxEnt IRL objective for one MDP and one set of demonstrations, with buffers reused across
 * iterations. {@link #evaluate} runs soft value iteration and the forward pass for a reward r and
 * leaves ∂L/∂r = μ_D − E[μ] in {@link #rewardGradient}, where E[μ] starts from the demonstrations'
 * start states (or the MDP's initial distribution) so the gradient is exact.
 *
 * <p>L(r) = Σ_s μ_D(s) r(s) − Σ_s D_0(s) V_0(s) is the MaxEnt dual; for deterministic dynamics and
 * γ = 1 it equals the mean log-likelihood (1/N) Σ_i Σ_t log π_t(a_t|s_t) of the demonstrations.
 */
final class MaxEntObjective {
    final TabularMdp mdp;
    final Planner planner;
    final double[] expertVisitation;
    final double[] start;
    final double[] rewardGradient;
    private final int[] demoIndex;
    private final int demos;
    private final double mass;

    MaxEntObjective(TabularMdp mdp, TabularDemonstrations demonstrations, boolean startFromDemonstrations) {
        if (mdp == null || demonstrations == null) {
            throw new IllegalArgumentException("train: " + (mdp == null ? "mdp" : "demonstrations") + " is null; pass the "
                    + "MDP and demonstrations recorded on it (e.g. TabularDemonstrations.sample(mdp, expert, 64, seed))");
        }
        this.mdp = mdp;
        demonstrations.check(mdp);
        planner = new Planner(mdp);
        expertVisitation = demonstrations.visitation(mdp);
        start = startFromDemonstrations ? demonstrations.startDistribution(mdp) : mdp.initial();
        if (!startFromDemonstrations) {
            int[][] states = demonstrations.states();
            for (int i = 0; i < states.length; i++) {
                if (start[states[i][0]] == 0) {
                    throw new IllegalArgumentException("demonstration " + i + " starts in state " + states[i][0]
                            + ", which the MDP's initial distribution gives probability 0; use "
                            + "startFromDemonstrations(true) or an MDP whose initial distribution covers it");
                }
            }
        }
        rewardGradient = new double[mdp.states()];
        int[][] s = demonstrations.states();
        int[][] a = demonstrations.actions();
        int total = 0;
        for (int[] row : s) {
            total += row.length;
        }
        demoIndex = new int[total];
        int k = 0;
        for (int i = 0; i < s.length; i++) {
            for (int t = 0; t < s[i].length; t++) {
                int step = Math.min(t, planner.steps - 1);
                demoIndex[k++] = (step * mdp.states() + s[i][t]) * mdp.actions() + a[i][t];
            }
        }
        demos = s.length;
        double m = 0;
        for (double v : expertVisitation) {
            m += v;
        }
        mass = m;
    }

    /** Soft VI and the forward pass for reward r; fills {@link #rewardGradient}. */
    void evaluate(double[] r) {
        planner.soft(r);
        planner.forward(start);
        for (int s = 0; s < rewardGradient.length; s++) {
            rewardGradient[s] = expertVisitation[s] - planner.visitation[s];
        }
    }

    /** −(1/N) Σ_i Σ_t log π_t(a_t|s_t) under the last evaluated policy (the slide's loss, negated). */
    double negativeLogLikelihood() {
        double sum = 0;
        for (int idx : demoIndex) {
            sum += Math.log(planner.policy[idx]);
        }
        return -sum / demos;
    }

    /** ‖μ_D − E[μ]‖₁ / Σ μ_D: 0 when visitations match, at most 2. */
    double visitationGap() {
        double sum = 0;
        for (double g : rewardGradient) {
            sum += Math.abs(g);
        }
        return sum / mass;
    }

    /** The MaxEnt dual L(r) (evaluates r). */
    double objective(double[] r) {
        evaluate(r);
        double value = 0;
        for (int s = 0; s < r.length; s++) {
            value += expertVisitation[s] * r[s] - start[s] * planner.values[s];
        }
        return value;
    }

    /**
     * {@link #evaluate} for a learner's reward at {@code iteration}, then the objective −L; fails, naming the
     * iteration and the {@code learningRate} to lower, when the reward, the planning or the objective stops
     * being finite (a diverged learner), instead of training on with infinities.
     */
    double evaluateStep(double[] r, int iteration, double learningRate) {
        String diverged = "iteration " + iteration + " with learningRate = " + learningRate + ": ";
        String fix = "; the learner diverged: lower learningRate (try " + learningRate / 10 + ")";
        for (int s = 0; s < r.length; s++) {
            if (!Double.isFinite(r[s])) {
                throw new IllegalStateException(diverged + "learned reward[" + s + "] = " + r[s] + fix);
            }
        }
        try {
            evaluate(r);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(diverged + e.getMessage() + fix, e);
        }
        double nll = negativeLogLikelihood();
        if (!Double.isFinite(nll)) {
            throw new IllegalStateException(diverged + "the objective (negative log-likelihood of the demonstrations) is "
                    + nll + ": the learned reward gives a demonstrated action probability 0" + fix);
        }
        return nll;
    }
}
