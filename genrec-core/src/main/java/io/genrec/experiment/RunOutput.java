package io.genrec.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.genrec.model.Capability;
import io.genrec.model.DataBinding;
import io.genrec.model.FittedRecommender;
import io.genrec.util.SafeWrites;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code --output} directory of an experiment. {@link #open} checks it before any data is loaded or model fitted:
 * it must be absent, an empty directory, or the output of an earlier GenRec run; an earlier run's results are replaced
 * only with {@code overwrite} (so old and new results are never mixed), and a non-empty directory GenRec did not write
 * is always refused. During the run, each model's archive ({@code models/NAME}, with its {@link DataBinding}) and the
 * results so far ({@code results.json}, {@code results.md}, marked partial until the last model is done) are written
 * as soon as the model is evaluated, each file atomically.
 */
public final class RunOutput {
    public static final String MODELS = "models";
    private static final ObjectMapper JSON = ReportWriter.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final boolean replace;
    private final Map<String, String> saved = new LinkedHashMap<>();
    private final Map<String, String> notSaved = new LinkedHashMap<>();
    private final Map<String, Object> sections = new LinkedHashMap<>();
    private Consumer<String> warnings = w -> System.err.println("genrec: warning: " + w);

    private RunOutput(Path dir, boolean replace) {
        this.dir = dir;
        this.replace = replace;
    }

    public Path dir() { return dir; }

    /** Where warnings go (a model that cannot be saved); stderr unless set. They are shown even when progress is not. */
    public RunOutput onWarning(Consumer<String> warnings) {
        this.warnings = warnings;
        return this;
    }

    /** Checks {@code dir} without changing anything; errors name the directory and what to do. */
    public static RunOutput open(Path dir, boolean overwrite) {
        if (Files.exists(dir) && !Files.isDirectory(dir))
            throw new IllegalArgumentException("--output " + dir + " is a file, not a directory");
        if (!Files.exists(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            while (parent != null && !Files.exists(parent)) parent = parent.getParent();
            if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent))
                throw new IllegalArgumentException("--output " + dir + " cannot be created: " + parent + " is not a writable directory");
            return new RunOutput(dir, false);
        }
        if (!Files.isWritable(dir)) throw new IllegalArgumentException("--output " + dir + " is not writable");
        String kind = SafeWrites.kindOf(dir);
        if (kind == null) {
            SafeWrites.checkReplaceable(dir, SafeWrites.EVAL_OUTPUT); // refuses a non-empty directory GenRec did not write
            return new RunOutput(dir, false);
        }
        if (!kind.equals(SafeWrites.EVAL_OUTPUT))
            throw new IllegalArgumentException("--output " + dir + " holds a GenRec " + kind + ", not the output of an eval run");
        if (hasResults(dir) && !overwrite)
            throw new IllegalArgumentException("--output " + dir + " holds the results of an earlier run; add --overwrite to replace them, "
                    + "or choose another directory (old and new results are never mixed)");
        return new RunOutput(dir, hasResults(dir));
    }

    private static boolean hasResults(Path dir) {
        try (var s = Files.list(dir)) {
            return s.anyMatch(p -> !p.getFileName().toString().equals(SafeWrites.MARKER));
        } catch (IOException e) {
            throw new IllegalArgumentException("--output " + dir + " cannot be listed: " + e.getMessage(), e);
        }
    }

    /** Creates the directory (or replaces the earlier run's, when opened with overwrite) just before the first fit. */
    public void begin() throws IOException {
        if (replace || !Files.exists(dir)) SafeWrites.writeDirectory(dir, SafeWrites.EVAL_OUTPUT, tmp -> { });
        else SafeWrites.mark(dir, SafeWrites.EVAL_OUTPUT);
    }

    /**
     * Saves one evaluated model (or records why it cannot be saved, also as a warning) and rewrites the results so
     * far; {@code pending} names the models still to run.
     */
    public void modelDone(String name, FittedRecommender fitted, DataBinding binding, ExperimentReport soFar,
                          List<String> pending) throws IOException {
        if (fitted.capabilities().contains(Capability.PERSISTENCE)) {
            Path target = dir.resolve(MODELS).resolve(name);
            binding.save(fitted, target);
            saved.put(name, dir.relativize(target).toString());
        } else {
            String why = "model '" + name + "' cannot be saved (no persistence; see 'genrec models'), so there is no " + MODELS + "/" + name;
            notSaved.put(name, why);
            warnings.accept(why);
        }
        write(soFar, pending);
    }

    /**
     * Adds a top-level field to results.json from the next write on (analyses computed after the models ran, e.g.
     * {@code groups}); {@code value} is anything Jackson serialises.
     */
    public void addSection(String key, Object value) { sections.put(key, value); }

    /** Writes the final results; returns the files written. */
    public List<Path> finish(ExperimentReport report) throws IOException {
        return write(report, List.of());
    }

    private List<Path> write(ExperimentReport report, List<String> pending) throws IOException {
        ObjectNode doc = (ObjectNode) JSON.readTree(ReportWriter.json(report));
        doc.put("status", pending.isEmpty() ? "complete" : "partial");
        doc.putPOJO("pendingModels", pending);
        doc.putPOJO("savedModels", saved);
        doc.putPOJO("notSavedModels", notSaved);
        sections.forEach(doc::putPOJO);
        StringBuilder md = new StringBuilder();
        if (!pending.isEmpty())
            md.append("PARTIAL RESULTS: still to run: ").append(String.join(", ", pending)).append("\n\n");
        md.append(ReportWriter.markdown(report));
        if (!saved.isEmpty()) md.append("\nSaved models: ").append(saved.values()).append('\n');
        for (String why : notSaved.values()) md.append("\nNot saved: ").append(why).append('\n');
        List<Path> out = new ArrayList<>();
        out.add(SafeWrites.writeString(dir.resolve("results.json"), JSON.writeValueAsString(doc)));
        out.add(SafeWrites.writeString(dir.resolve("results.md"), md.toString()));
        return out;
    }
}
