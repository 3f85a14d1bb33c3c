package imitation.learn;

import imitation.env.Space;
import imitation.policy.Policy;
import java.util.SplittableRandom;

/**
 * Whoever labels states for {@link Dagger}: a scripted controller, a planner, a slow "human" callback,
 * a noisy or a trained teacher. It receives a batch of what the expert sees (one row per state; see
 * {@link Dagger.Builder#expertSees}) and returns one action row per state. Every row passed in counts
 * as one expert query.
 *
 * <pre>{@code
 * Expert scripted = Expert.of(DrivingExpert.of(world));
 * Expert human = states -> askSomebody(states);            // any callback
 * Expert shaky = scripted.withNoise(0.1, world.actionSpace(), 7);
 * }</pre>
 */
@FunctionalInterface
public interface Expert {

    /** The expert's action for each row of {@code states}. */
    double[][] label(double[][] states);

    /** A policy's deterministic actions as labels. */
    static Expert of(Policy policy) {
        if (policy == null) {
            throw new IllegalArgumentException("Expert.of: policy is null");
        }
        return policy::act;
    }

    /**
     * This expert with label noise: box actions get Gaussian noise of standard deviation {@code std}
     * (then clipped to the box); discrete actions are replaced, with probability {@code std}, by an action
     * drawn uniformly. Seeded: the same seed and the same queries give the same labels.
     */
    default Expert withNoise(double std, Space actionSpace, long seed) {
        if (!(std >= 0) || Double.isInfinite(std) || (actionSpace instanceof Space.Discrete && std > 1)) {
            throw new IllegalArgumentException("withNoise: std = " + std + " must be finite and >= 0"
                    + " (for discrete actions it is a replacement probability in [0, 1])");
        }
        if (actionSpace == null) {
            throw new IllegalArgumentException("withNoise: actionSpace is null; pass env.actionSpace()");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Expert clean = this;
        return states -> {
            double[][] labels = clean.label(states);
            if (labels == null) {
                return null;
            }
            double[][] out = new double[labels.length][];
            for (int i = 0; i < labels.length; i++) {
                out[i] = labels[i] == null ? null : labels[i].clone();
                if (out[i] == null) {
                    continue;
                }
                if (actionSpace instanceof Space.Discrete d) {
                    if (rng.nextDouble() < std) {
                        out[i][0] = rng.nextInt(d.n());
                    }
                } else {
                    Space.Box box = (Space.Box) actionSpace;
                    double[] low = box.low();
                    double[] high = box.high();
                    for (int j = 0; j < out[i].length && j < low.length; j++) {
                        out[i][j] = Math.max(low[j], Math.min(high[j], out[i][j] + std * rng.nextGaussian()));
                    }
                }
            }
            return out;
        };
    }
}
