package imitation.bench;

import java.util.Arrays;

/** Median-of-repeats timing for the benchmark: the machine is shared and noisy, so medians, not means. */
final class Timing {
    private Timing() {}

    /** Median seconds per call of {@code work}, after {@code warmup} untimed calls, over {@code repeats} timed blocks of {@code calls}. */
    static double medianSeconds(Runnable work, int warmup, int repeats, int calls) {
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        double[] t = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            for (int c = 0; c < calls; c++) {
                work.run();
            }
            t[r] = (System.nanoTime() - start) / 1e9 / calls;
        }
        Arrays.sort(t);
        return t[repeats / 2];
    }
}
