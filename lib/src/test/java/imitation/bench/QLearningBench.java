package imitation.bench;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.env.CartPole;
import imitation.expert.CartPoleExpert;
import imitation.rl.Dqn;
import imitation.rl.Sqil;
import java.util.List;

/**
 * DQN and SQIL training speed on the classic CartPole: environment steps per second of the whole loop (4 envs,
 * ε-greedy acting, one Adam step on a batch of 64 every 2 environment steps, target copies), without evaluation.
 */
final class QLearningBench implements BenchSuite {

    @Override
    public List<Row> run(boolean fast) {
        int steps = fast ? 2000 : 10_000;
        int repeats = fast ? 1 : 3;
        CartPole env = CartPole.classic();
        Demonstrations demos = Rollouts.in(env.vec(1)).episodes(1).seed(0).collect(new CartPoleExpert());
        Dqn dqn = Dqn.builder().steps(steps).learningStarts(500).seed(1).build();
        double dqnSeconds = Timing.medianSeconds(() -> dqn.train(env.vec(4)), fast ? 0 : 1, repeats, 1);
        double sqilSeconds = Timing.medianSeconds(() -> Sqil.builder().dqn(dqn).build().train(env.vec(4), demos), fast ? 0 : 1,
                repeats, 1);
        String work = " training, CartPole, 4 envs, batch 64 every 2 steps, 4-64-64-2";
        return List.of(
                new Row("qlearning", "DQN" + work, steps / dqnSeconds, "steps/s", ""),
                new Row("qlearning", "SQIL" + work, steps / sqilSeconds, "steps/s", ""));
    }
}
