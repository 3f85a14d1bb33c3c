package imitation.bench;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.env.CueMemory;
import imitation.expert.CueExpert;
import imitation.learn.RecurrentBehaviorCloning;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Recurrent behaviour cloning's speed target: the cue-memory task with delays 5–20, 200 expert episodes, an LSTM
 * of 32 units trained by BPTT over whole episodes (100 updates of 16 episodes); per seed, the fraction of 200
 * evaluation episodes decided right, and the training wall and CPU time (the thread's CPU time, which a
 * busy shared machine does not inflate). No PyTorch peer is run for this row.
 */
final class SequenceBench implements BenchSuite {

    @Override
    public List<Row> run(boolean fast) {
        CueMemory env = new CueMemory(5, 20);
        Demonstrations demos = Rollouts.in(env.vec(16)).episodes(200).seed(1).collect(new CueExpert());
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int seeds = fast ? 2 : 5;
        double[] wall = new double[seeds];
        double[] cpuSeconds = new double[seeds];
        double worst = 1;
        for (int s = 0; s < seeds; s++) {
            long w0 = System.nanoTime();
            long c0 = cpu.getCurrentThreadCpuTime();
            var r = RecurrentBehaviorCloning.builder().steps(100).seed(s).build().train(demos, env.actionSpace());
            cpuSeconds[s] = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
            wall[s] = (System.nanoTime() - w0) / 1e9;
            double right = Rollouts.in(env.vec(50)).episodes(200).seed(1000 + s).run(r.policy(), false).stream()
                    .filter(e -> e.success()).count() / 200.0;
            worst = Math.min(worst, right);
        }
        List<Row> rows = new ArrayList<>();
        String group = "recurrent BC, cue memory (delay 5–20)";
        rows.add(new Row(group, "LSTM 32, 100 updates: lowest fraction decided right over " + seeds + " seeds", worst, "",
                ">= 0.95"));
        rows.add(new Row(group, "training wall time, median", DaggerBench.median(wall), "s", "<= 10 s"));
        rows.add(new Row(group, "training CPU time (thread), median", DaggerBench.median(cpuSeconds), "s", ""));
        return rows;
    }
}
