package io.genrec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.data.Item;
import io.genrec.data.io.DataSpecs;
import io.genrec.experiment.ExperimentRunner;
import io.genrec.llm.explain.Explainer;
import io.genrec.llm.explain.Explanation;
import io.genrec.llm.explain.ExplanationFactFinder;
import io.genrec.llm.explain.LlmExplainer;
import io.genrec.llm.explain.TemplateExplainer;
import io.genrec.llm.llm.LlmClient;
import io.genrec.llm.llm.LlmClients;
import io.genrec.llm.llm.LlmConfig;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TopK;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code genrec explain}: a user's top-k with explanations grounded in what the history and each item share. */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Recommend items for one user and explain each from facts in the data.",
                "Facts: shared categories, similar liked items, shared words. Template sentences by default; worded by the",
                "LLM when an endpoint is configured (OPENAI_BASE_URL / OPENAI_API_KEY), with the template used, and said so, when it fails."},
        footer = {"", "Examples:", "  genrec explain --user 1 --model itemknn", "  genrec explain --user 1 --model mostpop --k 5 --format json"})
final class ExplainCommand implements Callable<Integer> {
    @Mixin
    UserRequestOptions request;

    @Option(names = "--k", description = "How many items (default: ${DEFAULT-VALUE}).")
    int k = 5;

    @Option(names = "--reference", paramLabel = "FILE", description = {"Reference explanations, one per line as ITEM<TAB>text (an item",
            "may have several lines): scores the explanations of the recommended items that have one with BLEU-4",
            "(corpus) and ROUGE-1/2/L F1 (mean)."})
    java.nio.file.Path reference;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (k < 1) throw new IllegalArgumentException("--k must be >= 1, got " + k);
        Map<String, List<String>> references = reference == null ? null : readReferences(reference);
        RecommenderRegistry registry = RecommenderRegistry.load();
        var recommender = registry.create(request.model, new Params(Map.of(), "model '" + request.model + "'")); // unknown name fails before loading
        String implicit = request.data.implicit("auto");
        var duplicates = request.data.duplicates("keep");
        DataSpecs.LoadedData loaded = DataSpecs.load(request.data.data(DataOptions.DEFAULT_DATA));
        Dataset all = loaded.given() == null ? loaded.data()
                : loaded.given().train().union("all", loaded.given().validation().targets()).union("all", loaded.given().test().targets());
        Dataset d = ExperimentRunner.preprocess(all, implicit, 0, 0, duplicates);
        int u = d.userIds().indexOf(request.user);
        if (u < 0) throw new IllegalArgumentException("unknown user '" + request.user + "' in " + loaded.description()
                + " (after keeping positives: " + implicit + "); example ids: " + d.userIds().externalId(0));
        ProgressBar bar = new ProgressBar(System.err);
        FittedRecommender m = recommender.fit(new TrainContext(d, null, request.seed, common.threads,
                common.quiet ? io.genrec.model.ProgressListener.NONE : bar));
        bar.finishLine();
        UserContext ctx = UserContext.of(d, u);
        TopK top = m.recommend(ctx, k, ItemFilter.excluding(ctx.history()));
        Warnings.report(m);

