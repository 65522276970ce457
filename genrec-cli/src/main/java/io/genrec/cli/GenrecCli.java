package io.genrec.cli;

import io.genrec.data.DataFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/** Entry point of the {@code genrec} command. Errors: one line on stderr, exit 2; the stack trace only with --verbose. */
@Command(name = "genrec", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train, evaluate and serve generative recommenders from one JVM.",
        subcommands = {ServeCommand.class, EvalCommand.class, SparkCommand.class, ReportCommand.class, AttackCommand.class, SimulateCommand.class, RecommendCommand.class, SearchCommand.class, ExplainCommand.class, DataCommand.class, ModelsCommand.class, BenchCommand.class, ImportCommand.class, McpCommand.class, PerturbCommand.class, AuditLlmCommand.class, MultimodalCommand.class, EvalCrsCommand.class, ChatCommand.class,
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
        Runtime.getRuntime().addShutdownHook(new Thread(GenrecCli::onShutdown, "genrec-shutdown"));
        int code = commandLine().execute(args);
        finished = true;
        System.exit(code);
    }

    /** Set when the command returned; a shutdown before that is an interruption (SIGINT, SIGTERM). */
    private static volatile boolean finished;

    /** How long an interrupted process waits for running native work (a training batch, a matrix inverse). */
    static final long NATIVE_WAIT_MILLIS = 30_000;

    /**
     * On SIGINT/SIGTERM: asks running work to stop at its next safe point and waits (bounded) until native memory is
     * closed, then says in one line what happened; the JVM then exits with 130 (SIGINT) or 143 (SIGTERM).
     */
    private static void onShutdown() {
        if (finished) return;
        io.genrec.model.Interruption.request();
        // on a terminal the progress bar's line may be open (no newline yet)
        String nl = System.console() != null ? "\n" : "";
        boolean idle;
        try {
            idle = io.genrec.model.Interruption.awaitNativeIdle(1000);
            if (!idle) {
                // a long native call (EASE's matrix inverse) cannot be cut short; say why the exit takes a while
                System.err.println(nl + "genrec: stopping once the running native computation ends (at most " + NATIVE_WAIT_MILLIS / 1000 + " s)");
                nl = "";
                idle = io.genrec.model.Interruption.awaitNativeIdle(NATIVE_WAIT_MILLIS - 1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = false;
        }
        String saved = SavedOutputs.summary();
        System.err.println(nl + (idle ? "genrec: interrupted; " + saved
                : "genrec: interrupted; native work did not stop within " + NATIVE_WAIT_MILLIS / 1000 + " s, exiting anyway; " + saved));
        System.err.flush();
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
        cl.setParameterExceptionHandler(GenrecCli::handleParse);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /**
     * A command-line mistake (unknown option, bad value, missing parameter): two lines, the error and what to do
     * (a did-you-mean suggestion when picocli has one, and where the help is), never the whole usage text.
     */
    private static int handleParse(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("genrec: " + e.getMessage());
        String help = "Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the options.";
        List<String> suggestions = e instanceof CommandLine.UnmatchedArgumentException u ? u.getSuggestions() : List.of();
        err.println(suggestions.isEmpty() ? help
                : "Did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "? " + help);
        err.flush();
        return 2;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean verbose = parsed.hasMatchedOption("--verbose")
                || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
        Throwable t = e;
        while ((t instanceof java.util.concurrent.ExecutionException || t instanceof java.util.concurrent.CompletionException
                || t instanceof java.io.UncheckedIOException) && t.getCause() != null) t = t.getCause();
        if (t instanceof io.genrec.model.Interruption.StoppedException) return 130; // the shutdown hook says what happened
        String kind = t instanceof DataFormatException ? "bad input" : t instanceof IllegalArgumentException ? "invalid argument" : t.getClass().getSimpleName();
        err.println("genrec: " + kind + ": " + t.getMessage());
        if (verbose) t.printStackTrace(err);
        else err.println("(run with --verbose for the stack trace)");
        err.flush();
        return 2;
    }
}
