package io.genrec.cli;

import io.genrec.data.DataFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** Entry point of the {@code genrec} command. Errors: one line on stderr, exit 2; the stack trace only with --verbose. */
@Command(name = "genrec", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train, evaluate and serve generative recommenders from one JVM.",
        subcommands = {EvalCommand.class, RecommendCommand.class, SearchCommand.class, ExplainCommand.class, DataCommand.class, ModelsCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Run 'genrec COMMAND --help' for a command's options. Logs and progress go to stderr."})
public final class GenrecCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Held strongly: java.util.logging keeps loggers weakly, so a level set on a logger nobody references is lost
     * at the next GC and Lucene's Vector API probe came back at INFO.
     */
    private static final java.util.logging.Logger LUCENE_LOG = java.util.logging.Logger.getLogger("org.apache.lucene");

    public static void main(String[] args) {
        quietLibraries();
        System.exit(commandLine().execute(args));
    }

    /**
     * Keeps stderr for GenRec's own messages: DJL, LangChain4j and ONNX runtime log through slf4j-simple at INFO by
     * default, Lucene through java.util.logging. Also done by the launcher's -D flags; here so that running the main
     * class directly is quiet too. A level the user set explicitly (-D...) wins.
     */
    static void quietLibraries() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        // CUDA probing on a CPU-only machine warns on every engine start; it says nothing a user can act on.
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils",
                System.getProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error"));
        LUCENE_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new GenrecCli());
        cl.setExecutionExceptionHandler(GenrecCli::handle);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean verbose = parsed.hasMatchedOption("--verbose")
                || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
        Throwable t = e;
        while ((t instanceof java.util.concurrent.ExecutionException || t instanceof java.util.concurrent.CompletionException
                || t instanceof java.io.UncheckedIOException) && t.getCause() != null) t = t.getCause();
        String kind = t instanceof DataFormatException ? "bad input" : t instanceof IllegalArgumentException ? "invalid argument" : t.getClass().getSimpleName();
        err.println("genrec: " + kind + ": " + t.getMessage());
        if (verbose) t.printStackTrace(err);
        else err.println("(run with --verbose for the stack trace)");
        err.flush();
        return 2;
    }
}
