package io.genrec.cli;

import io.genrec.data.Dataset;
import io.genrec.image.CachingImageEncoder;
import io.genrec.image.ImageEncoder;
import io.genrec.image.ImageEncoders;
import io.genrec.image.ImageTextEncoder;
import io.genrec.image.ItemImages;
import io.genrec.llm.dense.CatalogEmbeddings;
import io.genrec.llm.embed.Encoders;
import io.genrec.llm.embed.ItemEncoder;
import io.genrec.llm.index.ExactVectorIndex;
import io.genrec.llm.index.MultimodalIndex;
import io.genrec.llm.text.ItemTextTemplate;
import io.genrec.model.ProgressListener;
import io.genrec.model.TopK;
import io.genrec.models.visual.ContrastiveImageText;

import java.nio.file.Path;

/**
 * {@code genrec search --images}: the catalogue's pictures embedded by an image encoder (cached by content hash) into
 * a vector index, queried by a picture (item-to-item by image) or, with a CLIP-style encoder ({@code onnx-clip:DIR} or a
 * saved in-process model, {@code contrastive:DIR}), by text. Given both a text and a picture, the query is fused and
 * searched in a {@link MultimodalIndex} of the items' MiniLM text vectors and picture vectors.
 */
final class ImageSearch {
    /**
     * @param mode     {@code image} (picture query), {@code text} (text query over pictures) or {@code fused}
     * @param indexed  items with a picture
     * @param withText items with text (fused mode; -1 otherwise)
     * @param textEncoder the item text encoder (fused mode; null otherwise)
     */
    record Result(TopK top, String encoder, int indexed, String mode, int withText, String textEncoder) { }

    private ImageSearch() { }

    static Result run(Dataset d, Path folder, String spec, Path image, String text, int k, ProgressListener listener) {
        if (image == null && (text == null || text.isBlank()))
            throw new IllegalArgumentException("--images DIR needs a query: --image FILE, a text QUERY, or both");
        ImageEncoder enc = ImageEncoders.open(spec);
        Path[] files = ItemImages.resolve(d.catalog(), folder);
        int n = ItemImages.count(files);
        if (n == 0) throw new IllegalArgumentException("no item of '" + d.name() + "' has a picture in " + folder
                + " (expected <item id>.jpg/.jpeg/.png or an 'image' field)");
        float[][] vectors = ItemImages.features(files, enc, listener);
        if (image != null && text != null && !text.isBlank()) return fused(d, enc, vectors, n, image, text, k, listener);
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
        return new Result(index.search(q, k), enc.modelId(), n, image != null ? "image" : "text", -1, null);
    }

    /** Text and picture together: the item's MiniLM text (as {@code search} embeds it) next to its picture vector. */
    private static Result fused(Dataset d, ImageEncoder enc, float[][] pictures, int n, Path image, String text, int k, ProgressListener listener) {
        ItemEncoder te = Encoders.cached(Encoders.miniLm(Runtime.getRuntime().availableProcessors()));
        MultimodalIndex index = MultimodalIndex.build(CatalogEmbeddings.embed(d.catalog(), ItemTextTemplate.DEFAULT, te, listener), pictures);
        float[] q = index.fusedQuery(te.embed(text), enc.encode(image));
        return new Result(index.search(MultimodalIndex.Modality.FUSED, q, k, null), enc.modelId(), n, "fused",
                index.size(MultimodalIndex.Modality.TEXT), te.modelId());
    }
}
