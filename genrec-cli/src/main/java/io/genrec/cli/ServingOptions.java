package io.genrec.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a running GenRec serves: the options {@code genrec mcp} shares with {@code genrec serve} (a picocli mixin, so
 * the two cannot drift apart).
 */
public final class ServingOptions {
    @Option(names = "--data", paramLabel = "SPEC", description = "Data imported into an empty store (default: ${DEFAULT-VALUE}).")
    public String data = DataOptions.DEFAULT_DATA;

    @Option(names = "--models", paramLabel = "A,B", split = ",", hideParamSyntax = true, description = "Models to fit and serve; the first is the default (default: ease,sasrec).")
    public List<String> models = new ArrayList<>(List.of("ease", "sasrec"));

    @Option(names = "--param", paramLabel = "MODEL.KEY=VALUE", description = "Model hyperparameter, e.g. ease.lambda=200 (repeatable).")
    public Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--load", paramLabel = "DIR", description = {"Serve saved models instead of fitting: a model saved with",
            "'genrec recommend --save', or a directory of them."})
    public Path load;

    @Mixin
    public StoreOptions store = new StoreOptions();

    @Override
    public String toString() {
        return "data=" + data + " models=" + models + " load=" + load + " " + store;
    }
}
