package io.genrec.cli;

import io.genrec.config.ParamInfo;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.RecommenderRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code genrec models}: the models on the class path. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List the available models.")
final class ModelsCommand implements Callable<Integer> {
    @Option(names = "--params", description = "Also list each model's parameters (--param MODEL.KEY=VALUE) with their defaults.")
    boolean params;

    @Override
    public Integer call() {
        for (RecommenderProvider p : RecommenderRegistry.load().providers().values()) {
            System.out.printf("%-10s %s%n", p.name(), p.description());
            if (params) for (ParamInfo i : p.parameters())
                System.out.printf("    %s=%s  (%s%s%s)%s%n", i.key(), i.defaultValue(), i.type(), i.range().isEmpty() ? "" : ", " + i.range(),
                        i.aliases().isEmpty() ? "" : ", deprecated: " + String.join(", ", i.aliases()), i.doc().isEmpty() ? "" : " " + i.doc());
        }
        return 0;
    }
}
