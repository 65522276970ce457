package io.genrec.cli;

import io.genrec.model.RecommenderProvider;
import io.genrec.model.RecommenderRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code genrec models}: the models on the class path. */
@Command(name = "models", mixinStandardHelpOptions = true, description = {"List the available models and whether a fitted one",
        "can be saved (eval --output, recommend --save)."})
final class ModelsCommand implements Callable<Integer> {
    @Option(names = "--format", description = "table or json (default: ${DEFAULT-VALUE}).")
    EvalCommand.Format format = EvalCommand.Format.table;

    @Override
    public Integer call() {
        if (format == EvalCommand.Format.json) {
            List<Map<String, Object>> models = new ArrayList<>();
            for (RecommenderProvider p : RecommenderRegistry.load().providers().values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", p.name());
                m.put("description", p.description());
                models.add(m);
            }
            System.out.println(ItemListOutput.json(Map.of("models", models)));
            return 0;
        }
        for (RecommenderProvider p : RecommenderRegistry.load().providers().values())
            System.out.printf("%-10s %s (savable: %s)%n", p.name(), p.description(), p.savable() ? "yes" : "no");
        return 0;
    }
}
