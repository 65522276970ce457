package io.genrec.util;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class ParallelTest {
    @Test
    void everyIndexRunsExactlyOnce() {
        for (int threads : new int[] {1, 2, 3}) {
            int n = 1003;
            AtomicInteger[] hits = new AtomicInteger[n];
            for (int k = 0; k < n; k++) hits[k] = new AtomicInteger();
            AtomicInteger scratches = new AtomicInteger();
            Parallel.forRange(n, threads, 10, () -> scratches.incrementAndGet(), (s, from, to) -> {
                for (int k = from; k < to; k++) hits[k].incrementAndGet();
            });
            for (int k = 0; k < n; k++) assertEquals(1, hits[k].get(), "index " + k + " with " + threads + " threads");
            assertTrue(scratches.get() <= threads, "one scratch per worker at most");
        }
    }

    @Test
    void workerFailureIsRethrown() {
        var e = assertThrows(IllegalStateException.class, () -> Parallel.forRange(100, 2, 1, () -> null, (s, from, to) -> {
            if (from == 57) throw new IllegalStateException("boom at 57");
        }));
        assertEquals("boom at 57", e.getMessage());
    }

    @Test
    void emptyRangeRunsNothing() {
        Parallel.forRange(0, 2, 5, () -> null, (s, from, to) -> fail("must not run"));
    }
}
