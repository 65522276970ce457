package io.genrec.data.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import io.genrec.data.Item;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Item text for a sequence file ({@code sequences:FILE?items=ITEMS.jsonl}): one JSON object per line keyed by
 * {@code asin} (or {@code id}), with optional {@code title}, {@code categories} (a list of strings or of category
 * paths, each path joined with " > "), {@code brand} (kept as the {@code brand} attribute) and {@code description}
 * (kept as text). This is the layout of {@code ../shared/data/amazon-5core-item-text-beauty-toys/*}{@code /items.jsonl}.
 * Items of the interactions missing from the file stay bare; lines for items not in the interactions are ignored.
 * A title flagged {@code title_placeholder} (an invented {@code title_<n>}) is dropped so it never counts as text.
 */
public final class JsonlItemLoader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonlItemLoader() { }

    /** {@code data} with the catalogue rows of {@code file}. */
    public static Dataset attach(Dataset data, Path file) {
        return data.withCatalog(Metadata.catalog(data.itemIds(), read(file)));
    }

    static Map<String, Item> read(Path file) {
        Map<String, Item> out = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                JsonNode o;
                try {
                    o = JSON.readTree(line);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new DataFormatException(file, n, "line", "not a JSON object: " + e.getOriginalMessage());
                }
                if (o == null || !o.isObject()) throw new DataFormatException(file, n, "line", "expected a JSON object per line");
                JsonNode id = o.has("asin") ? o.get("asin") : o.get("id");
                if (id == null || !id.isValueNode() || id.asText().isEmpty())
                    throw new DataFormatException(file, n, "asin", "missing: each line needs an \"asin\" (or \"id\") string");
                String title = o.path("title").isTextual() && !o.path("title_placeholder").asBoolean(false) ? o.get("title").asText() : "";
                List<String> categories = new ArrayList<>();
                JsonNode cats = o.path("categories");
                if (!cats.isMissingNode() && !cats.isNull() && !cats.isArray())
                    throw new DataFormatException(file, n, "categories", "expected a list, got " + cats.getNodeType());
                for (JsonNode c : cats) {
                    if (c.isArray()) {
                        List<String> path = new ArrayList<>();
                        c.forEach(p -> path.add(p.asText()));
                        categories.add(String.join(" > ", path));
                    } else categories.add(c.asText());
                }
                Map<String, String> attributes = new HashMap<>();
                if (o.path("brand").isTextual() && !o.get("brand").asText().isBlank()) attributes.put("brand", o.get("brand").asText());
                Map<String, String> text = new HashMap<>();
                if (o.path("description").isTextual() && !o.get("description").asText().isBlank()) text.put("description", o.get("description").asText());
                if (out.put(id.asText(), new Item(id.asText(), title, categories, text, attributes)) != null)
                    throw new DataFormatException(file, n, "asin", "item '" + id.asText() + "' appears on an earlier line");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read item file " + file.toAbsolutePath(), e);
        }
        return out;
    }
}
