package io.genrec.data.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import io.genrec.data.Item;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads the LC-Rec / LETTER layout of an Amazon category (Zheng et al., ICDE 2024; Wang et al., CIKM 2024):
 * {@code NAME.inter.json} = {"user": [item, item, ...], ...} chronological sequences, and {@code NAME.item.json} =
 * {"item": {"title", "description", "brand", "categories"}, ...}. Timestamps are sequence positions (0, 1, 2, ...),
 * values 1. Items get title, categories (the comma separated path) and the text fields "description" and "brand".
 * Items without interactions are not added to the id space.
 */
public final class AmazonLcRecLoader {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String[] TEXT_FIELDS = {"description", "brand"};

    private AmazonLcRecLoader() { }

    /** Loads the single {@code *.inter.json} / {@code *.item.json} pair of a directory. */
    public static Dataset load(Path dir) {
        SourceDir d = SourceDir.existingDirectory(dir);
        return load(d, prefixIn(dir));
    }

    public static Dataset load(SourceDir dir, String prefix) {
        Source inter = dir.require(prefix + ".inter.json", "LC-Rec interactions");
        Source itemFile = dir.require(prefix + ".item.json", "LC-Rec item metadata");
        Dataset.Builder b = new Dataset.Builder(prefix);
        readInteractions(inter, b);
        Map<String, Item> items = readItems(itemFile);
        return b.build(ids -> Metadata.catalog(ids, items), null);
    }

    private static String prefixIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> prefixes = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".inter.json")).map(n -> n.substring(0, n.length() - ".inter.json".length()))
                    .sorted().toList();
            if (prefixes.size() != 1)
                throw new DataFormatException(dir, 0, null, "expected exactly one NAME.inter.json file, found " + prefixes);
            return prefixes.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static void readInteractions(Source s, Dataset.Builder b) {
        try (InputStream in = s.open(); JsonParser p = JSON.createParser(in)) {
            expect(s, p, p.nextToken(), JsonToken.START_OBJECT, null, "a JSON object {user: [items]}");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String user = p.currentName();
                if (b.userIndex(user) >= 0) throw error(s, p, "user " + user, "user appears twice");
                expect(s, p, p.nextToken(), JsonToken.START_ARRAY, "user " + user, "an array of item ids");
                int u = b.user(user);
                long pos = 0;
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_STRING)
                        throw error(s, p, "user " + user, "got " + describe(p, t) + ", expected an item id (integer or string)");
                    b.addIndexed(u, b.item(p.getText()), 1f, pos++);
                }
            }
            expect(s, p, p.currentToken(), JsonToken.END_OBJECT, null, "the end of the object");
        } catch (JsonProcessingException e) {
            throw jsonError(s, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + s.path(), e);
        }
    }

    private static Map<String, Item> readItems(Source s) {
        Map<String, Item> items = new HashMap<>();
        try (InputStream in = s.open(); JsonParser p = JSON.createParser(in)) {
            expect(s, p, p.nextToken(), JsonToken.START_OBJECT, null, "a JSON object {item: {title, description, brand, categories}}");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String id = p.currentName();
                expect(s, p, p.nextToken(), JsonToken.START_OBJECT, "item " + id, "an object with title, description, brand, categories");
                String title = "";
                List<String> categories = new ArrayList<>();
                Map<String, String> text = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken t = p.nextToken();
                    if (t == JsonToken.VALUE_NULL) continue;
                    if (t != JsonToken.VALUE_STRING)
                        throw error(s, p, "item " + id + "." + field, "got " + describe(p, t) + ", expected a string");
                    String value = p.getText().strip();
                    switch (field) {
                        case "title" -> title = value;
                        case "categories" -> {
                            for (String c : value.split(",")) if (!c.isBlank()) categories.add(c.strip());
                        }
                        default -> {
                            for (String f : TEXT_FIELDS) if (f.equals(field) && !value.isEmpty()) text.put(f, value);
                        }
                    }
                }
                if (items.putIfAbsent(id, new Item(id, title, categories, text, Map.of())) != null)
                    throw error(s, p, "item " + id, "item appears twice");
            }
            expect(s, p, p.currentToken(), JsonToken.END_OBJECT, null, "the end of the object");
        } catch (JsonProcessingException e) {
            throw jsonError(s, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + s.path(), e);
        }
        return items;
    }

    private static void expect(Source s, JsonParser p, JsonToken got, JsonToken want, String field, String expected) throws IOException {
        if (got != want) throw error(s, p, field, "got " + describe(p, got) + ", expected " + expected);
    }

    private static String describe(JsonParser p, JsonToken t) throws IOException {
        if (t == null) return "the end of the file";
        return t.isScalarValue() ? "'" + RecordReader.abbreviate(p.getText()) + "'" : t.asString() == null ? t.name() : "'" + t.asString() + "'";
    }

    private static DataFormatException error(Source s, JsonParser p, String field, String message) {
        return new DataFormatException(s.path(), p.currentLocation().getLineNr(), field, message);
    }

    private static DataFormatException jsonError(Source s, JsonProcessingException e) {
        long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        return new DataFormatException(s.path(), line, null, "malformed JSON: " + e.getOriginalMessage(), e);
    }
}
