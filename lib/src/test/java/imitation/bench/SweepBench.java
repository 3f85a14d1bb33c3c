package imitation.bench;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.env.CartPole;
import imitation.eval.Evaluation;
import imitation.eval.Sweep;
import imitation.expert.CartPoleExpert;
import imitation.learn.BehaviorCloning;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * The local sweep runner against serial execution on the same sweep: behaviour cloning on CartPole-v0 over
 * demonstration counts × seeds (notebook 00's protocol), wall-clock time of the whole sweep with 1 thread and
 * with one per processor, and whether both tables are identical. The Spark module adds its rows
 * ({@code SparkBench}) when it is on the classpath.
 */
final class SweepBench implements BenchSuite {

    /** One BC run: demonstrations drawn with the seed, 1000 Adam steps on every 10th pair, 50 evaluation episodes. */
    static final Sweep.Experiment CLONING = run -> {
        CartPole env = CartPole.classic();
        Demonstrations demos = Rollouts.in(env.vec(10)).episodes(10).seed(1000 + run.seed()).collect(new CartPoleExpert());
        BehaviorCloning.Result r = BehaviorCloning.builder().steps(1000).subsample(10).seed(run.seed()).build()
                .train(demos.take(run.integer("trajectories")), env.actionSpace());
        return Map.of("return", Evaluation.in(env.vec(25)).episodes(50).seed(2000 + run.seed()).run(r.policy()).meanReturn());
    };

    /** 16 runs (8 in fast mode): 2 demonstration counts × 8 seeds. */
    static Sweep sweep(boolean fast) {
        return Sweep.grid().with("trajectories", 1, 4).seeds(fast ? 4 : 8).progress(false);
    }

    static boolean identical(Table a, Table b) {
        if (!a.columnNames().equals(b.columnNames()) || a.rowCount() != b.rowCount()) {
            return false;
        }
        return a.columnNames().stream().allMatch(c -> a.column(c).asList().equals(b.column(c).asList()));
    }

    @Override
    public List<Row> run(boolean fast) {
        Sweep sweep = sweep(fast);
        int threads = Runtime.getRuntime().availableProcessors();
        sweep.threads(threads).run(CLONING); // warm-up: JIT and native libraries
        long start = System.nanoTime();
        Table serial = sweep.threads(1).run(CLONING);
        double serialSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        Table parallel = sweep.threads(threads).run(CLONING);
        double parallelSeconds = (System.nanoTime() - start) / 1e9;
        String what = "BC sweep, " + sweep.size() + " runs";
        return List.of(
                new Row("sweep", what + ", serial (1 thread)", serialSeconds, "s", ""),
                new Row("sweep", what + ", local runner (" + threads + " threads)", parallelSeconds, "s", ""),
                new Row("sweep", what + ", local runner throughput / serial", serialSeconds / parallelSeconds, "x",
                        ">= 1.7 on 2 cores"),
                new Row("sweep", what + ", local runner table identical to serial", identical(serial, parallel) ? 1 : 0,
                        "1 = yes", "1"));
    }
}
