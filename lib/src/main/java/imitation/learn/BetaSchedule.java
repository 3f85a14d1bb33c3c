package imitation.learn;

/**
 * DAgger's mixing probability β_i: in round {@code i} (1, 2, ...) the executed action is the expert's
 * with probability β_i and the learner's otherwise (Ross, Gordon and Bagnell 2011, "A reduction of
 * imitation learning and structured prediction to no-regret online learning"). The stored label is the
 * expert's either way. Any lambda {@code round -> beta} is a schedule; {@link Dagger} checks each value
 * it gets is in [0, 1].
 */
@FunctionalInterface
public interface BetaSchedule {

    /** β for round {@code round} (the first round is 1). */
    double beta(int round);

    /** The same β in every round; {@code constant(0)} is DAgger with the learner always in control. */
    static BetaSchedule constant(double beta) {
        requireProbability("constant: beta", beta);
        return round -> beta;
    }

    /**
     * Linear ramp-down from β_1 = 1 to 0 at round {@code rounds + 1}:
     * {@code β_i = clip((R − (i − 1)) / R, 0, 1)}, the peer library's {@code LinearBetaSchedule(R)} with
     * its 0-based round counter written as {@code i − 1}.
     */
    static BetaSchedule linear(int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("linear: rounds = " + rounds
                    + " must be at least 1 (the number of rounds over which β falls from 1 to 0)");
        }
        return round -> Math.max(0, Math.min(1, (rounds - (round - 1)) / (double) rounds));
    }

    /** Exponential decay {@code β_i = p^(i−1)}, so β_1 = 1 (Ross et al. 2011's {@code β_i = p^{i−1}}). */
    static BetaSchedule exponential(double p) {
        requireProbability("exponential: p", p);
        return round -> Math.pow(p, round - 1);
    }

    private static void requireProbability(String what, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " = " + value
                    + " is not a probability; use a value in [0, 1] (1 = the expert always acts, 0 = the learner always acts)");
        }
    }
}
