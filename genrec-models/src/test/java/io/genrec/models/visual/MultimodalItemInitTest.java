package io.genrec.models.visual;

import io.genrec.models.training.TextItemInit;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MultimodalItemInitTest {
    @Test
    void bothModalitiesWeighEquallyAndAMissingOneStaysZero() {
        float[][] text = {{3, 4}, {0, 0}, {0, 0}, {1, 0}};
        float[][] image = {{0, 0, 2}, {0, 5, 0}, {0, 0, 0}, {0, 1, 0}};
        float[][] f = MultimodalItemInit.fuse(text, image);
        float h = (float) Math.sqrt(0.5);
        assertArrayEquals(new float[]{0.6f * h, 0.8f * h, 0, 0, h}, f[0], 1e-6f);
        assertArrayEquals(new float[]{0, 0, 0, h, 0}, f[1], 1e-6f);
        assertArrayEquals(new float[5], f[2], 0f);
        assertArrayEquals(new float[]{h, 0, 0, h, 0}, f[3], 1e-6f);
        TextItemInit init = MultimodalItemInit.of(text, image, 2, 1);
        assertEquals(3, init.textedItems()); // items with a picture but no text get a row too
        assertNull(init.row(2));
    }
}
