package imitation.eval;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void meanStdAndConfidenceIntervalMatchHandValues() {
        double[] v = {1, 2, 3, 4, 5};
        assertEquals(3.0, Stats.mean(v), 1e-12);
        assertEquals(Math.sqrt(2.5), Stats.std(v), 1e-12);
        assertEquals(2.776 * Math.sqrt(2.5) / Math.sqrt(5), Stats.ci95(v), 1e-12);
        Interval t = Stats.meanInterval(v);
        assertEquals(3 - 2.776 * Math.sqrt(0.5), t.low(), 1e-12);
        assertEquals(3 + 2.776 * Math.sqrt(0.5), t.high(), 1e-12);
        assertEquals("t 95%", t.kind());
        assertEquals(0.0, Stats.std(new double[] {7}));
    }

    @Test
    void aSingleValueGivesNoTInterval() {
        assertTrue(Double.isNaN(Stats.ci95(new double[] {7})));
        assertFalse(Stats.meanInterval(new double[] {7}).defined());
    }

    @Test
    void tQuantileBeyondTheTableFollowsStudentsT() {
        // 97.5% quantiles of t from published tables: 31 df 2.0395, 40 df 2.0211, 120 df 1.9799
        assertEquals(2.0395, Stats.t975(31), 1e-4);
        assertEquals(2.0211, Stats.t975(40), 1e-4);
        assertEquals(1.9799, Stats.t975(120), 1e-4);
        assertEquals(2.042, Stats.t975(30), 0);
    }

    @Test
    void wilsonIntervalsMatchPublishedValues() {
        // Newcombe (1998), Statistics in Medicine 17, table II: 81/263 -> 0.2553..0.3662, 0/10 -> 0..0.2775,
        // 8/10 (computed by hand from the score formula) -> 0.4902..0.9433
        Interval a = Stats.wilson(81, 263);
        assertEquals(0.2553, a.low(), 1e-4);
        assertEquals(0.3662, a.high(), 1e-4);
        Interval none = Stats.wilson(0, 10);
        assertEquals(0.0, none.low(), 1e-12);
        assertEquals(0.2775, none.high(), 1e-4);
        Interval eight = Stats.wilson(8, 10);
        assertEquals(0.4902, eight.low(), 1e-4);
        assertEquals(0.9433, eight.high(), 1e-4);
        assertEquals("Wilson 95%", eight.kind());
    }

    @Test
    void fractionIntervalOfAllSuccessesStaysBelowOneAndIsNotEmpty() {
        // two seeds that both finished every episode: p = 1, n = 2; by hand, centre (1 + z²/4)/(1 + z²/2)
        // and half-width (z²/4)/(1 + z²/2) give 0.3424..1, where a t interval has zero width
        Interval both = Stats.fractionInterval(new double[] {1, 1});
        assertEquals(0.34238, both.low(), 1e-5);
        assertEquals(1.0, both.high(), 1e-12);
        // the case issue 14 quoted (t interval 0.25 ± 6.35 reaching -5.85): seeds at 0 and 0.5
        Interval low = Stats.fractionInterval(new double[] {0, 0.5});
        assertTrue(low.low() >= 0 && low.high() <= 1, low.toString());
        assertEquals(Stats.wilson(0.5, 2), low);
    }

    @Test
    void badInputIsNamed() {
        var empty = assertThrows(IllegalArgumentException.class, () -> Stats.mean(new double[0]));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        var nul = assertThrows(IllegalArgumentException.class, () -> Stats.meanInterval(null));
        assertTrue(nul.getMessage().contains("null"), nul.getMessage());
        var notFraction = assertThrows(IllegalArgumentException.class,
                () -> Stats.fractionInterval(new double[] {0.5, 1.5}));
        assertTrue(notFraction.getMessage().contains("value 1 = 1.5") && notFraction.getMessage().contains("meanInterval"),
                notFraction.getMessage());
        var nan = assertThrows(IllegalArgumentException.class, () -> Stats.fractionInterval(new double[] {Double.NaN}));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        var trials = assertThrows(IllegalArgumentException.class, () -> Stats.wilson(0, 0));
        assertTrue(trials.getMessage().contains("trials = 0.0"), trials.getMessage());
        var successes = assertThrows(IllegalArgumentException.class, () -> Stats.wilson(11, 10));
        assertTrue(successes.getMessage().contains("successes = 11.0"), successes.getMessage());
        var interval = assertThrows(IllegalArgumentException.class, () -> new Interval(2, 1, "t 95%"));
        assertTrue(interval.getMessage().contains("low = 2.0"), interval.getMessage());
    }

    @Test
    void medianIsTheMiddleValue() {
        assertEquals(3.0, Stats.median(new double[] {5, 1, 3}));
        assertEquals(2.5, Stats.median(new double[] {4, 1, 3, 2}));
        assertEquals(7.0, Stats.median(new double[] {7}));
        double[] unsorted = {3, 1, 2};
        Stats.median(unsorted);
        assertArrayEquals(new double[] {3, 1, 2}, unsorted, "the input is not reordered");
        assertThrows(IllegalArgumentException.class, () -> Stats.median(new double[0]));
    }
}
