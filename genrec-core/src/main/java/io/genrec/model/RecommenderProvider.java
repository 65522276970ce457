package io.genrec.model;

import io.genrec.config.ParamInfo;
import io.genrec.config.Params;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Service-provider entry for one model family, found by {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/io.genrec.model.RecommenderProvider}). The registry, not a string switch, maps CLI names
 * to models.
 */
public interface RecommenderProvider {
    /** CLI name, lower case. */
    String name();

    /** One line for {@code --help} and the model list. */
    String description();

    /** A configured recommender; must call {@link Params#requireAllUsed()} so unknown keys fail. */
    Recommender create(Params params);

    /**
     * Whether fitted models of this provider can be saved ({@link Capability#PERSISTENCE}) and restored by
     * {@link #load}; {@code genrec models} shows it before anything is fitted.
     */
    default boolean savable() { return true; }

    /** Each parameter with its default (empty when the provider does not describe them). */
    default List<ParamInfo> parameters() { return List.of(); }

    /** Restores a model written by {@link FittedRecommender#save}. */
    FittedRecommender load(Path dir) throws IOException;
}
