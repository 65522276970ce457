package io.genrec.cli;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.data.io.DataSpecs;
import io.genrec.eval.QuickValidation;
import io.genrec.model.DataBinding;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ModelArchive;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderRegistry;
import io.genrec.server.http.ApiServer;
import io.genrec.server.http.ImageSearchRoutes;
import io.genrec.server.service.EventPolicy;
import io.genrec.server.service.ModelFitter;
import io.genrec.server.service.ServingService;
import io.genrec.server.store.DatasetImporter;
import io.genrec.server.store.EventStore;
import io.genrec.server.online.ExperimentService;
import io.genrec.server.online.JdbcExperimentLog;
import io.genrec.server.service.RecommendationService;
import io.genrec.llm.embed.Encoders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** {@code genrec serve}: the HTTP API over models fitted on the event store, kept fresh by new events. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve recommendations over HTTP (JSON API under /v1, OpenAPI at /openapi.json, Prometheus at /metrics).",
                "On an empty event store the --data spec is imported first (default: the bundled MovieLens latest-small).",
                "The models are fitted on the stored events (cached between runs, like 'genrec recommend') or loaded with --load;",
                "each is served as soon as it is ready (/ready answers 200 once the first is). New events (POST /v1/events)",
                "change the next recommendations of their user at once; a retrain (POST /v1/admin/retrain, --retrain-after,",
                "--retrain-every) refits on all stored events and swaps the models without dropping a request.",
                "Off loopback an API key is required (--api-key or GENREC_API_KEY); writes then need it. SIGTERM stops gracefully."},
        footer = {"", "Examples:", "  genrec serve",
                "  curl 'http://127.0.0.1:8080/v1/users/1/recommendations?k=5'",
                "  genrec serve --port 9000 --models ease,itemknn --data-dir /tmp/genrec-data",
                "  genrec serve --load /tmp/ease-model --store sqlite:/tmp/events.db"})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8080;

    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}; anything but loopback needs --api-key).")
    String host = "127.0.0.1";

    @Mixin
    ServingOptions opts = new ServingOptions();

    @Option(names = "--api-key", paramLabel = "KEY", description = "Key required for writes and admin (default: $GENREC_API_KEY; at least 16 characters).")
    String apiKey;

    @Option(names = "--retrain-after", paramLabel = "N", description = "Retrain after N new events (default: never).")
    int retrainAfter;

    @Option(names = "--retrain-every", paramLabel = "DURATION", description = "Retrain on a schedule, e.g. PT1H or 30m (default: never).")
    String retrainEvery;

    @Option(names = "--positive-rating", paramLabel = "T", description = "Rating events count as positives from this value (default: ${DEFAULT-VALUE}).")
    float positiveRating = 4f;

    @Option(names = "--no-text", description = "Do not build the text index (search, text cold start and new items then answer 503 / popularity).")
    boolean noText;

    @Option(names = "--images", paramLabel = "DIR", description = "Item pictures (DIR/<item id>.jpg|.jpeg|.png) for POST /v1/search/image (default: no image search, 503).")
    Path images;

    @Option(names = "--image-encoder", paramLabel = "SPEC", description = "Image encoder of --images: histogram[:BINS], onnx-clip:DIR, contrastive:DIR (default: ${DEFAULT-VALUE}).")
    String imageEncoder = "histogram";

    @Option(names = "--rate-limit", paramLabel = "N", description = "Requests per second per client IP, 0 = unlimited (default: ${DEFAULT-VALUE}).")
    double rateLimit = 5000;

    @Option(names = "--max-body", paramLabel = "BYTES", description = "Largest request body (default: ${DEFAULT-VALUE}).")
    long maxBody = 1 << 20;

    @Option(names = "--results", paramLabel = "DIR", description = {"Evaluation reports ('genrec eval --output') the web page charts",
            "(default: docs/results under the working directory, if it exists)."})
    Path results;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--no-cache", description = "Fit the models even if cached ones exist, and do not cache them.")
    boolean noCache;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        // everything checkable without data is checked before the store is opened or a model fitted
        String key = apiKey != null ? apiKey : System.getenv("GENREC_API_KEY");
        if (key != null && key.isBlank()) key = null;
        ApiServer.Options http = new ApiServer.Options(host, port, key, maxBody, rateLimit);
        ApiServer.checkBinding(http);
        if (results != null && !Files.isDirectory(results)) throw new IllegalArgumentException("--results " + results + ": not a directory");
        if (images != null && !Files.isDirectory(images)) throw new IllegalArgumentException("--images " + images + ": not a directory");
        if (retrainAfter < 0) throw new IllegalArgumentException("--retrain-after must be >= 0, got " + retrainAfter);
        Duration every = retrainEvery == null ? null : duration(retrainEvery);
        try (Stack st = open()) {
            EventStore events = st.events;
            ServingService serving = st.serving;
            ApiServer api = new ApiServer(st.api, serving, http);
            Path resultsDir = results != null ? results : Files.isDirectory(Path.of("docs/results")) ? Path.of("docs/results") : null;
            if (resultsDir != null) resultsDir = resultsDir.toAbsolutePath().normalize();
            api.resultsDir(resultsDir);
            CountDownLatch stop = new CountDownLatch(1);
            AtomicInteger exit = new AtomicInteger(0);
            java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
            onSignals(stop);
            api.start();
            System.err.printf(Locale.ROOT, "genrec serve: listening on http://%s:%d (store %s%s); /ready answers 200 once a model is loaded%n",
                    host.contains(":") ? "[" + host + "]" : host, api.port(), events.describe(), key == null ? "" : "; writes need the API key");
            System.err.printf(Locale.ROOT, "genrec serve: web page at http://%s:%d/ (leaderboards: %s)%n", host.contains(":") ? "[" + host + "]" : host,
                    api.port(), resultsDir == null ? "none; --results DIR" : resultsDir);
            Thread starter = new Thread(() -> {
                try {
                    Dataset imported = startUp(events, serving, st.loaded);
                    if (images != null) startImages(api, serving);
                    if (!noText) startChat(api, imported);
                } catch (Throwable e) {
                    if (stopping.get()) return; // a fit cut short by the stop
                    System.err.println("genrec: error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    if (common.verbose) e.printStackTrace();
                    exit.set(2);
                    stop.countDown();
                }
            }, "genrec-serve-start");
            starter.setDaemon(true);
            starter.start();
            stop.await();
            stopping.set(true);
            System.err.println("genrec serve: stopping: no new connections; finishing requests in flight");
            // a model still being fitted stops at its next batch and releases its native memory
            io.genrec.model.Interruption.request();
            api.close();
            io.genrec.model.Interruption.awaitNativeIdle(GenrecCli.NATIVE_WAIT_MILLIS);
            System.err.println("genrec serve: stopped; closing the store " + events.describe());
            return exit.get();
        }
    }

    /**
     * The served stack without HTTP: the event store, the served models and the experiments in front of them
     * ({@code genrec mcp} serves the same stack over stdio). Closing it closes all three, newest first.
     */
    static final class Stack implements AutoCloseable {
        final EventStore events;
        final ServingService serving;
        final JdbcExperimentLog experiments;
        final ExperimentService api;
        final List<ServingService.LoadedModel> loaded;

        Stack(EventStore events, ServingService serving, JdbcExperimentLog experiments, List<ServingService.LoadedModel> loaded) {
            this.events = events;
            this.serving = serving;
            this.experiments = experiments;
            this.loaded = loaded;
            this.api = new ExperimentService(serving, experiments, java.time.InstantSource.system());
        }

        @Override
        public void close() {
            try (events; serving; experiments) {
                // closed in reverse order by try-with-resources
            }
        }
    }

    /** Opens the store, the served models (not yet started) and the experiment log; nothing is fitted yet. */
    Stack open() throws Exception {
        Duration every = retrainEvery == null ? null : duration(retrainEvery);
        RecommenderRegistry registry = RecommenderRegistry.load();
        Path load = opts.load;
        List<ServingService.LoadedModel> loaded = load == null ? List.of() : loadModels(registry, load);
        List<String> names = load == null ? opts.models : loaded.stream().map(ServingService.LoadedModel::name).toList();
        Map<String, Recommender> recommenders = new LinkedHashMap<>();
        Map<String, Map<String, String>> byModel = modelParams(registry, names);
        for (String name : names) {
            if (name.isBlank()) throw new IllegalArgumentException("--models has an empty name");
            if (recommenders.put(name, registry.create(name, new Params(byModel.getOrDefault(name, Map.of()), "--param of model '" + name + "'"))) != null)
                throw new IllegalArgumentException("--models names '" + name + "' twice");
        }
        String store = opts.store.store;
        Path dir = opts.store.dir();
        EventStore events = opts.store.open();
        try {
            ServingService serving = new ServingService(events, fitter(registry, recommenders),
                    new ServingService.Options(names, new EventPolicy(positiveRating), retrainAfter, every));
            // experiments live beside the events: the same PostgreSQL database, or experiments.db next to events.db
            String expUrl = store != null && store.startsWith("jdbc:postgresql:") ? store
                    : "jdbc:sqlite:" + experimentsFile(store, dir);
            return new Stack(events, serving, JdbcExperimentLog.open(expUrl), loaded);
        } catch (Exception | Error e) {
            events.close();
            throw e;
        }
    }

    private static Path experimentsFile(String store, Path dir) {
        if (store == null || store.equals("sqlite")) return dir.resolve("experiments.db");
        String path = store.startsWith("jdbc:sqlite:") ? store.substring("jdbc:sqlite:".length()) : store.substring("sqlite:".length());
        Path parent = Path.of(path).toAbsolutePath().getParent();
        return parent.resolve("experiments.db");
    }

    /** The stack {@code genrec mcp} serves: the same options as {@code serve}, started synchronously. */
    static RecommendationService forMcp(ServingOptions o, CommonOptions common) throws Exception {
        ServeCommand c = new ServeCommand();
        c.opts = o;
        c.common = common;
        Stack st = c.open();
        try {
            c.startUp(st.events, st.serving, st.loaded);
        } catch (Exception | Error e) {
            st.close();
            throw e;
        }
        return new McpStack(st);
    }

    /** The stack as a closable service for {@code genrec mcp}. */
    private record McpStack(Stack stack) implements RecommendationService, AutoCloseable {
        @Override public io.genrec.server.service.ItemList recommend(io.genrec.server.service.RecommendRequest r) { return stack.api.recommend(r); }
        @Override public io.genrec.server.service.ItemList similar(String item, int k, String model) { return stack.api.similar(item, k, model); }
        @Override public io.genrec.server.service.ItemList search(String q, int k) { return stack.api.search(q, k); }
        @Override public io.genrec.server.service.Explanation explain(String user, String item, String model) { return stack.api.explain(user, item, model); }
        @Override public io.genrec.server.store.AppendResult record(List<io.genrec.server.store.Event> events) { return stack.api.record(events); }
        @Override public List<io.genrec.server.service.ModelInfo> models() { return stack.api.models(); }
        @Override public void close() { stack.close(); }
    }

    /**
     * Imports the --data spec into an empty store, loads or fits the models, then builds the text index. Returns the
     * data set it imported (so the chat does not load it again), or null when the store already held events.
     */
    private Dataset startUp(EventStore events, ServingService serving, List<ServingService.LoadedModel> loaded) throws Exception {
        Dataset imported = null;
        if (events.count() == 0) {
            long t0 = System.nanoTime();
            DataSpecs.LoadedData d = DataSpecs.load(opts.data);
            Dataset all = d.data();
            DatasetImporter.Result r = DatasetImporter.importInto(events, all, all.name(), DatasetImporter.defaultType(all), 20_000, null);
            System.err.printf(Locale.ROOT, "genrec serve: the store was empty: imported %s (%,d events of type %s, %,d items) in %.1f s%n",
                    d.description(), r.stored(), r.type(), r.items(), (System.nanoTime() - t0) / 1e9);
            imported = all;
        } else if (!opts.data.equals(DataOptions.DEFAULT_DATA)) {
            System.err.println("genrec serve: note: the store already holds " + events.count() + " events; --data " + opts.data + " is not imported (use genrec import)");
        }
        serving.start(loaded);
        if (!noText) {
            try {
                serving.startText(Encoders.cached(Encoders.miniLm(common.threads)), io.genrec.model.ProgressListener.NONE);
            } catch (RuntimeException e) {
                // the models serve without it; say what is missing
                System.err.println("genrec serve: warning: no text index (search and text cold start answer 503 / popularity): " + e.getMessage());
            }
        }
        return imported;
    }

    /** The picture index of {@code POST /v1/search/image}; without it the server runs on and that route answers 503. */
    private void startImages(ApiServer api, ServingService serving) {
        try {
            long t0 = System.nanoTime();
            var catalog = serving.catalog().toItemCatalog();
            ImageSearchRoutes.Index ix = ImageSearchRoutes.Index.build(catalog, images, imageEncoder, io.genrec.model.ProgressListener.NONE);
            api.imageSearch(ix);
            System.err.printf(Locale.ROOT, "genrec serve: image search ready: %,d of %,d items have a picture in %s (encoder %s) in %.1f s%n",
                    ix.pictures(), catalog.size(), images, ix.encoder().modelId(), (System.nanoTime() - t0) / 1e9);
            if (ix.pictures() < catalog.size())
                System.err.printf(Locale.ROOT, "genrec serve: warning: %,d items have no picture and are never found by image search%n", catalog.size() - ix.pictures());
        } catch (RuntimeException e) {
            System.err.println("genrec serve: warning: no image search (POST /v1/search/image answers 503): " + e.getMessage());
        }
    }

    /**
     * The conversational recommender of {@code POST /v1/chat}, over the catalogue of the --data spec (the store's
     * events are not re-read: the chat's popularity and similar-item signals come from that data set). Without it the
     * server runs on and the page shows no chat panel.
     */
    private void startChat(ApiServer api, Dataset alreadyLoaded) {
        try {
            long t0 = System.nanoTime();
            Dataset d = alreadyLoaded != null ? alreadyLoaded : DataSpecs.load(opts.data).data();
            RecommenderRegistry registry = RecommenderRegistry.load();
            FittedRecommender itemknn = registry.create("itemknn", Params.empty())
                    .fit(new io.genrec.model.TrainContext(d, null, seed, common.threads, io.genrec.model.ProgressListener.NONE, CachedFit.FITTED_ON_ALL));
            api.chat(io.genrec.llm.crs.ChatSetup.build(d, itemknn, common.threads, io.genrec.model.ProgressListener.NONE));
            System.err.printf(Locale.ROOT, "genrec serve: chat ready over %s (%,d items) in %.1f s%n", opts.data, d.numItems(), (System.nanoTime() - t0) / 1e9);
        } catch (RuntimeException e) {
            System.err.println("genrec serve: warning: no chat (POST /v1/chat answers 503): " + e.getMessage());
        }
    }

    /** SIGTERM and SIGINT stop the server in order (the process then exits 0), instead of the JVM's abrupt exit. */
    @SuppressWarnings("sunapi")
    private static void onSignals(CountDownLatch stop) {
        for (String sig : List.of("TERM", "INT")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(sig), s -> stop.countDown());
            } catch (IllegalArgumentException unsupported) {
                // a platform without this signal keeps the JVM default
            }
        }
    }

    static Duration duration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) return positive(Duration.parse(t.toUpperCase(Locale.ROOT)), s);
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return positive(switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            }, s);
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--retrain-every '" + s + "': expected e.g. 90s, 30m, 6h, 1d or PT1H");
        }
    }

    private static Duration positive(Duration d, String s) {
        if (d.isNegative() || d.isZero() || d.toSeconds() < 1)
            throw new IllegalArgumentException("--retrain-every '" + s + "' must be at least 1 second");
        return d;
    }

    /** MODEL.KEY=VALUE per served model; a prefix naming a model not served is an error. */
    private Map<String, Map<String, String>> modelParams(RecommenderRegistry registry, List<String> names) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (var e : opts.params.entrySet()) {
            int dot = e.getKey().indexOf('.');
            if (dot < 0) throw new IllegalArgumentException("--param " + e.getKey() + "=" + e.getValue() + ": write MODEL.KEY=VALUE, e.g. ease.lambda=200");
            String model = e.getKey().substring(0, dot);
            if (!names.contains(model))
                throw new IllegalArgumentException("--param " + e.getKey() + " names model '" + model + "', which is not served (" + String.join(", ", names) + ")");
            if (opts.load != null) throw new IllegalArgumentException("--param cannot change a loaded model (--load " + opts.load + "); drop it");
            registry.provider(model);
            out.computeIfAbsent(model, m -> new LinkedHashMap<>()).put(e.getKey().substring(dot + 1), e.getValue());
        }
        return out;
    }

    /** A saved model, or a directory of saved models, each with its data binding (the ids it was fitted on). */
    private static List<ServingService.LoadedModel> loadModels(RecommenderRegistry registry, Path dir) throws Exception {
        List<Path> dirs = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve("model.json"))) dirs.add(dir);
        else if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> Files.isRegularFile(p.resolve("model.json"))).sorted().forEach(dirs::add);
            }
        }
        if (dirs.isEmpty()) throw new IllegalArgumentException("--load " + dir + ": not a saved model (no model.json) nor a directory of saved models");
        List<ServingService.LoadedModel> out = new ArrayList<>();
        for (Path p : dirs) {
            DataBinding b = DataBinding.read(p);
            if (b == null)
                throw new IllegalArgumentException("--load " + p + ": saved without its data binding (" + DataBinding.FILE + "), so its ids cannot be mapped to the store's; save it with 'genrec recommend --save'");
            String name = ModelArchive.readHeader(p).model();
            if (out.stream().anyMatch(m -> m.name().equals(name))) throw new IllegalArgumentException("--load " + dir + ": two saved '" + name + "' models");
            FittedRecommender m = registry.load(p);
            out.add(new ServingService.LoadedModel(name, m, IdMap.of(b.items()), IdMap.of(b.users()), p.toString()));
        }
        return out;
    }

    /**
     * Fits as {@code genrec recommend} does: from the model cache when the same data, model, config and seed were
     * fitted before (start-up only: a retrain's data is new), neural models with each user's last interaction held
     * out for early stopping, whose NDCG@10 is then the reported validation metric.
     */
    private ModelFitter fitter(RecommenderRegistry registry, Map<String, Recommender> recommenders) {
        return (name, d, initial) -> {
            Recommender recommender = recommenders.get(name);
            if (recommender == null) recommender = registry.create(name, Params.empty()); // a loaded model, refitted with defaults
            // a retrain's data is new, so only the start-up fit looks in the cache; the served data comes from the
            // event store (positives already decided by the event policy)
            CachedFit.Outcome o = CachedFit.fit(registry, recommender, d, seed, common.threads, io.genrec.model.ProgressListener.NONE,
                    !noCache && initial, "genrec serve", split -> DataBinding.of("event store (genrec serve)", "none",
                            io.genrec.data.prep.Preprocessing.NONE, d, split));
            FittedRecommender m = o.model();
            Map<String, Double> metrics = o.validation() == null ? Map.of() : Map.of("ndcg@10 (each user's last interaction, held out)",
                    QuickValidation.ndcg(m, o.validation(), 10, 1000));
            return new ModelFitter.Fitted(m, metrics);
        };
    }
}
