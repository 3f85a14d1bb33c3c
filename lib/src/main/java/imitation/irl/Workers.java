package imitation.irl;

import imitation.nn.Network;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a loop over {@code [0, n)} in chunks on the calling thread and on helper threads, for the
 * per-time-step loops of {@link Planner}. The caller claims chunks itself and only ever waits for
 * chunks a helper has already started, so a slow or descheduled helper costs at most one chunk; the
 * body writes disjoint outputs per index, so results do not depend on who ran which chunk.
 *
 * <p>Thread count: the system property {@value Network#THREADS_PROPERTY} when set (1 to {@value #MAX_THREADS};
 * another value fails every call that plans, with a message, and leaves nothing broken once the property is
 * fixed), otherwise the number of available processors. One shared set of daemon helpers serves the whole JVM; a call that finds them
 * busy (another thread planning at the same moment, or a nested call) runs on the caller alone. Idle
 * helpers spin for {@value #SPIN_NANOS} ns after their last chunk, then park. When the cores are busy
 * with other work, a helper can be descheduled in the middle of a chunk and the caller waits for it; after
 * such a stall (over {@value #STALL_NANOS} ns) calls run on the caller alone for the next
 * {@value #BACKOFF_NANOS} ns, so a loaded machine costs little more than running on one thread.
 */
final class Workers {
    /** One contiguous range of indices. */
    interface Range {
        void run(int from, int to);
    }

    private static final long SPIN_NANOS = 50_000;
    /** A wait this long means a helper was descheduled mid-chunk (a chunk takes microseconds)... */
    private static final long STALL_NANOS = 500_000;
    /** ...so calls run on the caller alone for this long before trying the helpers again. */
    private static final long BACKOFF_NANOS = 100_000_000;
    private static final int MIN_CHUNK = 64;
    /** More planner threads than this is a typo, not a machine: each one is a native thread. */
    static final int MAX_THREADS = 256;
    private static volatile Workers shared;

    private final Thread[] helpers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Job job;
    /** {@link System#nanoTime} before which calls run on the caller alone, after a stall. */
    private volatile long serialUntil;

    /** A separate set of {@code threads − 1} helpers (tests compare thread counts with it). */
    Workers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + " must be at least 1");
        }
        serialUntil = System.nanoTime();   // nanoTime's origin is arbitrary, so 0 is no safe default
        helpers = new Thread[threads - 1];
    }

    /** The JVM-wide workers, created on first use (a bad thread-count property fails here, every time). */
    static Workers shared() {
        Workers w = shared;
        if (w == null) {
            synchronized (Workers.class) {
                w = shared;
                if (w == null) {
                    w = new Workers(configuredThreads());
                    shared = w;
                }
            }
        }
        return w;
    }

    /** Threads a call may use, the caller included. */
    int threads() {
        return helpers.length + 1;
    }

    /** Runs {@code body} over {@code [0, n)}, split across the workers when n is large enough. */
    void run(int n, Range body) {
        if (helpers.length == 0 || n < 2 * MIN_CHUNK || System.nanoTime() - serialUntil < 0
                || !busy.compareAndSet(false, true)) {
            body.run(0, n);
            return;
        }
        try {
            startHelpers();
            Job j = new Job(n, Math.max(MIN_CHUNK, -Math.floorDiv(-n, 8 * threads())), body);
            job = j;
            for (Thread h : helpers) {
                LockSupport.unpark(h);
            }
            try {
                j.work(true);
            } finally {
                int claimed = Math.min(j.next.getAndSet(j.chunks), j.chunks);
                long waitStart = System.nanoTime();
                for (int spins = 1; j.done.get() < claimed; spins++) {
                    if (spins % 1024 == 0) {
                        Thread.yield();
                    } else {
                        Thread.onSpinWait();
                    }
                }
                long now = System.nanoTime();
                if (now - waitStart > STALL_NANOS) {
                    serialUntil = now + BACKOFF_NANOS;
                }
                job = null;
                j.body = null;   // every chunk is claimed and done: nobody reads it again, and the caller's arrays are free
            }
            if (j.failure != null) {
                throw new IllegalStateException("a planner worker thread failed: " + j.failure, j.failure);
            }
        } finally {
            busy.set(false);
        }
    }

    private void startHelpers() {
        if (helpers[0] != null) {   // started by an earlier call (run holds the busy flag here)
            return;
        }
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Thread(this::serve, "imitation-planner-" + (i + 1));
            helpers[i].setDaemon(true);
            helpers[i].start();
        }
    }

    private void serve() {
        Job seen = null;
        long idleSince = System.nanoTime();
        while (true) {
            Job j = job;
            if (j != null && j != seen) {
                seen = j;
                j.work(false);
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
                idleSince = System.nanoTime();
            }
        }
    }

    static int configuredThreads() {
        String property = System.getProperty(Network.THREADS_PROPERTY);
        if (property == null) {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
        int threads = 0;
        try {
            threads = Integer.parseInt(property.trim());
        } catch (NumberFormatException e) {
            // reported below
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("-D" + Network.THREADS_PROPERTY + "=" + property + " is not a thread count in "
                    + "[1, " + MAX_THREADS + "]; pass e.g. -D" + Network.THREADS_PROPERTY + "="
                    + Runtime.getRuntime().availableProcessors() + " (the number of processors here)");
        }
        return threads;
    }

    /** One call's chunks: claimed through {@link #next}, counted through {@link #done} when finished. */
    private static final class Job {
        final int n;
        final int chunk;
        final int chunks;
        Range body;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;

        Job(int n, int chunk, Range body) {
            this.n = n;
            this.chunk = chunk;
            this.chunks = -Math.floorDiv(-n, chunk);
            this.body = body;
        }

        /** Claims and runs chunks until none are left; a helper records a failure, the caller rethrows it. */
        void work(boolean caller) {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    body.run(c * chunk, Math.min(n, (c + 1) * chunk));
                } catch (Throwable t) {
                    if (caller) {
                        throw t;
                    }
                    failure = t;
                } finally {
                    done.incrementAndGet();
                }
            }
        }
    }
}
