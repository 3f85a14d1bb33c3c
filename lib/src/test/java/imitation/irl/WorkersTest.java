package imitation.irl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.env.GridWorld;
import imitation.env.TabularMdp;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkersTest {
    private static final Workers ONE = new Workers(1);
    private static final Workers THREE = new Workers(3);

    @Test
    void everyIndexRunsExactlyOnceForAnySizeAndThreadCount() {
        for (Workers workers : new Workers[] {ONE, THREE}) {
            for (int n : new int[] {0, 1, 127, 128, 129, 1000, 4097}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                for (int repeat = 0; repeat < 20; repeat++) {
                    workers.run(n, (from, to) -> {
                        for (int i = from; i < to; i++) {
                            hits.incrementAndGet(i);
                        }
                    });
                }
                for (int i = 0; i < n; i++) {
                    assertEquals(20, hits.get(i), "index " + i + " of " + n + ", " + workers.threads() + " threads");
                }
            }
        }
    }

    @Test
    void aFailureInTheBodyReachesTheCallerWhicheverThreadRanIt() {
        for (int failing : new int[] {0, 999}) {
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> THREE.run(1000, (from, to) -> {
                if (from <= failing && failing < to) {
                    throw new ArithmeticException("boom at " + failing);
                }
            }));
            Throwable cause = thrown instanceof ArithmeticException ? thrown : thrown.getCause();
            assertEquals("boom at " + failing, cause.getMessage());
        }
        AtomicIntegerArray hits = new AtomicIntegerArray(1000);   // still usable afterwards
        THREE.run(1000, (from, to) -> {
            for (int i = from; i < to; i++) {
                hits.incrementAndGet(i);
            }
        });
        for (int i = 0; i < 1000; i++) {
            assertEquals(1, hits.get(i));
        }
    }

    @Test
    void concurrentAndNestedCallsComplete() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?>[] futures = new Future<?>[6];
            for (int c = 0; c < futures.length; c++) {
                futures[c] = pool.submit(() -> {
                    long[] sums = new long[2000];
                    for (int repeat = 0; repeat < 50; repeat++) {
                        THREE.run(2000, (from, to) -> {
                            for (int i = from; i < to; i++) {
                                sums[i] += i;
                            }
                        });
                    }
                    for (int i = 0; i < 2000; i++) {
                        assertEquals(50L * i, sums[i]);
                    }
                });
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        AtomicReference<Thread> inner = new AtomicReference<>();
        THREE.run(1000, (from, to) -> THREE.run(1000, (a, b) -> inner.set(Thread.currentThread())));
        assertTrue(inner.get() != null);
    }

    @Test
    void afterAHelperStallsCallsRunOnTheCallerAlone() throws InterruptedException {
        Workers workers = new Workers(2);
        Thread caller = Thread.currentThread();
        java.util.concurrent.atomic.AtomicBoolean helperRan = new java.util.concurrent.atomic.AtomicBoolean();
        for (int attempt = 0; attempt < 200 && !helperRan.get(); attempt++) {
            workers.run(1000, (from, to) -> {
                if (Thread.currentThread() != caller) {
                    helperRan.set(true);
                    LockSupportSleep.millis(5);   // as if descheduled mid-chunk (well past the caller's 1 ms naps, so it waits)
                } else if (!helperRan.get()) {
                    LockSupportSleep.millis(1);   // leaves the helper time to wake up and claim a chunk
                }
            });
        }
        assertTrue(helperRan.get(), "the helper never took a chunk in 200 calls");
        AtomicReference<Thread> other = new AtomicReference<>();
        workers.run(1000, (from, to) -> {
            if (Thread.currentThread() != caller) {
                other.set(Thread.currentThread());
            }
        });
        assertEquals(null, other.get(), "the call right after a stall should not use the helper");
    }

    /** Sleeps without InterruptedException plumbing. */
    private static final class LockSupportSleep {
        static void millis(long ms) {
            long end = System.nanoTime() + ms * 1_000_000;
            while (System.nanoTime() < end) {
                java.util.concurrent.locks.LockSupport.parkNanos(end - System.nanoTime());
            }
        }
    }

    @Test
    void planningGivesIdenticalResultsForOneAndThreeThreads() {
        TabularMdp mdp = GridWorld.builder().size(40, 20).wind(0.3).horizon(60).build();
        double[] r = mdp.reward().clone();
        for (int s = 0; s < r.length; s++) {
            r[s] += 0.3 * Math.sin(s);
        }
        Planner serial = new Planner(mdp, ONE);
        Planner parallel = new Planner(mdp, new Workers(3));   // own helpers: no backoff left by other tests
        for (boolean soft : new boolean[] {true, false}) {
            if (soft) {
                serial.soft(r);
                parallel.soft(r);
            } else {
                serial.hard(r);
                parallel.hard(r);
            }
            serial.forward(mdp.initial());
            parallel.forward(mdp.initial());
            assertArrayEquals(serial.policy, parallel.policy);
            assertArrayEquals(serial.values, parallel.values);
            assertArrayEquals(serial.visitation, parallel.visitation);
            assertEquals(mdp.horizon(), Arrays.stream(parallel.visitation).sum(), 1e-9);
        }
    }

    @Test
    void sharedWorkersUseTheAvailableProcessorsUnlessConfigured() {
        assertSame(Workers.shared(), Workers.shared());
        assertEquals(ValueIteration.threads(), Workers.shared().threads());
        String property = System.getProperty("imitation.threads");
        assertEquals(property == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(property.trim()),
                ValueIteration.threads());
        assertThrows(IllegalArgumentException.class, () -> new Workers(0));
    }

    @Test
    void aFinishedCallKeepsNothingOfItsCallerAlive() throws InterruptedException {
        Workers workers = new Workers(2);
        java.lang.ref.WeakReference<double[]> data = runOnce(workers);
        for (int attempt = 0; attempt < 50 && data.get() != null; attempt++) {
            System.gc();
            Thread.sleep(10);
        }
        assertTrue(data.get() == null, "the workers still reference the last call's arrays");
    }

    private static java.lang.ref.WeakReference<double[]> runOnce(Workers workers) {
        double[] big = new double[1 << 20];
        workers.run(big.length, (from, to) -> Arrays.fill(big, from, to, 1));
        assertEquals(big.length, Arrays.stream(big).sum());
        return new java.lang.ref.WeakReference<>(big);
    }

    @Test
    void aBadThreadCountPropertyIsNamedWithItsValue() {
        String saved = System.getProperty("imitation.threads");
        try {
            for (String bad : new String[] {"two", "0", "-1", "100000", "99999999999"}) {
                System.setProperty("imitation.threads", bad);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Workers::configuredThreads);
                assertTrue(e.getMessage().contains("-Dimitation.threads=" + bad), e.getMessage());
            }
            System.setProperty("imitation.threads", " 3 ");
            assertEquals(3, Workers.configuredThreads());
        } finally {
            if (saved == null) {
                System.clearProperty("imitation.threads");
            } else {
                System.setProperty("imitation.threads", saved);
            }
        }
    }
}
