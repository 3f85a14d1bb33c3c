package imitation.irl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.env.GridWorld;
import imitation.env.ObjectWorld;
import imitation.env.TabularMdp;
import imitation.policy.TabularPolicy;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PlanningTest {
    static final double[] TINY_REWARD = {0.3, -0.5, 1.2};
    static final double[] TINY_START = {0.5, 0.3, 0.2};

    /** 3 states, 2 actions, deterministic successors NEXT[s][a], horizon 3. */
    static final int[][] NEXT = {{1, 2}, {0, 2}, {2, 0}};

    static TabularMdp tinyDeterministic() {
        TabularMdp.Builder b = TabularMdp.builder(3, 2);
        for (int s = 0; s < 3; s++) {
            for (int a = 0; a < 2; a++) {
                b.transition(s, a, NEXT[s][a], 1);
            }
        }
        return b.horizon(3).initial(TINY_START).reward(TINY_REWARD).build();
    }

    /** The same graph, but each move slips to the third state with probability 0.2 (or 0.3). */
    static TabularMdp tinyStochastic(double discount) {
        TabularMdp.Builder b = TabularMdp.builder(3, 2);
        for (int s = 0; s < 3; s++) {
            for (int a = 0; a < 2; a++) {
                int other = (NEXT[s][a] + 1) % 3;
                double slip = a == 0 ? 0.2 : 0.3;
                b.transition(s, a, NEXT[s][a], 1 - slip).transition(s, a, other, slip);
            }
        }
        return b.horizon(3).discount(discount).initial(TINY_START).reward(TINY_REWARD).build();
    }

    @Test
    void softPolicyAndVisitationEqualBruteForceMaxEntTrajectoryDistribution() {
        TabularMdp mdp = tinyDeterministic();
        // enumerate every (s0, a0, a1, a2); P(τ) = p0(s0) exp(R(τ)) / Z(s0) with R(τ) = r(s0) + r(s1) + r(s2)
        double[][] stateTime = new double[3][3];
        double[][][] stateActionTime = new double[3][3][2];
        double[] partition = new double[3];
        for (int pass = 0; pass < 2; pass++) {
            for (int s0 = 0; s0 < 3; s0++) {
                for (int code = 0; code < 8; code++) {
                    int[] a = {code & 1, (code >> 1) & 1, (code >> 2) & 1};
                    int[] s = {s0, NEXT[s0][a[0]], NEXT[NEXT[s0][a[0]]][a[1]]};
                    double weight = Math.exp(TINY_REWARD[s[0]] + TINY_REWARD[s[1]] + TINY_REWARD[s[2]]);
                    if (pass == 0) {
                        partition[s0] += weight;
                        continue;
                    }
                    double p = TINY_START[s0] * weight / partition[s0];
                    for (int t = 0; t < 3; t++) {
                        stateTime[t][s[t]] += p;
                        stateActionTime[t][s[t]][a[t]] += p;
                    }
                }
            }
        }
        Plan plan = ValueIteration.soft(mdp, TINY_REWARD);
        TabularPolicy pi = plan.policy();
        assertEquals(3, pi.steps());
        for (int t = 0; t < 3; t++) {
            for (int s = 0; s < 3; s++) {
                for (int a = 0; a < 2; a++) {
                    assertEquals(stateActionTime[t][s][a] / stateTime[t][s], pi.probability(t, s, a), 1e-9,
                            "π_" + t + "(" + a + "|" + s + ")");
                }
            }
        }
        for (int s = 0; s < 3; s++) {
            // soft value = log partition function over the 2^3 action sequences
            assertEquals(Math.log(partition[s]), plan.values()[s], 1e-9);
        }
        double[] mu = Visitation.expected(mdp, pi);
        for (int s = 0; s < 3; s++) {
            assertEquals(stateTime[0][s] + stateTime[1][s] + stateTime[2][s], mu[s], 1e-9);
        }
    }

    @Test
    void hardValueIsTheBestActionSequenceReturn() {
        TabularMdp mdp = tinyDeterministic();
        Plan plan = ValueIteration.optimal(mdp, TINY_REWARD);
        for (int s0 = 0; s0 < 3; s0++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int code = 0; code < 4; code++) {
                int s1 = NEXT[s0][code & 1];
                int s2 = NEXT[s1][code >> 1];
                best = Math.max(best, TINY_REWARD[s0] + TINY_REWARD[s1] + TINY_REWARD[s2]);
            }
            assertEquals(best, plan.values()[s0], 1e-12);
        }
    }

    @Test
    void stochasticSoftValueIsExpectedRewardPlusCausalEntropyByEnumeration() {
        for (double gamma : new double[] {1.0, 0.9}) {
            TabularMdp mdp = tinyStochastic(gamma);
            Plan plan = ValueIteration.soft(mdp, TINY_REWARD);
            TabularPolicy pi = plan.policy();
            double[] mu = new double[3];
            double[] softReturn = new double[3];
            for (int s0 = 0; s0 < 3; s0++) {
                softReturn[s0] = enumerate(mdp, pi, s0, 0, 1.0, 0.0, TINY_START[s0], mu) / TINY_START[s0];
                // V_0(s0) = E[Σ_t γ^t (r(s_t) − log π_t(a_t|s_t)) | s0]
                assertEquals(softReturn[s0], plan.values()[s0], 1e-9, "γ " + gamma + ", s0 " + s0);
            }
            assertArrayEquals(mu, Visitation.expected(mdp, pi), 1e-9);
        }
    }

    /** Sums p(τ)·(soft return) over all continuations; accumulates discounted visitation into mu. */
    private static double enumerate(TabularMdp mdp, TabularPolicy pi, int s, int t, double discount, double soFar,
                                    double p, double[] mu) {
        mu[s] += p * discount;
        double total = 0;
        for (int a = 0; a < 2; a++) {
            double pa = pi.probability(t, s, a);
            double gain = soFar + discount * (TINY_REWARD[s] - Math.log(pa));
            if (t == 2) {
                total += p * pa * gain;
                continue;
            }
            for (int n = 0; n < 3; n++) {
                double pn = mdp.probability(s, a, n);
                if (pn > 0) {
                    total += enumerate(mdp, pi, n, t + 1, discount * mdp.discount(), gain, p * pa * pn, mu);
                }
            }
        }
        return total;
    }

    @Test
    void policyRowsSumToOneAndVisitationSumsToTheHorizon() {
        TabularMdp world = ObjectWorld.builder().size(8).seed(1).build();
        double[] r = world.reward();
        for (Plan plan : new Plan[] {ValueIteration.soft(world, r), ValueIteration.optimal(world, r)}) {
            double[][][] table = plan.policy().probabilities();
            assertEquals(world.horizon(), table.length);
            for (double[][] step : table) {
                for (double[] row : step) {
                    assertEquals(1.0, Arrays.stream(row).sum(), 1e-12);
                }
            }
            assertTrue(Arrays.stream(plan.values()).allMatch(Double::isFinite));
            assertEquals(world.horizon(), Arrays.stream(Visitation.expected(world, plan.policy())).sum(), 1e-9);
        }
        TabularMdp discounted = ObjectWorld.builder().size(8).seed(1).horizon(20).discount(0.9).build();
        double[] mu = Visitation.expected(discounted, ValueIteration.soft(discounted, r).policy());
        assertEquals((1 - Math.pow(0.9, 20)) / 0.1, Arrays.stream(mu).sum(), 1e-9);
    }

    @Test
    void infiniteHorizonGivesStationaryFixedPointAndVisitationOfOneOverOneMinusGamma() {
        TabularMdp mdp = withoutHorizon(GridWorld.builder().size(5).wind(0.2).build(), 0.8);
        double[] r = mdp.reward();
        Plan plan = ValueIteration.soft(mdp, r);
        assertEquals(1, plan.policy().steps());
        double[] v = plan.values();
        for (int s = 0; s < mdp.states(); s++) { // soft Bellman equation holds at the fixed point
            double sum = 0;
            for (int a = 0; a < mdp.actions(); a++) {
                double ev = 0;
                for (int n = 0; n < mdp.states(); n++) {
                    ev += mdp.probability(s, a, n) * v[n];
                }
                sum += Math.exp(r[s] + 0.8 * ev);
            }
            assertEquals(Math.log(sum), v[s], 1e-8);
        }
        assertEquals(1 / (1 - 0.8), Arrays.stream(Visitation.expected(mdp, plan.policy())).sum(), 1e-9);
        Plan optimal = ValueIteration.optimal(withoutHorizon(GridWorld.builder().size(5).build(), 0.8), r);
        assertEquals(1.0 / (1 - 0.8), optimal.values()[mdp.states() - 1], 1e-8, "stay on the goal forever");
        assertEquals(Math.pow(0.8, 8) / (1 - 0.8), optimal.values()[0], 1e-8, "8 moves from the far corner");
    }

    /** The same dynamics and reward as {@code grid}, discounted by γ without a horizon. */
    private static TabularMdp withoutHorizon(TabularMdp grid, double gamma) {
        TabularMdp.Builder b = TabularMdp.builder(grid.states(), grid.actions()).discount(gamma).reward(grid.reward());
        for (int s = 0; s < grid.states(); s++) {
            for (int a = 0; a < grid.actions(); a++) {
                for (int n = 0; n < grid.states(); n++) {
                    b.transition(s, a, n, grid.probability(s, a, n));
                }
            }
        }
        return b.build();
    }

    @Test
    void nonFiniteRewardIsRejectedByPlanning() {
        double[] r = {0, Double.NaN, 0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValueIteration.soft(tinyDeterministic(), r));
        assertTrue(e.getMessage().contains("reward[1] = NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ValueIteration.optimal(tinyDeterministic(), new double[2]));
    }

    @Test
    void evdIsZeroForTheTrueRewardAndPositiveForAMisleadingOne() {
        TabularMdp world = ObjectWorld.builder().size(10).seed(4).build();
        double[] r = world.reward();
        ExpectedValueDifference evd = new ExpectedValueDifference(world);
        assertEquals(0.0, evd.of(r), 1e-12);
        double[] flipped = Arrays.stream(r).map(x -> -x).toArray();
        assertTrue(evd.of(flipped) > 1, "following the negated reward loses value");
        double[] scaled = Arrays.stream(r).map(x -> 3 * x + 7).toArray();
        assertEquals(0.0, evd.of(scaled), 1e-9, "a positive affine change keeps the optimal policy");
    }

    @Test
    void fastExpMatchesMathExpToAFewUlpsOverTheWholeNonPositiveRange() {
        java.util.Random random = new java.util.Random(7);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double x = i < 500_000 ? -random.nextDouble() * 746 : -random.nextDouble() * 2;
            double exact = Math.exp(x);
            double got = Planner.expNonPositive(x);
            if (exact > 0) {
                worst = Math.max(worst, Math.abs(got - exact) / exact);
            } else {
                assertEquals(0.0, got, "e^" + x);
            }
        }
        assertTrue(worst < 1e-15, "worst relative error " + worst);
        assertEquals(1.0, Planner.expNonPositive(0.0));
        assertEquals(1.0, Planner.expNonPositive(-0.0));
        assertEquals(Math.exp(-1e-300), Planner.expNonPositive(-1e-300));
        assertEquals(Math.exp(-708.5), Planner.expNonPositive(-708.5));
        assertEquals(0.0, Planner.expNonPositive(-800));
        assertEquals(0.0, Planner.expNonPositive(Double.NEGATIVE_INFINITY));
    }

    @Test
    void nullMdpsPoliciesAndDemonstrationsAreNamed() {
        TabularMdp grid = GridWorld.builder().size(3).build();
        Runnable[] calls = {
            () -> ValueIteration.soft(null, grid.reward()),
            () -> Visitation.expected(grid, null),
            () -> ExpectedValueDifference.between(null, grid.reward()),
            () -> TabularDemonstrations.sample(grid, null, 2, 0),
            () -> TabularDemonstrations.sample(null, ValueIteration.soft(grid, grid.reward()).policy(), 2, 0),
        };
        String[] names = {"mdp is null", "policy is null", "mdp is null", "policy is null", "mdp is null"};
        for (int i = 0; i < calls.length; i++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, calls[i]::run);
            assertTrue(e.getMessage().contains(names[i]), e.getMessage());
        }
    }
}
