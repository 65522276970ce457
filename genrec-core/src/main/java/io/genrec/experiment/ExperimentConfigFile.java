package io.genrec.experiment;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.genrec.data.DataFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads an experiment from a JSON file. Every field is optional (absent = the default of
 * {@link ExperimentConfig#defaults()}); an unknown field or a wrong type is an error naming the file, line and field,
 * so a typo never silently falls back to a default. Example:
 * <pre>{@code {"data": "presplit:../shared/data/ml-1m-diffrec", "protocol": "given",
 *  "models": ["ease"], "modelParams": {"ease": {"lambda": "200"}}, "metrics": ["recall@20", "ndcg@20"]}}</pre>
 */
public final class ExperimentConfigFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The file's fields; null means "not given". */
    public record Fields(String data, String implicit, Integer userCore, Integer itemCore, String protocol,
                         Map<String, String> protocolParams, List<String> models,
                         Map<String, Map<String, String>> modelParams, List<String> metrics, Long seed,
                         Integer threads, String outputDir, Integer sampledCandidates, String sampling,
                         Boolean excludeSeen, String duplicates, List<String> groups) { }

    private ExperimentConfigFile() { }

    public static Fields read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new DataFormatException(file, 0, null, "config file not found");
        try {
            return JSON.readValue(file.toFile(), Fields.class);
        } catch (UnrecognizedPropertyException e) {
            throw new DataFormatException(file, lineOfField(file, e.getPropertyName(), line(e.getLocation())),
                    e.getPropertyName(), "unknown config field; known fields: " + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().get(m.getPath().size() - 1).getFieldName() : null;
            throw new DataFormatException(file, line(e.getLocation()), field, e.getOriginalMessage());
        }
    }

    private static long line(JsonLocation loc) { return loc == null ? 0 : loc.getLineNr(); }

    /**
     * Jackson reports an unknown record field where it stopped buffering (often the closing brace), so find the
     * line of the field name itself with a streaming pass.
     */
    private static long lineOfField(Path file, String name, long fallback) {
        try (JsonParser p = JSON.getFactory().createParser(file.toFile())) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken())
                if (t == JsonToken.FIELD_NAME && p.currentName().equals(name)) return p.currentTokenLocation().getLineNr();
        } catch (IOException ignored) {
            // the file parsed once already; fall back to Jackson's location
        }
        return fallback;
    }

    /** Lays file fields over a base config. */
    public static ExperimentConfig merge(ExperimentConfig base, Fields f) {
        return new ExperimentConfig(
                f.data() != null ? f.data() : base.data(),
                f.implicit() != null ? f.implicit() : base.implicit(),
                f.userCore() != null ? f.userCore() : base.userCore(),
                f.itemCore() != null ? f.itemCore() : base.itemCore(),
                f.protocol() != null ? f.protocol() : base.protocol(),
                f.protocolParams() != null ? f.protocolParams() : base.protocolParams(),
                f.models() != null ? f.models() : base.models(),
                f.modelParams() != null ? f.modelParams() : base.modelParams(),
                f.metrics() != null ? f.metrics() : base.metrics(),
                f.seed() != null ? f.seed() : base.seed(),
                f.threads() != null ? f.threads() : base.threads(),
                f.outputDir() != null ? Path.of(f.outputDir()) : base.outputDir(),
                f.sampledCandidates() != null ? f.sampledCandidates() : base.sampledCandidates(),
                f.sampling() != null ? f.sampling() : base.sampling(),
                f.excludeSeen() != null ? f.excludeSeen() : base.excludeSeen(),
                f.duplicates() != null ? f.duplicates() : base.duplicates());
    }
}
