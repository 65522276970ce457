package io.genrec.llm.embed;

import io.genrec.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CachingItemEncoderTest {
    private static LangChainItemEncoder fake(CountingEmbeddingModel m) { return new LangChainItemEncoder(m, "fake/model:v1", 4, 1); }

    @Test
    void secondPassIsServedFromDiskAndDuplicatesAreEmbeddedOnce(@TempDir Path root) throws Exception {
        CountingEmbeddingModel model = new CountingEmbeddingModel();
        List<String> texts = List.of("alpha", "beta", "alpha", "gamma", "", "delta");
        float[][] first = Encoders.cached(fake(model), root).embed(texts);
        assertEquals(4, model.texts.get(), "4 distinct non-blank texts");
        assertArrayEquals(first[0], first[2]);
        assertEquals(0f, first[4][0]);

        CountingEmbeddingModel again = new CountingEmbeddingModel();
        CachingItemEncoder reopened = Encoders.cached(fake(again), root);
        assertEquals(4, reopened.cache().size(), "entries must be read back from the file");
        assertTrue(reopened.cache().file().startsWith(root.resolve("embeddings").resolve("fake_model_v1")));
        float[][] second = reopened.embed(texts);
        assertEquals(0, again.texts.get(), "a cached catalogue must not be re-embedded");
        for (int i = 0; i < texts.size(); i++) assertArrayEquals(first[i], second[i], "row " + i);

        reopened.embed(List.of("alpha", "epsilon"));
        assertEquals(1, again.texts.get(), "only the new text is embedded");
        assertEquals(5, Encoders.cached(fake(new CountingEmbeddingModel()), root).cache().size());
    }

    @Test
    void truncatedTailIsIgnoredAndRepaired(@TempDir Path root) throws Exception {
        CachingItemEncoder enc = Encoders.cached(fake(new CountingEmbeddingModel()), root);
        enc.embed(List.of("one", "two"));
        Path file = enc.cache().file();
        Files.write(file, new byte[] {1, 2, 3, 4, 5}, StandardOpenOption.APPEND); // a crash mid-record
        CachingItemEncoder back = Encoders.cached(fake(new CountingEmbeddingModel()), root);
        assertEquals(2, back.cache().size());
        back.embed(List.of("three"));
        assertEquals(3, Encoders.cached(fake(new CountingEmbeddingModel()), root).cache().size(),
                "the torn record must be overwritten, not shift later records");
    }

    @Test
    void otherModelOrDimensionInTheFileIsRejectedNamingIt(@TempDir Path root) throws Exception {
        EmbeddingCache c = EmbeddingCache.open(root, "m", 4);
        c.putAll(List.of(EmbeddingCache.key("x")), List.of(new float[4]));
        var e = assertThrows(DataFormatException.class, () -> EmbeddingCache.open(root, "m", 8));
        assertTrue(e.getMessage().contains("vectors.bin"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CachingItemEncoder(fake(new CountingEmbeddingModel()), c));
    }
}
