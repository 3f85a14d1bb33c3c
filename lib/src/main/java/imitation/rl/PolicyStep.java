package imitation.rl;

import imitation.nn.Network;
import imitation.policy.Head;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How a policy is improved from one batch of on-policy samples: {@link Ppo} or {@link Trpo}. A step is
 * configuration; {@link #start} binds it to a policy body and keeps whatever state it carries from batch to
 * batch (PPO's Adam moments).
 */
public sealed interface PolicyStep permits Ppo, Trpo {

    /** An improver of {@code body} (read through {@code head}), trained in place. */
    Improver start(Network body, Head head);

    /** Improves the bound body on one batch; returns diagnostics such as {@code kl} and {@code entropy}. */
    @FunctionalInterface
    interface Improver {
        Map<String, Double> improve(Samples samples, SplittableRandom rng);
    }

    /** PPO with its usual settings ({@link Ppo#defaults()}). */
    static Ppo ppo() {
        return Ppo.defaults();
    }

    /** TRPO with its usual settings ({@link Trpo#defaults()}). */
    static Trpo trpo() {
        return Trpo.defaults();
    }
}
