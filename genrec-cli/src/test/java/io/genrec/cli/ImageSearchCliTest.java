package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code genrec search --image}: a reddish photo finds the red items of a catalogue whose pictures are in a folder. */
class ImageSearchCliTest {
    static void picture(Path file, Color c, long seed) throws Exception {
        Random rng = new Random(seed);
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 16; x++) {
                int j = rng.nextInt(30);
                img.setRGB(x, y, new Color(Math.min(255, c.getRed() + j), Math.min(255, c.getGreen() + j), Math.min(255, c.getBlue() + j)).getRGB());
            }
        ImageIO.write(img, file.toString().endsWith(".png") ? "png" : "jpg", file.toFile());
    }

    @Test
    void aPhotoFindsItemsWithSimilarPictures(@TempDir Path dir) throws Exception {
        String spec = CliConventionsTest.csvSpec(dir);
        Path pics = Files.createDirectories(dir.resolve("pictures"));
        Color red = new Color(200, 20, 20), blue = new Color(20, 20, 200);
        for (int i = 0; i < 6; i++) picture(pics.resolve("i" + i + (i % 2 == 0 ? ".jpg" : ".png")), i < 3 ? red : blue, i);
        Path query = dir.resolve("query.png");
        picture(query, new Color(210, 30, 25), 99);
        CliTest.Run r = CliTest.run("search", "--image", query.toString(), "--images", pics.toString(), "--data", spec,
                "--k", "3", "--format", "json", "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode out = new ObjectMapper().readTree(r.out());
        assertEquals(6, out.get("items_with_images").asInt());
        assertTrue(out.get("image_encoder").asText().startsWith("color-histogram"), r.out());
        for (JsonNode hit : out.get("results"))
            assertTrue(java.util.Set.of("i0", "i1", "i2").contains(hit.get("item").asText()), "red items first: " + r.out());

        Path broken = dir.resolve("broken.jpg");
        Files.writeString(broken, "not a jpeg");
        CliTest.Run bad = CliTest.run("search", "--image", broken.toString(), "--images", pics.toString(), "--data", spec, "--quiet");
        assertNotEquals(0, bad.exit());
        assertTrue(bad.err().contains(broken.toString()), bad.err());
    }

    /**
     * A saved in-process model ({@code contrastive:DIR}) answers a text query over the pictures through its frozen
     * MiniLM plus learned projection: the ranking equals the one computed from the model directly.
     */
    @Test
    void aSavedContrastiveModelSearchesPicturesByText(@TempDir Path dir) throws Exception {
        String spec = CliConventionsTest.csvSpec(dir);
        Path pics = Files.createDirectories(dir.resolve("pictures"));
        for (int i = 0; i < 6; i++) picture(pics.resolve("i" + i + ".png"), new Color(40 * i, 200 - 30 * i, 90), i);
        var cfg = new io.genrec.models.visual.ContrastiveImageText.Config(2, 4, 8, 0.1,
                new io.genrec.models.training.TrainingConfig(1, 4, 0.003, 0, 0, 1, 10, 0));
        var minilm = io.genrec.llm.embed.Encoders.miniLm(1);
        float[][] texts = minilm.embed(java.util.List.of("a green thing", "a red thing"));
        float[] pixels = new float[4 * cfg.preprocessing().size()];
        Random rng = new Random(1);
        for (int j = 0; j < pixels.length; j++) pixels[j] = (float) rng.nextGaussian();
        var m = io.genrec.models.visual.ContrastiveImageText.fit(pixels, new int[]{0, 1, 0, 1}, texts, cfg,
                new io.genrec.model.TrainContext(new io.genrec.data.Dataset.Builder("pairs").build(), null, 1, 1,
                        io.genrec.model.ProgressListener.NONE), minilm.modelId());
        Path model = dir.resolve("model");
        m.save(model);
        CliTest.Run r = CliTest.run("search", "a red thing", "--images", pics.toString(), "--image-encoder", "contrastive:" + model,
                "--data", spec, "--k", "6", "--format", "json", "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode out = new ObjectMapper().readTree(r.out());
        float[] q = m.projectText(new float[][]{minilm.embed("a red thing")})[0];
        String best = null;
        double bestScore = -2;
        for (int i = 0; i < 6; i++) {
            float[] v = m.encode(pics.resolve("i" + i + ".png"));
            double d = 0;
            for (int j = 0; j < v.length; j++) d += v[j] * q[j];
            if (d > bestScore) { bestScore = d; best = "i" + i; }
        }
        assertEquals(6, out.get("results").size(), r.out());
        assertEquals(best, out.get("results").get(0).get("item").asText(), r.out());
    }

    /**
     * A text and a picture together search the fused vectors: with the same red photo (three red items, equally
     * close by colour) the text decides which red item comes first.
     */
    @Test
    void aTextAndAPictureTogetherSearchTheFusedVectors(@TempDir Path dir) throws Exception {
        String spec = CliConventionsTest.csvSpec(dir);
        Path pics = Files.createDirectories(dir.resolve("pictures"));
        Color red = new Color(200, 20, 20), blue = new Color(20, 20, 200);
        for (int i = 0; i < 6; i++) picture(pics.resolve("i" + i + ".png"), i < 3 ? red : blue, i);
        Path query = dir.resolve("query.png");
        picture(query, new Color(210, 30, 25), 99);
        JsonNode space = fused(spec, pics, query, "astronauts and a spaceship");
        JsonNode cooking = fused(spec, pics, query, "an Italian cookbook of pasta");
        assertEquals("fused", space.get("mode").asText());
        assertEquals(6, space.get("items_with_images").asInt());
        assertTrue(space.get("items_with_text").asInt() >= 6, space.toString());
        assertEquals("i0", space.get("results").get(0).get("item").asText(), "red and about space: " + space);
        assertEquals("i1", cooking.get("results").get(0).get("item").asText(), "red and about cooking: " + cooking);
    }

    private static JsonNode fused(String spec, Path pics, Path query, String text) throws Exception {
        CliTest.Run r = CliTest.run("search", text, "--image", query.toString(), "--images", pics.toString(), "--data", spec,
                "--k", "3", "--format", "json", "--quiet");
        assertEquals(0, r.exit(), r.err());
        return new ObjectMapper().readTree(r.out());
    }
}
