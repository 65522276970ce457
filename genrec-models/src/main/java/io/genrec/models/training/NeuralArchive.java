package io.genrec.models.training;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Params;
import io.genrec.model.ModelArchive;
import io.genrec.provenance.Provenance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saving and loading of a neural model: its weights ({@link ParameterSet}), its hyperparameters in their
 * command-line form (so the provider rebuilds the config with the same parser and validation as {@code create}),
 * and its provenance, in one {@link ModelArchive}.
 */
public final class NeuralArchive {
    private NeuralArchive() { }

    public static void save(Path dir, String model, Provenance provenance, Map<String, String> params, ParameterSet weights) throws IOException {
        save(dir, model, provenance, params, weights, Map.of());
    }

    /** As {@link #save(Path, String, Provenance, Map, ParameterSet)} plus model-specific header entries ({@code extra}). */
    public static void save(Path dir, String model, Provenance provenance, Map<String, String> params, ParameterSet weights,
                            Map<String, Object> extra) throws IOException {
        ModelArchive a = new ModelArchive();
        extra.forEach(a::putExtra);
        weights.writeTo(a);
        a.putExtra("params", new LinkedHashMap<>(params));
        a.putExtra("parameterNames", weights.names());
        a.write(dir, model, provenance);
    }

    /** A loaded model: header (with provenance), the config parameters and the weights. */
    public record Loaded(ModelArchive.Header header, Params params, ParameterSet weights) { }

    @SuppressWarnings("unchecked")
    public static Loaded load(Path dir) throws IOException {
        ModelArchive.Loaded l = ModelArchive.read(dir);
        Object params = l.header().extra().get("params");
        Object names = l.header().extra().get("parameterNames");
        if (!(params instanceof Map<?, ?> pm) || !(names instanceof List<?> nl))
            throw new io.genrec.data.DataFormatException(dir.resolve("model.json"), 0, "extra", "missing 'params' or 'parameterNames' of a neural model");
        Map<String, String> p = new LinkedHashMap<>();
        pm.forEach((k, v) -> p.put(String.valueOf(k), String.valueOf(v)));
        return new Loaded(l.header(), new Params(p, dir.resolve("model.json").toString()), ParameterSet.readFrom(l, (List<String>) nl));
    }

    /** The stored config, read with the same binding (names, ranges) as {@code create}; unknown keys fail. */
    public static <C extends Record> C config(Loaded l, C defaults) {
        C c = ConfigBinder.bind(defaults, l.params());
        l.params().requireAllUsed();
        return c;
    }
}
