package imitation.bench;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.env.CartPole;
import imitation.eval.Evaluation;
import imitation.expert.CartPoleExpert;
import imitation.irl.Gail;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * GAIL's speed target: fixed-horizon CartPole (500 steps), 10 expert trajectories, GAIL with PPO (library
 * defaults, 8 envs, 12 rounds of at least 2048 steps); per seed, whether the final deterministic policy scores 500
 * on 10 evaluation episodes, the training wall time, and the training's CPU time on its thread (the networks use one
 * native thread), which is what the wall time would be on a quiet machine: on a shared one the two differ.
 */
final class GailBench implements BenchSuite {

    @Override
    public List<Row> run(boolean fast) {
        CartPole env = CartPole.fixedHorizon();
        Demonstrations demos = Rollouts.in(env.vec(10)).episodes(10).seed(123).collect(new CartPoleExpert());
        int seeds = fast ? 2 : 5;
        double[] seconds = new double[seeds];
        double[] cpu = new double[seeds];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int reached = 0;
        for (int s = 0; s < seeds; s++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            Gail.Result r = Gail.builder().rounds(12).stepsPerRound(2048).seed(s).build().train(env.vec(8), demos);
            cpu[s] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            seconds[s] = r.trainingSeconds();
            if (Evaluation.in(env.vec(10)).episodes(10).seed(1000 + s).run(r.policy()).meanReturn() >= 500) {
                reached++;
            }
        }
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("gail", "fixed-horizon CartPole, 10 trajectories: seeds reaching 500", reached, "of " + seeds,
                ">= 4 of 5 (imitation: 1 of 3)"));
        rows.add(new Row("gail", "fixed-horizon CartPole: training wall time, median", DaggerBench.median(seconds), "s",
                "<= 15 s (imitation: 76 s)"));
        rows.add(new Row("gail", "fixed-horizon CartPole: training CPU time (thread), median", DaggerBench.median(cpu), "s",
                "wall if cores are free"));
        return rows;
    }
}
