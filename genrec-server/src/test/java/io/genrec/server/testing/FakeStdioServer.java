package io.genrec.server.testing;

import io.genrec.server.mcp.McpServers;

/** A subprocess for stdio tests: GenRec's MCP tools over this process's stdin/stdout, backed by the fake service. */
public final class FakeStdioServer {
    public static void main(String[] args) throws Exception {
        McpServers.serveStdio(new FakeRecommendationService(), System.in, System.out);
        System.err.println("fake stdio server: stdin closed, exiting");
    }
}
