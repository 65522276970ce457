package io.genrec.models.visual;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.genrec.models.training.Batch;
import io.genrec.models.training.OwnedArrays;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainingPhase;
import io.genrec.data.Dataset;
import io.genrec.model.ProgressListener;
import io.genrec.model.TrainContext;
import io.genrec.models.training.TrainingConfig;
import io.genrec.image.ImageEncoder;
import io.genrec.image.ImageEncoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The in-process CLIP learns to tell three synthetic colour classes apart by their (frozen, random) texts. */
class ContrastiveImageTextTest {
    /**
     * A saved and loaded model is the same model: identical vectors for the same pixels, and through the
     * {@code contrastive:DIR} encoder spec identical vectors for the same picture file; provenance survives.
     */
    @Test
    void savedModelLoadsAndEncodesIdentically(@TempDir Path dir) throws Exception {
        var cfg = new ContrastiveImageText.Config(2, 4, 8, 0.1, new TrainingConfig(2, 8, 0.003, 0, 0, 1, 10, 0));
        int per = cfg.preprocessing().size(), n = 16;
        Random rng = new Random(2);
        float[] pixels = new float[n * per];
        for (int j = 0; j < pixels.length; j++) pixels[j] = (float) rng.nextGaussian();
        int[] textOf = new int[n];
        for (int k = 0; k < n; k++) textOf[k] = k % 2;
        float[][] texts = {{1, 0, 0}, {0, 1, 0}};
        ContrastiveImageText.Fitted m = ContrastiveImageText.fit(pixels, textOf, texts, cfg,
                new TrainContext(new Dataset.Builder("pairs").build(), null, 4, 1, ProgressListener.NONE), "test-text");
        m.save(dir.resolve("model"));
        ContrastiveImageText.Fitted back = ContrastiveImageText.load(dir.resolve("model"));
        assertEquals(m.provenance(), back.provenance(), "provenance must survive save/load");
        assertEquals(64, m.provenance().dataHash().length(), "the data hash is the SHA-256 of the training input");
        assertEquals("test-text", back.textEncoder());
        assertEquals(m.config(), back.config());
        assertEquals(m.modelId(), back.modelId());
        float[][] a = m.encodePixels(pixels, n), b = back.encodePixels(pixels, n);
        for (int k = 0; k < n; k++) assertArrayEquals(a[k], b[k], "image " + k);
        assertArrayEquals(m.projectText(texts)[1], back.projectText(texts)[1]);

        Path png = dir.resolve("photo.png");
        BufferedImage img = new BufferedImage(12, 10, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 12; x++) for (int y = 0; y < 10; y++) img.setRGB(x, y, rng.nextInt(1 << 24));
        ImageIO.write(img, "png", png.toFile());
        ImageEncoder viaSpec = ImageEncoders.openUncached("contrastive:" + dir.resolve("model"));
        assertArrayEquals(m.encode(png), viaSpec.encode(png), "contrastive:DIR must encode a file as the trained model does");
        assertEquals(4, viaSpec.dimension());
    }

    @Test
    void loadingAnotherModelIsAnErrorNamingTheFile(@TempDir Path dir) throws Exception {
        new io.genrec.model.ModelArchive().write(dir.resolve("other"), "ease", null);
        var e = assertThrows(io.genrec.data.DataFormatException.class, () -> ContrastiveImageText.load(dir.resolve("other")));
        assertTrue(e.getMessage().contains("model.json") && e.getMessage().contains("'ease'"), e.getMessage());
    }

    /**
     * {@code n} synthetic 3-channel pictures of three colour classes (image k is class k % 3: its own channel bright,
     * the others dark, plus noise) with three frozen random 16-d texts.
     */
    private record ColourClasses(float[][] texts, float[] pixels, int[] textOf) {
        static ColourClasses of(int n, ContrastiveImageText.Config cfg) {
            int s = cfg.imageSize(), per = cfg.preprocessing().size();
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
            return new ColourClasses(texts, pixels, textOf);
        }
    }

