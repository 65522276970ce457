package io.genrec.model;

import io.genrec.config.ConfigBinder;
import io.genrec.config.ParamInfo;
import io.genrec.config.Params;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A provider whose parameters are one {@link io.genrec.config.Param}-annotated config record: {@link #create} binds
 * the record over its defaults, rejects unknown keys and builds the model, so a provider names only its model, its
 * defaults and its constructor (plus {@link #load}).
 *
 * @param <C> the config record
 */
public abstract class ConfiguredProvider<C extends Record> implements RecommenderProvider {
    private final String name;
    private final String description;
    private final Supplier<C> defaults;
    private final Function<C, ? extends Recommender> factory;

    protected ConfiguredProvider(String name, String description, Supplier<C> defaults, Function<C, ? extends Recommender> factory) {
        this.name = name;
        this.description = description;
        this.defaults = defaults;
        this.factory = factory;
    }

    @Override public String name() { return name; }
    @Override public String description() { return description; }

    @Override
    public Recommender create(Params params) { return factory.apply(config(params)); }

    /** The config bound from {@code params} over the defaults; unknown keys fail naming the known ones. */
    public C config(Params params) {
        C c = ConfigBinder.bind(defaults.get(), params);
        params.requireAllUsed();
        return c;
    }

    /** Each key with its default and range, for {@code genrec models --params}. */
    public List<ParamInfo> parameters() { return ConfigBinder.describe(defaults.get()); }
}
