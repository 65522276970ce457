package io.genrec.image;

import java.util.Optional;

/**
 * Opens an {@link ImageEncoder} from a spec string such as {@code onnx-clip:DIR}; modules register one in
 * {@code META-INF/services/io.genrec.image.ImageEncoderFactory} so that models in other modules (VBPR, the sequence
 * models' fused initialisation) can use encoders they do not depend on.
 */
public interface ImageEncoderFactory {
    /** The encoder {@code spec} names, or empty when the spec is not this factory's kind. */
    Optional<ImageEncoder> open(String spec);

    /** One line per spec kind this factory understands, for error messages and help. */
    String describe();
}
