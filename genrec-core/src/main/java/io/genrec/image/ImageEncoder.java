package io.genrec.image;

import io.genrec.model.ProgressListener;

import java.nio.file.Path;
import java.util.List;

/**
 * Turns image files into dense vectors: the image counterpart of the text {@code ItemEncoder} port, so search,
 * VBPR and the sequence models' item initialisation read image features without knowing which model made them
 * (a user's CLIP export, the in-process contrastive model, or the colour-histogram baseline).
 *
 * <p>Contract: {@link #encode} returns one row per file, in input order, each of length {@link #dimension()} and
 * L2-normalised; a missing or unreadable file is an error naming it ({@link io.genrec.data.DataFormatException}),
 * never a silent zero row. The same model id and image bytes always give the same vector. Thread safe.
 */
public interface ImageEncoder {
    /** Identifies the model and its version; cache entries are keyed by it and by the image bytes' SHA-256. */
    String modelId();

    int dimension();

    float[][] encode(List<Path> images, ProgressListener listener);

    default float[] encode(Path image) { return encode(List.of(image), ProgressListener.NONE)[0]; }
}
