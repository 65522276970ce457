package io.genrec.image;

import io.genrec.data.DataFormatException;
import io.genrec.model.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFilesTest {
    static Path write(Path dir, String name, Color c, int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, x < w / 2 ? c.getRGB() : Color.WHITE.getRGB());
        Path p = dir.resolve(name);
        ImageIO.write(img, name.endsWith(".png") ? "png" : "jpg", p.toFile());
        return p;
    }

    @Test
    void aMissingImageIsAnErrorNamingTheFile(@TempDir Path tmp) {
        Path missing = tmp.resolve("nope.jpg");
        DataFormatException e = assertThrows(DataFormatException.class, () -> new ColorHistogramEncoder(4).encode(missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("no such image"), e.getMessage());
    }

    @Test
    void aCorruptImageIsAnErrorNamingTheFile(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.png");
        Files.writeString(bad, "this is not a picture");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFiles.read(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
    }

    @Test
    void tensorsAreChannelMajorStandardisedAndResized(@TempDir Path tmp) throws Exception {
        Path red = write(tmp, "red.png", Color.RED, 20, 10);
        Preprocessing p = new Preprocessing(4, 4, new float[]{0.5f, 0.5f, 0.5f}, new float[]{0.5f, 0.5f, 0.5f});
        float[] t = ImageFiles.tensor(red, p);
        assertEquals(48, t.length);
        // the centre crop of a 20x10 half-red picture is red on the left, white on the right
        assertEquals(1f, t[0], 1e-6);          // R of (0,0): (1 - .5) / .5
        assertEquals(-1f, t[16], 1e-6);        // G of (0,0)
        assertEquals(1f, t[3], 1e-6);          // R of (0,3): white
        assertEquals(1f, t[16 + 3], 1e-6);     // G of (0,3): white
    }

    @Test
    void theCacheIsKeyedByContentNotByName(@TempDir Path tmp) throws Exception {
        Path a = write(tmp, "a.png", Color.RED, 8, 8);
        Path copy = tmp.resolve("renamed.png");
        Files.copy(a, copy);
        Path b = write(tmp, "b.png", Color.BLUE, 8, 8);
        AtomicInteger encoded = new AtomicInteger();
        ImageEncoder counting = new ImageEncoder() {
            final ColorHistogramEncoder h = new ColorHistogramEncoder(2);
            public String modelId() { return h.modelId(); }
            public int dimension() { return h.dimension(); }
            public float[][] encode(List<Path> images, ProgressListener l) {
                encoded.addAndGet(images.size());
                return h.encode(images, l);
            }
        };
        CachingImageEncoder cache = new CachingImageEncoder(counting, tmp.resolve("cache"));
        float[] va = cache.encode(a);
        assertEquals(1, encoded.get());
        assertArrayEquals(va, cache.encode(copy), 0f); // same bytes under another name: a hit
        assertEquals(1, encoded.get());
        cache.encode(b);
        assertEquals(2, encoded.get());
        // a fresh encoder over the same directory reads the entries from disk
        CachingImageEncoder again = new CachingImageEncoder(counting, tmp.resolve("cache"));
        assertArrayEquals(va, again.encode(List.of(a, b), ProgressListener.NONE)[0], 0f);
        assertEquals(2, encoded.get());
        assertEquals(2, again.size());
        // editing the file changes its hash: a miss
        write(tmp, "a.png", Color.GREEN, 8, 8);
        again.encode(a);
        assertEquals(3, encoded.get());
    }

    @Test
    void itemImagesComeFromTheFolderByIdOrFromTheImageField(@TempDir Path tmp) throws Exception {
        write(tmp, "i1.jpg", Color.RED, 8, 8);
        write(tmp, "other.png", Color.BLUE, 8, 8);
        var catalog = new io.genrec.data.ItemCatalog(new io.genrec.data.Item[]{
                io.genrec.data.Item.bare("i1"),
                new io.genrec.data.Item("i2", "", List.of(), java.util.Map.of(), java.util.Map.of("image", "other.png")),
                io.genrec.data.Item.bare("i3")});
        Path[] found = ItemImages.resolve(catalog, tmp);
        assertEquals(tmp.resolve("i1.jpg"), found[0]);
        assertEquals(tmp.resolve("other.png"), found[1]);
        assertEquals(null, found[2]);
        float[][] f = ItemImages.features(found, new ColorHistogramEncoder(2), ProgressListener.NONE);
        assertEquals(0f, f[2][0]);
        var bad = new io.genrec.data.ItemCatalog(new io.genrec.data.Item[]{
                new io.genrec.data.Item("x", "", List.of(), java.util.Map.of(), java.util.Map.of("image", "typo.png"))});
        DataFormatException e = assertThrows(DataFormatException.class, () -> ItemImages.resolve(bad, tmp));
        assertTrue(e.getMessage().contains("typo.png"), e.getMessage());
    }
}
