package imitation.irl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Demonstrations;
import imitation.data.Rollouts;
import imitation.data.Trajectory;
import imitation.env.CartPole;
import imitation.env.PointReach;
import imitation.env.VecEnv;
import imitation.eval.Stats;
import imitation.expert.CartPoleExpert;
import imitation.expert.ReachExpert;
import imitation.nn.Activation;
import imitation.nn.Adam;
import imitation.nn.Network;
import imitation.nn.Params;
import imitation.rl.PolicyOptimisation;
import imitation.rl.Ppo;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class GuidedCostLearningTest {
    private static final VecEnv ENV = VecEnv.of(6, PointReach::new);

    private static Demonstrations demos(int n, long seed) {
        return Rollouts.in(ENV).episodes(n).seed(seed).collect(new ReachExpert());
    }

    private static List<Trajectory> randomWalks(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        imitation.policy.Policy random = new imitation.policy.Policy() {
            @Override
            public double[][] act(double[][] o) {
                double[][] a = new double[o.length][];
                for (int i = 0; i < o.length; i++) {
                    a[i] = new double[] {2 * rng.nextDouble() - 1, 2 * rng.nextDouble() - 1};
                }
                return a;
            }
        };
        return Rollouts.in(ENV).episodes(n).seed(seed).collect(random).trajectories();
    }

    /**
     * The cost network's parameter gradient (IOC loss with both regularisers) against central differences of the
     * same loss with the sampling density μ̃ held at its value; dropping a regulariser from the analytic gradient fails.
     */
    @Test
    void costNetworkGradientMatchesFiniteDifferences() {
        checkCostNetworkGradient(null, null);
    }

    /** The batched rewards of several trajectories are each trajectory's own −c(s_1..s_T). */
    @Test
    void batchedCostRewardsEqualEachTrajectorysOwn() {
        List<Trajectory> walks = randomWalks(5, 3);
        StateCost cost = new StateCost(Network.mlp(2, 1, Activation.TANH, 5, 8), new double[] {0, 0}, new double[] {0.5, 0.5});
        List<double[]> batched = cost.rewards(walks);
        assertEquals(walks.size(), batched.size());
        for (int j = 0; j < walks.size(); j++) {
            assertArrayEquals(cost.rewards(walks.get(j)), batched.get(j), 1e-6);
        }
    }

    /** The same with a density of the demonstrations (μ = ½ p̂ + ½ q, fixed by construction). */
    @Test
    void costNetworkGradientWithADemonstrationDensityMatchesFiniteDifferences() {
        checkCostNetworkGradient(new double[] {-2, -6, -3}, new double[] {-30, -25, -40, -22});
    }

    private static void checkCostNetworkGradient(double[] dp, double[] sp) {
        List<Trajectory> d = demos(3, 1).trajectories();
        List<Trajectory> s = randomWalks(4, 2);
        double[] dq = {-20, -35, -28};
        double[] sq = {-10, -14, -12, -9};
        Network net = Network.mlp(2, 1, Activation.TANH, 5, 8);
        StateCost cost = new StateCost(net, new double[] {0, 0}, new double[] {0.5, 0.5});
        CostUpdate update = new CostUpdate(net, cost, new Adam(1e-3));
        double lcr = 5;
        double mono = 2.0;
        CostUpdate.Step step = update.gradient(d, dq, dp, s, sq, sp, lcr, mono);
        Params p = net.params();
        float[] analytic = p.gradient();
        double[] logMu = step.ioc().logDensity();
        double h = 1e-2;
        double worstWith = 0;
        double worstWithout = 0;
        CostUpdate plain = new CostUpdate(net, cost, new Adam(1e-3));
        plain.gradient(d, dq, dp, s, sq, sp, 0, 0);
        float[] iocOnly = p.gradient();
        for (int i = 0; i < p.size(); i++) {
            float orig = p.value(i);
            p.setValue(i, (float) (orig + h));
            double plus = loss(update, cost, d, s, logMu, lcr, mono);
            p.setValue(i, (float) (orig - h));
            double minus = loss(update, cost, d, s, logMu, lcr, mono);
            p.setValue(i, orig);
            double numeric = (plus - minus) / (2 * h);
            double scale = Math.max(Math.abs(numeric) + Math.abs(analytic[i]), 1e-2);
            worstWith = Math.max(worstWith, Math.abs(numeric - analytic[i]) / scale);
            worstWithout = Math.max(worstWithout, Math.abs(numeric - iocOnly[i]) / Math.max(Math.abs(numeric) + Math.abs(iocOnly[i]), 1e-2));
        }
        assertTrue(worstWith < 2e-2, "worst relative error " + worstWith);
        assertTrue(worstWithout > 0.1, "the regularisers' share is visible: " + worstWithout);
    }

    /**
     * The per-step discriminator's parameter gradient (with both regularisers) against central differences of its
     * cross-entropy, recomputed here from the network's per-state costs; the same analytic gradient scaled by 1.5
     * fails the same bound.
     */
    @Test
    void perStepCostGradientMatchesFiniteDifferences() {
        checkPerStepGradient(false);
    }

    /** The same with the potential h(s) in the logit: the gradients of the cost network and of h. */
    @Test
    void perStepGradientWithAPotentialMatchesFiniteDifferences() {
        checkPerStepGradient(true);
    }

    private static void checkPerStepGradient(boolean shaping) {
        List<Trajectory> d = demos(3, 1).trajectories();
        List<Trajectory> s = randomWalks(4, 2);
        SplittableRandom rng = new SplittableRandom(4);
        double[] dl = rng.doubles(steps(d), -3, 0).toArray();
        double[] sl = rng.doubles(steps(s), -3, 0).toArray();
        Network net = Network.mlp(2, 1, Activation.TANH, 5, 8);
        Network h = shaping ? Network.mlp(2, 1, Activation.TANH, 6, 8) : null;
        StateCost cost = new StateCost(net, new double[] {0, 0}, new double[] {0.5, 0.5});
        StateCost potential = shaping ? new StateCost(h, new double[] {0, 0}, new double[] {0.5, 0.5}) : null;
        CostUpdate update = new CostUpdate(net, cost, new Adam(1e-3), h, shaping ? new Adam(1e-3) : null);
        double lcr = 5;
        double mono = 2.0;
        CostUpdate.Step step = update.perStepGradient(d, dl, s, sl, lcr, mono);
        assertTrue(step.ioc() == null && step.perStep() != null);
        assertEquals(step.loss(), perStepLoss(cost, potential, d, dl, s, sl, lcr, mono), 1e-4);
        for (Network checked : shaping ? List.of(net, h) : List.of(net)) {
            Params p = checked.params();
            float[] analytic = p.gradient();
            double step_ = 1e-2;
            double worst = 0;
            double worstScaled = 0;
            for (int i = 0; i < p.size(); i++) {
                float orig = p.value(i);
                p.setValue(i, (float) (orig + step_));
                double plus = perStepLoss(cost, potential, d, dl, s, sl, lcr, mono);
                p.setValue(i, (float) (orig - step_));
                double minus = perStepLoss(cost, potential, d, dl, s, sl, lcr, mono);
                p.setValue(i, orig);
                double numeric = (plus - minus) / (2 * step_);
                worst = Math.max(worst, Math.abs(numeric - analytic[i]) / Math.max(Math.abs(numeric) + Math.abs(analytic[i]), 1e-2));
                double scaled = 1.5 * analytic[i];
                worstScaled = Math.max(worstScaled, Math.abs(numeric - scaled) / Math.max(Math.abs(numeric) + Math.abs(scaled), 1e-2));
            }
            assertTrue(worst < 2e-2, "worst relative error " + worst);
            assertTrue(worstScaled > 0.1, "a gradient scaled by 1.5 is caught: " + worstScaled);
        }
    }

    private static int steps(List<Trajectory> ts) {
        return ts.stream().mapToInt(Trajectory::length).sum();
    }

    /**
     * −mean_demo steps log σ(z) − mean_sample steps log σ(−z), z = −c(s') + h(s') − h(s) − ℓ (h = 0 without a
     * potential), + both regularisers, from the networks' per-state outputs.
     */
    private static double perStepLoss(StateCost cost, StateCost potential, List<Trajectory> d, double[] dl, List<Trajectory> s,
            double[] sl, double lcr, double mono) {
        List<Trajectory> all = new ArrayList<>(d);
        all.addAll(s);
        int n = d.size();
        int demoSteps = steps(d);
        int sampleSteps = steps(s);
        double total = 0;
        int k = 0;
        for (int j = 0; j < all.size(); j++) {
            double[] r = cost.rewards(all.get(j));
            double[] hs = potential == null ? new double[r.length + 1] : potential.cost(all.get(j).observations());
            for (int t = 0; t < r.length; t++, k++) {
                double logit = r[t] + hs[t + 1] - hs[t] - (j < n ? dl[k] : sl[k - demoSteps]);
                total += j < n ? Math.log1p(Math.exp(-logit)) / demoSteps : Math.log1p(Math.exp(logit)) / sampleSteps;
            }
            for (int t = 1; t + 1 < r.length; t++) {
                double e = -r[t + 1] + 2 * r[t] - r[t - 1];
                total += lcr / all.size() * e * e;
            }
            if (j < n) {
                for (int t = 1; t < r.length; t++) {
                    double e = Math.max(0, -r[t] + r[t - 1] - 1);
                    total += mono / n * e * e;
                }
            }
        }
        return total;
    }

    /** mean_demos C + log Ẑ(μ̃ fixed) + both regularisers, recomputed from the network's per-state costs. */
    private static double loss(CostUpdate update, StateCost cost, List<Trajectory> d, List<Trajectory> s, double[] logMu,
            double lcr, double mono) {
        List<Trajectory> all = new ArrayList<>(d);
        all.addAll(s);
        int n = d.size();
        int m = s.size();
        double[] logF = new double[n + m];
        double[] logAlpha = new double[n + m];
        double total = 0;
        for (int j = 0; j < n + m; j++) {
            double[] r = cost.rewards(all.get(j));
            double c = 0;
            for (double v : r) {
                c -= v;
            }
            logF[j] = -c;
            logAlpha[j] = -Math.log(2.0 * (j < n ? n : m));
            if (j < n) {
                total += c / n;
            }
            for (int t = 1; t + 1 < r.length; t++) {
                double e = -r[t + 1] + 2 * r[t] - r[t - 1];
                total += lcr / (n + m) * e * e;
            }
            if (j < n) {
                for (int t = 1; t < r.length; t++) {
                    double e = Math.max(0, -r[t] + r[t - 1] - 1);
                    total += mono / n * e * e;
                }
            }
        }
        return total + PartitionEstimate.of(logF, logMu, logAlpha).logZ();
    }

    @Test
    void learnedCostRanksExpertBelowRandomAndThePolicyImproves() {
        PolicyOptimisation ppo = PolicyOptimisation.builder().hidden(32, 32).gamma(0.95).initialLogStd(-0.5)
                .step(Ppo.defaults().learningRate(1e-3)).build();
        GuidedCostLearning.Result r = GuidedCostLearning.builder().policy(ppo).rounds(10).stepsPerRound(1500)
                .constantRate(0.1).seed(1).build().train(ENV, demos(20, 2016));
        Table h = r.history();
        List<Double> returns = new ArrayList<>();
        for (int i = 0; i < h.rowCount(); i++) {
            if (h.stringColumn("metric").get(i).equals("return")) {
                returns.add(h.doubleColumn("value").get(i));
            }
        }
        assertEquals(10, returns.size());
        assertTrue(returns.get(9) > returns.get(0) + 10, "returns " + returns);
        // held-out demonstrations and random walks, costed by the frozen learned cost
        double expert = Stats.mean(costs(r.cost(), demos(10, 99).trajectories()));
        double random = Stats.mean(costs(r.cost(), randomWalks(10, 98)));
        assertTrue(expert < random, "expert C " + expert + ", random C " + random);
    }

    /**
     * The per-step form with a potential on notebook 10's settings: after 10 rounds the frozen cost ranks held-out
     * demonstrations below random walks, the policy's return has risen, no Z is estimated (log_z and ess are missing) and
     * nothing is warned about.
     */
    @Test
    void perStepFormLearnsACostThatRanksExpertBelowRandom() {
        PolicyOptimisation ppo = PolicyOptimisation.builder().hidden(32, 32).gamma(0.95).initialLogStd(-0.5)
                .step(Ppo.defaults().learningRate(1e-3)).build();
        GuidedCostLearning.Result r = GuidedCostLearning.builder().policy(ppo).rounds(10).stepsPerRound(1500).perStep(true)
                .shaping(true).costSteps(50, 16, 16).seed(1).build().train(ENV, demos(20, 2016));
        Table h = r.history();
        List<Double> returns = new ArrayList<>();
        for (int i = 0; i < h.rowCount(); i++) {
            String metric = h.stringColumn("metric").get(i);
            if (metric.equals("return")) {
                returns.add(h.doubleColumn("value").get(i));
            }
            if (metric.equals("log_z") || metric.equals("ess")) {
                assertTrue(h.doubleColumn("value").isMissing(i), metric + " " + h.doubleColumn("value").get(i));
            }
        }
        assertTrue(returns.get(9) > returns.get(0) + 10, "returns " + returns);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        double expert = Stats.mean(costs(r.cost(), demos(10, 99).trajectories()));
        double random = Stats.mean(costs(r.cost(), randomWalks(10, 98)));
        assertTrue(expert < random, "expert C " + expert + ", random C " + random);
    }

    private static double[] costs(StateCost cost, List<Trajectory> ts) {
        double[] out = new double[ts.size()];
        for (int j = 0; j < out.length; j++) {
            for (double v : cost.rewards(ts.get(j))) {
                out[j] -= v;
            }
        }
        return out;
    }

    /**
     * The entropy term keeps q a sampler under which the demonstrations stay probable: after notebook 10's 40 rounds,
     * the demonstrations' mean log q falls far below the samples' when the policy step sees the cost alone
     * (temperature 0; about 500 nats below when written), and stays near it at temperature 1 (within 1 nat).
     */
    @Test
    void theEntropyTermKeepsTheDemonstrationsProbableUnderTheSampler() {
        PolicyOptimisation ppo = PolicyOptimisation.builder().hidden(32, 32).gamma(0.95).initialLogStd(-0.5)
                .step(Ppo.defaults().learningRate(1e-3)).build();
        Demonstrations d = demos(20, 2016);
        double[] gap = new double[2];
        for (int k = 0; k < 2; k++) {
            GuidedCostLearning.Result r = GuidedCostLearning.builder().policy(ppo).rounds(40).stepsPerRound(1500)
                    .constantRate(0.1).temperature(k).seed(1).build().train(ENV, d);
            List<Trajectory> samples = Rollouts.in(ENV).episodes(16).seed(31).stochastic(true).collect(r.policy()).trajectories();
            gap[k] = Stats.mean(GuidedCostLearning.logQ(r.policy(), samples))
                    - Stats.mean(GuidedCostLearning.logQ(r.policy(), d.trajectories()));
        }
        assertTrue(gap[0] > 100, "temperature 0: " + gap[0]);
        assertTrue(Math.abs(gap[1]) < 30, "temperature 1: " + gap[1]);
    }

    @Test
    void effectiveSampleSizeBelowTheThresholdIsWarnedAbout() {
        List<String> lines = new ArrayList<>();
        GuidedCostLearning.Result r = GuidedCostLearning.builder().rounds(2).stepsPerRound(120).essWarning(1000)
                .progress(lines::add).seed(3).build().train(ENV, demos(4, 1));
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).contains("effective sample size"), r.warnings().get(0));
        assertTrue(r.warnings().get(0).contains("in 2 of 2 rounds: [1, 2]"), r.warnings().get(0));
        assertTrue(lines.get(0).startsWith("warning: round 1:"), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).startsWith("warning: the importance-sampling estimate of Z collapsed"));
        // a threshold no estimate falls below: no warning
        assertTrue(GuidedCostLearning.builder().rounds(1).stepsPerRound(120).essWarning(1).seed(3).build()
                .train(ENV, demos(4, 1)).warnings().isEmpty());
    }

    @Test
    void badInputIsNamed() {
        GuidedCostLearning gcl = GuidedCostLearning.builder().rounds(1).stepsPerRound(60).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> gcl.train(ENV, null)).getMessage().contains("demos is null"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> gcl.train(null, demos(1, 1))).getMessage().contains("env is null"));
        Demonstrations cartPole = Rollouts.in(CartPole.classic().vec(2)).episodes(1).seed(1).collect(new CartPoleExpert());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> gcl.train(ENV, cartPole)).getMessage()
                .contains("recorded in this environment"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GuidedCostLearning.builder().constantRate(-1))
                .getMessage().contains("constantRate = -1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GuidedCostLearning.builder().monotonic(Double.NaN))
                .getMessage().contains("monotonic = NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GuidedCostLearning.builder().costSteps(-1, 8, 8))
                .getMessage().contains("costSteps = -1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GuidedCostLearning.builder().essWarning(0.5))
                .getMessage().contains("essWarning = 0.5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GuidedCostLearning.builder().demoDensity(null))
                .getMessage().contains("demoDensity is null"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GuidedCostLearning.builder().temperature(-1))
                .getMessage().contains("temperature = -1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GuidedCostLearning.builder().costLearningRate(0))
                .getMessage().contains("costLearningRate = 0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GuidedCostLearning.builder().perStep(true).sampleRounds(3)
                .build()).getMessage().contains("perStep(true) with sampleRounds = 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GuidedCostLearning.builder().shaping(true).build())
                .getMessage().contains("shaping(true) without perStep(true)"));
    }

    /**
     * The importance samples' density under a window of rounds is the mixture (1/K) Σ_k q_k of those rounds'
     * policies, computed here from each policy's own log q; when the window slides, the density is the newer
     * policies' mixture only.
     */
    @Test
    void sampleHistoryUsesTheMixtureOfTheWindowsPolicies() {
        PolicyOptimisation rl = PolicyOptimisation.builder().hidden(8).build();
        imitation.policy.NetPolicy p1 = rl.withSeed(1).start(2, ENV.actionSpace()).policy();
        imitation.policy.NetPolicy p2 = rl.withSeed(2).start(2, ENV.actionSpace()).policy();
        imitation.policy.NetPolicy p3 = rl.withSeed(3).start(2, ENV.actionSpace()).policy();
        List<Trajectory> walks = randomWalks(3, 5);
        java.util.ArrayDeque<GuidedCostLearning.Round> window = new java.util.ArrayDeque<>();
        java.util.Map<Trajectory, java.util.Map<Integer, Double>> cache = new java.util.IdentityHashMap<>();
        window.add(new GuidedCostLearning.Round(1, p1, walks.subList(0, 1)));
        window.add(new GuidedCostLearning.Round(2, p2, walks.subList(1, 3)));
        double[] q1 = GuidedCostLearning.logQ(p1, walks);
        double[] q2 = GuidedCostLearning.logQ(p2, walks);
        double[] q3 = GuidedCostLearning.logQ(p3, walks);
        double[] mix = GuidedCostLearning.mixtureLogQ(window, walks, cache);
        for (int j = 0; j < walks.size(); j++) {
            assertTrue(Math.abs(q1[j] - q2[j]) > 1e-3, "the two policies must differ for the test to mean anything");
            assertEquals(Math.log((Math.exp(q1[j]) + Math.exp(q2[j])) / 2), mix[j], 1e-9);
        }
        window.removeFirst();
        window.add(new GuidedCostLearning.Round(3, p3, walks.subList(0, 1)));
        double[] slid = GuidedCostLearning.mixtureLogQ(window, walks, cache);
        for (int j = 0; j < walks.size(); j++) {
            assertEquals(Math.log((Math.exp(q2[j]) + Math.exp(q3[j])) / 2), slid[j], 1e-9);
            assertEquals(java.util.Set.of(2, 3), cache.get(walks.get(j)).keySet());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GuidedCostLearning.builder().sampleRounds(0))
                .getMessage().contains("sampleRounds = 0"));
    }

    @Test
    void interruptedTrainingStopsCleanly() {
        Thread.currentThread().interrupt();
        try {
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> GuidedCostLearning.builder().rounds(5).stepsPerRound(60).build().train(ENV, demos(2, 1)));
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
        } finally {
            Thread.interrupted();
        }
    }
}
