package io.genrec.cli;

import io.genrec.config.ParamInfo;
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
@Command(name = "models", mixinStandardHelpOptions = true, description = {"List the available models and whether a fitted one can be saved.",
        "Saving: eval --output, recommend --save."})
final class ModelsCommand implements Callable<Integer> {
    @Option(names = "--format", description = "table or json (default: ${DEFAULT-VALUE}).")
    EvalCommand.Format format = EvalCommand.Format.table;

    @Option(names = "--params", description = "Also list each model's parameters (--param MODEL.KEY=VALUE) with their defaults.")
    boolean params;

    @Override
    public Integer call() {
        if (format == EvalCommand.Format.json) {
            List<Map<String, Object>> models = new ArrayList<>();
            for (RecommenderProvider p : RecommenderRegistry.load().providers().values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", p.name());
                m.put("description", p.description());
                m.put("savable", p.savable());
                if (params) m.put("parameters", p.parameters());
                models.add(m);
            }
            System.out.println(ItemListOutput.json(Map.of("models", models)));
            return 0;
        }
        for (RecommenderProvider p : RecommenderRegistry.load().providers().values()) {
            System.out.printf("%-10s %s (savable: %s)%n", p.name(), p.description(), p.savable() ? "yes" : "no");
            if (params) for (ParamInfo i : p.parameters())
                System.out.printf("    %s=%s  (%s%s%s)%s%n", i.key(), i.defaultValue(), i.type(), i.range().isEmpty() ? "" : ", " + i.range(),
                        i.aliases().isEmpty() ? "" : ", deprecated: " + String.join(", ", i.aliases()), i.doc().isEmpty() ? "" : " " + i.doc());
        }
        return 0;
    }
}
