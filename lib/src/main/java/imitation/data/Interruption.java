package imitation.data;

import java.util.concurrent.CancellationException;

/**
 * How the library's long loops (rollouts, evaluation, DAgger rounds, IRL iterations, driving runs) stop
 * when their thread is interrupted, for example by a notebook's stop button: between two units of work
 * they call {@link #check}, which consumes the thread's interrupt flag (as {@link InterruptedException}
 * does) and throws a {@link CancellationException} that says which loop stopped and how far it got. The
 * interrupted call returns nothing; objects it was updating are left as its documentation says.
 */
public final class Interruption {
    private Interruption() {}

    /**
     * Throws a {@link CancellationException} when the current thread was interrupted, naming
     * {@code loop} and the {@code done} units of work (in {@code unit}) finished before the interruption.
     */
    public static void check(String loop, long done, String unit) {
        if (Thread.interrupted()) {
            throw new CancellationException(loop + " was interrupted after " + done + " " + unit
                    + "; nothing of the interrupted call is returned. Run it again to start over");
        }
    }
}
