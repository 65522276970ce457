package io.genrec.llm.rag;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Params;
import io.genrec.llm.llm.LlmClient;
import io.genrec.llm.llm.LlmClients;
import io.genrec.llm.llm.LlmConfig;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.UnsupportedCapabilityException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the LLM providers share: the keys of {@link LlmRankerConfig} over the defaults for the base, the client from
 * {@code llm.*} over the environment (empty without an endpoint), unknown keys rejected, and no saving (the ranking
 * lives in the endpoint, not in weights).
 */
abstract class RankerProvider implements RecommenderProvider {
    private final String name;
    private final String description;

    RankerProvider(String name, String description) {
        this.name = name;
        this.description = description;
    }

    @Override
    public String name() { return name; }

    @Override
    public String description() { return description; }

    @Override
    public final Recommender create(Params params) {
        String baseName = baseName(params);
        LlmRankerConfig config = ConfigBinder.bind(LlmRankerConfig.defaults(baseName).withFewShot(false), params);
        Optional<LlmClient> client = LlmConfig.fromParams(params, System.getenv()).map(LlmClients::create);
        params.requireAllUsed();
        return create(config, baseName, client);
    }

    /** The name of the model whose ranking is re-ranked: popularity, unless the provider has a key for it. */
    String baseName(Params params) { return PopularityRecommender.NAME; }

    abstract Recommender create(LlmRankerConfig config, String baseName, Optional<LlmClient> client);

    @Override
    public boolean savable() { return false; }

    @Override
    public FittedRecommender load(Path dir) { throw new UnsupportedCapabilityException(name, Capability.PERSISTENCE); }
}
