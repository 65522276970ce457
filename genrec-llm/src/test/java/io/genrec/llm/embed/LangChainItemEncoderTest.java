package io.genrec.llm.embed;

import io.genrec.model.ProgressListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class LangChainItemEncoderTest {
    static double norm(float[] v) {
        double s = 0;
        for (float x : v) s += (double) x * x;
        return Math.sqrt(s);
    }

    static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    @Test
    void batchesNormalisesAndKeepsOrderAcrossThreads() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 23; i++) texts.add(i == 5 ? "  " : "text number " + i + " " + "a".repeat(i));
        CountingEmbeddingModel model = new CountingEmbeddingModel();
        AtomicLong lastDone = new AtomicLong();
        float[][] out = new LangChainItemEncoder(model, "fake", 5, 3).embed(texts,
                (stage, done, total, detail) -> { assertEquals(23, total); lastDone.accumulateAndGet(done, Math::max); });
        assertEquals(23, lastDone.get(), "progress must reach the total");
        assertEquals(22, model.texts.get(), "the blank text is not sent to the model");
        assertEquals(5, model.calls.get(), "22 texts in batches of 5");
        for (int b : model.batchSizes) assertTrue(b <= 5);
        for (int i = 0; i < texts.size(); i++) {
            if (i == 5) { assertEquals(0.0, norm(out[i]), "blank text gives the zero vector"); continue; }
            assertEquals(1.0, norm(out[i]), 1e-5, "row " + i + " must be unit length");
            float[] expected = CountingEmbeddingModel.raw(texts.get(i));
            double n = norm(expected);
            for (int d = 0; d < 4; d++) assertEquals(expected[d] / n, out[i][d], 1e-6, "row " + i + " is the normalised model output, in input order");
        }
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new LangChainItemEncoder(new CountingEmbeddingModel(), "fake", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new LangChainItemEncoder(new CountingEmbeddingModel(), "fake", 4, 0));
        var e = assertThrows(IllegalArgumentException.class, () -> Encoders.byName("nope", 1));
        assertTrue(e.getMessage().contains(Encoders.MINILM));
    }

    @Test
    void miniLmEmbedsInProcessWithMeaningfulSimilarities() {
        LangChainItemEncoder enc = Encoders.miniLm(2);
        assertEquals(384, enc.dimension());
        List<String> texts = List.of("a hilarious comedy about friends", "a very funny comedy film",
                "quarterly earnings report of a bank", "a hilarious comedy about friends");
        float[][] v = enc.embed(texts, ProgressListener.NONE);
        for (float[] row : v) assertEquals(1.0, norm(row), 1e-4);
        assertTrue(dot(v[0], v[1]) > dot(v[0], v[2]) + 0.2f,
                "comedy texts must be closer to each other than to finance: " + dot(v[0], v[1]) + " vs " + dot(v[0], v[2]));
        assertArrayEquals(v[0], v[3], 1e-6f, "the same text must give the same vector");
        float[][] single = Encoders.miniLm(1).embed(List.of(texts.get(1)));
        assertArrayEquals(v[1], single[0], 1e-5f, "batching and threads must not change the vector");
    }

    @Test
    void e5SmallEmbedsInProcessWithTheQueryPrefix() {
        LangChainItemEncoder enc = (LangChainItemEncoder) Encoders.byName("e5", 2);
        assertEquals(Encoders.E5_SMALL, enc.modelId());
        assertEquals(384, enc.dimension());
        List<String> texts = List.of("a hilarious comedy about friends", "a very funny comedy film", "quarterly earnings report of a bank");
        float[][] v = enc.embed(texts, ProgressListener.NONE);
        for (float[] row : v) assertEquals(1.0, norm(row), 1e-4);
        assertTrue(dot(v[0], v[1]) > dot(v[0], v[2]) + 0.05f,
                "comedy texts must be closer to each other than to finance: " + dot(v[0], v[1]) + " vs " + dot(v[0], v[2]));
        // the prefix is applied inside the encoder: embedding "query: " + text without it must give the same vector
        var raw = new dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel(Runnable::run);
        float[] direct = raw.embed("query: " + texts.get(1)).content().vector();
        assertEquals(1.0, dot(v[1], direct) / norm(direct), 1e-4, "the encoder must embed 'query: ' + text");
        assertTrue(dot(v[1], raw.embed(texts.get(1)).content().vector()) / norm(raw.embed(texts.get(1)).content().vector()) < 0.9999,
                "without the prefix the vector differs (else the prefix check above proves nothing)");
    }
}
