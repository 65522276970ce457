package io.genrec.cli;

import io.genrec.server.mcp.McpServers;
import io.genrec.server.service.RecommendationService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code genrec mcp}: GenRec's tools for LLM agents over the Model Context Protocol on stdin/stdout. An agent host
 * starts it as a subprocess; the tools are the ones {@code genrec serve} also offers at {@code /mcp}.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve GenRec's tools to an LLM agent over MCP on stdin/stdout.",
                "Tools: recommend, similar_items, search, explain, record_event.",
                "The models are those 'genrec serve' serves with the same options.",
                "stdout carries only protocol messages; logs and progress go to stderr.",
                "The server ends when stdin closes."},
        footer = {"", "Example (an agent host's server entry):", "  {\"command\": \"./genrec\", \"args\": [\"mcp\", \"--models\", \"ease\"]}"})
public final class McpCommand implements Callable<Integer> {
    /**
     * Builds the served {@link RecommendationService} from the serving options; null (the default) builds the stack
     * {@code genrec serve} serves. Tests set a fake here.
     */
    public static volatile Function<ServingOptions, RecommendationService> serviceFactory;

    @Mixin
    ServingOptions serving;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Function<ServingOptions, RecommendationService> factory = serviceFactory;
        // Whatever loading or fitting prints must not corrupt the protocol stream: until the server runs, stdout is stderr.
        PrintStream protocolOut = System.out;
        System.setOut(System.err);
        RecommendationService svc = factory != null ? factory.apply(serving) : ServeCommand.forMcp(serving, common);
        try {
            McpServers.serveStdio(svc, System.in, protocolOut);
        } finally {
            System.setOut(protocolOut);
            if (svc instanceof AutoCloseable c) c.close();
        }
        return 0;
    }
}
