package io.genrec.image;

import io.genrec.data.DataFormatException;
import io.genrec.data.ItemCatalog;
import io.genrec.model.ProgressListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each catalogue item's picture is: the item's {@code image} field (text column or attribute, a path taken
 * relative to {@code folder} when given) or else {@code <folder>/<item id>.jpg|.jpeg|.png}. Items without a picture
 * get null; a path named by an {@code image} field that does not exist is an error naming it (a typo should not
 * quietly drop the picture).
 */
public final class ItemImages {
    /** The item field read for an explicit image path. */
    public static final String FIELD = "image";
    private static final String[] EXTENSIONS = {".jpg", ".jpeg", ".png", ".JPG", ".JPEG", ".PNG"};

    private ItemImages() { }

    /** One entry per dense item id: its image file or null. {@code folder} may be null (then only {@code image} fields count). */
    public static Path[] resolve(ItemCatalog catalog, Path folder) {
        if (folder != null && !Files.isDirectory(folder))
            throw new DataFormatException(folder, 0, "images", "not a directory of item images");
        Path[] out = new Path[catalog.size()];
        for (int i = 0; i < out.length; i++) {
            var item = catalog.get(i);
            String named = item.text().getOrDefault(FIELD, item.attributes().get(FIELD));
            if (named != null && !named.isBlank()) {
                Path p = folder == null ? Path.of(named.trim()) : folder.resolve(named.trim());
                if (!Files.isRegularFile(p))
                    throw new DataFormatException(p, 0, "image", "item '" + item.id() + "' names this image, which does not exist");
                out[i] = p;
                continue;
            }
            if (folder == null) continue;
            for (String ext : EXTENSIONS) {
                Path p = folder.resolve(item.id() + ext);
                if (Files.isRegularFile(p)) { out[i] = p; break; }
            }
        }
        return out;
    }

    /**
     * The image features of every item through {@code encoder}: one L2-normalised row per item with a picture, a zero
     * row for the others (the convention of the text port, which models treat as "no side information").
     */
    public static float[][] features(Path[] images, ImageEncoder encoder, ProgressListener listener) {
        List<Path> files = new ArrayList<>();
        for (Path p : images) if (p != null) files.add(p);
        float[][] enc = files.isEmpty() ? new float[0][] : encoder.encode(files, listener);
        float[][] out = new float[images.length][];
        int k = 0;
        for (int i = 0; i < images.length; i++) out[i] = images[i] == null ? new float[encoder.dimension()] : enc[k++];
        return out;
    }

    /** How many entries are non-null. */
    public static int count(Path[] images) {
        int n = 0;
        for (Path p : images) if (p != null) n++;
        return n;
    }
}
