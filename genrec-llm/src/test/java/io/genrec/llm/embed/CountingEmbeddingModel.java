package io.genrec.llm.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic fake embedding model for tests: 4-d, un-normalised (letter counts of a, e, o and the length), and
 * counting calls and texts so batching and caching can be checked.
 */
final class CountingEmbeddingModel implements EmbeddingModel {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger texts = new AtomicInteger();
    final List<Integer> batchSizes = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        calls.incrementAndGet();
        texts.addAndGet(segments.size());
        batchSizes.add(segments.size());
        List<Embedding> out = new ArrayList<>();
        for (TextSegment s : segments) out.add(Embedding.from(raw(s.text())));
        return Response.from(out);
    }

    static float[] raw(String t) {
        float[] v = new float[4];
        for (char c : t.toCharArray()) {
            if (c == 'a') v[0]++;
            if (c == 'e') v[1]++;
            if (c == 'o') v[2]++;
        }
        v[3] = t.length();
        return v;
    }

    @Override
    public int dimension() { return 4; }
}
