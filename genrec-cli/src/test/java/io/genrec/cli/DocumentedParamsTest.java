package io.genrec.cli;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Params;
import io.genrec.model.ConfiguredProvider;
import io.genrec.model.RecommenderRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every {@code MODEL.KEY=VALUE} the README and docs/ (including docs/results/) show a user still binds, so renaming a
 * key to snake_case cannot silently break a documented command; old spellings bind with a deprecation warning.
 */
class DocumentedParamsTest {
    // not inside a longer dotted name: -Dgenrec.tiger.probe=N is a system property, not the model key tiger.probe
    private static final Pattern PARAM = Pattern.compile("(?<![.\\w])([a-z0-9]+)\\.([A-Za-z_]+)=([^\\s`|),;\"']+)");

    @Test
    void everyDocumentedParameterBinds() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> s = Files.walk(root.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).forEach(files::add);
        }
        RecommenderRegistry registry = RecommenderRegistry.load();
        var seen = new TreeSet<String>();
        List<String> failures = new ArrayList<>();
        for (Path f : files) for (String line : Files.readAllLines(f)) {
            // keys of one model on one line bind together: a conditional key (images=, only with item_init=fused) is
            // documented next to the key it needs
            Map<String, Map<String, String>> sameLine = new java.util.HashMap<>();
            Matcher all = PARAM.matcher(line);
            while (all.find()) sameLine.computeIfAbsent(all.group(1), k -> new java.util.HashMap<>()).putIfAbsent(all.group(2), all.group(3).split(",")[0]);
            Matcher m = PARAM.matcher(line);
            while (m.find()) {
                String model = m.group(1), key = m.group(2), value = m.group(3).split(",")[0];
                if (!registry.providers().containsKey(model) || !seen.add(model + "." + key + "=" + value)) continue;
                Map<String, String> params = new java.util.HashMap<>(sameLine.get(model));
                params.put(key, value);
                try {
                    registry.create(model, new Params(params, root.relativize(f).toString()));
                } catch (IllegalArgumentException e) {
                    failures.add(model + "." + key + "=" + value + " (" + root.relativize(f) + "): " + e.getMessage());
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        // the scan must have found the documented tuning examples, or it checks nothing
        assertTrue(seen.size() >= 20, "found only " + seen);
        assertTrue(seen.contains("sasrec.item_init=text") && seen.contains("als.regularization=10"), seen.toString());
    }

    @Test
    void everyConfiguredModelRoundTripsThroughItsParameters() {
        int checked = 0;
        for (var p : RecommenderRegistry.load().providers().values()) {
            if (!(p instanceof ConfiguredProvider<?> cp)) continue;
            Record defaults = cp.config(Params.empty());
            Map<String, String> written = ConfigBinder.toParams(defaults);
            assertEquals(defaults, cp.config(new Params(written, p.name() + " round trip")), p.name());
            // every written key is described; described keys not written are the inactive conditional ones
            for (var info : cp.parameters())
                assertTrue(written.containsKey(info.key()) || info.range().contains("only with"), p.name() + " " + info);
            assertTrue(cp.parameters().stream().map(i -> i.key()).toList().containsAll(written.keySet()), p.name());
            checked++;
        }
        assertTrue(checked >= 15, "only " + checked + " configured providers");
    }

    @Test
    void oldCamelCaseSpellingsStillBindWithOneWarning() {
        List<String> warned = new ArrayList<>();
        Consumer<String> old = ConfigBinder.warnings(warned::add);
        try {
            RecommenderRegistry registry = RecommenderRegistry.load();
            registry.create("als", new Params(Map.of("cgSteps", "4", "initStd", "0.02"), "--param als"));
            assertEquals(2, warned.size(), warned.toString());
            assertTrue(warned.get(0).contains("'cgSteps' is deprecated, use 'cg_steps'"), warned.toString());
        } finally {
            ConfigBinder.warnings(old);
        }
    }
}
