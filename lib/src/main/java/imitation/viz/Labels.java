package imitation.viz;

import java.util.Map;

/**
 * Words for the column and metric names the library's tables use, so that axes and legends say what a
 * number is ("validation loss", "training step") instead of a variable name ("val_loss", "step"). Names
 * it does not know are shown with underscores as spaces.
 */
final class Labels {
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("step", "training step"),
            Map.entry("epoch", "epoch"),
            Map.entry("round", "DAgger round"),
            Map.entry("iteration", "iteration"),
            Map.entry("loss", "training loss"),
            Map.entry("val_loss", "validation loss"),
            Map.entry("return", "return per episode"),
            Map.entry("success_rate", "fraction of episodes finished"),
            Map.entry("agreement", "agreement with the teacher (fraction of states)"),
            Map.entry("nll", "negative log-likelihood per demonstration"),
            Map.entry("visitation_gap", "visitation gap |μ_D − E[μ]|"),
            Map.entry("evd", "expected value difference"),
            Map.entry("log_std", "log σ of the Gaussian policy"),
            Map.entry("seconds", "training time (s)"),
            Map.entry("trajectories", "expert trajectories"),
            Map.entry("demos", "demonstrations"),
            Map.entry("labels", "expert labels"),
            Map.entry("finished", "fraction of episodes finished"));

    private Labels() {}

    static String of(String name) {
        return WORDS.getOrDefault(name, name.replace('_', ' '));
    }
}
