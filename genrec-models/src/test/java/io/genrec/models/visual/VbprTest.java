package io.genrec.models.visual;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.image.ImageEncoder;
import io.genrec.model.ProgressListener;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.TrainContext;
import io.genrec.models.training.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * VBPR through the model registry: the shared contract on the clustered data, with synthetic picture features read
 * through the {@link ImageEncoder} port from a folder where 30 of the 40 items have a picture; the feature source
 * saved with the model; and the planted colour preference recovered from real PNG pictures via {@code histogram}.
 */
class VbprTest implements RecommenderContract {
    @TempDir
    static Path pictures;

    /** A stand-in for a real encoder: the item's cluster (the parity of its number in {@code i<n>.png}) as features. */
    static final class ParityEncoder implements ImageEncoder {
        @Override public String modelId() { return "test-parity"; }
        @Override public int dimension() { return 2; }

        @Override
        public float[][] encode(List<Path> images, ProgressListener listener) {
            float[][] out = new float[images.size()][2];
            for (int k = 0; k < out.length; k++) {
                String name = images.get(k).getFileName().toString();
                out[k][Integer.parseInt(name.substring(1, name.indexOf('.'))) % 2] = 1f;
            }
            return out;
        }
    }

    static Path folderWithPictures(Path dir, int count) {
        try {
            Path d = Files.createDirectories(dir.resolve("first-" + count));
            for (int i = 0; i < count; i++) if (!Files.exists(d.resolve("i" + i + ".png"))) Files.createFile(d.resolve("i" + i + ".png"));
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static VbprConfig small(Path images) {
        return new VbprConfig(4, 2, images.toString(), "test-parity", new TrainingConfig(20, 32, 0.05, 0, 0, 1, 10, 0));
    }

    @Override public Recommender recommender() { return new Vbpr(small(folderWithPictures(pictures, 30)), new ParityEncoder()); }
    @Override public RecommenderProvider provider() { return new VbprProvider(); }

    @Test
    void featureSourceCountsMissingPicturesAndSurvivesSaveLoad(@TempDir Path dir) throws Exception {
        Dataset d = trainingData();
        Vbpr.Fitted m = (Vbpr.Fitted) fitted(d, 3);
        Vbpr.FeatureSource src = m.featureSource();
        assertEquals(30, src.itemsWithPictures(), "i0..i29 have pictures");
        assertEquals(40, src.items());
        assertEquals("test-parity", src.encoder());
        assertEquals(2, src.dimension());
        m.save(dir.resolve("m"));
        Vbpr.Fitted back = (Vbpr.Fitted) provider().load(dir.resolve("m"));
        assertEquals(src, back.featureSource(), "the feature source must be saved with the model");
        assertEquals(m.provenance().config(), back.provenance().config());
    }

    @Test
    void noPictureAtAllIsAnErrorNotPlainMf(@TempDir Path dir) {
        Dataset d = trainingData();
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Vbpr(small(folderWithPictures(dir, 0)), new ParityEncoder()).fit(new TrainContext(d, null, 1, 1, ProgressListener.NONE)));
        assertTrue(e.getMessage().contains("none of the 40 items has a picture"), e.getMessage());
    }

    /** The planted colour test of {@link VbprPlantedTest}, but from PNG files through the registry and {@code histogram}. */
    @Test
    void registryModelRecoversThePlantedColourFromPictures(@TempDir Path dir) throws Exception {
        Dataset d = VbprPlantedTest.data();
        for (int i = 0; i < VbprPlantedTest.ITEMS; i++) {
            BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            var g = img.createGraphics();
            g.setColor(i % 2 == 0 ? new Color(220, 30, 30) : new Color(30, 30, 220));
            g.fillRect(0, 0, 8, 8);
            g.dispose();
            ImageIO.write(img, "png", dir.resolve("i" + i + ".png").toFile());
        }
        Params p = new Params(Map.of("images", dir.toString(), "image_encoder", "histogram", "factors", "4", "visual_factors", "2",
                "epochs", "40", "batch_size", "32", "lr", "0.05", "weight_decay", "0", "patience", "0"), "test");
        Recommender r = provider().create(p);
        Vbpr.Fitted m = (Vbpr.Fitted) r.fit(new TrainContext(d, null, 11, 1, ProgressListener.NONE));
        assertEquals(VbprPlantedTest.ITEMS, m.featureSource().itemsWithPictures());
        double acc = VbprPlantedTest.coldPairAccuracy(m, d);
        assertTrue(acc > 0.95, "VBPR from pictures ranked " + acc + " of cold pairs right");
    }
}
