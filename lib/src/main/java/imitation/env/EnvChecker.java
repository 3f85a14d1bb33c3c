package imitation.env;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Checks that an environment keeps the {@link Env} and {@link VecEnv} contracts, in the spirit of
 * Stable-Baselines3's {@code check_env}: run it in a new environment's test.
 *
 * <pre>{@code
 * EnvChecker.check(CartPole::classic, CartPole.classic()::vec);   // an env with its own vectorised form
 * EnvChecker.check(() -> new DriftChain(4, 20));                   // vectorised with VecEnv.of(n, factory)
 * }</pre>
 *
 * What it checks, driving every episode with seeded random actions from the action space:
 * <ul>
 *   <li><b>seeding</b>: two fresh copies reset with the same seed give identical observations, and stay
 *       identical (observations, rewards, flags) when stepped with the same actions; resetting a used copy
 *       with that seed starts the same episode again;</li>
 *   <li><b>shapes</b>: every observation belongs to the observation space ({@link Space#check}), rewards are
 *       finite, and the single and vectorised forms report the same spaces and horizon;</li>
 *   <li><b>termination flags</b> (the library's convention, see {@link Step}): {@code terminated} and
 *       {@code truncated} are never both set; {@code truncated} is set exactly when the step reaches the
 *       horizon without terminating; no episode outlives the horizon; stepping a finished episode throws
 *       {@link IllegalStateException};</li>
 *   <li><b>vectorisation</b>: a vectorised env of N slots equals N single envs reset with the same seeds and
 *       stepped with the same actions, slot by slot (observations, rewards, flags, running, success), and
 *       stopped slots report reward 0.</li>
 * </ul>
 * A failed check throws an {@link IllegalStateException} that names the environment, the check, the seed,
 * the step and the values that differ.
 */
public final class EnvChecker {
    private static final int SEEDS = 3;
    private static final int SLOTS = 3;

    private EnvChecker() {}

    /** Checks {@code factory}'s environments, vectorised with {@link VecEnv#of}. */
    public static void check(Supplier<? extends Env> factory) {
        if (factory == null) {
            throw new IllegalArgumentException("EnvChecker.check: factory is null; pass e.g. CartPole::classic");
        }
        check(factory, n -> VecEnv.of(n, factory));
    }

    /**
     * Checks {@code factory}'s environments and {@code vectorised}, which must build a {@link VecEnv} of the
     * given number of slots running the same environment.
     */
    public static void check(Supplier<? extends Env> factory, IntFunction<? extends VecEnv> vectorised) {
        if (factory == null || vectorised == null) {
            throw new IllegalArgumentException("EnvChecker.check: " + (factory == null ? "factory" : "vectorised")
                    + " is null; pass e.g. check(CartPole::classic, CartPole.classic()::vec)");
        }
        Env probe = factory.get();
        if (probe == null) {
            throw new IllegalArgumentException("EnvChecker.check: the factory returned null instead of an environment");
        }
        String name = probe.getClass().getSimpleName();
        if (probe.horizon() < 1) {
            fail(name, "horizon", "horizon() = " + probe.horizon() + " must be at least 1");
        }
        for (long seed = 0; seed < SEEDS; seed++) {
            checkSeeding(name, factory, seed);
        }
        checkVectorised(name, factory, vectorised.apply(SLOTS));
    }

    private static void checkSeeding(String name, Supplier<? extends Env> factory, long seed) {
        Env a = factory.get();
        Env b = factory.get();
        double[] first = observed(name, a, a.reset(seed), seed, 0);
        same(name, "seeded reset", seed, 0, "reset observation", first, observed(name, b, b.reset(seed), seed, 0));
        SplittableRandom actions = new SplittableRandom(seed + 0x9E3779B97F4A7C15L);
        int horizon = a.horizon();
        Step last = null;
        for (int t = 1; last == null || !last.done(); t++) {
            double[] action = randomAction(a.actionSpace(), actions);
            Step sa = a.step(action.clone());
            Step sb = b.step(action.clone());
            observed(name, a, sa.observation(), seed, t);
            same(name, "seeded episode", seed, t, "observation", sa.observation(), sb.observation());
            same(name, "seeded episode", seed, t, "reward, terminated, truncated",
                    new double[] {sa.reward(), flag(sa.terminated()), flag(sa.truncated())},
                    new double[] {sb.reward(), flag(sb.terminated()), flag(sb.truncated())});
            flags(name, seed, t, horizon, sa.reward(), sa.terminated(), sa.truncated());
            last = sa;
        }
        boolean refused = false;
        try {
            a.step(randomAction(a.actionSpace(), actions));
        } catch (IllegalStateException expected) {
            refused = true;
        }
        if (!refused) {
            fail(name, "termination flags", "seed " + seed + ": step after the episode ended did not throw; "
                    + "it must throw IllegalStateException until reset");
        }
        same(name, "seeded reset", seed, 0, "observation of a used env reset again", first,
                observed(name, a, a.reset(seed), seed, 0));
    }

    private static void checkVectorised(String name, Supplier<? extends Env> factory, VecEnv vec) {
        Env[] single = new Env[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            single[i] = factory.get();
        }
        if (vec == null || vec.count() != SLOTS) {
            fail(name, "vectorised", "asked for " + SLOTS + " slots, got " + (vec == null ? "null" : vec.count()));
        }
        if (!vec.observationSpace().equals(single[0].observationSpace())
                || !vec.actionSpace().equals(single[0].actionSpace()) || vec.horizon() != single[0].horizon()) {
            fail(name, "vectorised", "spaces or horizon differ: vectorised " + vec.observationSpace() + ", "
                    + vec.actionSpace() + ", horizon " + vec.horizon() + "; single " + single[0].observationSpace()
                    + ", " + single[0].actionSpace() + ", horizon " + single[0].horizon());
        }
        for (int i = 0; i < SLOTS; i++) {
            long seed = 100 + i;
            vec.reset(i, seed);
            same(name, "vectorised", seed, 0, "reset observation of slot " + i, single[i].reset(seed),
                    vec.observations()[i]);
        }
        SplittableRandom rng = new SplittableRandom(7);
        double[][] actions = new double[SLOTS][];
        boolean[] running = new boolean[SLOTS];
        for (int t = 1; anyRunning(vec, running); t++) {
            for (int i = 0; i < SLOTS; i++) {
                actions[i] = randomAction(vec.actionSpace(), rng);
            }
            vec.step(copy(actions));
            for (int i = 0; i < SLOTS; i++) {
                long seed = 100 + i;
                if (!running[i]) {
                    if (vec.rewards()[i] != 0 || vec.running(i)) {
                        fail(name, "vectorised", "slot " + i + " stopped before step " + t + " but reports reward "
                                + vec.rewards()[i] + " and running " + vec.running(i) + "; expected 0 and false");
                    }
                    continue;
                }
                Step s = single[i].step(actions[i].clone());
                String slot = " of slot " + i;
                same(name, "vectorised", seed, t, "observation" + slot, s.observation(), vec.observations()[i]);
                same(name, "vectorised", seed, t, "reward, terminated, truncated, running, succeeded" + slot,
                        new double[] {s.reward(), flag(s.terminated()), flag(s.truncated()), flag(!s.done()),
                            flag(single[i].succeeded())},
                        new double[] {vec.rewards()[i], flag(vec.terminated()[i]), flag(vec.truncated()[i]),
                            flag(vec.running(i)), flag(vec.succeeded(i))});
            }
        }
    }

    private static boolean anyRunning(VecEnv vec, boolean[] running) {
        boolean any = false;
        for (int i = 0; i < running.length; i++) {
            running[i] = vec.running(i);
            any |= running[i];
        }
        return any;
    }

    private static double[] observed(String name, Env env, double[] observation, long seed, int t) {
        try {
            env.observationSpace().check("observation", observation);
        } catch (IllegalArgumentException e) {
            fail(name, "shapes", "seed " + seed + ", step " + t + ": " + e.getMessage());
        }
        return observation;
    }

    private static void flags(String name, long seed, int t, int horizon, double reward, boolean terminated,
            boolean truncated) {
        String where = "seed " + seed + ", step " + t + " of horizon " + horizon + ": ";
        if (!Double.isFinite(reward)) {
            fail(name, "shapes", where + "reward " + reward + " is not finite");
        }
        if (terminated && truncated) {
            fail(name, "termination flags", where + "terminated and truncated are both set; a step that ends the "
                    + "task sets only terminated, even on the time-limit step");
        }
        if (truncated != (!terminated && t == horizon)) {
            fail(name, "termination flags", where + "truncated = " + truncated + ", terminated = " + terminated
                    + "; truncated must be set exactly when the horizon is reached without terminating");
        }
    }

    private static void same(String name, String check, long seed, int t, String what, double[] expected,
            double[] actual) {
        if (!Arrays.equals(expected, actual)) {
            fail(name, check, "seed " + seed + ", step " + t + ": " + what + " differs: " + Arrays.toString(expected)
                    + " vs " + Arrays.toString(actual));
        }
    }

    private static double[] randomAction(Space space, SplittableRandom rng) {
        if (space instanceof Space.Discrete d) {
            return new double[] {rng.nextInt(d.n())};
        }
        Space.Box box = (Space.Box) space;
        double[] low = box.low();
        double[] high = box.high();
        double[] a = new double[low.length];
        for (int i = 0; i < a.length; i++) {
            double lo = Math.min(Math.max(-1, low[i]), high[i]);   // [-1, 1] clamped into the bounds
            double hi = Math.min(Math.max(1, low[i]), high[i]);
            a[i] = lo == hi ? lo : rng.nextDouble(lo, hi);
        }
        return a;
    }

    private static double flag(boolean b) {
        return b ? 1 : 0;
    }

    private static double[][] copy(double[][] rows) {
        double[][] c = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i].clone();
        }
        return c;
    }

    private static void fail(String name, String check, String detail) {
        throw new IllegalStateException("EnvChecker: " + name + " fails the " + check + " check: " + detail);
    }
}