    @Test
    void learnsToMatchPicturesToTheirTexts() {
        int n = 60;
        var cfg = new ContrastiveImageText.Config(4, 8, 8, 0.1, new TrainingConfig(30, 12, 0.003, 0, 0, 1, 10, 0));
        ColourClasses data = ColourClasses.of(n, cfg);
        float[][] texts = data.texts;
        float[] pixels = data.pixels;
        int[] textOf = data.textOf;
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

    /**
     * The same weights and batch, forward and backward {@code 4000} times on one thread: every loss and gradient must be
     * bit-identical to the first. With the engine's {@code conv2d} about 1 pass in 1,000 came back with NaN in whole
     * channels of {@code conv1}'s gradient (the sporadic "loss became NaN" of these fits); see
     * {@link ContrastiveImageText#conv3x3}.
     */
    @Test
    void repeatedBackwardPassesGiveIdenticalGradients() {
        int iters = 4000;
        int n = 60;
        var cfg = new ContrastiveImageText.Config(4, 8, 8, 0.1, new TrainingConfig(30, 12, 0.003, 0, 0, 1, 10, 0));
        ColourClasses data = ColourClasses.of(n, cfg);
        float[][] texts = data.texts;
        float[] pixels = data.pixels;
        int[] textOf = data.textOf;
        var net = new ContrastiveImageText.Network(pixels, textOf, texts, cfg);
        ParameterSet host = net.initialParameters(new Random(3));
        int[] rows = {0, 5, 7, 11, 13, 20, 21, 33, 40, 41, 50, 59};
        float[] refLoss = null;
        Map<String, float[]> refGrad = null;
        int diffs = 0;
        String first = null;
        try (NDManager root = NDManager.newBaseManager()) {
            Map<String, NDArray> w = new LinkedHashMap<>();
            for (String name : host.names()) {
                int[] sh = host.shape(name);
                long[] shape = Arrays.stream(sh).asLongStream().toArray();
                NDArray a = OwnedArrays.floats(root, host.get(name), shape);
                a.setRequiresGradient(true);
                w.put(name, a);
            }
            for (int it = 0; it < iters; it++) {
                float loss;
                Map<String, float[]> grads = new LinkedHashMap<>();
                try (NDManager bm = root.newSubManager()) {
                    Map<String, NDArray> live = new LinkedHashMap<>();
                    for (var e : w.entrySet()) {
                        NDArray v = JniUtils.to((PtNDArray) e.getValue(), e.getValue().getDataType(), e.getValue().getDevice());
                        v.attach(bm);
                        live.put(e.getKey(), v);
                    }
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray l = net.loss(new Batch(rows, bm, live, new SplittableRandom(1), 1, it, new TrainingPhase("all", 1, w.keySet())));
                        gc.backward(l);
                        loss = l.getFloat();
                    }
                    for (var e : w.entrySet()) grads.put(e.getKey(), e.getValue().getGradient().toFloatArray());
                    for (var e : w.entrySet()) JniUtils.zeroGrad((PtNDArray) e.getValue());
                }
                if (refLoss == null) { refLoss = new float[]{loss}; refGrad = grads; continue; }
                boolean same = Float.compare(loss, refLoss[0]) == 0;
                List<String> bad = new ArrayList<>();
                for (var e : grads.entrySet()) if (!Arrays.equals(e.getValue(), refGrad.get(e.getKey()))) {
                    float[] a = e.getValue(), r = refGrad.get(e.getKey());
                    double md = 0; int nan = 0, nd = 0;
                    for (int j = 0; j < a.length; j++) { if (Float.isNaN(a[j])) nan++; if (a[j] != r[j]) nd++; md = Math.max(md, Math.abs(a[j] - r[j])); }
                    double mr = 0; for (float x : r) mr = Math.max(mr, Math.abs(x));
                    bad.add(e.getKey() + "(maxdiff " + md + " of maxabs " + mr + ", nan " + nan + ", differing " + nd + "/" + a.length + ")");
                }
                if (!same || !bad.isEmpty()) {
                    diffs++;
                    if (first == null) first = "pass " + it + ": loss " + loss + " (first " + refLoss[0] + "), gradients differ: " + bad;
                }
            }
        }
        assertEquals(0, diffs, diffs + " of " + iters + " passes differed from the first; " + first);
    }
}
