package io.genrec.llm.dense;

import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal reader of ml-latest-small's movies.csv and tags.csv for the benchmarks (the real loaders live in the data
 * module): items with title, genres as categories, the distinct user tags as the text field {@code tags}, and the
 * year parsed from the title as attribute {@code year}. No interactions.
 */
final class MovieLensSmallText {
    /**
     * The data directory: {@code shared/data/ml-latest-small} in the nearest ancestor of the working directory that
     * has it ({@code ../../shared} from the module in the main checkout and CI; further up from a worktree).
     */
    static final Path DIR = locate();
    private static final Pattern YEAR = Pattern.compile("\\((\\d{4})\\)\\s*$");

    private MovieLensSmallText() { }

    private static Path locate() {
        Path rel = Path.of("shared", "data", "ml-latest-small");
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent())
            if (Files.isDirectory(p.resolve(rel))) return p.resolve(rel);
        return Path.of("..", "..").resolve(rel);
    }

    static Dataset load(Path dir) throws IOException {
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        Path tagFile = dir.resolve("tags.csv");
        List<String> tagLines = Files.readAllLines(tagFile);
        for (int n = 1; n < tagLines.size(); n++) {
            List<String> f = csv(tagLines.get(n), tagFile, n + 1, 4);
            tags.computeIfAbsent(f.get(1), k -> new LinkedHashSet<>()).add(f.get(2).trim().toLowerCase());
        }
        Path movieFile = dir.resolve("movies.csv");
        List<String> lines = Files.readAllLines(movieFile);
        Dataset.Builder b = new Dataset.Builder("ml-latest-small-catalog");
        Map<String, Item> items = new LinkedHashMap<>();
        for (int n = 1; n < lines.size(); n++) {
            List<String> f = csv(lines.get(n), movieFile, n + 1, 3);
            String id = f.get(0), title = f.get(1).trim();
            List<String> genres = new ArrayList<>();
            for (String g : f.get(2).split("\\|")) if (!g.isBlank() && !g.equals("(no genres listed)")) genres.add(g);
            Matcher m = YEAR.matcher(title);
            Map<String, String> attributes = m.find() ? Map.of("year", m.group(1)) : Map.of();
            Set<String> t = tags.get(id);
            Map<String, String> text = t == null ? Map.of() : Map.of("tags", String.join(", ", t));
            b.item(id);
            items.put(id, new Item(id, title, genres, text, attributes));
        }
        return b.build(ids -> {
            Item[] meta = new Item[ids.size()];
            for (int i = 0; i < meta.length; i++) meta[i] = items.get(ids.externalId(i));
            return new ItemCatalog(meta);
        }, null);
    }

    /** Splits one CSV line with double-quote escaping; a wrong field count is an error naming file and line. */
    static List<String> csv(String line, Path file, long lineNo, int fields) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { cur.append('"'); i++; }
                else if (c == '"') quoted = false;
                else cur.append(c);
            } else if (c == '"') quoted = true;
            else if (c == ',') { out.add(cur.toString()); cur.setLength(0); }
            else cur.append(c);
        }
        out.add(cur.toString());
        if (out.size() != fields || quoted)
            throw new DataFormatException(file, lineNo, null, "expected " + fields + " fields, got " + out.size() + (quoted ? " (unclosed quote)" : ""));
        return out;
    }
}
