package io.genrec.models.visual;

import io.genrec.image.ImageEncoder;
import io.genrec.image.ImageEncoderFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/** Opens {@code contrastive:DIR}, the image tower of a model saved by {@code genrec multimodal --save DIR}. */
public final class ContrastiveImageFactory implements ImageEncoderFactory {
    static final String PREFIX = "contrastive:";

    @Override
    public Optional<ImageEncoder> open(String spec) {
        if (!spec.startsWith(PREFIX)) return Optional.empty();
        Path dir = Path.of(spec.substring(PREFIX.length()));
        try {
            return Optional.of(ContrastiveImageText.load(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the contrastive image-text model in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() { return "contrastive:DIR  the in-process image-text model saved by genrec multimodal --save DIR"; }
}
