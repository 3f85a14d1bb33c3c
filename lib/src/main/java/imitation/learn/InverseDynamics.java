package imitation.learn;

import imitation.data.Demonstrations;
import imitation.data.Trajectory;
import imitation.env.Space;
import imitation.policy.NetPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Visual imitation needs the teacher's actions recovered from what was seen: an inverse dynamics model
 * {@code a = g(s, s')} learned from the agent's own interaction labels the states of a demonstration that
 * came without actions, and behaviour cloning then learns from those inferred labels (behavioural cloning from
 * observation, Torabi, Warnell and Stone 2018). In kinesthetic imitation the demonstrated actions are already
 * the agent's, and this step does not exist.
 *
 * <pre>{@code
 * InverseDynamics.Result r = InverseDynamics.label(play, demos, BehaviorCloning.builder().seed(0).build(), space);
 * r.labelled();   // demos with every action replaced by g(s_t, s_t+1)
 * r.agreement();  // share of inferred actions equal to the recorded ones (measurement only)
 * }</pre>
 */
public final class InverseDynamics {
    private InverseDynamics() {}

    /**
     * The model, the relabelled demonstrations and the share of their steps whose inferred action equals the
     * recorded one.
     */
    public record Result(NetPolicy model, Demonstrations labelled, double agreement) {}

    /**
     * Trains {@code g(s, s')} with {@code learner} on the transitions of {@code play} (the agent's own
     * experience, actions known), then labels every step of {@code observed} with {@code g}. The actions
     * recorded in {@code observed} are never used for training: only to report {@link Result#agreement()}.
     *
     * @throws IllegalArgumentException if an argument is null or the observation sizes differ
     */
    public static Result label(Demonstrations play, Demonstrations observed, BehaviorCloning learner,
            Space actionSpace) {
        if (play == null || observed == null || learner == null || actionSpace == null) {
            throw new IllegalArgumentException("InverseDynamics.label: play, observed, learner and actionSpace must"
                    + " not be null");
        }
        if (play.observationSize() != observed.observationSize()) {
            throw new IllegalArgumentException("InverseDynamics.label: play observations have "
                    + play.observationSize() + " numbers and observed ones " + observed.observationSize()
                    + "; record both in the same environment");
        }
        NetPolicy model = learner.train(pairs(play), actionSpace).policy();
        List<Trajectory> labelled = new ArrayList<>();
        int same = 0;
        for (Trajectory t : observed.trajectories()) {
            double[][] inferred = model.act(pairRows(t));
            double[][] actions = new double[t.length()][];
            for (int i = 0; i < t.length(); i++) {
                actions[i] = inferred[i];
                same += Arrays.equals(inferred[i], t.action(i)) ? 1 : 0;
            }
            labelled.add(new Trajectory(t.observations(), actions, t.rewards(), t.terminal()));
        }
        return new Result(model, Demonstrations.of(labelled), same / (double) observed.steps());
    }

    /**
     * The inverse-dynamics data set: each trajectory's observations become {@code [s_t, s_t+1]} with the action
     * taken between them as the label (the final row, {@code [s_T, s_T]}, only completes the trajectory).
     */
    static Demonstrations pairs(Demonstrations demos) {
        List<Trajectory> out = new ArrayList<>();
        for (Trajectory t : demos.trajectories()) {
            double[][] rows = pairRows(t);
            double[][] withFinal = Arrays.copyOf(rows, rows.length + 1);
            withFinal[rows.length] = concat(t.observation(t.length()), t.observation(t.length()));
            out.add(new Trajectory(withFinal, t.actions(), t.rewards(), t.terminal()));
        }
        return Demonstrations.of(out);
    }

    private static double[][] pairRows(Trajectory t) {
        double[][] rows = new double[t.length()][];
        for (int i = 0; i < t.length(); i++) {
            rows[i] = concat(t.observation(i), t.observation(i + 1));
        }
        return rows;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
