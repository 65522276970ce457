package io.genrec.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code genrec bench}: the benchmarks behind the numbers in {@code docs/results/}, runnable as users run GenRec
 * (they live in the modules' main sources, not in test code). Each takes its own positional arguments; JVM options
 * such as {@code -Xmx} or {@code -Dgenrec.benchmark.save=DIR} go in {@code GENREC_JAVA_OPTS}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run a benchmark behind docs/results/ (no NAME: list them).",
                "Arguments after NAME go to the benchmark; put '--' before any that start with '-'."})
final class BenchCommand implements Callable<Integer> {
    /** A benchmark: its entry point, argument synopsis and the result files it produced. */
    record Bench(String usage, String results, Main main) { }

    @FunctionalInterface
    interface Main { void run(String[] args) throws Exception; }

    static final Map<String, Bench> BENCHMARKS = new LinkedHashMap<>();
    static {
        BENCHMARKS.put("train", new Bench("--data SPEC --models A,B [--epochs N] [genrec eval options]",
                "training-speed.md", TrainBench::main));
        BENCHMARKS.put("neural", new Bench("DATA_DIR MODEL SEED [key=value ...]",
                "ml-1m-diffrec-neural.md, diffrec-scoring-speed.md", io.genrec.models.NeuralBenchmark::main));
        BENCHMARKS.put("diffrec-speed", new Bench("DATA_DIR MODEL_DIR [STEPS,...|-] [USERS] [accuracy|latency]",
                "diffrec-scoring-speed.md", io.genrec.models.diffusion.DiffRecSpeedBenchmark::main));
        BENCHMARKS.put("flowcf-steps", new Bench("DATA_DIR MODEL_DIR STEPS,... [USERS]", "ml-1m-diffrec-flowcf.md", io.genrec.models.flow.FlowCfStepsBenchmark::main));
        BENCHMARKS.put("listcvae", new Bench("DATA_DIR SEED [key=value ...]",
                "ml-1m-diffrec-listcvae.md", io.genrec.models.slate.ListCvaeBenchmark::main));
        BENCHMARKS.put("gfn4rec", new Bench("DATA_DIR SEED [key=value ...]", "ml-1m-diffrec-listcvae.md", io.genrec.models.slate.Gfn4RecBenchmark::main));
        BENCHMARKS.put("baselines", new Bench("[DATA_DIR] [THREADS] [SEED] [VARIANTS]",
                "baselines-speed.md", io.genrec.models.baseline.BaselineBenchmark::main));
        BENCHMARKS.put("sequence", new Bench("SEQUENCES|MOVIELENS_DIR|sequences:FILE?items=ITEMS|lcrec:DIR RESULTS.md MODEL [key=value ...]",
                "beauty-loo-sequential.md, sports-toys-loo-sequential.md, irgan-negatives.md, tiger.md",
                io.genrec.models.sequential.SequenceBenchmark::main));
        BENCHMARKS.put("semantic-ids", new Bench("DATA_SPEC [LEVELS] [CODES] [ITERATIONS] [SAMPLE] [SEED] [rqkmeans|rqvae] [key=value ...]", "tiger.md",
                io.genrec.models.semanticid.SemanticIdReport::main));
        BENCHMARKS.put("sasrec-same-seed", new Bench("repeat N DROPOUT PRESSURE | speed | masks N | scalar N",
                "sasrec-same-seed.md", io.genrec.models.sequential.SasRecSameSeedBenchmark::main));
        BENCHMARKS.put("evaluator", new Bench("[REPS] [SEED] [METRICS]", "evaluator-speed.md",
                io.genrec.eval.EvaluatorBenchmark::main));
        BENCHMARKS.put("auc-pairs", new Bench("", "evaluator-speed.md", io.genrec.eval.AucPairCountBenchmark::main));
        BENCHMARKS.put("load-memory", new Bench("[DIR] [ROWS] [SEED]", "data-loading.md",
                io.genrec.data.io.LoadMemoryBenchmark::main));
        BENCHMARKS.put("vector-index", new Bench("[OUT.md] [N] [DIM]", "ann-index.md",
                io.genrec.llm.index.VectorIndexBenchmark::main));
        BENCHMARKS.put("dense-search", new Bench("[OUT.md] [LIMIT]", "dense-search-examples.md",
                io.genrec.llm.dense.DenseSearchExamples::main));
        BENCHMARKS.put("load", new Bench("url=URL model=M users=N [rate=1000] [duration=20] [events=0 items=N] [key=value ...]",
                "serving-load.md", io.genrec.server.load.FixedRateLoad::main));
        BENCHMARKS.put("title-grounding", new Bench("", "llm-title-grounding.md",
                io.genrec.llm.guard.TitleGroundingBenchmark::main));
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The benchmark; omit to list them.")
    String name;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "The benchmark's own arguments.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (name == null) {
            System.out.println("Benchmarks (./genrec bench NAME ARGS...; results in docs/results/):");
            BENCHMARKS.forEach((n, b) -> System.out.printf("  %-17s %s%n  %-17s   -> %s%n", n, b.usage(), "", b.results()));
            return 0;
        }
        Bench b = BENCHMARKS.get(name);
        if (b == null)
            throw new IllegalArgumentException("unknown benchmark '" + name + "'; known: " + String.join(", ", BENCHMARKS.keySet()));
        b.main().run(args.toArray(String[]::new));
        return 0;
    }
}
