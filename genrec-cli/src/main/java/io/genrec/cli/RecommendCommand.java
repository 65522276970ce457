package io.genrec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.data.Item;
import io.genrec.data.io.DataSpecs;
import io.genrec.data.prep.Preprocessing;
import io.genrec.experiment.ExperimentRunner;
import io.genrec.model.DataBinding;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.SequenceGenerator;
import io.genrec.model.TopK;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code genrec recommend}: top-k items for one user, from a model fitted on all the data or loaded from disk. */
@Command(name = "recommend", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Recommend items for one user. The model is fitted on all interactions of the data",
                "(or loaded with --load); items the user already has are never recommended."},
        footer = {"", "Examples:", "  genrec recommend --user 1", "  genrec recommend --user 42 --model itemknn --k 20",
                "  genrec recommend --user 1 --save /tmp/ease-model   then   genrec recommend --user 1 --load /tmp/ease-model",
                "  genrec recommend --user 1 --model sasrec --param loss=ce --continue 5 --beam 4"})
final class RecommendCommand implements Callable<Integer> {
    @Option(names = "--user", required = true, paramLabel = "ID", description = "External user id as in the data.")
    String user;

    @Option(names = {"--model", "--models"}, paramLabel = "NAME", description = "Model name (default: ${DEFAULT-VALUE}).")
    String model = "ease";

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Model hyperparameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--data", paramLabel = "SPEC", description = "Data spec (default: ${DEFAULT-VALUE}).")
    String data = "ml-latest-small";

    @Option(names = "--implicit", paramLabel = "auto|none|T", description = "Positives threshold (default: ${DEFAULT-VALUE}).")
    String implicit = "auto";

