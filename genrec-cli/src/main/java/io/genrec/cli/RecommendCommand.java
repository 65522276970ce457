package io.genrec.cli;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.data.io.DataSpecs;
import io.genrec.data.prep.Preprocessing;
import io.genrec.experiment.ExperimentRunner;
import io.genrec.model.DataBinding;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.ModelArchive;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.SequenceGenerator;
import io.genrec.model.TopK;
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

/** {@code genrec recommend}: top-k items for one user, from a model fitted on the data (cached between runs) or loaded. */
@Command(name = "recommend", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Recommend items for one user from a model fitted on the data (or loaded with --load).",
                "Items the user already has are never recommended. Every option is checked before any fitting. A fitted",
                "model is cached (GENREC_CACHE_DIR, default ~/.genrec/cache/models), so the next call with the same data,",
                "model and parameters loads it instead of fitting; --no-cache fits afresh. Neural models hold out each user's",
                "last interaction as a validation set for early stopping."},
        footer = {"", "Examples:", "  genrec recommend --user 1", "  genrec recommend --user 42 --model itemknn --k 20 --format json",
                "  genrec recommend --user 1 --save /tmp/ease-model   then   genrec recommend --user 1 --load /tmp/ease-model",
                "  genrec recommend --user 1 --model sasrec --param sasrec.loss=ce --continue 5 --beam 4"})
final class RecommendCommand implements Callable<Integer> {
    /** Overrides GENREC_CACHE_DIR (tests use it to keep the user's cache untouched). */
    static final String CACHE_DIR_PROPERTY = "genrec.cache.dir";

