package io.genrec.llm.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import dev.langchain4j.model.output.Response;
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
    /**
     * Id of LangChain4j's in-process e5-small-v2 (int8-quantised ONNX, bundled in the jar, 384-d, nothing downloaded).
     * Every text gets E5's {@code "query: "} prefix, the model card's advice for symmetric similarity, since GenRec
     * compares texts of both kinds (conversation with movie, movie with movie) in one space.
     */
    public static final String E5_SMALL = "e5-small-v2-q";
    public static final int DEFAULT_BATCH = 32;

    private Encoders() { }

    /** Names {@link #byName} accepts. */
    public static List<String> known() { return List.of(MINILM, E5_SMALL); }

    /**
     * The in-process MiniLM. LangChain4j runs this model one text per ONNX call (no padding to a batch), so a batch
     * here is only the unit of work given to a thread; LangChain4j's own per-text parallelism is switched off (a
     * same-thread executor) so that {@code threads} alone controls how many texts are encoded at once.
     */
    public static LangChainItemEncoder miniLm(int threads) {
        return new LangChainItemEncoder(new AllMiniLmL6V2EmbeddingModel(Runnable::run), MINILM, DEFAULT_BATCH, threads);
    }

    /** The in-process e5-small-v2 (quantised), every text prefixed with {@code "query: "}; threads as in {@link #miniLm}. */
    public static LangChainItemEncoder e5Small(int threads) {
        return new LangChainItemEncoder(new Prefixed(new E5SmallV2QuantizedEmbeddingModel(Runnable::run), "query: "), E5_SMALL, DEFAULT_BATCH, threads);
    }

    /** A model that sees every text with a fixed prefix (E5 was trained with "query: " / "passage: " markers). */
    private record Prefixed(EmbeddingModel model, String prefix) implements EmbeddingModel {
        @Override public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return model.embedAll(segments.stream().map(t -> TextSegment.from(prefix + t.text(), t.metadata())).toList());
        }

        @Override public int dimension() { return model.dimension(); }
    }

    /**
     * The id an encoder name stands for ({@code minilm} is an alias of {@value #MINILM}, {@code e5} of
     * {@value #E5_SMALL}); an unknown name is an error listing the known ones. Lets callers check a name before loading data.
     */
    public static String canonical(String name) {
        return switch (name.toLowerCase()) {
            case MINILM, "minilm" -> MINILM;
            case E5_SMALL, "e5" -> E5_SMALL;
            default -> throw new IllegalArgumentException("unknown encoder '" + name + "'; known: " + String.join(", ", known())
                    + " (or pass any LangChain4j EmbeddingModel to LangChainItemEncoder)");
        };
    }

    /** An encoder by name (see {@link #canonical} for the names accepted). */
    public static ItemEncoder byName(String name, int threads) {
        return canonical(name).equals(MINILM) ? miniLm(threads) : e5Small(threads);
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
