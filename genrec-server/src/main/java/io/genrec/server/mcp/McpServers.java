package io.genrec.server.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.server.service.RecommendationService;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

/** Builds GenRec's MCP server on the official SDK's transports: stdio here, streamable HTTP in {@link McpRoutes}. */
public final class McpServers {
    public static final String NAME = "genrec";

    private McpServers() { }

    static String version() {
        String v = McpServers.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    static JacksonMcpJsonMapper jsonMapper() {
        return new JacksonMcpJsonMapper(new ObjectMapper());
    }

    static McpSchema.ServerCapabilities capabilities() {
        return McpSchema.ServerCapabilities.builder().tools(false).build();
    }

    /**
     * Serves the tools over {@code in}/{@code out} (newline-delimited JSON-RPC) until {@code in} ends, then closes
     * the server. Over stdio the client is the local process that started us, so writes are allowed.
     * Nothing else may write to {@code out}: logs belong on stderr.
     */
    public static void serveStdio(RecommendationService svc, InputStream in, OutputStream out) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) ended.countDown();
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n;
                try {
                    n = super.read(buf, off, len);
                } catch (IOException e) {
                    ended.countDown();
                    throw e;
                }
                if (n < 0) ended.countDown();
                return n;
            }
        };
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(jsonMapper(), watched, out))
                .serverInfo(NAME, version())
                .capabilities(capabilities())
                // our handlers check every argument and answer with errors that name it in the API's words
                .validateToolInputs(false)
                .tools(McpTools.tools(svc, ctx -> true))
                .build();
        try {
            ended.await();
        } finally {
            server.closeGracefully();
        }
    }

    /** Whether a transport context marks its request as allowed to write (set by {@link McpRoutes}). */
    static Predicate<McpTransportContext> writeFlag() {
        return ctx -> Boolean.TRUE.equals(ctx.get(McpRoutes.WRITE_ALLOWED));
    }
}
