package io.genrec.llm.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.genrec.model.ProgressListener;
import io.genrec.util.VectorMath;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link ItemEncoder} over any LangChain4j {@link EmbeddingModel}: the in-process ONNX MiniLM (see
 * {@link Encoders#miniLm}) or a remote OpenAI-compatible / Ollama embedding endpoint. Texts are sent in batches of
 * {@code batchSize}; with {@code threads > 1} batches run concurrently on a pool that lives for one
 * {@link #embed} call. Rows are L2-normalised here because not every endpoint normalises.
 */
public final class LangChainItemEncoder implements ItemEncoder {
    private final EmbeddingModel model;
    private final String modelId;
    private final int batchSize;
    private final int threads;
    private volatile int dimension;

    public LangChainItemEncoder(EmbeddingModel model, String modelId, int batchSize, int threads) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (modelId == null || modelId.isBlank()) throw new IllegalArgumentException("modelId must not be blank");
        this.model = model;
        this.modelId = modelId;
        this.batchSize = batchSize;
        this.threads = threads;
    }

    @Override
    public String modelId() { return modelId; }

    /** The model's dimension; for models that do not declare it, LangChain4j embeds a probe text once. */
    @Override
    public int dimension() {
        int d = dimension;
        if (d == 0) dimension = d = model.dimension();
        return d;
    }

    public int batchSize() { return batchSize; }

    public int threads() { return threads; }

    @Override
    public float[][] embed(List<String> texts, ProgressListener listener) {
        int dim = dimension();
        float[][] out = new float[texts.size()][];
        List<int[]> batches = new ArrayList<>();
        int[] pending = new int[Math.min(batchSize, texts.size())];
        int fill = 0;
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).isBlank()) { out[i] = new float[dim]; continue; }
            pending[fill++] = i;
            if (fill == pending.length) { batches.add(pending.clone()); fill = 0; }
        }
        if (fill > 0) batches.add(Arrays.copyOf(pending, fill));
        AtomicLong done = new AtomicLong(texts.size() - countRows(batches));
        long total = texts.size();
        if (threads == 1 || batches.size() == 1) {
            for (int[] b : batches) runBatch(texts, b, out, dim, done, total, listener);
        } else {
            try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, batches.size()))) {
                List<Future<?>> futures = new ArrayList<>();
                for (int[] b : batches) futures.add(pool.submit(() -> runBatch(texts, b, out, dim, done, total, listener)));
                for (Future<?> f : futures) f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("embedding interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new IllegalStateException("embedding with " + modelId + " failed", e.getCause());
            }
        }
        return out;
    }

    private static int countRows(List<int[]> batches) {
        int n = 0;
        for (int[] b : batches) n += b.length;
        return n;
    }

    private void runBatch(List<String> texts, int[] rows, float[][] out, int dim, AtomicLong done, long total,
                          ProgressListener listener) {
        List<TextSegment> segments = new ArrayList<>(rows.length);
        for (int r : rows) segments.add(TextSegment.from(texts.get(r)));
        List<Embedding> embeddings = model.embedAll(segments).content();
        if (embeddings.size() != rows.length)
            throw new IllegalStateException(modelId + " returned " + embeddings.size() + " embeddings for " + rows.length + " texts");
        for (int k = 0; k < rows.length; k++) {
            float[] v = embeddings.get(k).vector();
            if (v.length != dim)
                throw new IllegalStateException(modelId + " returned a " + v.length + "-d vector, expected " + dim);
            for (int d = 0; d < dim; d++)
                if (!Float.isFinite(v[d])) throw new IllegalStateException(modelId + " returned a non-finite value at dimension " + d);
            out[rows[k]] = VectorMath.normalize(v.clone());
        }
        listener.progress("embed", done.addAndGet(rows.length), total, modelId);
    }

    @Override
    public String toString() { return "LangChainItemEncoder[" + modelId + ", batch=" + batchSize + ", threads=" + threads + "]"; }
}
