package io.genrec.cli;

import io.genrec.server.testing.FakeRecommendationService;

/** {@code genrec mcp} in a subprocess with the fake service wired in where the serving stack plugs its factory. */
public final class FakeMcpCli {
    public static void main(String[] args) {
        McpCommand.serviceFactory = opts -> {
            System.err.println("mcp options: " + opts);
            System.out.println("a library printing to stdout while the service starts");
            return new FakeRecommendationService();
        };
        GenrecCli.main(args);
    }
}
