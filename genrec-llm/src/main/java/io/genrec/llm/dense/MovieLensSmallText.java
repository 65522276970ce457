package io.genrec.llm.dense;

import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
    /** The MovieLens latest-small copy bundled on genrec-core's class path (identical to shared/data's). */
    static final String BUNDLED = "/io/genrec/data/bundled/ml-latest-small/";
    private static final Pattern YEAR = Pattern.compile("\\((\\d{4})\\)\\s*$");

    private MovieLensSmallText() { }

    /** The bundled copy, read from the class path, so callers never depend on a data folder being present. */
    static Dataset loadBundled() throws IOException {
        return load(name -> {
            try (InputStream in = MovieLensSmallText.class.getResourceAsStream(BUNDLED + name)) {
                if (in == null) throw new IOException("bundled " + BUNDLED + name + " missing from the class path");
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
        }, name -> Path.of("classpath:" + BUNDLED + name));
    }

    interface Lines { List<String> read(String name) throws IOException; }

    private static Dataset load(Lines files, java.util.function.Function<String, Path> where) throws IOException {
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        Path tagFile = where.apply("tags.csv");
        List<String> tagLines = files.read("tags.csv");
        for (int n = 1; n < tagLines.size(); n++) {
            List<String> f = csv(tagLines.get(n), tagFile, n + 1, 4);
            tags.computeIfAbsent(f.get(1), k -> new LinkedHashSet<>()).add(f.get(2).trim().toLowerCase());
        }
        Path movieFile = where.apply("movies.csv");
        List<String> lines = files.read("movies.csv");
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
