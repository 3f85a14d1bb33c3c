package imitation.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotebookTest {

    private String savedProperty;

    @BeforeEach
    void saveProperty() {
        savedProperty = System.getProperty(Notebook.FAST_PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (savedProperty == null) {
            System.clearProperty(Notebook.FAST_PROPERTY);
        } else {
            System.setProperty(Notebook.FAST_PROPERTY, savedProperty);
        }
    }

    @Test
    void fastModeIsOnWhenEitherSwitchSaysOneOrTrue() {
        assertTrue(Notebook.fast("1", null));
        assertTrue(Notebook.fast(null, "true"));
        assertTrue(Notebook.fast(" TRUE ", "false"));
        assertTrue(Notebook.fast("0", "1"));
    }

    @Test
    void fastModeIsOffWhenBothSwitchesAreUnsetEmptyOrFalse() {
        assertFalse(Notebook.fast(null, null));
        assertFalse(Notebook.fast("", "0"));
        assertFalse(Notebook.fast("false", "False"));
    }

    @Test
    void fastModeRejectsValuesThatAreNeitherTrueNorFalse() {
        IllegalStateException env = assertThrows(IllegalStateException.class, () -> Notebook.fast("yes please", null));
        assertTrue(env.getMessage().contains("IMITATION_FAST"), env.getMessage());
        assertTrue(env.getMessage().contains("'yes please'"), env.getMessage());
        assertTrue(env.getMessage().contains("set it to 1 or true"), env.getMessage());
        IllegalStateException property = assertThrows(IllegalStateException.class, () -> Notebook.fast(null, "2"));
        assertTrue(property.getMessage().contains("imitation.fast"), property.getMessage());
        assertTrue(property.getMessage().contains("'2'"), property.getMessage());
    }

    @Test
    void pickReturnsTheFastValueWhenThePropertyTurnsFastModeOn() {
        System.setProperty(Notebook.FAST_PROPERTY, "true");
        assertTrue(Notebook.fast());
        assertEquals(20, Notebook.pick(1000, 20));
        assertEquals(5L, Notebook.pick(1_000_000L, 5L));
        assertEquals(0.5, Notebook.pick(0.01, 0.5));
    }

    @Test
    void pickReturnsTheFullValueWhenFastModeIsOff() {
        assumeFalse(Notebook.fast(System.getenv(Notebook.FAST_ENV), null), "IMITATION_FAST is on in this shell");
        System.setProperty(Notebook.FAST_PROPERTY, "false");
        assertFalse(Notebook.fast());
        assertEquals(1000, Notebook.pick(1000, 20));
        assertEquals(1_000_000L, Notebook.pick(1_000_000L, 5L));
        assertEquals(0.01, Notebook.pick(0.01, 0.5));
    }

    @Test
    void setupLoadsNd4jAndPrintsTheSameLinesEachTimeWithAFastModeBanner() {
        System.setProperty(Notebook.FAST_PROPERTY, "true");
        String first = captureSetup();
        String second = captureSetup();
        assertEquals(first, second);
        assertEquals(first.lines().findFirst().orElseThrow() + System.lineSeparator() + Notebook.fastBanner()
                + System.lineSeparator(), first, "in fast mode the setup line is followed by the banner");
        assertTrue(first.contains(Notebook.FAST_NOTE), first);
        assertTrue(first.startsWith("imitation "), first);
        assertTrue(first.contains("ND4J CPU backend"), first);
        assertTrue(first.matches("(?s).*, threads: \\d+\\).*"), first);
        assertTrue(first.contains("fast mode ON"), first);
        assertEquals("warn", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel"));
    }

    private static String captureSetup() {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Notebook.setup();
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void checkPrintsAClaimThatHoldsAndFailsOnOneThatDoesNotInFullMode() {
        assertEquals("✓ more labels helped\n", printed(() -> Notebook.check("more labels helped", true, false)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Notebook.check("DAgger finished every episode", false, false));
        assertTrue(e.getMessage().contains("\"DAgger finished every episode\""), e.getMessage());
        assertTrue(e.getMessage().contains("change the sentence"), e.getMessage());
    }

    @Test
    void checkOnlyReportsInFastMode() {
        assertTrue(printed(() -> Notebook.check("a claim", false, true)).startsWith("(does NOT hold in this fast run"));
        assertTrue(printed(() -> Notebook.check("a claim", true, true)).startsWith("(holds in this fast run"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Notebook.check(" ", true, false)).getMessage()
                .contains("claim = ' '"));
    }

    private static String printed(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
