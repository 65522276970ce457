package io.genrec.cli;

import io.genrec.cli.report.ReportBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code genrec report}: one self-contained HTML page over eval results. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write one self-contained HTML report over eval results.",
                "Reads the results.json of 'genrec eval --output DIR' (or of every such directory under DIR) and writes one",
                "page with no external files (works offline): a scenarios x metrics table by category (accuracy, beyond",
                "accuracy, fairness, robustness, efficiency, text quality), plots as inline SVG, and the provenance of every number."},
        footer = {"", "Examples:",
                "  genrec eval --data movielens:../shared/data/ml-100k --groups gender,age --harm --output runs/ml100k",
                "  genrec report --input runs/ml100k --output report.html",
                "  genrec report --input runs --output all.html   # every results.json under runs/"})
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "An eval --output directory, or a folder of them.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE.html", description = "The HTML file to write (atomically).")
    Path output;

    @Option(names = "--overwrite", description = "Replace --output if it exists (otherwise refused).")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(output) && !overwrite)
            throw new IllegalArgumentException("--output " + output + " exists; add --overwrite to replace it, or choose another file");
        Path written = ReportBuilder.write(input, output);
        System.err.println("genrec: wrote " + written);
        return 0;
    }
}
