package imitation.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;

/** Test helper: runs long work on its own thread, interrupts that thread, and returns what the work threw. */
public final class InterruptedRun {
    private InterruptedRun() {}

    /**
     * Starts {@code work} (which must run far longer than {@code afterMillis} when not interrupted), interrupts
     * its thread after {@code afterMillis}, waits up to 60 s for it to stop and returns the
     * {@link CancellationException} it stopped with; fails the test if it did not stop, finished normally or
     * threw something else.
     */
    public static CancellationException of(Runnable work, long afterMillis) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "interrupted-run");
        t.start();
        Thread.sleep(afterMillis);
        t.interrupt();
        t.join(60_000);
        assertFalse(t.isAlive(), "the work did not stop within 60 s of the interrupt");
        if (!(thrown.get() instanceof CancellationException c)) {
            fail("expected a CancellationException, got " + thrown.get(), thrown.get());
            throw new AssertionError();
        }
        assertTrue(c.getMessage().contains("was interrupted after"), c.getMessage());
        return c;
    }
}
