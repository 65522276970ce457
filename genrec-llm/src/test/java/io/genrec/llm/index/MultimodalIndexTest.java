package io.genrec.llm.index;

import io.genrec.model.TopK;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Text, picture and fused vectors of one item set: who is in which index, and what a fused score means. */
class MultimodalIndexTest {
    // item 0: text and picture; 1: text and picture; 2: text only; 3: picture only
    static final float[][] TEXT = {{1, 0}, {0.6f, 0.8f}, {1, 0}, {0, 0}};
    static final float[][] IMAGE = {{0, 2, 0}, {0.8f, 0.6f, 0}, {0, 0, 0}, {0, 1, 0}};

    static double cos(float[] a, float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int j = 0; j < a.length; j++) { ab += a[j] * b[j]; aa += a[j] * a[j]; bb += b[j] * b[j]; }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void eachModalityHoldsItsItemsAndFusedScoresAverageBoth() {
        MultimodalIndex ix = MultimodalIndex.build(TEXT, IMAGE);
        assertEquals(3, ix.size(MultimodalIndex.Modality.TEXT), "item 3 has no text");
        assertEquals(3, ix.size(MultimodalIndex.Modality.IMAGE), "item 2 has no picture");
        assertEquals(4, ix.size(MultimodalIndex.Modality.FUSED), "every item with either");

        float[] qt = {1, 0}, qi = {0, 1, 0};
        TopK top = ix.search(MultimodalIndex.Modality.FUSED, ix.fusedQuery(qt, qi), 4, null);
        assertEquals(0, top.items()[0], "item 0 matches in both");
        assertEquals(1.0, top.scores()[0], 1e-6);
        for (int r = 0; r < top.size(); r++) {
            int item = top.items()[r];
            double expected = item == 2 ? cos(qt, TEXT[2]) / Math.sqrt(2) // one half only: picture half is zero
                    : item == 3 ? cos(qi, IMAGE[3]) / Math.sqrt(2)
                    : (cos(qt, TEXT[item]) + cos(qi, IMAGE[item])) / 2;
            assertEquals(expected, top.scores()[r], 1e-5, "item " + item);
        }
        TopK textOnly = ix.search(MultimodalIndex.Modality.TEXT, qt, 4, null);
        assertEquals(3, textOnly.size());
        for (int item : textOnly.items()) assertNotEquals(3, item);
        assertThrows(IllegalArgumentException.class, () -> ix.fusedQuery(qi, qt), "widths are checked");
    }
}
