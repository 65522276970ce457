package io.genrec.llm.rag;

import io.genrec.llm.llm.LlmClient;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.provenance.Provenance;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * LLM re-ranking over a base recommender: the {@code llm} model (zero/few-shot ranking of the most popular unseen
 * items, after Hou et al., ECIR 2024) and the {@code rag} model (retrieve candidates with any GenRec model, then let
 * the LLM re-rank them). Fitting fits the base only; the LLM is called per request. Deviation from the papers: the
 * LLM answers with candidate indices and the answer is grounded, so it can never introduce an item that is not a
 * candidate.
 */
public final class LlmRerankRecommender implements Recommender {
    private final String name;
    private final LlmRankerConfig config;
    private final Recommender base;
    private final Optional<LlmClient> client;

    /**
     * @param name   {@code llm} or {@code rag} (or any name the caller registers)
     * @param base   candidate generator; fitted on the same data
     * @param client the LLM, or empty to always use the base ranking (with a warning)
     */
    public LlmRerankRecommender(String name, LlmRankerConfig config, Recommender base, Optional<LlmClient> client) {
        this.name = name;
        this.config = config;
        this.base = base;
        this.client = client;
    }

    /** The {@code llm} model: popularity candidates counted from the training data. */
    public static LlmRerankRecommender llm(LlmRankerConfig config, Optional<LlmClient> client) {
        return new LlmRerankRecommender(LlmProvider.NAME, config, new PopularityRecommender(), client);
    }

    @Override
    public String name() { return name; }

    @Override
    public java.util.Set<io.genrec.model.Capability> capabilities() { return FittedLlmRanker.CAPABILITIES; }

    @Override
    public LlmRankerConfig config() { return config; }

    @Override
    public FittedLlmRanker fit(TrainContext context) {
        long t0 = System.nanoTime();
        FittedRecommender fittedBase = base.fit(context);
        LlmReranker reranker = new LlmReranker(client, context.train().catalog(), config);
        Map<String, String> libraries = new LinkedHashMap<>(fittedBase.provenance() == null ? Map.of() : fittedBase.provenance().libraries());
        libraries.put("langchain4j", LANGCHAIN4J_VERSION);
        libraries.put("llm", reranker.describeClient());
        libraries.put("base", fittedBase.name());
        Provenance p = Provenance.capture(name, config, context.train().name(), context.train().contentHash(), context.split(),
                context.seed(), libraries, Map.of("fit", (System.nanoTime() - t0) / 1e9));
        return new FittedLlmRanker(name, fittedBase, reranker, config.candidates(), p);
    }

    /** The LangChain4j version on the class path, from its Maven metadata. */
    static final String LANGCHAIN4J_VERSION = readVersion();

    private static String readVersion() {
        try (InputStream in = dev.langchain4j.model.chat.ChatModel.class.getResourceAsStream(
                "/META-INF/maven/dev.langchain4j/langchain4j-core/pom.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
