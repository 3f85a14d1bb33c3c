package scratch;

import imitation.data.*;
import imitation.env.*;
import imitation.expert.*;
import imitation.learn.*;
import imitation.policy.*;
import java.util.*;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

public class PoleExp {
    public static void main(String[] a) { new PoleExp().run(); }
    static Demonstrations stacked(Demonstrations d, int k) {
        List<Trajectory> out = new ArrayList<>();
        for (Trajectory t : d.trajectories()) out.add(new Trajectory(FrameStack.stack(t.observations(), k), t.actions(), t.rewards(), t.terminal()));
        return Demonstrations.of(out);
    }
    static double ret(RecurrentPolicy p, long seed) {
        return Rollouts.in(PartialObservation.vec(10, (Boolean.getBoolean("classic") ? (java.util.function.Supplier<CartPole>) CartPole::classic : (java.util.function.Supplier<CartPole>) CartPole::fixedHorizon), 0, 2)).episodes(10).seed(seed).run(p, false)
            .stream().mapToDouble(Episode::totalReward).average().orElseThrow();
    }
    @Test
    void run() {
        String cfg = System.getProperty("cfg", "all");
        int nd = Integer.getInteger("demos", 10);
        int steps = Integer.getInteger("steps", 300);
        int rounds = Integer.getInteger("rounds", 4);
        PartialObservation.Vec vec = PartialObservation.vec(nd, (Boolean.getBoolean("classic") ? (java.util.function.Supplier<CartPole>) CartPole::classic : (java.util.function.Supplier<CartPole>) CartPole::fixedHorizon), 0, 2);
        ExpertView full = env -> ((PartialObservation.Vec) env).fullObservations();
        // demos: expert drives with full state, record hidden obs: use RecurrentDagger with 0 rounds? use Rollouts.drive
        CartPoleExpert ex = new CartPoleExpert();
        List<Episode> eps = Rollouts.in(vec).episodes(nd).seed(5).drive(r -> {
            double[][] all = ((PartialObservation.Vec) r.env()).fullObservations();
            double[][] seen = new double[r.size()][];
            for (int k = 0; k < r.size(); k++) seen[k] = all[r.slots()[k]];
            double[][] a = ex.act(seen); return new Rollouts.Decision(a, a);}, true);
        List<Trajectory> ts = new ArrayList<>(); for (Episode e : eps) ts.add(e.trajectory().orElseThrow());
        Demonstrations demos = Demonstrations.of(ts);
        System.out.println("demo return " + eps.stream().mapToDouble(Episode::totalReward).average().orElseThrow());
        Space space = vec.actionSpace();
        for (int seed = 0; seed < Integer.getInteger("seeds", 2); seed++) {
            long s = seed;
            Map<String, Function<Demonstrations, RecurrentPolicy>> learners = new LinkedHashMap<>();
            for (int k : new int[] {1, 2, 4}) {
                learners.put("stack" + k, d -> FrameStack.of(BehaviorCloning.builder().steps(Integer.getInteger("bcsteps", 1000)).seed(s).build().train(stacked(d, k), space).policy(), k));
            }
            learners.put("lstm", d -> RecurrentBehaviorCloning.builder().window(Integer.getInteger("win", 50), Integer.getInteger("burn", 20)).learningRate(Double.parseDouble(System.getProperty("lr", "0.01"))).batch(Integer.getInteger("batch", 16)).hidden(Integer.getInteger("hid", 32)).steps(steps).seed(s).build().train(d, space).policy());
            learners.put("gru", d -> RecurrentBehaviorCloning.builder().cell(RecurrentBehaviorCloning.Cell.GRU).window(Integer.getInteger("win", 50), Integer.getInteger("burn", 20)).learningRate(Double.parseDouble(System.getProperty("lr", "0.01"))).batch(Integer.getInteger("batch", 16)).hidden(Integer.getInteger("hid", 32)).steps(steps).seed(s).build().train(d, space).policy());
            for (var e : learners.entrySet()) {
                if (!cfg.equals("all") && Arrays.stream(cfg.split(",")).noneMatch(e.getKey()::startsWith)) continue;
                long c0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                var r = RecurrentDagger.builder().env(PartialObservation.vec(10, (Boolean.getBoolean("classic") ? (java.util.function.Supplier<CartPole>) CartPole::classic : (java.util.function.Supplier<CartPole>) CartPole::fixedHorizon), 0, 2)).expert(Expert.of(ex)).expertSees(full)
                    .trainer(e.getValue()).episodesPerRound(Integer.getInteger("per", 5)).seed(seed).build().train(demos, rounds);
                System.out.println(seed + " " + e.getKey() + " dagger final " + ret(r.policy(), 2000 + seed) + " rounds " + r.rounds().doubleColumn("return").asList() + " t " + (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0) / 1e9);
            }
        }
    }
}
