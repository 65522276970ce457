package io.genrec.llm.image;

import io.genrec.util.VectorMath;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.data.DataFormatException;
import io.genrec.image.ImageEncoder;
import io.genrec.image.ImageEncoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed tiny CLIP export (made by scripts/make-tiny-clip.py) against the reference computed with numpy. */
class OnnxClipEncoderTest {
    static Path fixture() throws URISyntaxException {
        return Path.of(OnnxClipEncoderTest.class.getResource("/tiny-clip/reference.json").toURI()).getParent();
    }

    static float[] floats(JsonNode n) {
        float[] v = new float[n.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) n.get(i).asDouble();
        return v;
    }

    @Test
    void imageAndTextVectorsEqualTheReferenceMadeWithTheFixture() throws Exception {
        Path dir = fixture();
        JsonNode ref = new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
        try (OnnxClipEncoder clip = OnnxClipEncoder.open(dir)) {
            assertEquals(6, clip.dimension());
            float[] want = VectorMath.normalize(floats(ref.get("image_embeds")));
            assertArrayEquals(want, clip.encode(dir.resolve("probe.png")), 1e-5f);
            List<String> texts = List.of(ref.get("texts").get(0).asText(), ref.get("texts").get(1).asText());
            float[][] got = clip.encodeText(texts); // batched: the shorter text is padded and masked
            for (int i = 0; i < 2; i++)
                assertArrayEquals(VectorMath.normalize(floats(ref.get("text_embeds").get(i))), got[i], 1e-5f, texts.get(i));
        }
    }

    @Test
    void theFactoryOpensItBySpec() throws Exception {
        ImageEncoder e = ImageEncoders.openUncached("onnx-clip:" + fixture());
        assertTrue(e.modelId().startsWith("onnx-clip-tiny-clip-"), e.modelId());
        ((OnnxClipEncoder) e).close();
    }

    @Test
    void aFolderWithoutTheModelNamesTheMissingFile(@TempDir Path tmp) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> OnnxClipEncoder.open(tmp));
        assertTrue(e.getMessage().contains("vision_model.onnx"), e.getMessage());
    }

    @Test
    void aCorruptImageIsAnErrorNamingIt(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("broken.jpg");
        Files.write(bad, new byte[]{(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        try (OnnxClipEncoder clip = OnnxClipEncoder.open(fixture())) {
            DataFormatException e = assertThrows(DataFormatException.class, () -> clip.encode(bad));
            assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        }
    }
}
