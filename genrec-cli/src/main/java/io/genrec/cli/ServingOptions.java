package io.genrec.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/**
 * What a running GenRec serves: the options {@code genrec mcp} shares with {@code genrec serve} (a picocli mixin, so
 * the two cannot drift apart).
 */
public final class ServingOptions {
    @Option(names = "--data", paramLabel = "SPEC", description = "Data spec imported into the event store on first start (default: ${DEFAULT-VALUE}).")
    public String data = "ml-latest-small";

    @Option(names = "--models", paramLabel = "A,B", split = ",", hideParamSyntax = true, description = "Models to fit and serve (default: ease,sasrec).")
    public List<String> models = List.of("ease", "sasrec");

    @Option(names = "--load", paramLabel = "DIR", description = "Serve saved model archives from DIR instead of fitting.")
    public Path load;

    @Option(names = "--store", paramLabel = "URL", description = "Event store: sqlite (default, under the data directory),"
            + " sqlite:/path/events.db or jdbc:postgresql://host:port/db?user=U&password=P.")
    public String store;

    @Override
    public String toString() {
        return "data=" + data + " models=" + models + " load=" + load + " store=" + store;
    }
}
