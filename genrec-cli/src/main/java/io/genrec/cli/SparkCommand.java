package io.genrec.cli;

import io.genrec.data.prep.Preprocessing;
import io.genrec.experiment.ExperimentConfig;
import io.genrec.experiment.ExperimentRunner;
import io.genrec.spark.SparkEvaluation;
import io.genrec.spark.SparkPrep;
import io.genrec.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code genrec spark}: GenRec's data preparation and evaluation on Apache Spark (docs/spark.md). */
@Command(name = "spark", mixinStandardHelpOptions = true, description = {"Data preparation and evaluation on Apache Spark (docs/spark.md).",
        "--master local[N] runs in this JVM, spark://HOST:PORT on a standalone cluster (scripts/spark-standalone.sh)."},
        subcommands = {SparkCommand.Prep.class, SparkCommand.Eval.class, SparkCommand.Embed.class})
final class SparkCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("genrec spark: give a subcommand: prep, eval or embed (genrec spark --help)");
        return 2;
    }

    /** The Spark options both subcommands take. */
    static final class SparkOptions {
        @Option(names = "--master", paramLabel = "URL", description = {"Spark master: local[2], spark://HOST:PORT, yarn, k8s://...",
                "(default: what spark-submit set, else local[2])."})
        String master;

        @Option(names = "--executor-memory", paramLabel = "SIZE", description = "spark.executor.memory, e.g. 2g (default: Spark's).")
        String executorMemory;

        SparkSession start(String app) {
            // under spark-submit the master (and the rest of the conf) is already in the system properties
            String m = master != null ? master : System.getProperty("spark.master") != null ? null : "local[2]";
            return SparkSessions.start(m, app, executorMemory);
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"'genrec eval' with every model's test evaluation spread over Spark executors: the same options and output.",
                    "Models are fitted on the driver (als-mllib on the cluster), shipped as their saved archives, and each",
                    "task ranks all items for its users; the metrics equal those of 'genrec eval' on the same split.",
                    "Distributed metrics: recall, truncrecall, precision, hit, ndcg, mrr, map, auc."},
            footer = {"", "Examples:",
                    "  genrec spark eval --master local[2] --models als,als-mllib --format json",
                    "  genrec spark eval --master spark://127.0.0.1:17077 --data parquet:/tmp/ml20m-split --models als-mllib --topk-output /tmp/topk"})
    static final class Eval extends EvalCommand {
        @Mixin SparkOptions spark;

        @Option(names = "--slices", paramLabel = "N", description = {"Spark tasks run per wave (default: 4 per core of the cluster). Users are cut into slices of at most",
                "1,000,000 history and target rows, sent N at a time, so the driver holds one wave's rows at once."})
        Integer slices;

        @Option(names = "--topk-output", paramLabel = "DIR", description = "Also write each evaluated user's top k to DIR/MODEL as Parquet (user, rank, item, score).")
        Path topKOutput;

        @Option(names = "--topk", paramLabel = "K", description = "k for --topk-output (default: ${DEFAULT-VALUE}).")
        int topK = 100;

        private SparkSession session;

        @Override
        public Integer call() throws Exception {
            try {
                return super.call();
            } finally {
                if (session != null) session.stop();
            }
        }

        @Override
        void configure(ExperimentRunner runner, ExperimentConfig cfg) {
            var evaluator = new io.genrec.eval.Evaluator(cfg.metrics(), 1, cfg.sampled(), cfg.excludeSeen());
            SparkEvaluation.requireDistributable(evaluator.metrics(), cfg.sampled() != null); // before Spark starts or anything is fitted
            session = spark.start("genrec-spark-eval");
            int n = slices != null ? slices : Math.max(2, 4 * session.sparkContext().defaultParallelism());
            runner.evaluateWith(new SparkEvaluation(session, n, topKOutput, topK, msg -> { if (!common.quiet) System.err.println("genrec: " + msg); }));
        }
    }

    @Command(name = "prep", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Preprocess and split data on Spark exactly as 'genrec eval' does (duplicates, implicit threshold,",
                    "k-core, protocol, seed) and write the split as Parquet; read it back with --data parquet:DIR."},
            footer = {"", "Example:",
                    "  genrec spark prep --master local[2] --data movielens:/data/ml-20m --implicit 4 --protocol random-holdout --output /tmp/ml20m-split"})
    static final class Prep implements Callable<Integer> {
        @Mixin SparkOptions spark;
        @Mixin DataOptions dataOptions;

        @Option(names = "--protocol", paramLabel = "P", description = "random-holdout (default), leave-one-out, temporal, strong-generalization.")
        String protocol = "random-holdout";

        @Option(names = "--protocol-param", paramLabel = "KEY=VALUE", description = "Protocol parameter, e.g. test=0.2 (repeatable).")
        Map<String, String> protocolParams = Map.of();

        @Option(names = "--k-core", paramLabel = "K", description = "Iterative k-core on users and items (default ${DEFAULT-VALUE}; 0 = off).")
        int kCore = 5;

        @Option(names = "--seed", description = "Seed of the split (default ${DEFAULT-VALUE}).")
        long seed = 42;

        @Option(names = "--output", required = true, paramLabel = "DIR", description = "New directory for the Parquet split.")
        Path output;

        @Mixin CommonOptions common;

        @Override
        public Integer call() {
            String implicit = dataOptions.implicit("auto");
            Float threshold = switch (implicit.toLowerCase(Locale.ROOT)) {
                case "none" -> null;
                case "auto" -> throw new IllegalArgumentException("genrec spark prep: give --implicit T (e.g. 4 for 1-5 ratings) or none; "
                        + "'auto' looks at all values on one machine");
                default -> Float.parseFloat(implicit);
            };
            Preprocessing prep = new Preprocessing(threshold, kCore, kCore, dataOptions.duplicates("keep"));
            SparkSession session = spark.start("genrec-spark-prep");
            try {
                long t0 = System.nanoTime();
                var r = new SparkPrep(session, msg -> { if (!common.quiet) System.err.println("genrec: " + msg); })
                        .run(dataOptions.data(DataOptions.DEFAULT_DATA), prep, protocol, protocolParams, seed, output);
                System.out.printf(Locale.ROOT, "wrote %s: %,d users, %,d items, %,d interactions; %s; %s; parts %s; %.1f s%n", r.dir(), r.users(), r.items(),
                        r.interactions(), r.preprocessing(), r.split(), r.parts(), (System.nanoTime() - t0) / 1e9);
                return 0;
            } finally {
                session.stop();
            }
        }
    }

    @Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Embed every catalogue item's text on Spark executors (each executor loads the in-process encoder once)",
                    "and write Parquet (index, item, vector) under OUT/vectors plus OUT/embedding.json (encoder, dimension, counts).",
                    "Texts are rendered exactly as the single-JVM dense model renders them; items without text get zero vectors",
                    "and are counted."},
            footer = {"", "Example:",
                    "  genrec spark embed --master local[2] --data 'sequences:DIR/user_sequence.txt?items=DIR/items.jsonl' --out /tmp/vectors"})
    static final class Embed implements Callable<Integer> {
        @Mixin SparkOptions spark;
        @Mixin DataOptions dataOptions;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "New directory for the vectors (an existing one is refused).")
        Path out;

        @Option(names = "--encoder", paramLabel = "NAME", description = "In-process text encoder (default ${DEFAULT-VALUE}).")
        String encoder = io.genrec.llm.embed.Encoders.MINILM;

        @Option(names = "--template", paramLabel = "T", description = "Item text template (default: the dense model's, ${DEFAULT-VALUE}).")
        String template = io.genrec.llm.text.ItemTextTemplate.DEFAULT_TEMPLATE;

        @Option(names = "--batch", paramLabel = "N", description = "Texts per encoder call on an executor (default ${DEFAULT-VALUE}).")
        int batch = 64;

        @Option(names = "--partitions", paramLabel = "N", description = "Spark tasks the items are cut into (default: 2 per core of the cluster).")
        Integer partitions;

        @Mixin CommonOptions common;

        @Override
        public Integer call() {
            String spec = dataOptions.data(DataOptions.DEFAULT_DATA);
            io.genrec.data.io.DataSpecs.LoadedData loaded = io.genrec.data.io.DataSpecs.load(spec);
            io.genrec.data.ItemCatalog catalog = loaded.data() != null ? loaded.data().catalog() : loaded.given().train().catalog();
            SparkSession session = spark.start("genrec-spark-embed");
            try {
                int n = partitions != null ? partitions : Math.max(2, 2 * session.sparkContext().defaultParallelism());
                var r = new io.genrec.spark.SparkEmbed(session, msg -> System.err.println("genrec: " + msg))
                        .run(catalog, io.genrec.llm.text.ItemTextTemplate.of(template), encoder, n, batch, out, spec);
                System.out.printf(Locale.ROOT, "wrote %s: %,d items (%,d without text) x %d dims with %s in %.1f s (%.0f items/s, %d partitions)%n",
                        r.dir(), r.items(), r.withoutText(), r.dimension(), r.encoder(), r.seconds(), r.items() / r.seconds(), n);
                return 0;
            } finally {
                session.stop();
            }
        }
    }
}
