package io.genrec.llm.embed;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Ready-made {@link ItemEncoder}s by name, and the disk cache in front of them. */
public final class Encoders {
    /** Id of LangChain4j's in-process all-MiniLM-L6-v2 (ONNX, bundled in the jar, 384-d, nothing downloaded). */
    public static final String MINILM = "all-minilm-l6-v2";
    public static final int DEFAULT_BATCH = 32;

    private Encoders() { }

    /** Names {@link #byName} accepts. */
    public static List<String> known() { return List.of(MINILM); }

    /**
     * The in-process MiniLM. LangChain4j runs this model one text per ONNX call (no padding to a batch), so a batch
     * here is only the unit of work given to a thread; LangChain4j's own per-text parallelism is switched off (a
     * same-thread executor) so that {@code threads} alone controls how many texts are encoded at once.
     */
    public static LangChainItemEncoder miniLm(int threads) {
        return new LangChainItemEncoder(new AllMiniLmL6V2EmbeddingModel(Runnable::run), MINILM, DEFAULT_BATCH, threads);
    }

    /** An encoder by name ({@code minilm} is an alias of {@value #MINILM}); an unknown name lists the known ones. */
    public static ItemEncoder byName(String name, int threads) {
        return switch (name.toLowerCase()) {
            case MINILM, "minilm" -> miniLm(threads);
            default -> throw new IllegalArgumentException("unknown encoder '" + name + "'; known: " + String.join(", ", known())
                    + " (or pass any LangChain4j EmbeddingModel to LangChainItemEncoder)");
        };
    }

    /**
     * A remote OpenAI-compatible embedding endpoint (OpenAI, Ollama's {@code /v1}, vLLM, LocalAI, ...), model id
     * {@code openai:<modelName>}. Nothing is sent until the first {@link ItemEncoder#embed} or {@link ItemEncoder#dimension}.
     *
     * @param baseUrl e.g. {@code http://localhost:11434/v1}
     * @param apiKey  the key, or any non-empty string for servers that ignore it
     */
    public static LangChainItemEncoder openAiCompatible(String baseUrl, String apiKey, String modelName, int batchSize, int threads) {
        OpenAiEmbeddingModel model = OpenAiEmbeddingModel.builder().baseUrl(baseUrl).apiKey(apiKey).modelName(modelName)
                .maxSegmentsPerBatch(batchSize).timeout(Duration.ofSeconds(60)).build();
        return new LangChainItemEncoder(model, "openai:" + modelName, batchSize, threads);
    }

    /** {@code encoder} behind the disk cache under {@link EmbeddingCache#defaultRoot()}. */
    public static CachingItemEncoder cached(ItemEncoder encoder) { return cached(encoder, EmbeddingCache.defaultRoot()); }

    /** {@code encoder} behind the disk cache under {@code root}. */
    public static CachingItemEncoder cached(ItemEncoder encoder, Path root) {
        try {
            return new CachingItemEncoder(encoder, EmbeddingCache.open(root, encoder.modelId(), encoder.dimension()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the embedding cache under " + root + ": " + e.getMessage(), e);
        }
    }
}
