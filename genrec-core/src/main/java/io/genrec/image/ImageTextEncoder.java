package io.genrec.image;

import java.util.List;

/**
 * An image encoder with a text tower into the same space (CLIP-style), so a text query can rank images and an image
 * can rank texts (zero-shot classification by nearest class description). Text rows are L2-normalised like image rows.
 */
public interface ImageTextEncoder extends ImageEncoder {
    float[][] encodeText(List<String> texts);

    default float[] encodeText(String text) { return encodeText(List.of(text))[0]; }
}
