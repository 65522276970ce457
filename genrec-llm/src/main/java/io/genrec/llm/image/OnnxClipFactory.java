package io.genrec.llm.image;

import io.genrec.image.ImageEncoder;
import io.genrec.image.ImageEncoderFactory;

import java.nio.file.Path;
import java.util.Optional;

/** Opens {@code onnx-clip:DIR} ({@link OnnxClipEncoder}) for {@link io.genrec.image.ImageEncoders}. */
public final class OnnxClipFactory implements ImageEncoderFactory {
    @Override
    public Optional<ImageEncoder> open(String spec) {
        if (!spec.startsWith("onnx-clip:")) return Optional.empty();
        return Optional.of(OnnxClipEncoder.open(Path.of(spec.substring("onnx-clip:".length()))));
    }

    @Override
    public String describe() { return "onnx-clip:DIR  a CLIP export (vision_model.onnx, text_model.onnx, tokenizer.json, preprocessor_config.json)"; }
}
