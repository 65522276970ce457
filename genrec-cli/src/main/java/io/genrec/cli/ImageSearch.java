package io.genrec.cli;

import io.genrec.data.Dataset;
import io.genrec.image.CachingImageEncoder;
import io.genrec.image.ImageEncoder;
import io.genrec.image.ImageEncoders;
import io.genrec.image.ImageTextEncoder;
import io.genrec.image.ItemImages;
import io.genrec.llm.embed.Encoders;
import io.genrec.llm.index.ExactVectorIndex;
import io.genrec.model.ProgressListener;
import io.genrec.model.TopK;
import io.genrec.models.visual.ContrastiveImageText;

import java.nio.file.Path;

/**
 * {@code genrec search --images}: the catalogue's pictures embedded by an image encoder (cached by content hash) into
 * a vector index, queried by a picture (item-to-item by image) or, with a CLIP-style encoder ({@code onnx-clip:DIR} or a
 * saved in-process model, {@code contrastive:DIR}), by text.
 */
final class ImageSearch {
    record Result(TopK top, String encoder, int indexed) { }

    private ImageSearch() { }

    static Result run(Dataset d, Path folder, String spec, Path image, String text, int k, ProgressListener listener) {
        ImageEncoder enc = ImageEncoders.open(spec);
        Path[] files = ItemImages.resolve(d.catalog(), folder);
        int n = ItemImages.count(files);
        if (n == 0) throw new IllegalArgumentException("no item of '" + d.name() + "' has a picture in " + folder
                + " (expected <item id>.jpg/.jpeg/.png or an 'image' field)");
        float[][] vectors = ItemImages.features(files, enc, listener);
        float[] q;
        if (image != null) {
            q = enc.encode(image);
        } else {
            ImageEncoder inner = enc instanceof CachingImageEncoder c ? c.inner() : enc;
            if (inner instanceof ImageTextEncoder clip) q = clip.encodeText(text);
            // the in-process model's text side is its frozen text encoder followed by the learned projection
            else if (inner instanceof ContrastiveImageText.Fitted c) q = c.projectText(new float[][]{Encoders.byName(c.textEncoder(), 1).embed(text)})[0];
            else throw new IllegalArgumentException("a text query over pictures needs an encoder with a text tower (onnx-clip:DIR or contrastive:DIR); '"
                        + spec + "' has none");
        }
        ExactVectorIndex index = new ExactVectorIndex(enc.dimension());
        for (int i = 0; i < files.length; i++) if (files[i] != null) index.add(i, vectors[i]);
        return new Result(index.search(q, k), enc.modelId(), n);
    }
}
