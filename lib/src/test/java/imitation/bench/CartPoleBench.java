package imitation.bench;

import imitation.env.CartPole;
import imitation.env.VecEnv;
import java.util.List;

/** CartPole steps per second, one episode at a time and vectorised (one thread, so per core). */
final class CartPoleBench implements BenchSuite {

    @Override
    public List<Row> run(boolean fast) {
        int repeats = fast ? 3 : 7;
        CartPole single = CartPole.fixedHorizon();
        double[][] actions = {{0}, {1}};
        int episodeSteps = 500;
        double perEpisode = Timing.medianSeconds(() -> {
            single.reset(1);
            for (int t = 0; t < episodeSteps; t++) {
                single.step(actions[t & 1]);
            }
        }, 200, repeats, fast ? 50 : 400);

        int n = 256;
        VecEnv vec = CartPole.fixedHorizon().vec(n);
        double[][] batch = new double[n][];
        for (int i = 0; i < n; i++) {
            batch[i] = actions[i & 1];
        }
        double perVecEpisode = Timing.medianSeconds(() -> {
            for (int i = 0; i < n; i++) {
                vec.reset(i, i);
            }
            for (int t = 0; t < episodeSteps; t++) {
                vec.step(batch);
            }
        }, 5, repeats, fast ? 2 : 10);
        return List.of(
                new Row("cartpole", "Env.step, single episode", episodeSteps / perEpisode, "steps/s", ">= 10M per core"),
                new Row("cartpole", "VecEnv.step, 256 episodes", n * episodeSteps / perVecEpisode, "steps/s", ">= 10M per core"));
    }
}
