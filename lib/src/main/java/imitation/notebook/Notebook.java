package imitation.notebook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Setup and fast mode for the course notebooks. The first cell of every notebook is
 * <pre>{@code
 * import imitation.notebook.*;
 * Notebook.setup();
 * }</pre>
 * which loads the ND4J native backend once and prints what the notebook runs on. Budgets are written as
 * {@code Notebook.pick(full, fast)}: the full value is what a class sees, the fast value is what
 * {@code mvn verify} and {@code bin/notebooks --execute --fast} use so that every notebook runs in seconds.
 *
 * <p>Fast mode is on when the environment variable {@value #FAST_ENV} or the system property
 * {@value #FAST_PROPERTY} is {@code 1} or {@code true} (case-insensitive); {@code 0}, {@code false} or
 * empty mean off, anything else is rejected.
 */
public final class Notebook {

    /** Environment variable that turns fast mode on ({@code IMITATION_FAST=1}). */
    public static final String FAST_ENV = "IMITATION_FAST";

    /** System property that turns fast mode on ({@code -Dimitation.fast=true}). */
    public static final String FAST_PROPERTY = "imitation.fast";

    /**
     * The note that results made in fast mode carry (summary table names, displayed tables and charts), so a
     * fast-mode run cannot be taken for the notebook's real results.
     */
    public static final String FAST_NOTE = "FAST MODE: tiny budgets, not the notebook's results";

    private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    private static String setupLine;

    private Notebook() {}

    /**
     * Prepares the JVM for notebook work and prints one line: library version, ND4J backend, threads and
     * fast mode; in fast mode a banner follows it saying that the numbers below are not the notebook's results. Sets logging to warnings only (DL4J and ND4J otherwise print INFO lines into cells). Loads
     * the ND4J native backend by running one small operation, so a broken native setup fails here with a
     * clear message instead of in the middle of an experiment. Calling it again only prints the line again.
     *
     * @throws IllegalStateException if the ND4J native backend cannot be loaded, or fast mode is set to a
     *     value that is neither true nor false
     */
    public static synchronized void setup() {
        if (setupLine == null) {
            boolean fast = fast();
            quietLogging();
            setupLine = "imitation " + version() + " | " + loadNd4j() + " | fast mode " + (fast ? "ON" : "off");
        }
        System.out.println(setupLine);
        if (fast()) {
            System.out.println(fastBanner());
        }
    }

    /** The banner {@link #setup()} prints in fast mode. */
    static String fastBanner() {
        String line = "!".repeat(78);
        return line + "\n!!  " + FAST_NOTE + ".\n!!  Budgets, seeds and episodes are cut so the notebook runs in"
                + " seconds; numbers,\n!!  tables and charts below do not show what the prose describes. Unset "
                + FAST_ENV + " (and\n!!  -D" + FAST_PROPERTY + ") and run again for the real results.\n" + line;
    }

    /**
     * Whether fast mode is on: {@value #FAST_ENV} or {@value #FAST_PROPERTY} set to {@code 1} or {@code true}.
     *
     * @throws IllegalStateException if either is set to something other than 1, 0, true, false or empty
     */
    public static boolean fast() {
        return fast(System.getenv(FAST_ENV), System.getProperty(FAST_PROPERTY));
    }

    /** Fast mode from the raw values of the environment variable and the system property (null if unset). */
    static boolean fast(String envValue, String propertyValue) {
        return parseSwitch("environment variable " + FAST_ENV, envValue)
                | parseSwitch("system property " + FAST_PROPERTY, propertyValue);
    }

    /** {@code fast} in fast mode, {@code full} otherwise. */
    public static int pick(int full, int fast) {
        return fast() ? fast : full;
    }

    /** {@code fast} in fast mode, {@code full} otherwise. */
    public static long pick(long full, long fast) {
        return fast() ? fast : full;
    }

    /** {@code fast} in fast mode, {@code full} otherwise. */
    public static double pick(double full, double fast) {
        return fast() ? fast : full;
    }

    /**
     * Ties a sentence of the notebook's prose to this run's numbers. In full mode it prints {@code ✓ claim} when
     * {@code holds} is true and throws when it is false, so an executed notebook cannot keep a sentence that its
     * own output contradicts (the build names the cell). In fast mode, whose tiny budgets are not meant to show
     * the effect, it only prints whether the claim held, marked as not checked.
     *
     * @throws IllegalArgumentException if claim is null or blank
     * @throws IllegalStateException in full mode when the claim does not hold
     */
    public static void check(String claim, boolean holds) {
        check(claim, holds, fast());
    }

    static void check(String claim, boolean holds, boolean fast) {
        if (claim == null || claim.isBlank()) {
            throw new IllegalArgumentException("check: claim = " + (claim == null ? "null" : "'" + claim + "'")
                    + "; write the sentence of the prose that this run must bear out");
        }
        if (fast) {
            System.out.println((holds ? "(holds" : "(does NOT hold") + " in this fast run, checked only in full mode) "
                    + claim);
        } else if (holds) {
            System.out.println("✓ " + claim);
        } else {
            throw new IllegalStateException("The notebook says \"" + claim + "\", but this run's output does not bear"
                    + " it out: change the sentence to what the output shows, or find out why the result moved");
        }
    }

    private static boolean parseSwitch(String name, String value) {
        if (value == null) {
            return false;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true" -> {
                return true;
            }
            case "", "0", "false" -> {
                return false;
            }
            default -> throw new IllegalStateException(name + " = '" + value
                    + "' is not a fast-mode switch; set it to 1 or true (fast) or 0 or false (full), or unset it");
        }
    }

    /**
     * Sets slf4j-simple's level to WARN unless the user chose one. simplelogger.properties in the jar says the
     * same, but a kernel may look for it with a class loader that does not see the library jar.
     */
    private static void quietLogging() {
        if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
            System.setProperty(LOG_LEVEL_PROPERTY, "warn");
        }
    }

    /** Loads ND4J's native backend by computing 1 + 2 + 3, and describes it. */
    private static String loadNd4j() {
        Properties info;
        double sum;
        try {
            INDArray probe = Nd4j.createFromArray(1f, 2f, 3f);
            sum = probe.sumNumber().doubleValue();
            info = Nd4j.getExecutioner().getEnvironmentInformation();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("ND4J could not load its native backend (" + e
                    + "); the kernel classpath needs nd4j-native, javacpp and openblas jars for this platform: "
                    + "run bin/notebooks to rebuild it, or put lib/target/classpath/*.jar on your kernel's classpath",
                    e);
        }
        if (sum != 6.0) {
            throw new IllegalStateException("ND4J native backend computed 1 + 2 + 3 = " + sum
                    + "; the native library for this CPU is broken, try the plain nd4j-native classifier");
        }
        return "ND4J " + info.get("backend") + " backend (" + info.get("blas.vendor") + ", "
                + "threads: " + imitation.nn.Network.threads() + ")";
    }

    /** The library version from the jar's Maven metadata, or "dev" when running from a class folder. */
    private static String version() {
        String resource = "/META-INF/maven/io.github.imitationjvm/imitation/pom.properties";
        try (InputStream in = Notebook.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "dev";
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