        ExplanationFactFinder facts = new ExplanationFactFinder(d.catalog());
        Optional<LlmClient> client = LlmClients.fromEnvironment();
        Explainer explainer = client.isPresent() ? new LlmExplainer(client, facts) : new TemplateExplainer(facts);
        if (client.isEmpty())
            System.err.println("genrec: note: no LLM endpoint configured (" + LlmConfig.ENV_BASE_URL + " / " + LlmConfig.ENV_API_KEY
                    + "); template explanations");
        List<Map<String, Object>> rows = new ArrayList<>();
        int fellBack = 0;
        for (int r = 0; r < top.size(); r++) {
            Item it = d.catalog().get(top.items()[r]);
            Explanation e = explainer.explain(ctx.history(), top.items()[r]);
            if (!e.warning().isEmpty()) {
                fellBack++;
                System.err.println("genrec: warning: item " + it.id() + ": " + e.warning());
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rank", r + 1);
            row.put("item", it.id());
            row.put("title", it.title());
            row.put("score", top.scores()[r]);
            row.put("explanation", e.text());
            row.put("explanationSource", e.source().name().toLowerCase(Locale.ROOT));
            rows.add(row);
        }
        Map<String, Object> textMetrics = references == null ? null : textMetrics(rows, references);
        if (fellBack > 0) System.err.println("genrec: warning: " + fellBack + " of " + top.size() + " explanations used the template fallback");
        if (request.format == EvalCommand.Format.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("user", request.user);
            doc.put("model", request.model);
            doc.put("explainer", client.isPresent() ? "llm (" + client.get().describe() + ")" : "template");
            doc.put("historyLength", ctx.history().length);
            doc.put("recommendations", rows);
            if (textMetrics != null) doc.put("textMetrics", textMetrics);
            System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            return 0;
        }
        System.out.printf(Locale.ROOT, "Top %d for user %s (%d items in history) by %s, explained (%s):%n", top.size(), request.user,
                ctx.history().length, request.model, client.isPresent() ? "llm" : "template");
        for (var row : rows) {
            System.out.printf(Locale.ROOT, "%3d. %-8s %-60s %.4f%n", row.get("rank"), row.get("item"), row.get("title"), (Float) row.get("score"));
            System.out.printf(Locale.ROOT, "     %s [%s]%n", row.get("explanation"), row.get("explanationSource"));
        }
        if (textMetrics != null) {
            if (((Number) textMetrics.get("items")).intValue() == 0) System.out.println("Text metrics: no recommended item has a reference in " + reference);
            else System.out.printf(Locale.ROOT, "Text metrics over %s item(s) with a reference: BLEU-4 %.4f, ROUGE-1 F1 %.4f, ROUGE-2 F1 %.4f, ROUGE-L F1 %.4f%n",
                    textMetrics.get("items"), textMetrics.get("bleu4"), textMetrics.get("rouge1"), textMetrics.get("rouge2"), textMetrics.get("rougeL"));
        }
        return 0;
    }

    /** ITEM<TAB>text lines; blank lines and lines starting with # are skipped; anything else is an error naming the line. */
    static Map<String, List<String>> readReferences(java.nio.file.Path file) throws java.io.IOException {
        Map<String, List<String>> refs = new LinkedHashMap<>();
        List<String> lines = java.nio.file.Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) continue;
            int tab = line.indexOf('\t');
            if (tab <= 0 || line.substring(tab + 1).isBlank())
                throw new io.genrec.data.DataFormatException(file, i + 1, null, "expected ITEM<TAB>reference text, got '"
                        + (line.length() > 60 ? line.substring(0, 60) + "…" : line) + "'");
            refs.computeIfAbsent(line.substring(0, tab).trim(), x -> new ArrayList<>()).add(line.substring(tab + 1).trim());
        }
        return refs;
    }

    /** Corpus BLEU-4 and mean ROUGE F1 over the rows whose item has references (ROUGE against the best-matching one). */
    static Map<String, Object> textMetrics(List<Map<String, Object>> rows, Map<String, List<String>> references) {
        List<List<String>> cands = new ArrayList<>();
        List<List<List<String>>> refs = new ArrayList<>();
        double r1 = 0, r2 = 0, rl = 0;
        for (var row : rows) {
            List<String> rs = references.get((String) row.get("item"));
            if (rs == null) continue;
            String text = (String) row.get("explanation");
            cands.add(io.genrec.llm.explain.Words.tokens(text));
            refs.add(rs.stream().map(io.genrec.llm.explain.Words::tokens).toList());
            double b1 = 0, b2 = 0, bl = 0;
            for (String ref : rs) {
                b1 = Math.max(b1, io.genrec.llm.explain.TextMetrics.rouge1(text, ref).f1());
                b2 = Math.max(b2, io.genrec.llm.explain.TextMetrics.rouge2(text, ref).f1());
                bl = Math.max(bl, io.genrec.llm.explain.TextMetrics.rougeL(text, ref).f1());
            }
            r1 += b1;
            r2 += b2;
            rl += bl;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        int n = cands.size();
        m.put("items", n);
        m.put("bleu4", n == 0 ? null : io.genrec.llm.explain.TextMetrics.corpusBleu(cands, refs));
        m.put("rouge1", n == 0 ? null : r1 / n);
        m.put("rouge2", n == 0 ? null : r2 / n);
        m.put("rougeL", n == 0 ? null : rl / n);
        return m;
    }
}
