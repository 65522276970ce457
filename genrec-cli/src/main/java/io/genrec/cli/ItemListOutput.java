package io.genrec.cli;

import io.genrec.data.Item;
import io.genrec.util.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one shape of an item list on stdout, shared by {@code recommend}, {@code recommend --continue}, {@code search}
 * (and any command that lists items): every item is {@code rank, item, title, score} followed by command-specific
 * extras (e.g. {@code categories}, {@code explanation}), in JSON and in the table alike.
 */
final class ItemListOutput {
    private ItemListOutput() { }

    /**
     * One listed item.
     *
     * @param score  the model's score, or null when there is none per item (a continuation has one log-probability)
     * @param extras further fields, in order, after the four fixed ones
     */
    record Row(int rank, String item, String title, Float score, Map<String, Object> extras) {
        Row {
            extras = extras == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extras);
        }

        static Row of(int rank, Item item, Float score) { return new Row(rank, item.id(), item.title(), score, null); }

        /** A copy with one more extra field. */
        Row with(String key, Object value) {
            Map<String, Object> e = new LinkedHashMap<>(extras);
            e.put(key, value);
            return new Row(rank, item, title, score, e);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rank", rank);
            m.put("item", item);
            m.put("title", title);
            m.put("score", score);
            m.putAll(extras);
            return m;
        }
    }

    /** The rows as JSON-ready maps. */
    static List<Map<String, Object>> maps(List<Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Row r : rows) out.add(r.toMap());
        return out;
    }

    /** One JSON document: the header fields, then {@code listKey} holding the rows. */
    static String json(Map<String, Object> header, String listKey, List<Row> rows) {
        Map<String, Object> doc = new LinkedHashMap<>(header);
        doc.put(listKey, maps(rows));
        return json(doc);
    }

    static String json(Object doc) {
        try {
            return Json.MAPPER.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows as aligned lines: rank, item id, title, score, then the extras (lists joined with '|'). */
    static void printTable(PrintStream out, List<Row> rows) {
        int idWidth = 4;
        for (Row r : rows) idWidth = Math.max(idWidth, r.item().length());
        for (Row r : rows) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%3d. %-" + idWidth + "s  %-60s", r.rank(), r.item(), r.title()));
            if (r.score() != null) sb.append(String.format(Locale.ROOT, " %.4f", r.score()));
            for (Object v : r.extras().values()) {
                String s = v instanceof List<?> l ? String.join("|", l.stream().map(String::valueOf).toList()) : String.valueOf(v);
                if (!s.isEmpty()) sb.append("  ").append(s);
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
