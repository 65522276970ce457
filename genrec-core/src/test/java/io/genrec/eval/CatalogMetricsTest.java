package io.genrec.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class CatalogMetricsTest {
    @Test
    void giniExtremes() {
        assertEquals(0, CatalogMetrics.gini(new int[] {3, 3, 3, 3}), 1e-12, "equal exposure");
        assertEquals((5 - 1) / 5.0, CatalogMetrics.gini(new int[] {0, 0, 7, 0, 0}), 1e-12, "one item takes all: (n-1)/n");
        // sorted 1,2,3 (n=3, total 6): sum (2j-4) c_j = -2*1 + 0*2 + 2*3.
        assertEquals((-2 + 0 + 6) / (3.0 * 6), CatalogMetrics.gini(new int[] {3, 1, 2}), 1e-12);
        assertTrue(Double.isNaN(CatalogMetrics.gini(new int[] {0, 0})), "nothing recommended");
    }

    @Test
    void coverage() {
        assertEquals(2 / 5.0, CatalogMetrics.coverage(new int[] {0, 4, 0, 1, 0}), 1e-12);
    }
}
