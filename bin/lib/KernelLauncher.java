import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.AbstractChannel;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.MessageHandler;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.Transform;
import org.rapaio.jupyter.kernel.core.java.JavaEngine;
import org.rapaio.jupyter.kernel.core.java.RapaioExecutionControl;
import org.rapaio.jupyter.kernel.core.java.RapaioExecutionControlProvider;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ControlInterruptReply;
import org.rapaio.jupyter.kernel.message.messages.ControlShutdownReply;
import org.rapaio.jupyter.kernel.message.messages.ControlShutdownRequest;
import org.rapaio.jupyter.kernel.message.messages.IOPubStatus;
import org.rapaio.org.zeromq.ZMQ; // Rapaio ships JeroMQ under its own package

/**
 * Runs the Rapaio Java kernel 3.0.1 (the newest on Maven Central) with its JShell engine, display system and message
 * handlers, but with this class's own socket loops and cell thread in place of Rapaio's, which have these faults:
 *
 * <ul>
 *   <li>Start-up: {@code Channels.connect} binds the sockets before it creates the handler map, so a
 *       {@code kernel_info_request} that arrives first is dropped (the notebook server asks again only after 60 s),
 *       and {@code LoopThread.start()} sets its running flag after starting the thread, so a loop can end at once
 *       and leave the kernel deaf.</li>
 *   <li>Interrupt: the control thread shares the shell thread's current message and its after-actions, so an
 *       {@code interrupt_request} answers on the shell socket and runs the running cell's clean-up (unbinding its
 *       output, restoring {@code System.out}): the cell's output goes to the server terminal and later cells print
 *       nothing. It then shuts the execution engine's thread pool down, and a loop that ignores interrupts runs on.</li>
 *   <li>Noise: a line per classpath entry and an INFO line per message in the server terminal.</li>
 * </ul>
 *
 * Here the kernel is built first, then the sockets are bound: shell requests go to the kernel's handlers one at a
 * time, the control socket answers {@code interrupt_request} and {@code shutdown_request} itself, and the heartbeat
 * echoes. Cells run on one thread ({@link CellThread}); an interrupt interrupts it, and if the cell has not ended
 * within {@link CellThread#GRACE_MILLIS} (a sleep or a loop that checks {@code Thread.interrupted()} ends at once),
 * stops it with {@code Thread.stop()}, as JShell's own local engine does. The cell then ends with an
 * {@code InterruptedException}; what it printed stays. Quiet unless {@code IMITATION_KERNEL_VERBOSE=1}.
 *
 * <p>This reaches into private fields of Rapaio 3.0.1 ({@code Channels}' channels, {@code AbstractChannel.socket}
 * and {@code ctx}, {@code JavaEngine.controlProvider} and {@code executionId}, {@code RapaioExecutionControl.executor}):
 * re-check it when upgrading the kernel. bin/notebooks compiles this file and names it in the kernelspec.
 */
public final class KernelLauncher {

    static final String VERBOSE_ENV = "IMITATION_KERNEL_VERBOSE";
    private static final long POLL_MILLIS = 100;

    private final Logger log = Logger.getLogger("kernel");
    private final RapaioKernel kernel;
    private final Channels channels;
    private final CellThread cells;
    private final ConnectionProperties connection;
    @SuppressWarnings("rawtypes")
    private final Map<MessageType<?>, MessageHandler> shellHandlers;
    private volatile boolean serving = true;

