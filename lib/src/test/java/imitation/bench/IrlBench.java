package imitation.bench;

import imitation.env.BinaryWorld;
import imitation.env.GridWorld;
import imitation.env.TabularMdp;
import imitation.irl.DeepMaxEntIrl;
import imitation.irl.MaxEntIrl;
import imitation.irl.TabularDemonstrations;
import imitation.irl.ValueIteration;
import imitation.irl.Visitation;
import java.util.ArrayList;
import java.util.List;

/**
 * Tabular inverse RL speed: one MaxEnt IRL iteration (soft value iteration, forward visitation pass,
 * gradient) on a 32×32 world and on a 2000-state world with horizon 110, timed as whole
 * {@link MaxEntIrl} runs divided by their iteration count, with {@link ValueIteration#threads()} threads
 * (set {@code -Dimitation.threads=1} through {@code IMITATION_JAVA_OPTS} for the single-thread figure);
 * 200 deep MaxEnt iterations (reward network forward, soft VI, visitation, backprop, Adam) on 32×32;
 * the allocating one-off API for reference.
 */
final class IrlBench implements BenchSuite {

    @Override
    public List<Row> run(boolean fast) {
        List<Row> rows = new ArrayList<>();
        int repeats = fast ? 3 : 7;
        String threads = ValueIteration.threads() + (ValueIteration.threads() == 1 ? " thread" : " threads");
        TabularMdp binary = BinaryWorld.builder().size(32).seed(1).build();
        rows.add(new Row("irl", "MaxEnt iteration, 32x32 BinaryWorld (1024 states, 5 actions, wind 0.3, horizon "
                + binary.horizon() + "), " + threads, perIteration(binary, fast ? 20 : 100, repeats) * 1e3, "ms", "<= 5"));
        TabularMdp wide = GridWorld.builder().size(100, 20).wind(0.3).horizon(110).build();
        rows.add(new Row("irl", "MaxEnt iteration, 100x20 GridWorld (2000 states, 5 actions, wind 0.3, horizon 110), "
                + threads,
                perIteration(wide, fast ? 10 : 50, repeats) * 1e3, "ms", "<= 30"));
        TabularDemonstrations demos = TabularDemonstrations.sample(binary,
                ValueIteration.optimal(binary, binary.reward()).policy(), 64, 2);
        DeepMaxEntIrl deep = DeepMaxEntIrl.builder().iterations(200).evdEvery(0).build();
        double deepSeconds = Timing.medianSeconds(() -> deep.train(binary, demos), 1, fast ? 1 : 3, 1);
        rows.add(new Row("irl", "200 deep MaxEnt iterations, 32x32 BinaryWorld (MLP 9-32-32-1, 64 demos)",
                deepSeconds, "s", "<= 15"));
        double[] r = binary.reward();
        double oneOff = Timing.medianSeconds(
                () -> Visitation.expected(binary, ValueIteration.soft(binary, r).policy()), 2, repeats, fast ? 5 : 20);
        rows.add(new Row("irl", "ValueIteration.soft + Visitation.expected (allocating one-off API), 32x32",
                oneOff * 1e3, "ms", ""));
        return rows;
    }

    /** Seconds per iteration of linear MaxEnt IRL (EVD off) on {@code mdp} with 64 demonstrations. */
    private static double perIteration(TabularMdp mdp, int iterations, int repeats) {
        TabularDemonstrations demos = TabularDemonstrations.sample(mdp,
                ValueIteration.soft(mdp, mdp.reward()).policy(), 64, 1);
        MaxEntIrl irl = MaxEntIrl.builder().iterations(iterations).evdEvery(0).build();
        return Timing.medianSeconds(() -> irl.train(mdp, demos), 1, repeats, 1) / iterations;
    }

    /** Prints the rows; {@code fast} as first argument shortens the run. */
    public static void main(String[] args) {
        for (Row row : new IrlBench().run(args.length > 0 && args[0].equals("fast"))) {
            System.out.printf("%-100s %10.3f %s  (target %s)%n", row.work(), row.value(), row.unit(), row.target());
        }
    }
}
