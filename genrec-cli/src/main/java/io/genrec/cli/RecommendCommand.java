package io.genrec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.data.Item;
import io.genrec.data.io.DataSpecs;
import io.genrec.experiment.ExperimentRunner;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TopK;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
                "  genrec recommend --user 1 --save /tmp/ease-model   then   genrec recommend --user 1 --load /tmp/ease-model"})
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

    @Option(names = "--load", paramLabel = "DIR", description = "Load a saved model instead of fitting one.")
    Path load;

    @Option(names = "--save", paramLabel = "DIR", description = "Save the fitted model here.")
    Path save;

    @Option(names = "--format", description = "table or json (default: ${DEFAULT-VALUE}).")
    EvalCommand.Format format = EvalCommand.Format.table;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        DataSpecs.LoadedData loaded = DataSpecs.load(data);
        Dataset all = loaded.given() == null ? loaded.data()
                : loaded.given().train().union("all", loaded.given().validation().targets()).union("all", loaded.given().test().targets());
        Dataset d = ExperimentRunner.preprocess(all, implicit, 0, 0);
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
                    .fit(new TrainContext(d, null, seed, common.threads, common.quiet ? io.genrec.model.ProgressListener.NONE : bar));
            bar.finishLine();
        }
        if (save != null) {
            m.save(save);
            System.err.println("genrec: saved model to " + save);
        }
        UserContext ctx = UserContext.of(d, u);
        TopK top = m.recommend(ctx, k, ItemFilter.excluding(ctx.history()));
        Warnings.report(m);
        print(d, top, ctx);
        return 0;
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
