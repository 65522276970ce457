package io.genrec.server.online;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class StatsTest {
    @Test
    void wilsonMatchesNewcombesWorkedExample() {
        // Newcombe (1998), Statistics in Medicine 17:857, example 81/263: Wilson 95% interval 0.2553 to 0.3662
        Stats.Rate r = Stats.wilson(81, 263, Stats.Z95);
        assertEquals(81 / 263.0, r.value(), 1e-12);
        assertEquals(0.2553, r.low(), 5e-5);
        assertEquals(0.3662, r.high(), 5e-5);
    }

    @Test
    void wilsonAtTheEdges() {
        Stats.Rate zero = Stats.wilson(0, 10, Stats.Z95);
        assertEquals(0.0, zero.low(), 1e-12);
        // upper bound z^2 / (n + z^2) when there are no successes
        assertEquals(Stats.Z95 * Stats.Z95 / (10 + Stats.Z95 * Stats.Z95), zero.high(), 1e-12);
        Stats.Rate all = Stats.wilson(10, 10, Stats.Z95);
        assertEquals(1.0, all.high(), 1e-12);
        assertEquals(1 - zero.high(), all.low(), 1e-12, "symmetric to 0/10");
        Stats.Rate none = Stats.wilson(0, 0, Stats.Z95);
        assertNull(none.value());
        assertNull(none.low());
        assertThrows(IllegalArgumentException.class, () -> Stats.wilson(3, 2, Stats.Z95));
    }

    @Test
    void signTestIsTheExactBinomialTail() {
        // 9 wins, 1 loss: P = 2 * (C(10,0) + C(10,1)) / 2^10 = 22/1024
        assertEquals(22 / 1024.0, Stats.signTestP(9, 1), 1e-15);
        assertEquals(22 / 1024.0, Stats.signTestP(1, 9), 1e-15);
        assertEquals(1.0, Stats.signTestP(5, 5), 1e-12);
        assertEquals(1.0, Stats.signTestP(0, 0));
        assertEquals(2 / 1024.0, Stats.signTestP(10, 0), 1e-15);
        // large n: 5,200 of 10,000 is 4 sd from half, two-sided normal tail about 6.3e-5
        double p = Stats.signTestP(5200, 4800);
        assertTrue(p > 4e-5 && p < 9e-5, "p=" + p);
    }
}
