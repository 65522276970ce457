package io.genrec.models.visual;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.genrec.models.training.OwnedArrays;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InfoNceTest {
    /** Symmetric InfoNCE of a 2x2 batch, computed by hand from the cosine matrix. */
    @Test
    void matchesAHandComputation() {
        double c = Math.sqrt(0.5);
        float[] img = {1, 0, (float) c, (float) c};          // two unit rows
        float[] txt = {(float) c, (float) -c, 0, 1};
        double logScale = Math.log(10);
        // cosines: s00 = c, s01 = 0, s10 = 0, s11 = c
        double s = 10;
        double[][] l = {{s * c, 0}, {s * (c * c - c * c), s * c}};
        l[1][0] = s * (c * c - c * c); // (c, c) . (c, -c) = 0
        // row (image->text) cross-entropies
        double row0 = -(l[0][0] - Math.log(Math.exp(l[0][0]) + Math.exp(l[0][1])));
        double row1 = -(l[1][1] - Math.log(Math.exp(l[1][0]) + Math.exp(l[1][1])));
        double col0 = -(l[0][0] - Math.log(Math.exp(l[0][0]) + Math.exp(l[1][0])));
        double col1 = -(l[1][1] - Math.log(Math.exp(l[0][1]) + Math.exp(l[1][1])));
        double want = ((row0 + row1) / 2 + (col0 + col1) / 2) / 2;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray i = OwnedArrays.floats(m, img, 2, 2), t = OwnedArrays.floats(m, txt, 2, 2);
            NDArray ls = OwnedArrays.floats(m, new float[]{(float) logScale}, 1);
            assertEquals(want, InfoNce.loss(i, t, ls).getFloat(), 1e-5);
            // the temperature is capped: a huge log scale behaves as log(100)
            NDArray capped = OwnedArrays.floats(m, new float[]{50f}, 1);
            NDArray at100 = OwnedArrays.floats(m, new float[]{(float) Math.log(100)}, 1);
            assertEquals(InfoNce.loss(i, t, at100).getFloat(), InfoNce.loss(i, t, capped).getFloat(), 1e-5);
        }
    }

    @Test
    void asymmetricBatchesWeighBothDirections() {
        // three images, three texts where text 2 is close to image 0: only the column loss sees image 0 competing for text 2
        float[] img = {1, 0, 0, 1, 0.6f, 0.8f};
        float[] txt = {1, 0, 0, 1, 0.8f, 0.6f};
        double[][] l = new double[3][3];
        for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) l[a][b] = 5 * (img[2 * a] * txt[2 * b] + img[2 * a + 1] * txt[2 * b + 1]);
        double rows = 0, cols = 0;
        for (int k = 0; k < 3; k++) {
            double zr = 0, zc = 0;
            for (int j = 0; j < 3; j++) { zr += Math.exp(l[k][j]); zc += Math.exp(l[j][k]); }
            rows += -(l[k][k] - Math.log(zr)) / 3;
            cols += -(l[k][k] - Math.log(zc)) / 3;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            float got = InfoNce.loss(OwnedArrays.floats(m, img, 3, 2), OwnedArrays.floats(m, txt, 3, 2),
                    OwnedArrays.floats(m, new float[]{(float) Math.log(5)}, 1)).getFloat();
            assertEquals((rows + cols) / 2, got, 1e-5);
        }
    }
}
