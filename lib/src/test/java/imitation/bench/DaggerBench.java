package imitation.bench;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.data.driving.DrivingRecord;
import imitation.data.driving.DrivingRuns;
import imitation.env.CartPole;
import imitation.env.driving.DrivingWorld;
import imitation.eval.Evaluation;
import imitation.expert.CartPoleExpert;
import imitation.expert.DrivingExpert;
import imitation.learn.BehaviorCloning;
import imitation.learn.Dagger;
import imitation.learn.Expert;
import imitation.learn.ExpertView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DAgger's two speed targets. CartPole (fixed horizon 500): one expert episode, then rounds of one learner
 * episode (500 queries) with BC retrained from scratch (300 batches of 32); per seed, the expert labels
 * and the training seconds until the policy first scores 500 on 10 evaluation episodes (at most 5 rounds,
 * 2500 labels). Driving (features): ten rounds of 8 cars, BC 1000 batches per round, wall-clock total.
 */
final class DaggerBench implements BenchSuite {

    @Override
    public List<Row> run(boolean fast) {
        List<Row> rows = new ArrayList<>();
        CartPole env = CartPole.fixedHorizon();
        CartPoleExpert lqr = new CartPoleExpert();
        int seeds = fast ? 3 : 10;
        double[] labels = new double[seeds];
        double[] seconds = new double[seeds];
        int reached = 0;
        for (int s = 0; s < seeds; s++) {
            Demonstrations demos = Rollouts.in(env.vec(1)).episodes(1).seed(100 + s).collect(lqr);
            BehaviorCloning bc = BehaviorCloning.builder().steps(300).seed(s).build();
            Dagger.Session session = Dagger.builder().env(env.vec(1)).expert(Expert.of(lqr)).learner(bc).seed(s).build()
                    .start(demos);
            double trained = session.roundList().get(0).trainingSeconds();
            labels[s] = Double.POSITIVE_INFINITY;
            seconds[s] = Double.POSITIVE_INFINITY;
            for (int round = 0; round <= 4; round++) {
                if (round > 0) {
                    trained += session.round().trainingSeconds();
                }
                double ret = Evaluation.in(env.vec(10)).episodes(10).seed(1000 + s).run(session.policy()).meanReturn();
                if (ret >= 500) {
                    labels[s] = session.dataset().steps();
                    seconds[s] = trained;
                    reached++;
                    break;
                }
            }
        }
        rows.add(new Row("dagger", "CartPole: seeds reaching return 500 within 2500 labels", reached, "of " + seeds, ""));
        rows.add(new Row("dagger", "CartPole: expert labels to return 500, median", median(labels), "labels",
                "<= 2500 (imitation: 2500)"));
        rows.add(new Row("dagger", "CartPole: training time to return 500, median", median(seconds), "s",
                "<= 1.5 s (imitation: 2.9 s)"));

        DrivingWorld world = DrivingWorld.builder().build();
        int repeats = fast ? 1 : 3;
        double[] wall = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            Demonstrations demos = DrivingRecord.demonstrations(DrivingRuns.in(world).seed(r).demonstrate());
            long start = System.nanoTime();
            Dagger.builder().env(world.vec(8)).expert(Expert.of(DrivingExpert.of(world)))
                    .expertSees(ExpertView.drivingFeatures()).learner(BehaviorCloning.builder().steps(1000).seed(r).build())
                    .seed(r).build().train(demos, 10);
            wall[r] = (System.nanoTime() - start) / 1e9;
        }
        rows.add(new Row("dagger", "driving (features): 10 rounds x 8 cars, BC 1000 batches/round", median(wall), "s",
                "<= 30 s"));
        return rows;
    }

    /** Median with infinities allowed; NaN when the median itself is infinite. */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double m = s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
        return Double.isInfinite(m) ? Double.NaN : m;
    }
}
