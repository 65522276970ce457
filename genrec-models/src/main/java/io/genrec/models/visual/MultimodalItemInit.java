package io.genrec.models.visual;

import io.genrec.data.ItemCatalog;
import io.genrec.image.FusedVectors;
import io.genrec.image.ImageEncoder;
import io.genrec.image.ItemImages;
import io.genrec.model.ItemTextEmbedder;
import io.genrec.model.ProgressListener;
import io.genrec.models.training.TextItemInit;

import java.nio.file.Path;

/**
 * Fused text + image item initialisation for the sequence models, the multimodal form of {@code item_init=text}: each
 * item's text row (from the {@link io.genrec.model.ItemTextEmbedder} port) and image row (from an
 * {@link io.genrec.image.ImageEncoder}, via {@link io.genrec.image.ItemImages#features}) are L2-normalised and
 * concatenated, each half weighted {@code 1/sqrt(2)} so both modalities count equally whatever their widths; an item
 * with only one of the two keeps that half (the other is zero). The fused rows are then reduced and applied exactly
 * as text rows are ({@link TextItemInit#reduce}, {@link TextItemInit#applyTo}).
 */
public final class MultimodalItemInit {
    private MultimodalItemInit() { }

    /** One fused row per item ({@link FusedVectors#fuse}); zero where the item has neither text nor picture. */
    public static float[][] fuse(float[][] text, float[][] image) { return FusedVectors.fuse(text, image); }

    /** The fused rows reduced to {@code width} for {@link TextItemInit#applyTo}. */
    public static TextItemInit of(float[][] text, float[][] image, int width, long seed) {
        return TextItemInit.reduce(fuse(text, image), width, seed);
    }

    /**
     * The fused rows of a catalogue and what each modality covered. An item with neither text nor picture keeps its
     * random row.
     */
    public record Catalogue(TextItemInit init, int items, int withoutText, int withoutPicture, int withNeither) {
        /** One line for the user, or null when every item has both. */
        public String warning(String model) {
            if (withoutText == 0 && withoutPicture == 0) return null;
            return String.format(java.util.Locale.ROOT, "%s item_init=fused: %d of %d items have no text and %d no picture (a zero half);"
                    + " %d have neither and keep random rows", model, withoutText, items, withoutPicture, withNeither);
        }
    }

    /**
     * Embeds {@code catalog}'s text with {@code text} and its pictures ({@link ItemImages#resolve}: {@code folder},
     * or the items' {@code image} fields) with {@code images}, fuses and reduces them to {@code width}. No picture at
     * all is an error (the result would silently be {@code item_init=text}); missing ones are counted.
     */
    public static Catalogue of(ItemCatalog catalog, ItemTextEmbedder text, ImageEncoder images, Path folder, int width, long seed,
                               ProgressListener listener) {
        Path[] pictures = ItemImages.resolve(catalog, folder);
        int have = ItemImages.count(pictures);
        if (have == 0 && catalog.size() > 0)
            throw new IllegalArgumentException("item_init=fused: none of the " + catalog.size() + " items has a picture in "
                    + (folder == null ? "the items' image fields (images= is empty)" : folder.toString())
                    + "; set images=DIR (pictures named <item id>.jpg|.jpeg|.png) or use item_init=text");
        float[][] t = text.embed(catalog, listener);
        float[][] im = ItemImages.features(pictures, images, listener);
        int noText = 0, noPicture = 0, neither = 0;
        for (int i = 0; i < t.length; i++) {
            boolean hasText = false;
            for (float x : t[i]) if (x != 0) { hasText = true; break; }
            if (!hasText) noText++;
            if (pictures[i] == null) noPicture++;
            if (!hasText && pictures[i] == null) neither++;
        }
        return new Catalogue(of(t, im, width, seed), catalog.size(), noText, noPicture, neither);
    }
}
