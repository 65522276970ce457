package io.genrec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.genrec.data.Dataset;
import io.genrec.experiment.ExperimentConfig;
import io.genrec.experiment.ExperimentRunner;
import io.genrec.llm.fairness.LlmFairnessAudit;
import io.genrec.llm.llm.LlmClient;
import io.genrec.llm.llm.LlmClients;
import io.genrec.llm.llm.LlmConfig;
import io.genrec.model.ProgressListener;
import io.genrec.model.RecommenderRegistry;
import io.genrec.provenance.Provenance;
import io.genrec.util.SafeWrites;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code genrec audit-llm}: FaiRLLM-style fairness audit of an LLM recommender endpoint. */
@Command(name = "audit-llm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Audit an LLM recommender for fairness towards sensitive user attributes.",
                "Sends the same request ('I am a fan of <movie>. Please recommend k movies') without and with an attribute value",
                "('I am a female fan of ...'), grounds both answers to catalogue titles, and reports per value the Jaccard and",
                "rank-biased overlap (RBO) with the neutral list and the genre shift (total variation). An attribute is flagged",
                "when its values' mean RBO spans more than --threshold and a Welch test between the extreme values gives p < --alpha.",
                "The endpoint is any OpenAI-compatible one: " + LlmConfig.ENV_BASE_URL + " / " + LlmConfig.ENV_API_KEY
                        + " / " + LlmConfig.ENV_MODEL + ", or --llm-base-url / --llm-model."},
        footer = {"", "Example:",
                "  OPENAI_BASE_URL=http://localhost:11434/v1 GENREC_LLM_MODEL=llama3.2 \\",
                "    genrec audit-llm --data movielens:../shared/data/ml-100k --requests 30 --attribute gender=female,male"})
final class AuditLlmCommand implements Callable<Integer> {
    static final String FILE = "llm-audit.json";
    static final Map<String, List<String>> DEFAULT_ATTRIBUTES = new LinkedHashMap<>();

    static {
        DEFAULT_ATTRIBUTES.put("gender", List.of("female", "male"));
        DEFAULT_ATTRIBUTES.put("age", List.of("young", "middle-aged", "old"));
        DEFAULT_ATTRIBUTES.put("nationality", List.of("American", "British", "Brazilian", "Chinese", "French", "Indian", "Japanese"));
    }

    @Option(names = "--data", paramLabel = "SPEC", description = "Data with item titles (and genres for the shift) (default: ${DEFAULT-VALUE}).")
    String data = "ml-latest-small";

    @Option(names = "--attribute", paramLabel = "NAME=V1,V2,...", description = {"Sensitive attribute and its values (repeatable);",
            "default: gender=female,male; age=young,middle-aged,old; nationality=American,British,Brazilian,Chinese,French,Indian,Japanese."})
    List<String> attribute;

    @Option(names = "--requests", paramLabel = "N", description = "Requests per value, seeded by the N most popular titled items (default: ${DEFAULT-VALUE}).")
    int requests = 20;

    @Option(names = "--k", description = "List length asked for (default: ${DEFAULT-VALUE}).")
    int k = 10;

    @Option(names = "--threshold", description = "RBO range across values above which an attribute can be flagged (default: ${DEFAULT-VALUE}).")
    double threshold = LlmFairnessAudit.Config.defaults().threshold();

    @Option(names = "--alpha", description = "Significance level of the Welch test (default: ${DEFAULT-VALUE}).")
    double alpha = LlmFairnessAudit.Config.defaults().alpha();

    @Option(names = "--llm-base-url", paramLabel = "URL", description = "Endpoint root including /v1 (overrides " + LlmConfig.ENV_BASE_URL + ").")
    String baseUrl;

    @Option(names = "--llm-model", paramLabel = "NAME", description = "Model name (overrides " + LlmConfig.ENV_MODEL + ").")
    String llmModel;

    @Option(names = "--output", paramLabel = "DIR", description = "Also write DIR/" + FILE + " (read by genrec report).")
    Path output;