    @SuppressWarnings({"rawtypes", "unchecked"})
    private KernelLauncher(RapaioKernel kernel, CellThread cells, ConnectionProperties connection) throws Exception {
        this.kernel = kernel;
        this.cells = cells;
        this.connection = connection;
        this.channels = new Channels(connection);
        this.shellHandlers = Map.of(
                MessageType.SHELL_EXECUTE_REQUEST, (MessageHandler) message -> kernel.handleExecuteRequest(message),
                MessageType.SHELL_KERNEL_INFO_REQUEST, (MessageHandler) message -> kernel.handleKernelInfoRequest(message),
                MessageType.SHELL_IS_COMPLETE_REQUEST, (MessageHandler) message -> kernel.handleIsCompleteRequest(message),
                MessageType.SHELL_COMPLETE_REQUEST, (MessageHandler) message -> kernel.handleCompleteRequest(message),
                MessageType.SHELL_INSPECT_REQUEST, (MessageHandler) message -> kernel.handleInspectRequest(message),
                MessageType.SHELL_HISTORY_REQUEST, (MessageHandler) message -> kernel.handleHistoryRequest(message),
                MessageType.SHELL_COMM_INFO_REQUEST, (MessageHandler) message -> kernel.handleCommInfoRequest(message),
                MessageType.CUSTOM_COMM_OPEN, (MessageHandler) message -> kernel.handleCommOpenCommand(message),
                MessageType.CUSTOM_COMM_MSG, (MessageHandler) message -> kernel.handleCommMsgCommand(message),
                MessageType.CUSTOM_COMM_CLOSE, (MessageHandler) message -> kernel.handleCommCloseCommand(message));
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: KernelLauncher CONNECTION_FILE (got " + args.length + " arguments)");
        }
        boolean verbose = verbose(System.getenv(VERBOSE_ENV));
        System.setProperty("java.util.logging.SimpleFormatter.format", "[kernel %4$s] %5$s%6$s%n");
        Level level = verbose ? Level.INFO : Level.WARNING;
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(level);
        }
        ConnectionProperties connection = Transform.fromJson(Files.readString(Path.of(args[0])), ConnectionProperties.class);
        RapaioKernel kernel = buildKernel(verbose);
        new KernelLauncher(kernel, CellThread.installIn(kernel.javaEngine()), connection).serve();
        System.exit(0);
    }

    static boolean verbose(String value) {
        if (value == null || value.isEmpty() || value.equals("0")) {
            return false;
        }
        if (value.equals("1")) {
            return true;
        }
        throw new IllegalArgumentException(VERBOSE_ENV + " must be 1 (verbose) or 0 (quiet), got '" + value
                + "'; unset it or set it to 1 to see the kernel's classpath and one log line per message");
    }

    /** Rapaio builds its kernel (JShell with the classpath) when MainApp loads; it prints each classpath entry. */
    private static RapaioKernel buildKernel(boolean verbose) {
        PrintStream out = System.out;
        if (!verbose) {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        }
        try {
            return MainApp.kernel;
        } finally {
            System.setOut(out);
        }
    }

    private void serve() throws Exception {
        AbstractChannel iopub = channel("iopub");
        iopub.bind(connection);
        channel("stdin").bind(connection);
        kernel.registerChannels(channels);
        Thread heartbeat = loop("heartbeat", connection.hbPort(), this::echo);
        Thread control = loop("control", connection.controlPort(), this::handleControl);
        Thread shell = loop("shell", connection.shellPort(), this::handleShell);
        iopub.sendMessage(new Message<>(MessageType.IOPUB_STATUS, IOPubStatus.STARTING));
        control.join(); // ends on shutdown_request
        cells.interrupt();
        shell.join(2_000);
        heartbeat.join(2_000);
        if (!shell.isAlive() && !heartbeat.isAlive()) {
            channels.close(); // sends what is queued (the shutdown reply) before the process ends
        }
    }

    /** Binds the named channel's socket and starts a thread that hands each message on it to the handler. */
    private Thread loop(String name, int port, SocketHandler handler) throws ReflectiveOperationException {
        AbstractChannel channel = channel(name);
        ZMQ.Socket socket = (ZMQ.Socket) field(AbstractChannel.class, "socket").get(channel);
        socket.bind(connection.formatAddress(port));
        ZMQ.Poller poller = ((ZMQ.Context) field(AbstractChannel.class, "ctx").get(channel)).poller(1);
        poller.register(socket, ZMQ.Poller.POLLIN);
        Thread thread = new Thread(() -> {
            while (serving) {
                if (poller.poll(POLL_MILLIS) > 0) {
                    try {
                        handler.handle(channel, socket);
                    } catch (RuntimeException e) {
                        log.log(Level.SEVERE, name + ": " + e, e);
                    }
                }
            }
        }, "kernel-" + name);
        thread.start();
        return thread;
    }

    private void echo(AbstractChannel channel, ZMQ.Socket socket) {
        socket.send(socket.recv());
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void handleShell(AbstractChannel shell, ZMQ.Socket socket) {
        Message<?> message = shell.readMessage();
        MessageType<?> type = message.header().type();
        MessageHandler handler = shellHandlers.get(type);
        if (handler == null) {
            log.info("shell: ignored " + type.name());
            return;
        }
        log.info("shell: " + type.name());
        boolean cell = type == MessageType.SHELL_EXECUTE_REQUEST;
        channels.setMsgId(message.getId());
        if (cell) {
            cells.cellStarts();
        }
        try {
            handler.handle(message);
        } finally {
            if (cell) {
                cells.cellEnds();
            }
            channels.runAfterActions();
        }
    }

    /** Control requests are answered here, on the control socket, without touching the shell's current message. */
    private void handleControl(AbstractChannel control, ZMQ.Socket socket) {
        Message<?> message = control.readMessage();
        MessageType<?> type = message.header().type();
        log.info("control: " + type.name());
        if (type == MessageType.CONTROL_INTERRUPT_REQUEST) {
            control.sendMessage(new Message<>(message.getId(), MessageType.CONTROL_INTERRUPT_REPLY, new ControlInterruptReply()));
            cells.interrupt();
        } else if (type == MessageType.CONTROL_SHUTDOWN_REQUEST) {
            boolean restart = ((ControlShutdownRequest) message.content()).restart();
            control.sendMessage(new Message<>(message.getId(), MessageType.CONTROL_SHUTDOWN_REPLY,
                    restart ? ControlShutdownReply.SHUTDOWN_AND_RESTART : ControlShutdownReply.SHUTDOWN));
            serving = false;
        } else {
            log.info("control: ignored " + type.name());
        }
    }

    private AbstractChannel channel(String name) throws ReflectiveOperationException {
        return (AbstractChannel) field(Channels.class, name).get(channels);
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    @FunctionalInterface
    private interface SocketHandler {
        void handle(AbstractChannel channel, ZMQ.Socket socket);
    }

    /**
     * The one thread that runs the code of the cells, in place of the thread pool of Rapaio's execution control, so that
     * an interrupt knows which thread to stop and the next cell starts only after the interrupted one has ended.
     */
    static final class CellThread extends ThreadPoolExecutor {

        /** How long an interrupted cell may take to end by itself before its thread is stopped. */
        static final long GRACE_MILLIS = 1_000;

        private final Logger log = Logger.getLogger("kernel");
        private volatile boolean inCell;
        private volatile boolean interrupted;
        private volatile CellTask<?> running;

        private CellThread() {
            super(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "cell");
                thread.setDaemon(true);
                return thread;
            });
        }

        static CellThread installIn(JavaEngine engine) throws ReflectiveOperationException {
            String id = (String) field(JavaEngine.class, "executionId").get(engine);
            RapaioExecutionControl control =
                    ((RapaioExecutionControlProvider) field(JavaEngine.class, "controlProvider").get(engine)).getRegisteredControl(id);
            if (control == null) {
                throw new IllegalStateException("Rapaio's JShell engine has no execution control after start-up; "
                        + "bin/lib/KernelLauncher.java needs updating for this kernel version");
            }
            Field executor = field(RapaioExecutionControl.class, "executor");
            ((ExecutorService) executor.get(control)).shutdown();
            CellThread cells = new CellThread();
            executor.set(control, cells);
            return cells;
        }

        void cellStarts() {
            interrupted = false;
            inCell = true;
        }

        void cellEnds() {
            inCell = false;
        }

        /** Ends the running cell: interrupts its thread, then stops it if it has not ended within the grace time. */
        void interrupt() {
            if (!inCell) {
                return;
            }
            interrupted = true; // the cell's later snippets do not run
            CellTask<?> task = running;
            if (task == null) {
                return;
            }
            task.runner.interrupt();
            if (task.endsWithin(GRACE_MILLIS)) {
                return;
            }
            task.forced = true;
            try {
                stopThread(task.runner);
            } catch (UnsupportedOperationException e) { // Java 20 and later have no Thread.stop
                String note = "The cell ignores the interrupt, and Java " + Runtime.version().feature() + " cannot stop a "
                        + "thread (Java 17-19 can): it runs until it checks Thread.interrupted() or ends.";
                log.warning(note);
                System.err.println(note); // the running cell's error stream, so the note shows under the cell
            }
        }

        @SuppressWarnings({"deprecation", "removal"})
        private static void stopThread(Thread thread) {
            thread.stop();
        }

        @Override
        protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
            return new CellTask<>(callable);
        }

        @Override
        protected void beforeExecute(Thread thread, Runnable task) {
            CellTask<?> cellTask = (CellTask<?>) task;
            cellTask.runner = thread;
            running = cellTask;
        }

        @Override
        protected void afterExecute(Runnable task, Throwable thrown) {
            running = null;
        }

        /** One snippet's code; once its cell is interrupted it ends with an InterruptedException, however it ended. */
        private final class CellTask<T> extends FutureTask<T> {

            volatile Thread runner;
            volatile boolean forced;

            CellTask(Callable<T> callable) {
                super(callable);
            }

            @Override
            public void run() {
                if (interrupted) {
                    setException(null);
                } else {
                    super.run();
                }
            }

            @Override
            protected void set(T value) {
                if (interrupted) {
                    setException(null);
                } else {
                    super.set(value);
                }
            }

            @Override
            protected void setException(Throwable thrown) {
                if (!interrupted) {
                    super.setException(thrown);
                    return;
                }
                InterruptedException stopped = new InterruptedException(forced
                        ? "Interrupted: the cell did not end within " + GRACE_MILLIS + " ms of the interrupt, so its thread "
                                + "was stopped (objects it was changing may be half-updated)"
                        : "Interrupted");
                stopped.setStackTrace(new StackTraceElement[0]);
                super.setException(stopped);
            }

            boolean endsWithin(long millis) {
                try {
                    get(millis, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    return false;
                } catch (ExecutionException | CancellationException e) {
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return true;
            }
        }
    }
}
