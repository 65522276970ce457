package io.genrec.server.mcp;

import io.genrec.server.service.RecommendationService;
import io.javalin.config.JavalinConfig;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.servlet.ServletHolder;

import java.util.Map;
import java.util.function.Predicate;

/**
 * Mounts the MCP tools on a Javalin server with the SDK's streamable-HTTP servlet transport, beside the REST routes
 * on the same Jetty. Call {@link #mount} inside {@code Javalin.create(config -> …)}; close the returned handle when
 * the server stops. The servlet sits outside Javalin's handlers, so Javalin's before-filters do not see MCP
 * requests: write access is decided per request by {@code mayWrite} and enforced by the {@code record_event} tool.
 */
public final class McpRoutes implements AutoCloseable {
    public static final String DEFAULT_PATH = "/mcp";
    static final String WRITE_ALLOWED = "genrec.write_allowed";

    private final McpSyncServer server;

    private McpRoutes(McpSyncServer server) {
        this.server = server;
    }

    /**
     * @param path     the MCP endpoint, e.g. {@link #DEFAULT_PATH}
     * @param mayWrite whether a request may record events (e.g. it carries a valid API key); reads are open
     */
    public static McpRoutes mount(JavalinConfig config, RecommendationService svc, String path, Predicate<HttpServletRequest> mayWrite) {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpServers.jsonMapper())
                .mcpEndpoint(path)
                .contextExtractor(req -> McpTransportContext.create(Map.of(WRITE_ALLOWED, mayWrite.test(req))))
                .build();
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo(McpServers.NAME, McpServers.version())
                .capabilities(McpServers.capabilities())
                .validateToolInputs(false)
                .tools(McpTools.tools(svc, McpServers.writeFlag()))
                .build();
        config.jetty.modifyServletContextHandler(handler -> {
            ServletHolder holder = new ServletHolder("genrec-mcp", transport);
            holder.setAsyncSupported(true); // the transport streams responses as server-sent events
            handler.addServlet(holder, path);
        });
        return new McpRoutes(server);
    }

    @Override
    public void close() {
        server.closeGracefully();
    }
}
