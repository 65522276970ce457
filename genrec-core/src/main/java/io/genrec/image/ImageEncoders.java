package io.genrec.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Opens image encoders by spec: {@code histogram} or {@code histogram:BINS} here, and whatever the modules on the class
 * path register ({@code onnx-clip:DIR} in genrec-llm, {@code contrastive:DIR} in genrec-models). The result is cached
 * on disk by content hash ({@link CachingImageEncoder}). An unknown spec is an error listing the known kinds.
 */
public final class ImageEncoders {
    private ImageEncoders() { }

    public static ImageEncoder open(String spec) {
        return new CachingImageEncoder(openUncached(spec), CachingImageEncoder.defaultRoot());
    }

    public static ImageEncoder openUncached(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("image encoder spec must not be blank");
        if (spec.equals("histogram")) return new ColorHistogramEncoder(4);
        if (spec.startsWith("histogram:")) return new ColorHistogramEncoder(Integer.parseInt(spec.substring(10).trim()));
        List<String> known = new ArrayList<>(List.of("histogram[:BINS]  joint RGB colour histogram (baseline, no text tower)"));
        for (ImageEncoderFactory f : ServiceLoader.load(ImageEncoderFactory.class)) {
            Optional<ImageEncoder> e = f.open(spec);
            if (e.isPresent()) return e.get();
            known.add(f.describe());
        }
        throw new IllegalArgumentException("unknown image encoder '" + spec + "'; known: " + String.join("; ", known));
    }
}