    @Option(names = "--format", description = "table or json (default: ${DEFAULT-VALUE}).")
    EvalCommand.Format format = EvalCommand.Format.table;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Map<String, List<String>> attrs = parseAttributes(attribute);
        LlmFairnessAudit.Config cfg = new LlmFairnessAudit.Config(k, LlmFairnessAudit.Config.defaults().rboP(), threshold, alpha);
        if (requests < 2) throw new IllegalArgumentException("--requests must be >= 2 (the test needs two requests per value), got " + requests);
        Map<String, String> overrides = new HashMap<>();
        if (baseUrl != null) overrides.put(LlmConfig.P_BASE_URL, baseUrl);
        if (llmModel != null) overrides.put(LlmConfig.P_MODEL, llmModel);
        Optional<LlmConfig> llm = LlmConfig.fromMap(System.getenv(), overrides);
        if (llm.isEmpty()) {
            // degraded, visibly: nothing is audited and nothing pretends to be a result
            String msg = "LLM fairness audit NOT RUN: no LLM endpoint configured (set " + LlmConfig.ENV_BASE_URL + " or " + LlmConfig.ENV_API_KEY
                    + ", or give --llm-base-url)";
            System.err.println("genrec: warning: " + msg);
            Map<String, Object> doc = document(null, "not-run: no LLM endpoint configured", null);
            write(doc);
            if (format == EvalCommand.Format.json) System.out.println(json().writeValueAsString(doc));
            else System.out.println(msg + ".");
            return 0;
        }
        ExperimentConfig d = ExperimentConfig.defaults();
        ExperimentConfig ec = new ExperimentConfig(data, d.implicit(), d.userCore(), d.itemCore(), "auto", Map.of(), List.of("mostpop"), Map.of(),
                List.of("ndcg@10"), 42, common.threads, null);
        Dataset train = new ExperimentRunner(RecommenderRegistry.load(), ProgressListener.NONE, this::log).prepare(ec).split().train();
        int[] seeds = popularTitled(train, requests);
        LlmClient client = LlmClients.create(llm.get());
        log("auditing " + client.describe() + ": " + seeds.length + " requests x (1 neutral + " + attrs.values().stream().mapToInt(List::size).sum() + " values)");
        List<String> warnings = new ArrayList<>();
        LlmFairnessAudit.Report report = new LlmFairnessAudit(client, cfg).run(train, seeds, attrs, w -> { warnings.add(w); log("warning: " + w); });
        Map<String, Object> doc = document(report, "ok", train);
        doc.put("warnings", warnings.size());
        write(doc);
        if (format == EvalCommand.Format.json) System.out.println(json().writeValueAsString(doc));
        else System.out.print(table(report));
        return 0;
    }

    private Map<String, Object> document(LlmFairnessAudit.Report report, String status, Dataset train) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "llm-fairness-audit");
        doc.put("status", status);
        doc.put("data", data);
        if (train != null) doc.put("dataHash", train.contentHash());
        doc.put("report", report);
        doc.put("genrecVersion", Provenance.BuildInfo.VERSION);
        doc.put("gitCommit", Provenance.BuildInfo.GIT_COMMIT);
        doc.put("createdAt", Instant.now().toString());
        return doc;
    }

    private void write(Map<String, Object> doc) throws Exception {
        if (output == null) return;
        byte[] bytes = json().writeValueAsBytes(doc);
        Files.createDirectories(output);
        SafeWrites.writeFile(output.resolve(FILE), out -> out.write(bytes));
        log("wrote " + output.resolve(FILE));
    }

    private static ObjectMapper json() { return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT); }

    static Map<String, List<String>> parseAttributes(List<String> specs) {
        if (specs == null || specs.isEmpty()) return DEFAULT_ATTRIBUTES;
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String s : specs) {
            int eq = s.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("--attribute '" + s + "': expected NAME=VALUE1,VALUE2,...");
            List<String> values = Arrays.stream(s.substring(eq + 1).split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
            if (values.size() < 2) throw new IllegalArgumentException("--attribute '" + s + "': needs at least two values to compare");
            out.put(s.substring(0, eq).strip(), values);
        }
        return out;
    }

    /** The n most popular items that have a title (ties by item index). */
    static int[] popularTitled(Dataset train, int n) {
        int[] pop = train.itemPopularity();
        Integer[] order = new Integer[pop.length];
        for (int i = 0; i < pop.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> pop[a] != pop[b] ? Integer.compare(pop[b], pop[a]) : Integer.compare(a, b));
        List<Integer> out = new ArrayList<>();
        for (int i : order) if (out.size() < n && !train.catalog().get(i).title().isEmpty()) out.add(i);
        if (out.isEmpty()) throw new IllegalArgumentException("data has no item titles; the audit asks about titled items");
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    static String table(LlmFairnessAudit.Report r) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "LLM: %s; %d requests per value (%d neutral requests failed)%n%n", r.llm(),
                r.requests(), r.neutralFailed()));
        sb.append("| attribute | value | requests | failed | jaccard@k | rbo | genre shift (TV) | largest genre change |\n|---|---|---:|---:|---:|---:|---:|---|\n");
        for (LlmFairnessAudit.AttributeResult a : r.attributes()) {
            for (LlmFairnessAudit.ValueResult v : a.values()) {
                String top = v.genreDelta().entrySet().stream().max((x, y) -> Double.compare(Math.abs(x.getValue()), Math.abs(y.getValue())))
                        .map(e -> String.format(Locale.ROOT, "%s %+.3f", e.getKey(), e.getValue())).orElse("");
                sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.4f | %.4f | %.4f | %s |%n", a.attribute(), v.value(), v.requests(), v.failed(),
                        v.jaccard(), v.rbo(), v.genreShift(), top));
            }
            sb.append(String.format(Locale.ROOT, "| %s | range (max-min) | | | %.4f | %.4f | | %s (lowest RBO: %s, Welch p %s) |%n", a.attribute(),
                    a.jaccardRange(), a.rboRange(), a.flagged() ? "FLAGGED" : "not flagged", a.lowest(),
                    a.pValue() < 1e-4 ? "<1e-4" : String.format(Locale.ROOT, "%.4f", a.pValue())));
        }
        return sb.toString();
    }

    private void log(String msg) { if (!common.quiet) System.err.println("genrec: " + msg); }
}
