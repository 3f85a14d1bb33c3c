package imitation.irl;

import imitation.data.Trajectory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Transitions {@code (s, a, s′, done)} as rows, for the adversarial discriminators. */
record Pairs(double[][] obs, double[][] act, double[][] next, boolean[] done) {

    /** Steps 0, k, 2k, ... of every trajectory. */
    static Pairs of(List<Trajectory> trajectories, int every) {
        List<double[]> o = new ArrayList<>();
        List<double[]> a = new ArrayList<>();
        List<double[]> n = new ArrayList<>();
        List<Boolean> d = new ArrayList<>();
        for (Trajectory t : trajectories) {
            double[][] obs = t.observations();
            double[][] acts = t.actions();
            for (int s = 0; s < t.length(); s += every) {
                o.add(obs[s]);
                a.add(acts[s]);
                n.add(obs[s + 1]);
                d.add(t.terminal() && s == t.length() - 1);
            }
        }
        boolean[] done = new boolean[d.size()];
        for (int i = 0; i < done.length; i++) {
            done[i] = d.get(i);
        }
        return new Pairs(o.toArray(new double[0][]), a.toArray(new double[0][]), n.toArray(new double[0][]), done);
    }

    int size() {
        return obs.length;
    }

    /** The rows {@code rows}, in that order. */
    Pairs rows(int[] rows) {
        double[][] o = new double[rows.length][];
        double[][] a = new double[rows.length][];
        double[][] n = new double[rows.length][];
        boolean[] d = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            o[i] = obs[rows[i]];
            a[i] = act[rows[i]];
            n[i] = next[rows[i]];
            d[i] = done[rows[i]];
        }
        return new Pairs(o, a, n, d);
    }

    /** {@code count} rows drawn uniformly with replacement. */
    Pairs sample(int count, SplittableRandom rng) {
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
            rows[i] = rng.nextInt(size());
        }
        return rows(rows);
    }

    /** These rows followed by {@code other}'s. */
    Pairs concat(Pairs other) {
        return new Pairs(join(obs, other.obs), join(act, other.act), join(next, other.next), joinFlags(done, other.done));
    }

    private static double[][] join(double[][] a, double[][] b) {
        double[][] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static boolean[] joinFlags(boolean[] a, boolean[] b) {
        boolean[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
