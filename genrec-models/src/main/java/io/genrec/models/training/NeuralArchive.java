package io.genrec.models.training;

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
        ModelArchive a = new ModelArchive();
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

    /** Parses {@code "600,200"} or {@code "[600, 200]"} into positive ints, naming the key on error. */
    public static List<Integer> intList(Params p, String key, List<Integer> def) {
        String s = p.getString(key, null);
        if (s == null) return def;
        String body = s.trim().replace("[", "").replace("]", "").trim();
        if (body.isEmpty()) return List.of();
        List<Integer> out = new java.util.ArrayList<>();
        for (String part : body.split(",")) {
            try {
                out.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(p.source() + ": parameter '" + key + "' = '" + s + "': expected comma-separated integers");
            }
        }
        return List.copyOf(out);
    }

    /** {@code [a, b]} as {@code "a,b"}. */
    public static String join(List<Integer> l) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < l.size(); i++) sb.append(i == 0 ? "" : ",").append(l.get(i));
        return sb.toString();
    }

    /** The training loop's keys in command-line form. */
    public static Map<String, String> toParams(TrainingConfig t) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("epochs", Integer.toString(t.epochs()));
        m.put("batch_size", Integer.toString(t.batchSize()));
        m.put("lr", Double.toString(t.learningRate()));
        m.put("weight_decay", Double.toString(t.weightDecay()));
        m.put("patience", Integer.toString(t.patience()));
        m.put("validate_every", Integer.toString(t.validateEvery()));
        m.put("validation_k", Integer.toString(t.validationK()));
        m.put("validation_users", Integer.toString(t.validationUsers()));
        return m;
    }
}
