package imitation.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Checks analytic gradients against central differences, for every layer and head: a wrong derivative or a
 * gradient scaled by a constant fails. The loss is a fixed random projection {@code L = Σ R ⊙ out},
 * evaluated in double precision from the network's float outputs; each checked entry is moved by
 * {@code ±h} and {@code (L(+h) − L(−h)) / 2h} is compared with the analytic value with a relative-error
 * bound {@code |a − n| / max(|a| + |n|, floor)}.
 */
public final class GradCheck {
    /** Step of the central difference (the parameters are floats, so it cannot be much smaller). */
    public static final double H = 1e-2;
    /** Bound on the relative error; a scaled or wrong gradient is off by far more. */
    public static final double TOLERANCE = 2e-2;
    private static final double FLOOR = 1e-3;
    private static final int MAX_CHECKED = 300;

    private GradCheck() {}

    /** Checks dL/dθ and dL/dx of {@code net} at input {@code x} under a random projection of its output. */
    public static void network(Network net, Batch x, long seed) {
        network(net, x, seed, H);
    }

    /**
     * As {@link #network(Network, Batch, long)} with step {@code h}; ReLU networks need a small one (1e-3),
     * since every row whose pre-activation lies within ±h of 0 blurs a central difference.
     */
    public static void network(Network net, Batch x, long seed, double h) {
        network(net, x, seed, h, net::tape);
    }

    /**
     * As {@link #network(Network, Batch, long, double)}, with every pass on a tape from {@code tapes}: for
     * recurrent layers, tapes that carry the same initial state (which the check treats as a constant).
     */
    public static void network(Network net, Batch x, long seed, double h, Supplier<Tape> tapes) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tape tape = tapes.get();
        Batch out = net.forward(tape, x);
        Batch r = Batch.sequence(out.rows, out.cols, out.steps);
        for (int i = 0; i < out.rows * out.cols; i++) {
            r.data.put(i, (float) (rng.nextDouble() * 2 - 1));
        }
        net.params().zeroGrad();
        Batch dx = net.backward(tape, r).copy();
        float[] analyticParams = net.params().gradient();
        // errors are relative, with a floor of 1% of the gradient's RMS so that entries near zero are
        // judged on the scale of the rest (float outputs limit how well a difference resolves them)
        double rms = 0;
        for (float g : analyticParams) {
            rms += (double) g * g / analyticParams.length;
        }
        double floor = Math.max(FLOOR, 1e-2 * Math.sqrt(rms));
        Params p = net.params();
        ToDoubleFunction<Void> loss = v -> project(net.forward(tapes.get(), x), r);
        int[] idx = subset(p.size(), rng);
        double worst = 0;
        String where = "";
        double centre = loss.applyAsDouble(null);
        int kinks = 0;
        for (int i : idx) {
            float orig = p.value(i);
            p.setValue(i, (float) (orig + h));
            double plus = loss.applyAsDouble(null);
            p.setValue(i, (float) (orig - h));
            double minus = loss.applyAsDouble(null);
            p.setValue(i, orig);
            if (kink(plus, centre, minus, h)) {
                kinks++;
                continue;
            }
            double numeric = (plus - minus) / (2 * h);
            double e = relError(analyticParams[i], numeric, floor);
            if (e > worst) {
                worst = e;
                where = "parameter " + i + ": analytic " + analyticParams[i] + ", numeric " + numeric;
            }
        }
        int[] xi = subset(x.rows * x.cols, rng);
        for (int i : xi) {
            float orig = x.data.get(i);
            x.data.put(i, (float) (orig + h));
            double plus = loss.applyAsDouble(null);
            x.data.put(i, (float) (orig - h));
            double minus = loss.applyAsDouble(null);
            x.data.put(i, orig);
            if (kink(plus, centre, minus, h)) {
                kinks++;
                continue;
            }
            double numeric = (plus - minus) / (2 * h);
            double e = relError(dx.data.get(i), numeric, floor);
            if (e > worst) {
                worst = e;
                where = "input " + i + ": analytic " + dx.data.get(i) + ", numeric " + numeric;
            }
        }
        assertTrue(worst < TOLERANCE, net + ": relative error " + worst + " at " + where);
        assertTrue(kinks <= (idx.length + xi.length) / 5, net + ": " + kinks + " of " + (idx.length + xi.length)
                + " entries sit on a kink (ReLU); use inputs away from 0");
    }

    /**
     * Whether the loss bends sharply within ±h (a ReLU switching), where a central difference says nothing:
     * the two one-sided slopes then disagree by far more than smooth curvature allows. A wrong or scaled
     * gradient still has agreeing one-sided slopes, so it is not excused by this.
     */
    private static boolean kink(double plus, double centre, double minus, double h) {
        double forward = (plus - centre) / h;
        double backward = (centre - minus) / h;
        return Math.abs(forward - backward) > 0.2 * Math.max(Math.max(Math.abs(forward), Math.abs(backward)), FLOOR);
    }

    /**
     * Checks {@code analytic} as the gradient of {@code f} at {@code point} (all entries, or a random subset of
     * at most 300); {@code f} is evaluated in double precision.
     */
    public static void function(double[] point, ToDoubleFunction<double[]> f, double[] analytic, double h, long seed) {
        function(point, f, analytic, h, seed, 1e-4);
    }

    /**
     * As {@link #function(double[], ToDoubleFunction, double[], double, long)} with a relative-error bound
     * {@code tolerance}: {@link #TOLERANCE} when {@code f} runs networks in float precision.
     */
    public static void function(double[] point, ToDoubleFunction<double[]> f, double[] analytic, double h, long seed,
            double tolerance) {
        int[] idx = subset(point.length, new SplittableRandom(seed));
        double worst = 0;
        String where = "";
        for (int i : idx) {
            double orig = point[i];
            point[i] = orig + h;
            double plus = f.applyAsDouble(point);
            point[i] = orig - h;
            double minus = f.applyAsDouble(point);
            point[i] = orig;
            double numeric = (plus - minus) / (2 * h);
            double e = relError(analytic[i], numeric, FLOOR);
            if (e > worst) {
                worst = e;
                where = "entry " + i + ": analytic " + analytic[i] + ", numeric " + numeric;
            }
        }
        assertTrue(worst < tolerance, "relative error " + worst + " at " + where);
    }

    static double project(Batch out, Batch r) {
        double s = 0;
        for (int i = 0; i < out.rows * out.cols; i++) {
            s += (double) out.data.get(i) * r.data.get(i);
        }
        return s;
    }

    private static double relError(double a, double n, double floor) {
        return Math.abs(a - n) / Math.max(Math.abs(a) + Math.abs(n), floor);
    }

    private static int[] subset(int size, SplittableRandom rng) {
        if (size <= MAX_CHECKED) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] some = new int[MAX_CHECKED];
        for (int i = 0; i < MAX_CHECKED; i++) {
            some[i] = rng.nextInt(size);
        }
        return some;
    }
}
