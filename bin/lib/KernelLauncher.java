import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Set;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Starts the Rapaio Java kernel 3.0.1 as its {@code MainApp} does, minus two start-up races that leave the
 * kernel deaf ("Kernel didn't respond in N seconds") on some starts, more often on a loaded machine.
 *
 * <ol>
 *   <li>{@code Channels.connect} binds the sockets and starts the shell and control threads before it creates
 *       the message-handler map. A client that connected early has a {@code kernel_info_request} queued; if it
 *       arrives before the map exists the shell thread dies with a NullPointerException. Here an empty map is
 *       in place before binding, so the early request is logged as unhandled and the client's next one is
 *       answered.</li>
 *   <li>{@code LoopThread.start()} starts the thread and only then sets its {@code running} flag; a thread
 *       that reads the flag first ends at once, silently. Such a stillborn thread (dead, flag set, so not shut
 *       down) is replaced here by a new loop on the same socket whose flag is set before it starts.</li>
 * </ol>
 * bin/notebooks compiles this file and names it in the project-local kernelspec.
 */
public final class KernelLauncher {

    private static final Logger LOGGER = Logger.getLogger(KernelLauncher.class.getSimpleName());

    private KernelLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: KernelLauncher CONNECTION_FILE (got " + args.length + " arguments)");
        }
        LogManager.getLogManager().readConfiguration(MainApp.class.getClassLoader().getResourceAsStream("logging.properties"));
        ConnectionProperties connection = Transform.fromJson(Files.readString(Path.of(args[0])), ConnectionProperties.class);
        Channels channels = new Channels(connection);
        field(Channels.class, "handlers").set(channels, new HashMap<>());
        channels.connect(MainApp.kernel);
        // A stillborn thread has usually ended by now, but on a busy machine it may take a while: look again.
        for (int check = 0; check < 30; check++) {
            reviveStillbornLoops(channels);
            Thread.sleep(100);
        }
        channels.joinUntilClose();
    }

    private static void reviveStillbornLoops(Channels channels) throws ReflectiveOperationException {
        Field running = field(LoopThread.class, "running");
        for (Object channel : (Set<?>) field(Channels.class, "channels").get(channels)) {
            Field loopField;
            try {
                loopField = field(channel.getClass(), "loopThread");
            } catch (NoSuchFieldException e) {
                continue; // IOPub and stdin have no loop thread
            }
            LoopThread loop = (LoopThread) loopField.get(channel);
            if (loop == null || loop.isAlive() || !running.getBoolean(loop)) {
                continue; // healthy, or shut down on purpose
            }
            LoopThread fresh = new LoopThread(loop.getName(), field(LoopThread.class, "sleep").getLong(loop),
                    (Runnable) field(LoopThread.class, "loopBody").get(loop));
            running.setBoolean(fresh, true);
            loopField.set(channel, fresh);
            fresh.start();
            LOGGER.info("restarted loop thread " + loop.getName() + ", which had ended before its start flag was set");
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
