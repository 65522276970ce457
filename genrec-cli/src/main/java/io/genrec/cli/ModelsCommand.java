package io.genrec.cli;

import io.genrec.model.RecommenderProvider;
import io.genrec.model.RecommenderRegistry;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code genrec models}: the models on the class path. */
@Command(name = "models", mixinStandardHelpOptions = true, description = {"List the available models and whether a fitted one",
        "can be saved (eval --output, recommend --save)."})
final class ModelsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (RecommenderProvider p : RecommenderRegistry.load().providers().values())
            System.out.printf("%-10s %s (savable: %s)%n", p.name(), p.description(), p.savable() ? "yes" : "no");
        return 0;
    }
}
