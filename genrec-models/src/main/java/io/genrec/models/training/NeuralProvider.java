package io.genrec.models.training;

import io.genrec.model.ConfiguredProvider;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A neural model's provider: {@link ConfiguredProvider} plus loading, which reads the archive, binds its stored
 * config with the same rules as {@code create} and hands both to the model's restorer.
 *
 * @param <C> the config record
 */
public abstract class NeuralProvider<C extends Record> extends ConfiguredProvider<C> {
    /** Builds the fitted model from a loaded archive and its bound config. */
    public interface Restorer<C> {
        FittedRecommender restore(NeuralArchive.Loaded archive, C config);
    }

    private final Supplier<C> defaults;
    private final Restorer<C> restorer;

    protected NeuralProvider(String name, String description, Supplier<C> defaults, Function<C, ? extends Recommender> factory,
                             Restorer<C> restorer) {
        super(name, description, defaults, factory);
        this.defaults = defaults;
        this.restorer = restorer;
    }

    @Override
    public final FittedRecommender load(Path dir) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        return restorer.restore(l, NeuralArchive.config(l, defaults.get()));
    }
}