    @Option(names = "--k", description = "How many items (default: ${DEFAULT-VALUE}).")
    int k = 10;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--load", paramLabel = "DIR", description = {"Load a saved model instead of fitting one; its data and",
            "preprocessing apply, and the data must be the data it was fitted on."})
    Path load;

    @Option(names = "--save", paramLabel = "DIR", description = "Save the fitted model here.")
    Path save;

    @Option(names = "--continue", paramLabel = "N", description = {"Sequence models: write the user's next N items",
            "auto-regressively (each chosen item is fed back) instead of one ranking."})
    Integer continueItems;

    @Option(names = "--beam", paramLabel = "B", description = "Beam width for --continue; 1 = greedy (default: ${DEFAULT-VALUE}).")
    int beam = 1;

    @Option(names = "--format", description = "table or json (default: ${DEFAULT-VALUE}).")
    EvalCommand.Format format = EvalCommand.Format.table;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    /** The split recorded for a model fitted here. */
    static final String FITTED_ON_ALL = "none (fitted on all interactions)";

    private boolean given(String option) { return spec.commandLine().getParseResult().hasMatchedOption(option); }

    @Override
    public Integer call() throws Exception {
        // A saved model carries its data spec and preprocessing; they apply unless given here, and the data must match.
        DataBinding binding = load == null ? null : DataBinding.read(load);
        if (binding != null && given("--implicit") && !implicit.equals(binding.implicit()))
            throw new IllegalArgumentException("the model in " + load + " was saved with --implicit " + binding.implicit()
                    + "; drop --implicit " + implicit + " (the saved preprocessing is applied)");
        if (binding != null && !given("--data")) data = binding.dataSpec();
        DataSpecs.LoadedData loaded = DataSpecs.load(data);
        Dataset all = loaded.given() == null ? loaded.data()
                : loaded.given().train().union("all", loaded.given().validation().targets()).union("all", loaded.given().test().targets());
        Dataset d = binding != null ? binding.reapply(all) : ExperimentRunner.preprocess(all, implicit, 0, 0);
        if (binding != null) binding.check(d, load);
        else if (load != null)
            System.err.println("genrec: warning: " + load + " has no " + DataBinding.FILE + " (saved without its data); its ids are assumed to be those of " + data);
        int u = d.userIds().indexOf(user);
        if (u < 0) throw new IllegalArgumentException("unknown user '" + user + "' in " + loaded.description()
                + " (after keeping positives: " + implicit + "); example ids: " + d.userIds().externalId(0) + ", " + d.userIds().externalId(Math.min(1, d.numUsers() - 1)));
        RecommenderRegistry registry = RecommenderRegistry.load();
        FittedRecommender m;
        if (load != null) {
            m = registry.load(load);
            if (m.numItems() != d.numItems())
                throw new IllegalArgumentException("model in " + load + " has " + m.numItems() + " items, data '" + data + "' has " + d.numItems());
        } else {
            ProgressBar bar = new ProgressBar(System.err);
            m = registry.create(model, new Params(params, "--param of model '" + model + "'"))
                    .fit(new TrainContext(d, null, seed, common.threads, common.quiet ? io.genrec.model.ProgressListener.NONE : bar, FITTED_ON_ALL));
            bar.finishLine();
        }
        if (save != null) {
            if (binding == null) binding = DataBinding.of(data, implicit,
                    new Preprocessing(ExperimentRunner.resolveThreshold(implicit, all), 0, 0, Preprocessing.DuplicatePolicy.KEEP_ALL), d, FITTED_ON_ALL);
            binding.save(m, save);
            System.err.println("genrec: saved model to " + save);
        }
        UserContext ctx = UserContext.of(d, u);
        if (continueItems != null) {
            if (!(m instanceof SequenceGenerator g))
                throw new IllegalArgumentException("--continue needs a sequence model (sasrec, gru4rec, bert4rec); '"
                        + (load != null ? load : model) + "' only ranks items");
            if (continueItems < 1 || beam < 1)
                throw new IllegalArgumentException("--continue and --beam must be >= 1, got " + continueItems + " and " + beam);
            List<SequenceGenerator.Continuation> out = g.generate(ctx, continueItems, beam, ItemFilter.excluding(ctx.history()));
            Warnings.report(m);
            printContinuations(d, out, ctx);
            return 0;
        }
        TopK top = m.recommend(ctx, k, ItemFilter.excluding(ctx.history()));
        Warnings.report(m);
        print(d, top, ctx);
        return 0;
    }

    private void printContinuations(Dataset d, List<SequenceGenerator.Continuation> out, UserContext ctx) throws Exception {
        if (format == EvalCommand.Format.json) {
            List<Map<String, Object>> beams = new ArrayList<>();
            for (var c : out) {
                List<String> items = new ArrayList<>();
                for (int i : c.items()) items.add(d.catalog().get(i).id());
                beams.add(Map.of("items", items, "logProb", c.logProb()));
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("user", user);
            doc.put("model", model);
            doc.put("historyLength", ctx.history().length);
            doc.put("continuations", beams);
            System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            return;
        }
        int[] h = ctx.history();
        System.out.printf(Locale.ROOT, "User %s, last items of %d in history:%n", user, h.length);
        for (int i = Math.max(0, h.length - 3); i < h.length; i++)
            System.out.printf(Locale.ROOT, "       %-8s %s%n", d.catalog().get(h[i]).id(), d.catalog().get(h[i]).title());
        for (int b = 0; b < out.size(); b++) {
            var c = out.get(b);
            System.out.printf(Locale.ROOT, "Continuation %d of %d by %s (log-probability %.3f):%n", b + 1, out.size(), load != null ? load : model, c.logProb());
            for (int r = 0; r < c.items().length; r++) {
                Item it = d.catalog().get(c.items()[r]);
                System.out.printf(Locale.ROOT, "%3d. %-8s %s%n", r + 1, it.id(), it.title());
            }
        }
    }

    private void print(Dataset d, TopK top, UserContext ctx) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < top.size(); r++) {
            Item it = d.catalog().get(top.items()[r]);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rank", r + 1);
            row.put("item", it.id());
            row.put("title", it.title());
            row.put("score", top.scores()[r]);
            rows.add(row);
        }
        if (format == EvalCommand.Format.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("user", user);
            doc.put("model", model);
            doc.put("historyLength", ctx.history().length);
            doc.put("recommendations", rows);
            System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            return;
        }
        System.out.printf(Locale.ROOT, "Top %d for user %s (%d items in history) by %s:%n", top.size(), user, ctx.history().length, load != null ? load : model);
        for (var row : rows)
            System.out.printf(Locale.ROOT, "%3d. %-8s %-60s %.4f%n", row.get("rank"), row.get("item"), row.get("title"), (Float) row.get("score"));
    }
}
