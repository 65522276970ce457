package io.genrec.cli;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.experiment.ProtocolCheck;
import io.genrec.model.Capability;
import io.genrec.model.DataBinding;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TrainContext;
import io.genrec.model.UnsupportedCapabilityException;
import io.genrec.provenance.Provenance;
import io.genrec.split.EvalSet;
import io.genrec.split.Split;
import io.genrec.split.Splitters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * How {@code recommend} and {@code serve} fit a model on all the data they have: from the {@link ModelCache} when the
 * same data, model, config and seed were fitted before; otherwise neural models (those with early stopping) train on
 * all but each user's last interaction and stop early on it, the others on everything; the result is cached with its
 * data binding.
 */
final class CachedFit {
    /** The split recorded for a model fitted on everything. */
    static final String FITTED_ON_ALL = "none (fitted on all interactions)";
    /** The split recorded for a model fitted with early stopping. */
    static final String FITTED_WITH_VALIDATION = "validation: each user's last interaction held out for early stopping; fitted on the rest";

    /**
     * @param model      the fitted or cached model
     * @param validation the held-out last interactions it stopped early on (null when fitted on all, or cached)
     * @param binding    the data binding it was (or is cached) with
     */
    record Outcome(FittedRecommender model, EvalSet validation, DataBinding binding) { }

    private CachedFit() { }

    /**
     * @param useCache   look up and store in the model cache
     * @param who        the message prefix, e.g. "genrec" or "genrec serve"
     * @param bindingFor the data binding for a split description ({@link #FITTED_ON_ALL} or {@link #FITTED_WITH_VALIDATION})
     */
    static Outcome fit(RecommenderRegistry registry, Recommender recommender, Dataset d, long seed, int threads,
                       ProgressListener listener, boolean useCache, String who, Function<String, DataBinding> bindingFor)
            throws IOException {
        boolean validation = hasEarlyStopping(Provenance.recordToMap(recommender.config()));
        DataBinding binding = bindingFor.apply(validation ? FITTED_WITH_VALIDATION : FITTED_ON_ALL);
        ModelCache cache = useCache ? ModelCache.open() : null;
        String key = null;
        if (cache != null) {
            Map<String, Object> parts = new LinkedHashMap<>();
            parts.put("data", d.contentHash());
            parts.put("model", recommender.name());
            parts.put("config", Provenance.recordToMap(recommender.config()));
            parts.put("seed", seed);
            parts.put("training", validation ? "all but each user's last interaction; early stopping on it" : "all interactions");
            key = ModelCache.key(parts, registry.provider(recommender.name()).getClass());
            Path hit = cache.lookup(key);
            if (hit != null) {
                FittedRecommender m = registry.load(hit);
                if (m.numItems() == d.numItems()) {
                    System.err.println(who + ": using cached " + recommender.name() + " model " + hit + " (--no-cache to fit afresh)");
                    return new Outcome(m, null, binding);
                }
                System.err.println(who + ": warning: cached model " + hit + " has " + m.numItems() + " items, the data " + d.numItems()
                        + "; fitting afresh");
                cache = null;
            }
        }
        System.err.println(who + ": fitting " + recommender.name() + " on " + d + (cache != null ? "; caching it in " + cache.root()
                : useCache ? " (not cached)" : " (--no-cache: not cached)"));
        TrainContext ctx;
        EvalSet held = null;
        if (validation) {
            ProtocolCheck.require("leave-one-out", List.of(recommender)); // the checks eval makes, on this split
            Split s = Splitters.create("leave-one-out", new Params(Map.of("validation", "false"), "the early-stopping split")).split(d, seed);
            ProtocolCheck.checkSplit(s, List.of(recommender), w -> System.err.println(who + ": warning: " + w));
            held = new EvalSet("validation (each user's last interaction)", s.test().history(), s.test().targets(), s.test().excluded());
            System.err.printf(Locale.ROOT, "%s: holding out %,d of %,d interactions (each user's last) as a validation set for early stopping%n",
                    who, held.targets().numInteractions(), d.numInteractions());
            ctx = new TrainContext(s.train(), held, seed, threads, listener, FITTED_WITH_VALIDATION);
        } else {
            ctx = new TrainContext(d, null, seed, threads, listener, FITTED_ON_ALL);
        }
        FittedRecommender m = recommender.fit(ctx);
        if (listener instanceof ProgressBar bar) bar.finishLine();
        if (cache != null) {
            if (m.capabilities().contains(Capability.PERSISTENCE)) {
                try {
                    Path dir = cache.store(key, m, binding);
                    SavedOutputs.record(dir);
                    System.err.println(who + ": cached " + recommender.name() + " model in " + dir);
                } catch (IOException | UnsupportedCapabilityException e) {
                    // the answer does not depend on the cache: say so and answer
                    System.err.println(who + ": warning: could not cache the model in " + cache.root() + ": " + e.getMessage());
                }
            } else {
                System.err.println(who + ": " + recommender.name() + " cannot be saved, so it is not cached; the next fit starts afresh");
            }
        }
        return new Outcome(m, held, binding);
    }

    /** Neural models (the shared training loop's config has {@code patience}) use a validation set when given one. */
    @SuppressWarnings("unchecked")
    static boolean hasEarlyStopping(Map<String, Object> config) {
        for (var e : config.entrySet()) {
            if (e.getKey().equals("patience")) return true;
            if (e.getValue() instanceof Map<?, ?> nested && hasEarlyStopping((Map<String, Object>) nested)) return true;
        }
        return false;
    }
}
