package imitation.bench;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.env.CartPole;
import imitation.expert.CartPoleExpert;
import imitation.learn.BehaviorCloning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * Behaviour cloning on the fixed-horizon CartPole from 1 and 2 expert trajectories: over seeds, how
 * many reach return 500 (10 evaluation episodes, checked every 50 batches of 32, up to 2000 batches)
 * and the median training time until they first do (a seed that never does counts as infinitely slow).
 */
final class BehaviorCloningBench implements BenchSuite {

    @Override
    public List<Row> run(boolean fast) {
        CartPole env = CartPole.fixedHorizon();
        int seeds = fast ? 3 : 10;
        List<Row> rows = new ArrayList<>();
        for (int trajectories : new int[] {1, 2}) {
            double[] seconds = new double[seeds];
            double[] batches = new double[seeds];
            int reached = 0;
            for (int s = 0; s < seeds; s++) {
                Demonstrations demos = Rollouts.in(env.vec(trajectories)).episodes(trajectories).seed(100 + s)
                        .collect(new CartPoleExpert());
                BehaviorCloning.Result r = BehaviorCloning.builder().batchSize(32).steps(2000).logEvery(50).seed(s)
                        .evaluateIn(env.vec(10), 10, 50).build().train(demos, env.actionSpace());
                int step = firstStepReaching(r.history(), 500);
                seconds[s] = step < 0 ? Double.POSITIVE_INFINITY : valueAt(r.history(), step, "seconds");
                batches[s] = step < 0 ? Double.POSITIVE_INFINITY : step;
                reached += step < 0 ? 0 : 1;
            }
            String what = "BC " + trajectories + " expert trajector" + (trajectories == 1 ? "y" : "ies");
            rows.add(new Row("bc", what + ": seeds reaching return 500", reached, "of " + seeds, ""));
            rows.add(new Row("bc", what + ": training time to return 500, median", median(seconds), "s",
                    trajectories == 1 ? "<= 1 s (imitation: 1.8 s)" : ""));
            rows.add(new Row("bc", what + ": batches of 32 to return 500, median", median(batches), "batches",
                    trajectories == 1 ? "(imitation: 1000)" : ""));
        }
        return rows;
    }

    private static int firstStepReaching(Table h, double level) {
        for (int i = 0; i < h.rowCount(); i++) {
            if (h.stringColumn("metric").get(i).equals("return") && h.doubleColumn("value").get(i) >= level) {
                return h.intColumn("step").get(i);
            }
        }
        return -1;
    }

    private static double valueAt(Table h, int step, String metric) {
        for (int i = 0; i < h.rowCount(); i++) {
            if (h.intColumn("step").get(i) == step && h.stringColumn("metric").get(i).equals(metric)) {
                return h.doubleColumn("value").get(i);
            }
        }
        throw new IllegalStateException("no " + metric + " logged at step " + step);
    }

    /** Median with infinities allowed; NaN when the median itself is infinite (most seeds never got there). */
    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double m = s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
        return Double.isInfinite(m) ? Double.NaN : m;
    }
}
