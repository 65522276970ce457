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
}