    @Option(names = "--param", paramLabel = "MODEL.KEY=VALUE", description = "Model hyperparameter, e.g. ease.lambda=200 (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Mixin
    UserRequestOptions request;

    @Option(names = "--k", description = "How many items (default: ${DEFAULT-VALUE}).")
    int k = 10;

    @Option(names = "--load", paramLabel = "DIR", description = {"Load a saved model instead of fitting one; its data and",
            "preprocessing apply, and the data must be the data it was fitted on."})
    Path load;

    @Option(names = "--save", paramLabel = "DIR", description = "Save the fitted model here.")
    Path save;

    @Option(names = "--no-cache", description = "Fit the model even if a cached one exists, and do not cache it.")
    boolean noCache;

    @Option(names = "--continue", paramLabel = "N", description = {"Sequence models: write the user's next N items",
            "auto-regressively (each chosen item is fed back) instead of one ranking."})
    Integer continueItems;

    @Option(names = "--beam", paramLabel = "B", description = "Beam width for --continue; 1 = greedy (default: ${DEFAULT-VALUE}).")
    int beam = 1;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        // A saved model carries its data spec and preprocessing; they apply unless given here, and the data must match.
        DataBinding binding = load == null ? null : DataBinding.read(load);
        if (binding != null && request.data.implicit != null && !request.data.implicit.equals(binding.implicit()))
            throw new IllegalArgumentException("the model in " + load + " was saved with --implicit " + binding.implicit()
                    + "; drop --implicit " + request.data.implicit + " (the saved preprocessing is applied)");
        if (binding != null && request.data.duplicates != null && request.data.duplicates(null) != binding.preprocessing().duplicates())
            throw new IllegalArgumentException("the model in " + load + " was saved with --duplicates " + binding.preprocessing().duplicates().key()
                    + "; drop --duplicates " + request.data.duplicates + " (the saved preprocessing is applied)");
        String data = binding != null ? request.data.data(binding.dataSpec()) : request.data.data(DataOptions.DEFAULT_DATA);
        String implicit = binding != null ? binding.implicit() : request.data.implicit("auto");
        Preprocessing.DuplicatePolicy duplicates = request.data.duplicates("keep"); // a bad value fails here, before any loading
        // Everything that can be checked without the data is checked first, then the user against the data: a bad
        // value must fail in a second, not after minutes of fitting.
        if (k < 1) throw new IllegalArgumentException("--k must be >= 1, got " + k);
        if (continueItems != null && continueItems < 1) throw new IllegalArgumentException("--continue must be >= 1, got " + continueItems);
        if (beam < 1) throw new IllegalArgumentException("--beam must be >= 1, got " + beam);
        if (beam != 1 && continueItems == null) throw new IllegalArgumentException("--beam " + beam + " needs --continue N");
        if (save != null) checkSaveTarget(save);
        RecommenderRegistry registry = RecommenderRegistry.load();
        Recommender recommender = null;
        String modelName;
        if (load != null) {
            if (!params.isEmpty()) throw new IllegalArgumentException("--param cannot change a loaded model (--load " + load + "); drop it");
            modelName = ModelArchive.readHeader(load).model();
        } else {
            modelName = request.model;
            recommender = registry.create(request.model, new Params(modelParams(registry), "--param of model '" + request.model + "'"));
        }
        if (continueItems != null) {
            Recommender r = recommender != null ? recommender : registry.create(modelName, Params.empty());
            if (!r.capabilities().contains(Capability.SEQUENTIAL))
                throw new IllegalArgumentException("--continue needs a sequence model (" + String.join(", ", sequenceModels(registry))
                        + "); '" + (load != null ? load : modelName) + "' only ranks items");
        }

        DataSpecs.LoadedData loaded = DataSpecs.load(data);
        Dataset all = loaded.given() == null ? loaded.data()
                : loaded.given().train().union("all", loaded.given().validation().targets()).union("all", loaded.given().test().targets());
        Dataset d = binding != null ? binding.reapply(all) : ExperimentRunner.preprocess(all, implicit, 0, 0, duplicates);
        if (binding != null) binding.check(d, load);
        else if (load != null)
            System.err.println("genrec: warning: " + load + " has no " + DataBinding.FILE + " (saved without its data); its ids are assumed to be those of " + data);
        int u = d.userIds().indexOf(request.user);
        if (u < 0) throw new IllegalArgumentException("unknown user '" + request.user + "' in " + loaded.description()
                + " (after keeping positives: " + implicit + "); example ids: " + d.userIds().externalId(0) + ", " + d.userIds().externalId(Math.min(1, d.numUsers() - 1)));

        FittedRecommender m;
        if (load != null) {
            m = registry.load(load);
            if (m.numItems() != d.numItems())
                throw new IllegalArgumentException("model in " + load + " has " + m.numItems() + " items, data '" + data + "' has " + d.numItems());
        } else {
            Preprocessing prep = new Preprocessing(ExperimentRunner.resolveThreshold(implicit, all), 0, 0, duplicates);
            String spec = data;
            CachedFit.Outcome o = CachedFit.fit(registry, recommender, d, request.seed, common.threads,
                    common.quiet ? io.genrec.model.ProgressListener.NONE : new ProgressBar(System.err), !noCache, "genrec",
                    fittedOn -> DataBinding.of(spec, implicit, prep, d, fittedOn));
            m = o.model();
            binding = o.binding();
        }
        if (save != null) {
            binding.save(m, save);
            SavedOutputs.record(save);
            System.err.println("genrec: saved model to " + save);
        }
        UserContext ctx = UserContext.of(d, u);
        String by = load != null ? load.toString() : modelName;
        if (continueItems != null) {
            if (!(m instanceof SequenceGenerator g))
                throw new IllegalArgumentException("--continue needs a sequence model; '" + by + "' only ranks items");
            List<SequenceGenerator.Continuation> out = g.generate(ctx, continueItems, beam, ItemFilter.excluding(ctx.history()));
            Warnings.report(m);
            printContinuations(d, out, ctx, modelName, by);
            return 0;
        }
        TopK top = m.recommend(ctx, k, ItemFilter.excluding(ctx.history()));
        Warnings.report(m);
        List<ItemListOutput.Row> rows = new ArrayList<>();
        for (int r = 0; r < top.size(); r++) rows.add(ItemListOutput.Row.of(r + 1, d.catalog().get(top.items()[r]), top.scores()[r]));
        if (request.format == EvalCommand.Format.json) {
            System.out.println(ItemListOutput.json(header(modelName, ctx), "recommendations", rows));
        } else {
            System.out.printf(Locale.ROOT, "Top %d for user %s (%d items in history) by %s:%n", top.size(), request.user, ctx.history().length, by);
            ItemListOutput.printTable(System.out, rows);
        }
        return 0;
    }

