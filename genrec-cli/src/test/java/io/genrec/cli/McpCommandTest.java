package io.genrec.cli;

import io.genrec.server.testing.McpToolChecks;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

class McpCommandTest {
    @Test
    void stdioWiringWithTheSdkClient() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters params = ServerParameters.builder(java).args("-Xmx256m", "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), FakeMcpCli.class.getName(),
                "mcp", "--data", "csv:/tmp/none.csv", "--models", "ease,pop", "--store", "sqlite:/tmp/x.db").build();
        StdioClientTransport transport = new StdioClientTransport(params, new JacksonMcpJsonMapper(new com.fasterxml.jackson.databind.ObjectMapper()));
        List<String> stderr = new CopyOnWriteArrayList<>();
        transport.setStdErrorHandler(stderr::add);
        Duration timeout = Duration.ofSeconds(30);
        try (McpSyncClient client = McpClient.sync(transport).requestTimeout(timeout).initializationTimeout(timeout).build()) {
            assertEquals("genrec", client.initialize().serverInfo().name());
            McpToolChecks.exercise(client, true);
        }
        assertTrue(stderr.contains("mcp options: data=csv:/tmp/none.csv models=[ease, pop] load=null store=sqlite:/tmp/x.db"),
                "the serving options reach the factory: " + stderr);
        assertTrue(stderr.contains("a library printing to stdout while the service starts"),
                "output printed while the service starts goes to stderr, not into the protocol stream: " + stderr);
    }

    @Test
    void theRealStackRefusesAnUnknownModelBeforeOpeningAnything() {
        java.util.function.Function<ServingOptions, io.genrec.server.service.RecommendationService> saved = McpCommand.serviceFactory;
        McpCommand.serviceFactory = null; // the stack 'genrec serve' serves
        try {
            CliTest.Run r = CliTest.run("mcp", "--models", "nosuchmodel", "--store", "sqlite:/nonexistent-genrec-dir/events.db");
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains("nosuchmodel"), r.err());
            assertEquals("", r.out(), "nothing on stdout (it belongs to the protocol)");
        } finally {
            McpCommand.serviceFactory = saved;
        }
    }
}
