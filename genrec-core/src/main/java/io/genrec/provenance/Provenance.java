package io.genrec.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where a trained artefact or a result came from, enough to reproduce it: model and its config, data name and
 * content hash, split protocol and seed, GenRec version and git commit, JVM/OS/arch, native library versions
 * (DJL/PyTorch where used), and timings in seconds. Recorded on every fitted model and every results file.
 *
 * @param config    the model's hyperparameters by field name (from its config record)
 * @param libraries native/ML library versions the model used, e.g. {@code djl -> 0.36.0}
 * @param timings   named durations in seconds, e.g. {@code fit -> 1.23}
 */
public record Provenance(String model, Map<String, Object> config, String dataName, String dataHash,
                         String split, long seed, String genrecVersion, String gitCommit, String jvm,
                         String os, String arch, Map<String, String> libraries, String createdAt,
                         Map<String, Double> timings) {
    public Provenance {
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
        libraries = libraries == null ? Map.of() : Map.copyOf(libraries);
        timings = timings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }

    /** Provenance for a model fitted now on the current JVM. */
    public static Provenance capture(String model, Record config, String dataName, String dataHash, String split,
                                     long seed, Map<String, String> libraries, Map<String, Double> timings) {
        return new Provenance(model, recordToMap(config), dataName, dataHash, split, seed, BuildInfo.VERSION,
                BuildInfo.GIT_COMMIT, System.getProperty("java.vendor") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
                libraries, Instant.now().toString(), timings);
    }

    /** A copy with one more timing. */
    public Provenance withTiming(String name, double seconds) {
        Map<String, Double> t = new LinkedHashMap<>(timings);
        t.put(name, seconds);
        return new Provenance(model, config, dataName, dataHash, split, seed, genrecVersion, gitCommit, jvm, os, arch,
                libraries, createdAt, t);
    }

    /** A record's components by name, for provenance and JSON. */
    public static Map<String, Object> recordToMap(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (r == null) return m;
        for (var c : r.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(r);
                m.put(c.getName(), v instanceof Record nested ? recordToMap(nested) : v);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "." + c.getName(), e);
            }
        }
        return m;
    }

    /** Version and commit written into the jar at build time (see genrec-core's filtered resource). */
    public static final class BuildInfo {
        public static final String VERSION;
        public static final String GIT_COMMIT;

        static {
            Properties p = new Properties();
            try (InputStream in = Provenance.class.getResourceAsStream("/io/genrec/build-info.properties")) {
                if (in != null) p.load(in);
            } catch (IOException ignored) {
                // fall through to "unknown": provenance must never stop a run
            }
            VERSION = p.getProperty("version", "unknown");
            String sha = p.getProperty("git.commit", "unknown");
            String dirty = p.getProperty("git.dirty", "false");
            GIT_COMMIT = sha.startsWith("${") || sha.isEmpty() ? "unknown" : sha + ("true".equals(dirty) ? "-dirty" : "");
        }

        private BuildInfo() { }
    }
}