    /** A --save target must be new, empty, or a saved model: anything else is the user's, and fitting first would waste the fit. */
    private static void checkSaveTarget(Path dir) throws java.io.IOException {
        if (!java.nio.file.Files.exists(dir) || java.nio.file.Files.isRegularFile(dir.resolve("model.json"))) return;
        if (java.nio.file.Files.isDirectory(dir)) {
            try (var s = java.nio.file.Files.list(dir)) {
                if (s.findAny().isEmpty()) return;
            }
        }
        throw new IllegalArgumentException("--save " + dir + ": exists and is not a saved GenRec model (no model.json); refusing to"
                + " replace it, choose a new directory");
    }

    /**
     * {@code --param MODEL.KEY=VALUE} as everywhere else; the old {@code KEY=VALUE} still works for the one model
     * chosen here, with a deprecation warning. A prefix naming another model is an error, not silently ignored.
     */
    private Map<String, String> modelParams(RecommenderRegistry registry) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : params.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            if (dot < 0) {
                System.err.println("genrec: warning: --param " + key + "=" + e.getValue() + " is deprecated; write --param "
                        + request.model + "." + key + "=" + e.getValue());
                out.put(key, e.getValue());
                continue;
            }
            String prefix = key.substring(0, dot);
            if (!prefix.equals(request.model)) {
                String what = registry.providers().containsKey(prefix) ? "names model '" + prefix + "'" : "names unknown model '" + prefix + "'";
                throw new IllegalArgumentException("--param " + key + "=" + e.getValue() + " " + what + ", but --model is '" + request.model
                        + "'; write --param " + request.model + "." + key.substring(dot + 1) + "=" + e.getValue());
            }
            out.put(key.substring(dot + 1), e.getValue());
        }
        return out;
    }

    private static List<String> sequenceModels(RecommenderRegistry registry) {
        List<String> out = new ArrayList<>();
        for (String name : registry.providers().keySet())
            if (registry.create(name, Params.empty()).capabilities().contains(Capability.SEQUENTIAL)) out.add(name);
        return out;
    }

    private Map<String, Object> header(String modelName, UserContext ctx) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("user", request.user);
        h.put("model", load != null ? load.toString() : modelName);
        h.put("historyLength", ctx.history().length);
        return h;
    }

    private void printContinuations(Dataset d, List<SequenceGenerator.Continuation> out, UserContext ctx, String modelName, String by) {
        List<List<ItemListOutput.Row>> beams = new ArrayList<>();
        for (var c : out) {
            List<ItemListOutput.Row> rows = new ArrayList<>();
            // a continuation has one log-probability, not a score per item
            for (int r = 0; r < c.items().length; r++) rows.add(ItemListOutput.Row.of(r + 1, d.catalog().get(c.items()[r]), null));
            beams.add(rows);
        }
        if (request.format == EvalCommand.Format.json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (int b = 0; b < out.size(); b++) {
                Map<String, Object> beamDoc = new LinkedHashMap<>();
                beamDoc.put("rank", b + 1);
                beamDoc.put("logProb", out.get(b).logProb());
                beamDoc.put("items", ItemListOutput.maps(beams.get(b)));
                list.add(beamDoc);
            }
            Map<String, Object> doc = header(modelName, ctx);
            doc.put("continuations", list);
            System.out.println(ItemListOutput.json(doc));
            return;
        }
        int[] h = ctx.history();
        System.out.printf(Locale.ROOT, "User %s, last items of %d in history:%n", request.user, h.length);
        for (int i = Math.max(0, h.length - 3); i < h.length; i++)
            System.out.printf(Locale.ROOT, "       %-8s %s%n", d.catalog().get(h[i]).id(), d.catalog().get(h[i]).title());
        for (int b = 0; b < out.size(); b++) {
            System.out.printf(Locale.ROOT, "Continuation %d of %d by %s (log-probability %.3f):%n", b + 1, out.size(), by, out.get(b).logProb());
            ItemListOutput.printTable(System.out, beams.get(b));
        }
    }
}
