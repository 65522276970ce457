package io.genrec.models.sequential;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.data.ItemCatalog;
import io.genrec.image.ImageEncoder;
import io.genrec.model.ItemTextEmbedder;
import io.genrec.model.ProgressListener;
import io.genrec.model.TrainContext;
import io.genrec.models.training.TextItemInit;
import io.genrec.models.training.TrainingConfig;
import io.genrec.models.visual.MultimodalItemInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * SASRec's {@code item_init=fused}: 24 items, even ones with text, those not divisible by 3 with a picture. The
 * initial rows must move when either modality changes, the coverage must be counted, and no picture at all is an
 * error rather than a quiet {@code item_init=text}.
 */
class SasRecFusedInitTest {
    /** Even items get a 12-d text vector drawn from {@code seed}, odd ones none. */
    record Texts(long seed) implements ItemTextEmbedder {
        @Override public String modelId() { return "fake-text"; }
        @Override public int dimension() { return 12; }

        @Override
        public float[][] embed(ItemCatalog catalog, ProgressListener listener) {
            Random r = new Random(seed);
            float[][] out = new float[catalog.size()][12];
            for (int i = 0; i < out.length; i++) for (int j = 0; j < 12; j++) {
                float x = (float) r.nextGaussian();
                if (Integer.parseInt(catalog.get(i).id().substring(1)) % 2 == 0) out[i][j] = x;
            }
            return out;
        }
    }

    /** A 6-d picture vector per file, drawn from {@code seed} and the item number in the file name. */
    record Pictures(long seed) implements ImageEncoder {
        @Override public String modelId() { return "fake-image-" + seed; }
        @Override public int dimension() { return 6; }

        @Override
        public float[][] encode(List<Path> images, ProgressListener listener) {
            float[][] out = new float[images.size()][6];
            for (int k = 0; k < out.length; k++) {
                String name = images.get(k).getFileName().toString();
                Random r = new Random(seed * 1000 + Integer.parseInt(name.substring(1, name.indexOf('.'))));
                for (int j = 0; j < 6; j++) out[k][j] = (float) r.nextGaussian();
            }
            return out;
        }
    }

    static Path pictures(Path dir, Dataset data) throws Exception {
        for (int i = 0; i < data.numItems(); i++) {
            String id = data.itemIds().externalId(i);
            if (Integer.parseInt(id.substring(1)) % 3 != 0) Files.createFile(dir.resolve(id + ".png"));
        }
        return dir;
    }

    static SasRecConfig config(Path images) {
        return new SasRecConfig(8, 1, 1, 10, 0.1, NextItemLoss.SAMPLED_BCE.key(), new TrainingConfig(2, 32, 5e-3, 0, 0, 1, 10, 0), "random")
                .withFusedInit(images.toString(), "given");
    }

    static MultimodalItemInit.Catalogue init(Dataset data, Path images, long textSeed, long imageSeed) {
        return new SasRec(config(images), new Texts(textSeed), new Pictures(imageSeed)).fusedCatalogue(SequenceTestData.ctx(data, 7));
    }

    @Test
    void initialRowsDependOnTextAndPictureAndCoverageIsCounted(@TempDir Path dir) throws Exception {
        Dataset data = SequenceTestData.cyclic(40, 24, 4, 10, 3);
        Path images = pictures(dir, data);
        MultimodalItemInit.Catalogue c = init(data, images, 1, 1);
        assertEquals(24, c.items());
        assertEquals(12, c.withoutText(), "odd items have no text");
        assertEquals(8, c.withoutPicture(), "items 0, 3, ..., 21 have no picture");
        assertEquals(4, c.withNeither(), "3, 9, 15, 21 have neither");
        assertTrue(c.warning("sasrec").contains("12 of 24 items have no text and 8 no picture"), c.warning("sasrec"));
        TextItemInit base = c.init(), otherText = init(data, images, 2, 1).init(), otherPicture = init(data, images, 1, 2).init();
        assertEquals(20, base.textedItems(), "every item with text or a picture gets a row");
        for (int i = 0; i < data.numItems(); i++) {
            int n = Integer.parseInt(data.itemIds().externalId(i).substring(1));
            boolean text = n % 2 == 0, picture = n % 3 != 0;
            if (!text && !picture) { assertNull(base.row(i), "item " + n + " keeps its random row"); continue; }
            assertNotNull(base.row(i), "item " + n);
            if (text && picture) {
                assertFalse(java.util.Arrays.equals(base.row(i), otherText.row(i)), "item " + n + ": the row must depend on the text");
                assertFalse(java.util.Arrays.equals(base.row(i), otherPicture.row(i)), "item " + n + ": the row must depend on the picture");
            }
        }
        // the fused rows are what the network starts from
        float[] table = new SasRecNetwork(new SequenceBatches(data, 10), config(images), base).initialParameters(new Random(1)).get("item_emb");
        float[] random = new SasRecNetwork(new SequenceBatches(data, 10), config(images), null).initialParameters(new Random(1)).get("item_emb");
        int changed = 0;
        for (int i = 0; i < data.numItems(); i++) if (base.row(i) != null && table[i * 8] != random[i * 8]) changed++;
        assertEquals(20, changed);
    }

    @Test
    void configRoundTripsAndFitRuns(@TempDir Path dir) throws Exception {
        Dataset data = SequenceTestData.cyclic(40, 24, 4, 10, 3);
        Path images = pictures(dir, data);
        SasRecConfig c = ConfigBinder.bind(SasRecConfig.defaults(), new Params(Map.of("item_init", "fused", "images", images.toString(),
                "image_encoder", "histogram:2"), "test"));
        assertTrue(c.fusedInit());
        Map<String, String> p = ConfigBinder.toParams(c);
        assertEquals(images.toString(), p.get("images"));
        assertEquals("histogram:2", p.get("image_encoder"));
        assertFalse(ConfigBinder.toParams(SasRecConfig.defaults()).containsKey("images"), "picture keys only with item_init=fused");
        var e = assertThrows(IllegalArgumentException.class,
                () -> ConfigBinder.bind(SasRecConfig.defaults(), new Params(Map.of("images", images.toString()), "test")));
        assertTrue(e.getMessage().contains("item_init=fused"), e.getMessage());
        assertNotNull(new SasRec(config(images), new Texts(1), new Pictures(1)).fit(SequenceTestData.ctx(data, 1)));
    }

    @Test
    void noPictureAtAllIsAnError(@TempDir Path dir) {
        Dataset data = SequenceTestData.cyclic(40, 24, 4, 10, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> init(data, dir, 1, 1));
        assertTrue(e.getMessage().contains("none of the 24 items has a picture"), e.getMessage());
    }
}
