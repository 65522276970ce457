package io.genrec.models.visual;

import io.genrec.data.Dataset;
import io.genrec.model.ProgressListener;
import io.genrec.model.TrainContext;
import io.genrec.models.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-process CLIP learns to tell three synthetic colour classes apart by their (frozen, random) texts. */
class ContrastiveImageTextTest {
    @Test
    void learnsToMatchPicturesToTheirTexts() {
        int n = 60, s = 8;
        var cfg = new ContrastiveImageText.Config(4, 8, s, 0.1, new TrainingConfig(30, 12, 0.003, 0, 0, 1, 10, 0));
        int per = cfg.preprocessing().size();
        Random rng = new Random(1);
        float[][] texts = new float[3][16];
        for (float[] t : texts) for (int j = 0; j < t.length; j++) t[j] = (float) rng.nextGaussian();
        float[] pixels = new float[n * per];
        int[] textOf = new int[n];
        for (int k = 0; k < n; k++) {
            textOf[k] = k % 3;
            for (int ch = 0; ch < 3; ch++)
                for (int p = 0; p < s * s; p++)
                    pixels[k * per + ch * s * s + p] = (ch == textOf[k] ? 1.5f : -1f) + (float) rng.nextGaussian() * 0.3f;
        }
        Dataset none = new Dataset.Builder("none").build();
        ContrastiveImageText.Fitted m = ContrastiveImageText.fit(pixels, textOf, texts, cfg,
                new TrainContext(none, null, 3, 1, ProgressListener.NONE));
        var epochs = m.training().epochs();
        assertTrue(epochs.get(epochs.size() - 1).meanLoss() < epochs.get(0).meanLoss() * 0.7,
                "loss " + epochs.get(0).meanLoss() + " -> " + epochs.get(epochs.size() - 1).meanLoss());
        float[][] img = m.encodePixels(pixels, n);
        float[][] txt = m.projectText(texts);
        int right = 0;
        for (int k = 0; k < n; k++) {
            int best = 0;
            double bestScore = -2;
            for (int t = 0; t < 3; t++) {
                double d = 0;
                for (int j = 0; j < 8; j++) d += img[k][j] * txt[t][j];
                if (d > bestScore) { bestScore = d; best = t; }
            }
            if (best == textOf[k]) right++;
        }
        assertEquals(n, right, "zero-shot matches");
    }
}
