package io.genrec.cli;

import io.genrec.config.Params;
import io.genrec.experiment.ExperimentConfig;
import io.genrec.experiment.ExperimentRunner;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TrainContext;
import io.genrec.split.Split;
import picocli.CommandLine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code genrec bench train --data SPEC --models A,B [--epochs N] [eval options]}: fits each model once on the split
 * {@code genrec eval} would make and prints, per model, fit seconds, epochs, seconds per epoch, seconds of training-time validation, training examples per
 * second, process CPU seconds, peak heap and peak RSS, so training speed and memory are numbers every release can
 * re-measure. Models run one after another in this JVM: before each fit the heap pools' peaks and the kernel's RSS
 * high-water mark ({@code /proc/self/clear_refs}) are reset, so a row's peak RSS is the highest resident size during
 * that fit, including the JVM, the loaded data and native libraries already mapped (run one model per process for a
 * standalone number), then the full-ranking test Recall@20 and NDCG@20 of the fitted model (evaluated after the peaks
 * are read), so a faster fit can be checked for unchanged quality. Accepts every {@code genrec eval} option; {@code --epochs N} sets {@code MODEL.epochs=N} for each
 * model.
 */
public final class TrainBench {
    private TrainBench() { }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>();
        Integer epochs = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--epochs") && i + 1 < args.length) epochs = Integer.parseInt(args[++i]);
            else if (args[i].startsWith("--epochs=")) epochs = Integer.parseInt(args[i].substring("--epochs=".length()));
            else rest.add(args[i]);
        }
        EvalCommand eval = new EvalCommand();
        new CommandLine(eval).parseArgs(rest.toArray(String[]::new));
        if (eval.models == null || eval.models.isEmpty()) throw new IllegalArgumentException("bench train: give --models NAME[,NAME...]");
        if (epochs != null) {
            List<String> withEpochs = new ArrayList<>(rest);
            for (String m : eval.models) {
                if (!hasEpochs(m)) { System.err.println("genrec: --epochs: " + m + " has no epochs parameter; fitted as configured"); continue; }
                withEpochs.add("--param");
                withEpochs.add(m + ".epochs=" + epochs);
            }
            eval = new EvalCommand();
            new CommandLine(eval).parseArgs(withEpochs.toArray(String[]::new));
        }
        ExperimentConfig cfg = eval.config();
        ExperimentRunner runner = new ExperimentRunner(RecommenderRegistry.load(), ProgressListener.NONE, msg -> System.err.println("genrec: " + msg));
        long l0 = System.nanoTime();
        Split split = runner.prepare(cfg).split();
        System.err.printf("genrec: data ready in %.1f s: %s%n", (System.nanoTime() - l0) / 1e9, split.train());
        RecommenderRegistry registry = RecommenderRegistry.load();
        System.out.println("| model | epochs | fit s | s/epoch | validation s | examples/s | CPU s | peak heap MB | peak RSS MB | test recall@20 | test ndcg@20 |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String model : cfg.models()) {
            Recommender r = registry.create(model, new Params(cfg.modelParams().getOrDefault(model, Map.of()), "--param " + model));
            System.gc();
            resetPeaks();
            long cpu0 = cpuNanos(), t0 = System.nanoTime();
            FittedRecommender f = r.fit(new TrainContext(split.train(), split.validation(), cfg.seed(), cfg.threads(),
                    (stage, done, total, detail) -> { if (stage.equals("epoch")) System.err.printf("genrec: %s epoch %d/%d: %s%n", model, done, total, detail); },
                    split.description()));
            double fit = (System.nanoTime() - t0) / 1e9, cpu = (cpuNanos() - cpu0) / 1e9;
            Map<String, Double> t = f.provenance() == null ? Map.of() : f.provenance().timings();
            long heap = peakHeapMb();
            String rss = rssPeakMb();
            // after the peaks are read: the test evaluation is not part of the fit's cost
            Map<String, Double> test = new io.genrec.eval.Evaluator(List.of("recall@20", "ndcg@20"), cfg.threads())
                    .evaluate(f, split.test(), split.train(), ProgressListener.NONE).metrics();
            System.out.printf("| %s | %s | %.2f | %s | %s | %s | %.1f | %d | %s | %.4f | %.4f |%n", model, num(t.get("epochs"), "%.0f"), fit,
                    num(t.get("secondsPerEpoch"), "%.2f"), num(t.get("validationSeconds"), "%.2f"), num(t.get("examplesPerSecond"), "%.0f"), cpu, heap, rss,
                    test.get("recall@20"), test.get("ndcg@20"));
        }
        System.out.printf("load average at end: %s; %d cores; heap limit %d MB%n", loadAverage(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    }

    /** Whether {@code model} takes an {@code epochs} parameter (creating a model is cheap: it trains in fit). */
    private static boolean hasEpochs(String model) {
        Params probe = new Params(Map.of("epochs", "1"), "--epochs");
        try {
            RecommenderRegistry.load().create(model, probe);
            return true;
        } catch (IllegalArgumentException e) {
            if (probe.wasRead("epochs")) throw e;
            return false;
        }
    }

    private static String num(Double v, String fmt) { return v == null ? "-" : String.format(fmt, v); }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // resets VmHWM to the current RSS
        } catch (IOException | UnsupportedOperationException e) {
            System.err.println("genrec: cannot reset the RSS high-water mark (" + e.getMessage() + "); peak RSS is the process peak so far");
        }
    }

    /** Sum of the heap pools' peaks since the reset (an upper bound: pools peak at different moments). */
    private static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) sum += p.getPeakUsage().getUsed();
        return sum >> 20;
    }

    /** VmHWM of /proc/self/status in MB, or "n/a" off Linux. */
    private static String rssPeakMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("VmHWM:")) return Long.toString(Long.parseLong(line.replaceAll("\\D", "")) >> 10);
        } catch (IOException e) {
            return "n/a";
        }
        return "n/a";
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
